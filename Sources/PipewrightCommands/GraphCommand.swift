import Pipewright

/// `pipewright graph`: draws the pipeline's jobs, their order, environments, approvals and roles.
struct GraphCommand {
    static let spec = CommandSpec(
        name: "graph",
        summary: "Draw the pipeline's jobs, their order, environments, approvals and roles (Mermaid or DOT).",
        options: [
            .value("--config", "FILE", "The pipeline config (default: pipewright.json in --directory)."),
            .value("--policy", "FILE", "Organization policy; only the one the config records as policy.extends (see 'pipewright init --policy')."),
            .value("--format", "mermaid|dot", "Output format (default: mermaid, which GitHub draws in Markdown)."),
            .value("--directory", "DIR", "Repository root (default: the current folder)."),
        ],
        discussion: """
        Prints the graph of the workflows 'pipewright generate' writes: one box per workflow file, one node per
        job, an arrow for each 'needs', the GitHub environment each job is bound to, and the roles it assumes.
        Jobs whose environment needs an approval (production, a reviewed change set, a destroy) are hexagons.
        Paste the Mermaid output into a Markdown file inside a ```mermaid block, or run 'dot -Tsvg' on the DOT output.
        """
    )

    let tool: PipewrightTool
    let arguments: ParsedArguments

    func run() throws(CommandFailure) -> ExitCode {
        let formatName = arguments["--format"] ?? PipelineGraph.Format.mermaid.rawValue
        guard let format = PipelineGraph.Format(rawValue: formatName) else {
            let names = PipelineGraph.Format.allCases.map(\.rawValue)
            let hint = Suggestion.closest(to: formatName, in: names).map { " — did you mean \"\($0)\"?" } ?? ""
            throw .invalidInput("--format: \"\(formatName)\" is not one of \(names.joined(separator: ", "))\(hint)")
        }
        let workspace = tool.workspace(arguments["--directory"])
        let configPath = arguments["--config"] ?? ConfigFile.defaultName
        let config = try ConfigFile.load(configPath, policyFile: arguments["--policy"], in: workspace)
        do {
            let graph = try Generator(policy: config.policy).graph(config.pipeline)
            tool.console.out(graph.render(format))
        } catch {
            throw ConfigFile.failure(error, source: workspace.relative(configPath))
        }
        return .ok
    }
}
