import Pipewright

/// `pipewright audit`: runs every rule over the workflow files as they are on disk, checks the pipeline against
/// the policy, and reports each generated workflow that is not what the config renders now.
struct AuditCommand {
    static let spec = CommandSpec(
        name: "audit",
        summary: "Check the committed workflows, generated and hand-written, and the pipeline against every rule and the policy.",
        arguments: ["PATH...?"],
        options: [
            .value("--config", "FILE", "The pipeline config (default: pipewright.json in --directory, when there is one)."),
            .value("--policy", "FILE", "Also check against this policy, merged with the config's (policy section, its extends, pipewright-policy.json)."),
            .value("--format", "text|json|sarif", "Output format (default: text). SARIF 2.1.0 is accepted by GitHub code scanning."),
            .value("--directory", "DIR", "Repository root (default: the current folder)."),
        ],
        discussion: """
        Without PATH: every *.yml and *.yaml file in .github/workflows/, generated or hand-written, as it is on
        disk; the pipeline in the config, when there is one; and each workflow the config generates, which must be
        exactly what 'pipewright generate' writes today (PW025: stale or edited by hand). With PATHs (workflow
        files, or folders whose *.yml and *.yaml files are read): only those files, under the config's policy.
        Findings name the file, line and column. Exits 1 when any finding has error severity, 2 when a file cannot
        be read or is not valid YAML or not a workflow (naming the file, line and column).
        'pipewright explain RULE' says what a rule checks and why.
        """
    )

    let tool: PipewrightTool
    let arguments: ParsedArguments

    func run() throws(CommandFailure) -> ExitCode {
        let formatName = arguments["--format"] ?? "text"
        guard let format = AuditFormat(rawValue: formatName) else {
            let names = AuditFormat.allCases.map(\.rawValue)
            let hint = Suggestion.closest(to: formatName, in: names).map { " — did you mean \"\($0)\"?" } ?? ""
            throw .invalidInput("--format: \"\(formatName)\" is not one of \(names.joined(separator: ", "))\(hint)")
        }
        let workspace = tool.workspace(arguments["--directory"])
        let configPath = arguments["--config"] ?? ConfigFile.defaultName
        let paths = arguments.positionals
        let files = paths.isEmpty ? workspace.workflowFiles(in: Workspace.workflowsFolder) : try Self.expand(paths, in: workspace)

        var pipelineFindings: [Diagnostic] = []
        var freshness: [Diagnostic] = []
        let policy: Policy
        if arguments["--config"] != nil || workspace.exists(configPath) || files.isEmpty {
            let config = try ConfigFile.load(configPath, policyFile: arguments["--policy"], in: workspace)
            if let unrecorded = config.unrecordedPolicy { tool.console.err("note: " + unrecorded + "\n") }
            policy = config.policy
            if paths.isEmpty {
                let auditor = Auditor(policy: policy)
                pipelineFindings = auditor.audit(pipeline: Generator(policy: policy, source: configPath).effectivePipeline(config.pipeline), file: configPath)
                // Placed at the setting's line and column in the config, as a workflow's findings are in its file;
                // the config is read for positions only when there is something to place.
                let positions = pipelineFindings.isEmpty ? nil : ConfigPositions(config.text)
                pipelineFindings = pipelineFindings.map { finding in
                    var placed = finding
                    let position = positions?.position(of: finding.location.path)
                    placed.location.line = position?.line
                    placed.location.column = position?.column
                    return placed
                }
                // The files are compared with what a plain 'pipewright generate' writes: under the recorded policy only.
                let recorded = config.unrecordedPolicy == nil ? config : try ConfigFile.load(configPath, policyFile: nil, in: workspace)
                let rendered = try Self.render(recorded, configPath: configPath, in: workspace)
                let committed = try files.map { path throws(CommandFailure) in RenderedFile(path: path, contents: try Self.read(path, in: workspace)) }
                freshness = auditor.freshness(of: committed, rendered: rendered, source: workspace.relative(configPath))
            }
        } else {
            policy = try ConfigFile.loadPolicy(explicit: arguments["--policy"], section: nil, configPath: configPath, in: workspace).0
        }

        let auditor = Auditor(policy: policy)
        var findings = pipelineFindings
        // Files with no workflow file on disk (a generated workflow that is missing) come first.
        findings += freshness.filter { finding in !files.contains { workspace.relative($0) == finding.location.file } }
        for path in files {
            let name = workspace.relative(path)
            let contents = try Self.read(path, in: workspace)
            do {
                findings += freshness.filter { $0.location.file == name }
                findings += try auditor.audit(file: name, contents: contents)
            } catch {
                throw .invalidInput("\(name):\(error.line):\(error.column): \(error.message)")
            }
        }
        tool.console.out(AuditReport.render(findings, format: format, toolVersion: PipewrightTool.version))
        return findings.hasErrors ? .findings : .ok
    }

    /// The workflow files the PATH arguments name: each file, and the `*.yml` and `*.yaml` files of each folder.
    static func expand(_ paths: [String], in workspace: Workspace) throws(CommandFailure) -> [String] {
        var files: [String] = []
        for path in paths {
            if workspace.has(path, directory: true) {
                files += workspace.workflowFiles(in: path)
            } else if workspace.has(path, directory: false) {
                files.append(path)
            } else {
                throw .invalidInput("\(path): no such file or folder in \(workspace.root)")
            }
        }
        return files
    }

    static func read(_ path: String, in workspace: Workspace) throws(CommandFailure) -> String {
        guard let text = try workspace.read(path) else { throw .invalidInput("\(path): no such file in \(workspace.root)") }
        return text
    }

    /// What 'pipewright generate' would write for the config, with the same headers; no policy gate, since a
    /// policy error is a finding of the pipeline audit already.
    static func render(_ config: ConfigFile.Loaded, configPath: String, in workspace: Workspace) throws(CommandFailure) -> [RenderedFile] {
        let source = workspace.relative(configPath)
        var command = "pipewright generate"
        if source != ConfigFile.defaultName { command += " --config " + source }
        let generator = Generator(policy: config.policy, source: source, command: command)
        var files: [RenderedFile] = []
        for generated in generator.lower(config.pipeline) {
            do {
                files.append(try generator.render(generated))
            } catch {
                throw .invalidInput("the lowered workflows are invalid (a bug in Pipewright; please report it):\n" + error.description)
            }
        }
        return files
    }
}

/// `pipewright explain RULE`: what a rule checks, why, and how to fix a finding.
struct ExplainCommand {
    static let spec = CommandSpec(
        name: "explain",
        summary: "Explain an audit rule: what it checks, the failure it prevents, how to fix it; without RULE, list the rules.",
        arguments: ["RULE?"],
        options: []
    )

    let tool: PipewrightTool
    let arguments: ParsedArguments

    func run() throws(CommandFailure) -> ExitCode {
        guard let rule = arguments.positionals.first else {
            func padded(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }
            let width = RuleCatalog.all.map(\.name.count).max() ?? 0
            for rule in RuleCatalog.all {
                tool.console.out(rule.id + "  " + padded(rule.name, width) + "  " + padded(rule.severity.rawValue, 7) + "  " + rule.title + "\n")
            }
            tool.console.out("\nRun 'pipewright explain RULE' (an id or a name) for what a rule checks, why, and how to fix a finding.\n")
            return .ok
        }
        do {
            let text = try RuleCatalog.explain(rule)
            tool.console.out(text.hasSuffix("\n") ? text : text + "\n")
            return .ok
        } catch {
            throw .invalidInput("\(error)")
        }
    }
}
