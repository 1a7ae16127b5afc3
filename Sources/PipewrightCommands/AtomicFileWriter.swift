#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Pipewright

/// Writes files so that a reader, or a run killed half-way, only ever sees the old file or the new one.
///
/// The text goes to a temporary file in the same folder (so the rename cannot cross file systems), then is
/// renamed over the target. The file is not flushed with `fsync` first: the rename alone is what keeps a
/// killed run or a concurrent reader from seeing half a file, and a generated workflow can always be
/// rendered again from its config. This is how `git checkout` writes a working tree, too.
struct AtomicFileWriter {
    /// Called after the temporary file is complete and before the rename; tests use it to interrupt a write.
    var beforeRename: ((_ temporaryPath: String) throws -> Void)?

    func write(_ contents: String, to path: String) throws(CommandFailure) {
        var file = try TemporaryFile(beside: path)
        defer { file.discard() }
        try file.write(contents)
        try file.close()
        try commit(&file)
    }

    /// Renames a complete temporary file over its target; the temporary file is gone either way.
    func commit(_ file: inout TemporaryFile) throws(CommandFailure) {
        defer { file.discard() }
        do {
            try beforeRename?(file.path)
        } catch {
            throw .cannotWrite("write of \(file.target) interrupted: \(error)")
        }
        guard rename(file.path, file.target) == 0 else {
            throw .cannotWrite("cannot replace \(file.target): \(String(cString: strerror(errno)))")
        }
        file.committed = true
    }
}

/// A file being written in the target's folder, under a hidden name, until it is renamed over the target
/// (``AtomicFileWriter/commit(_:)``) or discarded.
struct TemporaryFile {
    /// The file it will replace.
    let target: String
    /// Its own path, next to the target.
    let path: String
    private var descriptor: Int32
    /// Set once it has become the target: then there is nothing left to discard.
    fileprivate(set) var committed = false
    /// Set once it is removed.
    private var discarded = false

    /// Creates an empty temporary file next to `target`.
    init(beside target: String) throws(CommandFailure) {
        let folder = FilePaths.removingLastComponent(of: target)
        let name = FilePaths.lastComponent(of: target)
        let template = (folder.isEmpty ? "." : folder) + "/." + name + ".pipewright-XXXXXX"
        var templateBytes = Array(template.utf8CString)
        let descriptor = mkstemp(&templateBytes)
        guard descriptor >= 0 else {
            throw .cannotWrite("cannot write \(target): \(String(cString: strerror(errno))) (is \(folder.isEmpty ? "." : folder) writable?)")
        }
        self.target = target
        self.descriptor = descriptor
        path = String(decoding: templateBytes.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Appends a text's UTF-8 bytes, straight from its storage.
    func write(_ text: String) throws(CommandFailure) {
        var text = text
        if let failure = text.withUTF8({ writeAll(UnsafeRawBufferPointer($0), to: descriptor) }) {
            throw .cannotWrite("cannot write \(target): \(String(cString: strerror(failure)))")
        }
    }

    /// Makes the file readable like any other and closes it; its text is complete.
    mutating func close() throws(CommandFailure) {
        fchmod(descriptor, 0o644)
        let result = SystemCalls.close(descriptor)
        descriptor = -1
        guard result == 0 else {
            throw .cannotWrite("cannot write \(target): \(String(cString: strerror(errno)))")
        }
    }

    /// Removes the file unless it has become the target; safe to call more than once.
    mutating func discard() {
        if descriptor >= 0 {
            _ = SystemCalls.close(descriptor)
            descriptor = -1
        }
        if !committed && !discarded {
            unlink(path)
            discarded = true
        }
    }
}

/// Writes all of `bytes`, retrying partial writes; returns `errno` on failure.
private func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Int32? {
    var written = 0
    while written < bytes.count {
        let result = SystemCalls.write(descriptor, bytes.baseAddress! + written, bytes.count - written)
        if result < 0 && errno == EINTR { continue }
        guard result > 0 else { return errno }
        written += result
    }
    return nil
}
