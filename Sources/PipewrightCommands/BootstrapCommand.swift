import Pipewright

/// `pipewright bootstrap`: the CloudFormation template that creates what the workflows need in AWS.
struct BootstrapCommand {
    static let spec = CommandSpec(
        name: "bootstrap",
        summary: "Write the CloudFormation template for the OIDC provider, roles and KMS key the workflows use.",
        options: [
            .value("--config", "FILE", "The pipeline config (default: pipewright.json in --directory)."),
            .value("--policy", "FILE", "Organization policy (default: pipewright-policy.json, else the config's policy section)."),
            .value("--output", "FILE", "Write the template here instead of printing it (relative to --directory; may be outside it)."),
            .value("--directory", "DIR", "Repository root (default: the current folder)."),
            .flag("--force", "Overwrite --output if it exists and differs."),
        ],
        discussion: "Deploy the template once per AWS account the pipeline uses; its outputs are the role and key ARNs the workflows read."
    )

    let tool: PipewrightTool
    let arguments: ParsedArguments

    func run() throws(CommandFailure) -> ExitCode {
        let workspace = tool.workspace(arguments["--directory"])
        let config = try ConfigFile.load(arguments["--config"] ?? ConfigFile.defaultName, policyFile: arguments["--policy"], in: workspace)
        let pipeline = Generator(policy: config.policy).effectivePipeline(config.pipeline)
        let template = BootstrapTemplate.yaml(for: pipeline)
        guard let output = arguments["--output"] else {
            tool.console.out(template)
            return .ok
        }
        if let existing = try workspace.read(output), existing != template, !arguments.has("--force") {
            throw .invalidInput("\(output) exists and differs; nothing was written. Pass --force to overwrite it.")
        }
        // The template is not a workflow: it goes where asked, inside the repository or not.
        try workspace.writeOutput(template, to: output)
        tool.console.out("wrote \(output)\n\n" + BootstrapTemplate.nextSteps(for: pipeline, templateFile: output) + "\n")
        return .ok
    }
}
