import Pipewright

/// `pipewright generate`: renders every workflow from the config, or checks that the committed ones are current.
struct GenerateCommand {
    static let spec = CommandSpec(
        name: "generate",
        summary: "Render the workflows from pipewright.json (or check they are current).",
        options: [
            .value("--config", "FILE", "The pipeline config (default: pipewright.json in --directory)."),
            .value("--policy", "FILE", "Organization policy (default: pipewright-policy.json, else the config's policy section)."),
            .value("--directory", "DIR", "Repository root the workflows belong to (default: the current folder)."),
            .flag("--check", "Write nothing; exit 1 with a unified diff when committed workflows are stale."),
            .flag("--stdout", "Print the workflows instead of writing them."),
            .flag("--force", "Overwrite workflows that were edited by hand or not written by Pipewright."),
        ],
        discussion: """
        Use 'pipewright generate --check' as a CI step or pre-commit hook: it fails when a workflow was edited
        by hand or the config changed without regenerating.
        """
    )

    let tool: PipewrightTool
    let arguments: ParsedArguments

    func run() throws(CommandFailure) -> ExitCode {
        let workspace = tool.workspace(arguments["--directory"])
        let configPath = arguments["--config"] ?? ConfigFile.defaultName
        let config = try ConfigFile.load(configPath, policyFile: arguments["--policy"], in: workspace)
        guard arguments.has("--stdout") || arguments.has("--check") else {
            return try write(Generator(policy: config.policy, source: configPath), config.pipeline, in: workspace)
        }
        let files = try ConfigFile.render(config.pipeline, policy: config.policy, source: configPath)

        if arguments.has("--stdout") {
            for file in files {
                tool.console.out("# --- \(file.path)\n" + file.contents)
            }
            return .ok
        }
        return try check(files, in: workspace)
    }

    private func check(_ files: [RenderedFile], in workspace: Workspace) throws(CommandFailure) -> ExitCode {
        var stale: [String] = []
        for file in files {
            let current = try workspace.read(file.path)
            if let current, file.hasContents(current) { continue }
            stale.append(file.path)
            if let current {
                tool.console.out(UnifiedDiff.diff(old: current, new: file.contents, oldName: "a/" + file.path, newName: "b/" + file.path))
            } else {
                tool.console.out(UnifiedDiff.diff(old: "", new: file.contents, oldName: "/dev/null", newName: "b/" + file.path))
            }
        }
        if stale.isEmpty {
            tool.console.err("\(files.count) workflow\(files.count == 1 ? "" : "s") up to date.\n")
            return .ok
        }
        tool.console.err("\(stale.count) of \(files.count) workflows are stale: \(stale.joined(separator: ", ")). Run 'pipewright generate' to update them.\n")
        return .findings
    }

    /// Renders straight into temporary files, then decides which replace their targets: any refusal, or
    /// any failure, leaves every file as it was.
    private func write(_ generator: Generator, _ pipeline: Pipeline, in workspace: Workspace) throws(CommandFailure) -> ExitCode {
        var stream = WorkflowFileStream(workspace: workspace)
        defer { stream.discard() }
        do {
            try generator.stream(pipeline, into: &stream)
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw .invalidInput("the lowered workflows are invalid (a bug in Pipewright; please report it):\n\(error)")
        }
        var refusals: [String] = []
        for file in stream.files where file.existed && !file.unchanged {
            switch try workspace.provenance(of: file.path) {
            case .generated: continue
            case .editedByHand where arguments.has("--force"), .foreign where arguments.has("--force"): continue
            case .editedByHand: refusals.append("\(file.path) was edited by hand since it was generated")
            case .foreign: refusals.append("\(file.path) was not written by Pipewright")
            }
        }
        if !refusals.isEmpty {
            throw .invalidInput(refusals.joined(separator: "\n       ") + "\nNothing was written. Move your edits into the config, or pass --force to overwrite.")
        }
        var written = 0
        for index in stream.files.indices where !stream.files[index].unchanged {
            try stream.commit(index, with: workspace.writer)
            tool.console.out("wrote \(stream.files[index].path)\n")
            written += 1
        }
        tool.console.err("\(written) written, \(stream.files.count - written) unchanged.\n")
        return .ok
    }
}
