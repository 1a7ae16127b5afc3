#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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
        if arguments.has("--check") { return try check(files, orphans: orphans, source: source, in: workspace) }
        return try write(files, removing: orphans, in: workspace)
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

    private func check(_ files: [RenderedFile], orphans: [String], source: String, in workspace: Workspace) throws(CommandFailure) -> ExitCode {
        var stale: [String] = []
        var editedByHand: [String] = []
        for file in files {
            let current = try workspace.read(file.path)
            if let current, Self.sameBytes(current, file.contents) { continue }
            stale.append(file.path)
            if let current {
                if GeneratedHeader.provenance(of: current) != .generated { editedByHand.append(file.path) }
                tool.console.out(UnifiedDiff.diff(old: current, new: file.contents, oldName: "a/" + file.path, newName: "b/" + file.path))
            } else {
                tool.console.out(UnifiedDiff.diff(old: "", new: file.contents, oldName: "/dev/null", newName: "b/" + file.path))
            }
        }
        for orphan in orphans {
            if let current = try workspace.read(orphan), GeneratedHeader.provenance(of: current) != .generated { editedByHand.append(orphan) }
        }
        if stale.isEmpty && orphans.isEmpty {
            tool.console.err("\(files.count) workflow\(files.count == 1 ? "" : "s") up to date.\n")
            return .ok
        }
        if !stale.isEmpty {
            tool.console.err("\(stale.count) of \(files.count) workflows are stale: \(stale.joined(separator: ", ")).\n")
        }
        if !orphans.isEmpty {
            tool.console.err("\(orphans.joined(separator: ", ")) \(orphans.count == 1 ? "was" : "were") generated from \(source) but it no longer produces \(orphans.count == 1 ? "it" : "them") (a renamed or removed pipeline); 'pipewright generate' removes \(orphans.count == 1 ? "it" : "them").\n")
        }
        if editedByHand.isEmpty {
            tool.console.err("Run 'pipewright generate' to update them.\n")
        } else {
            tool.console.err("\(editedByHand.joined(separator: ", ")) \(editedByHand.count == 1 ? "was" : "were") edited by hand: move the edits into the config, then run 'pipewright generate --force' to overwrite \(editedByHand.count == 1 ? "it" : "them").\n")
        }
        return .findings
    }

    /// Decides every file before touching any: a refusal leaves every file as it was. Each file is then
    /// replaced atomically, and the workflows this config no longer produces are removed.
    private func write(_ files: [RenderedFile], removing orphans: [String], in workspace: Workspace) throws(CommandFailure) -> ExitCode {
        var changed: [RenderedFile] = []
        var refusals: [String] = []
        func mayReplace(_ path: String, _ current: String, _ edited: String) {
            guard !arguments.has("--force") else { return }
            switch GeneratedHeader.provenance(of: current) {
            case .generated: break
            case .editedByHand: refusals.append("\(path) was edited by hand since it was generated\(edited)")
            case .foreign: refusals.append("\(path) was not written by Pipewright")
            }
        }
        for file in files {
            try workspace.checkStaysInside(file.path)
            // A file that is there but cannot be read stops the run here, saying why, rather than being replaced unasked.
            guard let current = try workspace.read(file.path) else {
                changed.append(file)
                continue
            }
            if Self.sameBytes(current, file.contents) { continue }
            changed.append(file)
            mayReplace(file.path, current, "")
        }
        for orphan in orphans {
            if let current = try workspace.read(orphan) { mayReplace(orphan, current, ", and the config no longer produces it") }
        }
        if !refusals.isEmpty {
            throw .invalidInput(refusals.joined(separator: "\n       ") + "\nNothing was written. Move your edits into the config, or pass --force to overwrite.")
        }
        for file in changed {
            try workspace.write(file.contents, to: file.path)
            tool.console.out("wrote \(file.path)\n")
        }
        for orphan in orphans {
            try workspace.remove(orphan)
            tool.console.out("removed \(orphan) (the config no longer produces it)\n")
        }
        tool.console.err("\(changed.count) written, \(files.count - changed.count) unchanged\(orphans.isEmpty ? "" : ", \(orphans.count) removed").\n")
        return .ok
    }

    /// Whether two texts are the same bytes: `==` on strings compares canonical equivalence, and going
    /// through `utf8` element by element cost more than rendering the workflows.
    static func sameBytes(_ first: String, _ second: String) -> Bool {
        var (first, second) = (first, second)
        return first.withUTF8 { one in
            second.withUTF8 { other in
                one.count == other.count && (one.isEmpty || memcmp(one.baseAddress!, other.baseAddress!, one.count) == 0)
            }
        }
    }
}
