import Pipewright

/// The `pipewright` command line: parses argv, dispatches to a command, maps outcomes to exit codes.
public struct PipewrightTool {
    /// The version `--version` prints.
    public static let version = "0.1.0"

    package let console: any Console
    let currentDirectory: String

    /// Creates the tool for a console and a working folder.
    public init(console: any Console, currentDirectory: String) {
        self.console = console
        self.currentDirectory = currentDirectory
    }

    /// Runs one command line (without the program name) and returns the exit code.
    public func run(_ arguments: [String]) -> Int32 {
        guard let first = arguments.first else {
            console.out(Self.overview)
            return ExitCode.ok.rawValue
        }
        switch first {
        case "--help", "-h":
            console.out(Self.overview)
            return ExitCode.ok.rawValue
        case "--version":
            console.out("pipewright \(Self.version)\n")
            return ExitCode.ok.rawValue
        case "help":
            guard arguments.count > 1 else { console.out(Self.overview); return ExitCode.ok.rawValue }
            guard let command = Self.commands.first(where: { $0.spec.name == arguments[1] }) else {
                return usageFailure(.unknownCommand(arguments[1], suggestion: Suggestion.closest(to: arguments[1], in: Self.commands.map(\.spec.name))))
            }
            console.out(command.spec.help)
            return ExitCode.ok.rawValue
        default:
            break
        }
        guard let command = Self.commands.first(where: { $0.spec.name == first }) else {
            return usageFailure(.unknownCommand(first, suggestion: Suggestion.closest(to: first, in: Self.commands.map(\.spec.name))))
        }
        let parsed: ParsedArguments
        do {
            parsed = try parseArguments(Array(arguments.dropFirst()), for: command.spec)
        } catch {
            return usageFailure(error)
        }
        if parsed.has("--help") {
            console.out(command.spec.help)
            return ExitCode.ok.rawValue
        }
        do {
            return try command.run(parsed, self).rawValue
        } catch let failure as CommandFailure {
            console.err("error: " + failure.message + "\n")
            return failure.code.rawValue
        } catch let usage as UsageError {
            return usageFailure(usage)
        } catch {
            console.err("error: \(error)\n")
            return ExitCode.invalidInput.rawValue
        }
    }

    private func usageFailure(_ error: UsageError) -> Int32 {
        console.err("error: \(error)\n")
        return ExitCode.usage.rawValue
    }

    /// A command: its grammar and what it does.
    package struct Command: Sendable {
        package typealias Run = @Sendable (ParsedArguments, PipewrightTool) throws -> ExitCode
        let spec: CommandSpec
        let run: Run
    }

    static let commands: [Command] = [
        Command(spec: InitCommand.spec, run: { try InitCommand(tool: $1, arguments: $0).run() }),
        Command(spec: GenerateCommand.spec, run: { try GenerateCommand(tool: $1, arguments: $0).run() }),
        Command(spec: BlueprintsCommand.spec, run: { try BlueprintsCommand(tool: $1, arguments: $0).run() }),
        Command(spec: AuditCommand.spec, run: { try AuditCommand(tool: $1, arguments: $0).run() }),
        Command(spec: ExplainCommand.spec, run: { try ExplainCommand(tool: $1, arguments: $0).run() }),
        Command(spec: BootstrapCommand.spec, run: { try BootstrapCommand(tool: $1, arguments: $0).run() }),
        Command(spec: PinsCommand.spec, run: { try PinsCommand(tool: $1, arguments: $0).run() }),
        Command(spec: GraphCommand.spec, run: { try GraphCommand(tool: $1, arguments: $0).run() }),
        Command(spec: RunLocalCommand.spec, run: { try RunLocalCommand(tool: $1, arguments: $0).run() }),
        Command(spec: SchemaCommand.spec, run: { SchemaCommand(tool: $1, arguments: $0).run() }),
    ]

    static var overview: String {
        var text = """
        pipewright \(version) — hardened GitHub Actions pipelines for AWS, from one description.

        Usage: pipewright COMMAND [OPTIONS]

        Commands:

        """
        let width = (commands.map(\.spec.name.count).max() ?? 0) + 2
        for command in commands {
            text += "  " + command.spec.name + String(repeating: " ", count: width - command.spec.name.count) + command.spec.summary + "\n"
        }
        text += """

        Run 'pipewright help COMMAND' or 'pipewright COMMAND --help' for a command's options.
        Exit codes: 0 ok, 1 findings or stale output, 2 invalid input, 64 usage, 73 cannot write.

        """
        return text
    }

    package func workspace(_ directory: String?) -> Workspace {
        guard let directory else { return Workspace(root: currentDirectory) }
        return Workspace(root: directory.hasPrefix("/") ? directory : currentDirectory + "/" + directory)
    }
}
