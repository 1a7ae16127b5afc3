#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PipewrightCommands

/// Writes to the process's standard output and error.
final class ProcessConsole: Console, Sendable {
    func out(_ text: String) { writeAll(text, to: STDOUT_FILENO) }
    func err(_ text: String) { writeAll(text, to: STDERR_FILENO) }
}

/// Writes all of the text, however many `write(2)` calls it takes; gives up silently if the descriptor fails.
private func writeAll(_ text: String, to descriptor: Int32) {
    var text = text
    text.withUTF8 { bytes in
        var offset = 0
        while offset < bytes.count {
            let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written > 0 {
                offset += written
            } else if written < 0, errno == EINTR {
                continue
            } else {
                return
            }
        }
    }
}

let tool = PipewrightTool(console: ProcessConsole(), currentDirectory: FileManager.default.currentDirectoryPath)
exit(tool.run(Array(CommandLine.arguments.dropFirst())))
