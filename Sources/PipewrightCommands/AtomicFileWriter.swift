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
/// rendered again from its config, while flushing 20 MB of workflows cost 30 ms, a third of the budget
/// for a 1,000-environment pipeline. This is how `git checkout` writes a working tree, too.
struct AtomicFileWriter {
    /// Called after the temporary file is complete and before the rename; tests use it to interrupt a write.
    var beforeRename: ((_ temporaryPath: String) throws -> Void)?

    func write(_ contents: String, to path: String) throws(CommandFailure) {
        try write(utf8Parts: [Array(contents.utf8)], to: path)
    }

    /// Writes a text given as UTF-8 parts, each straight from its own storage: copying 20 MB into one
    /// buffer first cost page faults.
    func write(utf8Parts parts: [[UInt8]], to path: String) throws(CommandFailure) {
        let folder = FilePaths.removingLastComponent(of: path)
        let name = FilePaths.lastComponent(of: path)
        let template = (folder.isEmpty ? "." : folder) + "/." + name + ".pipewright-XXXXXX"
        var templateBytes = Array(template.utf8CString)
        let descriptor = mkstemp(&templateBytes)
        guard descriptor >= 0 else {
            throw .cannotWrite("cannot write \(path): \(String(cString: strerror(errno))) (is \(folder.isEmpty ? "." : folder) writable?)")
        }
        let temporaryPath = String(decoding: templateBytes.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var succeeded = false
        defer {
            if !succeeded { unlink(temporaryPath) }
        }
        let failure = parts.lazy.compactMap { part in part.withUnsafeBytes { writeAll($0, to: descriptor) } }.first
        if let failure {
            close(descriptor)
            throw .cannotWrite("cannot write \(path): \(String(cString: strerror(failure)))")
        }
        fchmod(descriptor, 0o644)
        guard close(descriptor) == 0 else {
            throw .cannotWrite("cannot write \(path): \(String(cString: strerror(errno)))")
        }
        do {
            try beforeRename?(temporaryPath)
        } catch {
            throw .cannotWrite("write of \(path) interrupted: \(error)")
        }
        guard rename(temporaryPath, path) == 0 else {
            throw .cannotWrite("cannot replace \(path): \(String(cString: strerror(errno)))")
        }
        succeeded = true
    }
}

/// Writes all of `bytes`, retrying partial writes; returns `errno` on failure.
private func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Int32? {
    var written = 0
    while written < bytes.count {
        let result = systemWrite(descriptor, bytes.baseAddress! + written, bytes.count - written)
        if result < 0 && errno == EINTR { continue }
        guard result > 0 else { return errno }
        written += result
    }
    return nil
}

private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(descriptor, buffer, count)
    #else
    Darwin.write(descriptor, buffer, count)
    #endif
}
