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
        let files = try ConfigFile.render(config.pipeline, policy: config.policy, source: configPath)
        guard arguments.has("--stdout") || arguments.has("--check") else {
            return try write(files, in: workspace)
        }

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
            if let current, current.utf8.elementsEqual(file.contents.utf8) { continue }
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

    /// Decides every file before touching any: a refusal leaves every file as it was. Each file is then
    /// replaced atomically.
    private func write(_ files: [RenderedFile], in workspace: Workspace) throws(CommandFailure) -> ExitCode {
        var changed: [RenderedFile] = []
        var refusals: [String] = []
        for file in files {
            try workspace.checkStaysInside(file.path)
            // A file that is there but cannot be read stops the run here, saying why, rather than being replaced unasked.
            guard let current = try workspace.read(file.path) else {
                changed.append(file)
                continue
            }
            if current.utf8.elementsEqual(file.contents.utf8) { continue }
            changed.append(file)
            guard !arguments.has("--force") else { continue }
            switch GeneratedHeader.provenance(of: current) {
            case .generated: continue
            case .editedByHand: refusals.append("\(file.path) was edited by hand since it was generated")
            case .foreign: refusals.append("\(file.path) was not written by Pipewright")
            }
        }
        if !refusals.isEmpty {
            throw .invalidInput(refusals.joined(separator: "\n       ") + "\nNothing was written. Move your edits into the config, or pass --force to overwrite.")
        }
        for file in changed {
            try workspace.write(file.contents, to: file.path)
            tool.console.out("wrote \(file.path)\n")
        }
        tool.console.err("\(changed.count) written, \(files.count - changed.count) unchanged.\n")
        return .ok
    }
}
