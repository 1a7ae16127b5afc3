import Pipewright

/// A program of its own that writes a fixed set of workflows into a repository and keeps them current, the
/// way `pipewright generate` does for a config: the same header, the same `--check` with a diff, the same
/// atomic writes that refuse to replace a hand edit. `pipewright-self` is one.
package struct WorkflowFilesProgram: Sendable {
    /// The program's grammar and help; its name starts with `pipewright-` (``CommandSpec/invocation(of:)``).
    package let spec: CommandSpec
    /// What the headers name as the place to edit, e.g. `Sources/PipewrightSelf`.
    package let source: String
    /// The command the headers and messages name to regenerate, e.g. `swift run pipewright-self`.
    package let command: String
    /// A file the repository root must hold, so the workflows are never written into another repository.
    package let marker: String
    /// The workflows, lowered.
    package let workflows: @Sendable () -> [GeneratedWorkflow]

    package init(spec: CommandSpec, source: String, command: String, marker: String,
                 workflows: @escaping @Sendable () -> [GeneratedWorkflow]) {
        self.spec = spec
        self.source = source
        self.command = command
        self.marker = marker
        self.workflows = workflows
    }

    /// The options every such program takes.
    package static let options: [OptionSpec] = [
        .value("--directory", "DIR", "The repository root the workflows belong to (default: the current folder)."),
        .flag("--check", "Write nothing; exit 1 with a unified diff when a committed workflow is stale."),
        .flag("--force", "Overwrite workflows that were edited by hand or not written by Pipewright."),
    ]

    /// The workflows rendered with the generated-file header, validated against GitHub's rules.
    package func render() throws(GenerationError) -> [RenderedFile] {
        let generator = Generator(source: source, command: command)
        return try workflows().map { workflow throws(GenerationError) in try generator.render(workflow) }
    }

    /// Runs one command line (without the program name) and returns the exit code.
    package func run(_ arguments: [String], console: any Console, currentDirectory: String) -> Int32 {
        let parsed: ParsedArguments
        do {
            parsed = try parseArguments(arguments, for: spec)
        } catch {
            console.err("error: \(error)\n")
            return ExitCode.usage.rawValue
        }
        if parsed.has("--help") {
            console.out(spec.help)
            return ExitCode.ok.rawValue
        }
        do {
            return try run(parsed, console: console, currentDirectory: currentDirectory).rawValue
        } catch {
            console.err("error: " + error.message + "\n")
            return error.code.rawValue
        }
    }

    private func run(_ arguments: ParsedArguments, console: any Console, currentDirectory: String) throws(CommandFailure) -> ExitCode {
        let workspace = PipewrightTool(console: console, currentDirectory: currentDirectory).workspace(arguments["--directory"])
        guard workspace.has(marker, directory: false) else {
            throw .invalidInput("\(workspace.root) has no \(marker), so it is not the repository these workflows belong to; nothing was written. Run \(spec.name) from the repository's root, or pass --directory DIR.")
        }
        let files: [RenderedFile]
        do {
            files = try render()
        } catch {
            throw .invalidInput("the workflows break GitHub's rules; nothing was written:\n" + error.description)
        }
        let orphans = workspace.generatedWorkflows(from: source).filter { path in !files.contains { $0.path == path } }
        let sync = GeneratedFileSync(console: console, workspace: workspace, command: command, definition: source, force: arguments.has("--force"))
        if arguments.has("--check") { return try sync.check(files, orphans: orphans, source: source) }
        return try sync.write(files, removing: orphans)
    }
}
