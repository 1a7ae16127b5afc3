import Testing
@testable import PipewrightCommands

@Suite struct ArgumentParserTests {
    static let spec = CommandSpec(name: "generate", summary: "s", arguments: ["NAME?"], options: [
        .value("--config", "FILE", "c"), .flag("--check", "k"), .flag("--force", "f"),
    ])

    @Test func readsValuesFlagsAndPositionals() throws {
        let parsed = try parseArguments(["--config", "a.json", "--check", "x"], for: Self.spec)
        #expect(parsed["--config"] == "a.json")
        #expect(parsed.has("--check"))
        #expect(!parsed.has("--force"))
        #expect(parsed.positionals == ["x"])
    }

    @Test func readsInlineValuesAndStopsAtDoubleDash() throws {
        let parsed = try parseArguments(["--config=b.json", "--", "--check"], for: Self.spec)
        #expect(parsed["--config"] == "b.json")
        #expect(parsed.positionals == ["--check"])
        #expect(!parsed.has("--check"))
    }

    @Test(arguments: [
        (["--chek"], "unknown option '--chek' for 'generate' — did you mean '--check'? (see 'pipewright generate --help')"),
        (["--confg", "x"], "unknown option '--confg' for 'generate' — did you mean '--config'? (see 'pipewright generate --help')"),
        (["--zzzzzzzz"], "unknown option '--zzzzzzzz' for 'generate' (see 'pipewright generate --help')"),
        (["--config"], "option '--config' needs a value: --config FILE"),
        (["--config", "--check"], "option '--config' needs a value: --config FILE"),
        (["--check=yes"], "option '--check' is a flag and takes no value"),
        (["--config", "a", "--config", "b"], "option '--config' is given more than once"),
        (["a", "b"], "unexpected argument 'b' for 'generate' (see 'pipewright generate --help')"),
    ])
    func rejectsWithAMessageNamingTheFix(arguments: [String], message: String) {
        #expect(throws: UsageError.self) { try parseArguments(arguments, for: Self.spec) }
        do {
            _ = try parseArguments(arguments, for: Self.spec)
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func helpListsEveryOption() {
        let help = Self.spec.help
        #expect(help.contains("Usage: pipewright generate [--config FILE] [--check] [--force] [NAME]"))
        for option in ["--config FILE", "--check", "--force", "--help"] { #expect(help.contains(option)) }
    }
}
