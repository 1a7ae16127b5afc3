#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PipewrightCommands
import PipewrightSelf

// Writes Pipewright's own workflows, or with --check fails when the committed ones are stale.
exit(SelfWorkflows.program.run(Array(CommandLine.arguments.dropFirst()), console: ProcessConsole(), currentDirectory: ProcessConsole.currentDirectory()))
