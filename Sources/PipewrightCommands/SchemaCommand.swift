import Pipewright

/// `pipewright schema`: prints the JSON Schema of `pipewright.json`.
struct SchemaCommand {
    static let spec = CommandSpec(
        name: "schema",
        summary: "Print the JSON Schema (draft 2020-12) of pipewright.json, for editors and CI.",
        options: []
    )

    let tool: PipewrightTool
    let arguments: ParsedArguments

    func run() -> ExitCode {
        tool.console.out(PipewrightConfig.jsonSchema())
        return .ok
    }
}
