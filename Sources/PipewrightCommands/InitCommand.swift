import Pipewright
import PipewrightBlueprints

/// `pipewright init`: scaffolds `pipewright.json` and its workflows from a blueprint.
struct InitCommand {
    static let spec = CommandSpec(
        name: "init",
        summary: "Scaffold pipewright.json and its workflows from a blueprint.",
        options: [
            .value("--blueprint", "NAME", "Blueprint to start from (default: \(BlueprintCatalog.defaultName); see 'pipewright blueprints')."),
            .value("--directory", "DIR", "Repository root to write into (default: the current folder)."),
            .value("--project", "NAME", "Project name: the Project tag and the stack-name prefix (default: myapp)."),
            .value("--region", "REGION", "Default AWS region (default: us-east-1)."),
            .value("--environments", "a,b,c", "Environments in promotion order; the last is production (default: dev,staging,prod)."),
            .value("--template", "PATH", "The template the pipeline deploys (cloudformation, sam, container-service), from the repository root."),
            .value("--dockerfile", "PATH", "The Dockerfile (container-service)."),
            .value("--context", "DIR", "The image's build context (container-service)."),
            .value("--app-dir", "DIR", "The folder of the CDK app's cdk.json and package-lock.json (cdk)."),
            .value("--policy", "FILE", "Organization policy file to record as the config's policy.extends, applied by every command."),
            .flag("--force", "Overwrite existing files."),
        ],
        discussion: "Writes nothing if any file it would write exists, unless --force is given."
    )

    let tool: PipewrightTool
    let arguments: ParsedArguments

    func run() throws(CommandFailure) -> ExitCode {
        let name = arguments["--blueprint"] ?? BlueprintCatalog.defaultName
        guard let blueprint = BlueprintCatalog.named(name) else {
            let names = BlueprintCatalog.all.map(\.name)
            let hint = Suggestion.closest(to: name, in: names).map { " — did you mean \"\($0)\"?" } ?? ""
            throw .invalidInput("--blueprint: \"\(name)\" is not a blueprint; expected one of \(names.joined(separator: ", "))\(hint)")
        }
        var options = BlueprintOptions()
        if let project = arguments["--project"] { options.project = project }
        if let region = arguments["--region"] { options.region = region }
        if let environments = arguments["--environments"] {
            options.environments = environments.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
        }
        var pipeline = blueprint.pipeline(options)
        try pipeline.infrastructure = Self.pointing(pipeline.infrastructure, at: arguments)

        let workspace = tool.workspace(arguments["--directory"])
        // The policy is recorded in the config, so every later command applies it without --policy.
        let extends = arguments["--policy"].map(workspace.relative)
        if let extends, extends.hasPrefix("/") {
            throw .invalidInput("--policy: \(extends) is outside \(workspace.root); copy it into the repository so every clone finds it, then pass its path. Nothing was written.")
        }
        var policy = Policy.default
        if let extends {
            guard workspace.exists(extends) else { throw .invalidInput("--policy: \(extends): no such file in \(workspace.root). Nothing was written.") }
            // Read as every later command will read it: the config's policy section extending the file.
            policy = try ConfigFile.loadPolicy(explicit: nil, section: .object([JSONMember("extends", .string(extends))]), configPath: ConfigFile.defaultName, in: workspace).0
        }
        let configText = ConfigFile.text(for: pipeline, extending: extends)
        let workflows = try ConfigFile.render(pipeline, policy: policy, origin: "the init options").files
        let files = [RenderedFile(path: ConfigFile.defaultName, contents: configText)] + workflows
        let existing = files.map(\.path).filter(workspace.exists)
        if !existing.isEmpty, !arguments.has("--force") {
            throw .invalidInput("refusing to overwrite \(existing.joined(separator: ", ")) in \(workspace.root); nothing was written. Use --force to overwrite, or 'pipewright generate' to regenerate from an existing pipewright.json.")
        }
        for file in files { try workspace.checkStaysInside(file.path) }
        for file in files {
            try workspace.write(file.contents, to: file.path)
            tool.console.out("wrote \(file.path)\n")
        }
        tool.console.out("\nThe build reads, from \(workspace.root):\n")
        for input in pipeline.inputs {
            let found = workspace.has(input.path, directory: input.isDirectory)
            tool.console.out("  \(input.path) (\(input.field)): \(input.description), \(found ? "found" : "not found yet: create it before 'pipewright generate'")\n")
        }
        let effective = Generator(policy: policy).effectivePipeline(pipeline)
        tool.console.out("\n" + BootstrapTemplate.nextSteps(for: effective) + "\n")
        return .ok
    }
}

extension InitCommand {
    /// The blueprint's infrastructure with the paths the options name; an option the kind has not is an error.
    static func pointing(_ infrastructure: Infrastructure, at arguments: ParsedArguments) throws(CommandFailure) -> Infrastructure {
        var infrastructure = infrastructure
        let options = ["--template", "--dockerfile", "--context", "--app-dir"].filter { arguments[$0] != nil }
        let accepted: [String]
        switch infrastructure {
        case .cloudFormation(var template):
            accepted = ["--template"]
            if let path = arguments["--template"] { template.path = path }
            infrastructure = .cloudFormation(template)
        case .sam(var app):
            accepted = ["--template"]
            if let path = arguments["--template"] { app.template = path }
            infrastructure = .sam(app)
        case .containerService(var service):
            accepted = ["--template", "--dockerfile", "--context"]
            if let path = arguments["--template"] { service.template.path = path }
            if let path = arguments["--dockerfile"] { service.dockerfile = path }
            if let path = arguments["--context"] { service.context = path }
            infrastructure = .containerService(service)
        case .cdk(var app):
            accepted = ["--app-dir"]
            if let path = arguments["--app-dir"] { app.directory = path }
            infrastructure = .cdk(app)
        }
        if let wrong = options.first(where: { !accepted.contains($0) }) {
            throw .invalidInput("\(wrong): a \(infrastructure.kind) pipeline has no such path; expected \(accepted.joined(separator: ", ")). Nothing was written.")
        }
        return infrastructure
    }
}

extension String {
    var trimmingSpaces: String {
        var text = Substring(self)
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}
