/// What the process exit code means.
public enum ExitCode: Int32, Sendable {
    /// Done; nothing to report.
    case ok = 0
    /// Findings of error severity, or generated files that are stale.
    case findings = 1
    /// The input (config, policy, files on disk) is invalid; nothing was written.
    case invalidInput = 2
    /// The command line does not fit the grammar.
    case usage = 64
    /// An output file could not be created or replaced (permissions, read-only folder); nothing was half-written.
    case cannotWrite = 73
}

/// A failure that ends a command with a message and an exit code.
package struct CommandFailure: Error {
    let code: ExitCode
    let message: String

    package static func invalidInput(_ message: String) -> CommandFailure { CommandFailure(code: .invalidInput, message: message) }
    static func cannotWrite(_ message: String) -> CommandFailure { CommandFailure(code: .cannotWrite, message: message) }
}

/// Where a command prints. The real one writes to the process's streams; tests capture.
public protocol Console: AnyObject, Sendable {
    /// Prints to standard output.
    func out(_ text: String)
    /// Prints to standard error.
    func err(_ text: String)
}
