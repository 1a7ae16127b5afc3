import Foundation
import PipewrightCommands

/// Writes to the process's standard output and error.
final class ProcessConsole: Console, Sendable {
    func out(_ text: String) { FileHandle.standardOutput.write(Data(text.utf8)) }
    func err(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
}

let tool = PipewrightTool(console: ProcessConsole(), currentDirectory: FileManager.default.currentDirectoryPath)
exit(tool.run(Array(CommandLine.arguments.dropFirst())))
