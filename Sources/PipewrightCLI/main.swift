#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PipewrightCommands

let tool = PipewrightTool(console: ProcessConsole(), currentDirectory: ProcessConsole.currentDirectory())
exit(tool.run(Array(CommandLine.arguments.dropFirst())))
