#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes to the process's standard output and error.
public final class ProcessConsole: Console, Sendable {
    /// Creates the console of this process.
    public init() {}

    public func out(_ text: String) { Self.writeAll(text, to: STDOUT_FILENO) }
    public func err(_ text: String) { Self.writeAll(text, to: STDERR_FILENO) }

    /// The process's working folder, where commands look for files by default.
    public static func currentDirectory() -> String { Workspace.currentDirectory() }

    /// Writes all of the text, however many `write(2)` calls it takes; gives up silently if the descriptor fails.
    private static func writeAll(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = SystemCalls.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
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
}
