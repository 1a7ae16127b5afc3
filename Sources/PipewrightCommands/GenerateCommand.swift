import Pipewright

/// `pipewright generate`: renders every workflow from the config, or checks that the committed ones are current.
struct GenerateCommand {
    static let spec = CommandSpec(
        name: "generate",
        summary: "Render the workflows from pipewright.json (or check they are current).",
        options: [
            .value("--config", "FILE", "The pipeline config (default: pipewright.json in --directory)."),
            .value("--policy", "FILE", "Organization policy; only the one the config records as policy.extends (see 'pipewright init --policy')."),
            .value("--directory", "DIR", "Repository root the workflows belong to (default: the current folder)."),
            .flag("--check", "Write nothing; exit 1 with a unified diff when committed workflows are stale."),
            .flag("--stdout", "Print the workflows instead of writing them."),
            .flag("--force", "Overwrite workflows that were edited by hand or not written by Pipewright."),
        ],
        discussion: """
        Use 'pipewright generate --check' as a CI step or pre-commit hook: it fails when a workflow was edited
        by hand or the config changed without regenerating. The policy is the config's policy section, the
        file its "extends" names and pipewright-policy.json beside it, merged with the stricter value winning.
        """
    )

    let tool: PipewrightTool
    let arguments: ParsedArguments

    func run() throws(CommandFailure) -> ExitCode {
        let workspace = tool.workspace(arguments["--directory"])
        let configPath = arguments["--config"] ?? ConfigFile.defaultName
        let config = try ConfigFile.load(configPath, policyFile: arguments["--policy"], in: workspace)
        // A policy the config does not record would be dropped by the next plain 'pipewright generate'.
        if let unrecorded = config.unrecordedPolicy { throw .invalidInput(unrecorded + " Nothing was written.") }
        try Self.checkInputs(of: config.pipeline, configPath: configPath, in: workspace)
        // Headers name the config as the repository sees it, and the exact command that regenerates: the
        // config records its policy, so the command needs no --policy.
        let source = workspace.relative(configPath)
        var command = "pipewright generate"
        if source != ConfigFile.defaultName { command += " --config " + source }
        let (files, warnings) = try ConfigFile.render(config.pipeline, policy: config.policy, source: source, command: command, text: config.text)
        if !warnings.isEmpty { tool.console.err("\(source) has policy warnings:\n" + warnings.joined(separator: "\n") + "\n") }
        let orphans = workspace.generatedWorkflows(from: source).filter { path in !files.contains { $0.path == path } }

        if arguments.has("--stdout") {
            for file in files {
                tool.console.out("# --- \(file.path)\n" + file.contents)
            }
            return .ok
        }
        // Messages name the plain command: the headers name the one with --config.
        let sync = GeneratedFileSync(console: tool.console, workspace: workspace, command: "pipewright generate",
                                     definition: "the config", force: arguments.has("--force"))
        if arguments.has("--check") { return try sync.check(files, orphans: orphans, source: source) }
        return try sync.write(files, removing: orphans)
    }

    /// A template, Dockerfile or CDK app the config names but the repository lacks would fail the first run's
    /// build: an input error, reported before anything is written.
    static func checkInputs(of pipeline: Pipeline, configPath: String, in workspace: Workspace) throws(CommandFailure) {
        let missing = pipeline.inputs.filter { !workspace.has($0.path, directory: $0.isDirectory) }
        guard !missing.isEmpty else { return }
        let config = workspace.relative(configPath)
        let lines = missing.map { input in
            "\(config): \(input.field): \(input.path) is not \(input.isDirectory ? "a folder" : "a file") in \(workspace.root); expected \(input.description). Create it, or set \(input.field) to where it is."
        }
        throw .invalidInput(lines.joined(separator: "\n") + "\nNothing was written.")
    }
}
