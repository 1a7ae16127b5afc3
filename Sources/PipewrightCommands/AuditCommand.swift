import Pipewright

/// `pipewright audit`: lowers the pipeline, runs every rule over the workflows, and checks the policy.
struct AuditCommand {
    static let spec = CommandSpec(
        name: "audit",
        summary: "Check the pipeline and its workflows against every rule and the policy.",
        options: [
            .value("--config", "FILE", "The pipeline config (default: pipewright.json in --directory)."),
            .value("--policy", "FILE", "Also check against this policy, merged with the config's (policy section, its extends, pipewright-policy.json)."),
            .value("--format", "text|json|sarif", "Output format (default: text). SARIF 2.1.0 is accepted by GitHub code scanning."),
            .value("--directory", "DIR", "Repository root (default: the current folder)."),
        ],
        discussion: "Exits 1 when any finding has error severity. 'pipewright explain RULE' says what a rule checks and why."
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
        let config = try ConfigFile.load(configPath, policyFile: arguments["--policy"], in: workspace)
        if let unrecorded = config.unrecordedPolicy { tool.console.err("note: " + unrecorded + "\n") }
        let findings = Auditor(policy: config.policy).auditLowered(config.pipeline, configFile: configPath)
        tool.console.out(AuditReport.render(findings, format: format, toolVersion: PipewrightTool.version))
        return findings.hasErrors ? .findings : .ok
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
