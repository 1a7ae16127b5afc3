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
        let pipeline = blueprint.pipeline(options)

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
        let effective = Generator(policy: policy).effectivePipeline(pipeline)
        tool.console.out("\n" + BootstrapTemplate.nextSteps(for: effective) + "\n")
        return .ok
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
