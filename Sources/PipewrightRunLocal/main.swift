#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PipewrightCommands

// `pipewright run-local` starts this program; the rest of `pipewright` runs here too, unchanged.
let tool = PipewrightTool(
    console: ProcessConsole(), currentDirectory: ProcessConsole.currentDirectory(), executable: CommandLine.arguments[0],
    overrides: ["run-local": { try RunLocal(tool: $1, arguments: $0).run() }]
)
exit(tool.run(Array(CommandLine.arguments.dropFirst())))
