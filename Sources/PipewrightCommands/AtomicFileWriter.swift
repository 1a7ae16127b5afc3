#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Pipewright

/// Writes files so that a reader, or a run killed half-way, only ever sees the old file or the new one.
///
/// The text goes to a temporary file in the same folder (so the rename cannot cross file systems), is
/// flushed to disk, then renamed over the target.
struct AtomicFileWriter {
    /// Called after the temporary file is complete and before the rename; tests use it to interrupt a write.
    var beforeRename: ((_ temporaryPath: String) throws -> Void)?

    func write(_ contents: String, to path: String) throws(CommandFailure) {
        let folder = FilePaths.removingLastComponent(of: path)
        let name = FilePaths.lastComponent(of: path)
        let template = (folder.isEmpty ? "." : folder) + "/." + name + ".pipewright-XXXXXX"
        var templateBytes = Array(template.utf8CString)
        let descriptor = mkstemp(&templateBytes)
        guard descriptor >= 0 else {
            throw .cannotWrite("cannot write \(path): \(String(cString: strerror(errno))) (is \(folder.isEmpty ? "." : folder) writable?)")
        }
        let temporaryPath = String(cString: templateBytes)
        var succeeded = false
        defer {
            if !succeeded { unlink(temporaryPath) }
        }
        let bytes = Array(contents.utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { systemWrite(descriptor, $0.baseAddress, $0.count) }
            guard result > 0 else {
                close(descriptor)
                throw .cannotWrite("cannot write \(path): \(String(cString: strerror(errno)))")
            }
            written += result
        }
        fchmod(descriptor, 0o644)
        guard fsync(descriptor) == 0, close(descriptor) == 0 else {
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

private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(descriptor, buffer, count)
    #else
    Darwin.write(descriptor, buffer, count)
    #endif
}
