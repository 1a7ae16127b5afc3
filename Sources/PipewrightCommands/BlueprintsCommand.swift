import Pipewright
import PipewrightBlueprints

/// `pipewright blueprints [show NAME]`: lists the blueprints, or prints the config one would write.
struct BlueprintsCommand {
    static let spec = CommandSpec(
        name: "blueprints",
        summary: "List the blueprints, or 'blueprints show NAME' to print the config one writes.",
        arguments: ["show?", "NAME?"],
        options: []
    )

    let tool: PipewrightTool
    let arguments: ParsedArguments

    func run() throws -> ExitCode {
        let positionals = arguments.positionals
        if positionals.isEmpty {
            let width = (BlueprintCatalog.all.map(\.name.count).max() ?? 0) + 2
            for blueprint in BlueprintCatalog.all {
                let marker = blueprint.name == BlueprintCatalog.defaultName ? " (default)" : ""
                tool.console.out(blueprint.name + String(repeating: " ", count: width - blueprint.name.count) + blueprint.summary + marker + "\n")
            }
            return .ok
        }
        guard positionals[0] == "show" else {
            throw UsageError.unexpectedArgument(positionals[0], command: "blueprints")
        }
        guard positionals.count == 2 else { throw UsageError.missingArgument("NAME", command: "blueprints show") }
        guard let blueprint = BlueprintCatalog.named(positionals[1]) else {
            let names = BlueprintCatalog.all.map(\.name)
            let hint = Suggestion.closest(to: positionals[1], in: names).map { " — did you mean \"\($0)\"?" } ?? ""
            throw CommandFailure.invalidInput("\"\(positionals[1])\" is not a blueprint; expected one of \(names.joined(separator: ", "))\(hint)")
        }
        tool.console.out(ConfigFile.text(for: blueprint.pipeline()))
        return .ok
    }
}
