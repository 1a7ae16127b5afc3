#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Pipewright

/// Takes the workflows ``Generator/stream(_:into:)`` renders straight into temporary files beside their
/// targets, and notes for each whether it is byte for byte the file it would replace.
///
/// Nothing is replaced here: ``GenerateCommand`` decides, once every file is complete, which to rename over
/// their targets (``AtomicFileWriter/commit(_:)``), and ``discard()`` removes whatever is left. So memory
/// holds a few environments' text at a time, never a whole workflow, and a refusal or a failure part way
/// leaves every target as it was.
struct WorkflowFileStream: RenderedFileSink {
    /// A rendered workflow, complete in its temporary file once finished.
    struct File {
        /// The path relative to the repository root.
        let path: String
        var temporary: TemporaryFile
        /// Whether a file was already there to replace.
        let existed: Bool
        /// Whether that file is byte for byte the new one; then the temporary file is already gone.
        fileprivate(set) var unchanged: Bool
    }

    let workspace: Workspace
    private(set) var files: [File] = []
    /// The file being written now, compared with the one it would replace.
    private var existing: ExistingFile?
    private var headerByteCount = 0
    private var bodyByteCount = 0
    /// Folders created for the files, deepest first, so they can be removed again on failure.
    private var createdFolders: [String] = []

    init(workspace: Workspace) {
        self.workspace = workspace
    }

    mutating func begin(path: String, headerByteCount: Int) throws {
        try workspace.checkStaysInside(path)
        createdFolders += workspace.missingFolders(for: path)
        let target = try workspace.prepareTarget(path)
        let temporary = try TemporaryFile(beside: target)
        try temporary.skip(headerByteCount)
        existing = ExistingFile(path: target)
        // A file that is there but cannot be opened still exists: reading its header then reports why,
        // instead of it being replaced unasked.
        let existed = existing != nil || access(target, F_OK) == 0
        files.append(File(path: path, temporary: temporary, existed: existed, unchanged: existing != nil))
        self.headerByteCount = headerByteCount
        bodyByteCount = 0
    }

    mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
        try files[files.count - 1].temporary.write(bytes)
        if files[files.count - 1].unchanged {
            files[files.count - 1].unchanged = existing!.holds(bytes, at: headerByteCount + bodyByteCount)
        }
        bodyByteCount += bytes.count
    }

    mutating func finish(header: [UInt8]) throws {
        let index = files.count - 1
        try files[index].temporary.write(header, at: 0)
        try files[index].temporary.close()
        if let existing {
            files[index].unchanged = files[index].unchanged && existing.holds(header, at: 0)
                && existing.byteCount == headerByteCount + bodyByteCount
            existing.close()
        }
        existing = nil
        if files[index].unchanged { files[index].temporary.discard() }
    }

    /// Makes a file the target it replaces, atomically.
    mutating func commit(_ index: Int, with writer: AtomicFileWriter) throws(CommandFailure) {
        try writer.commit(&files[index].temporary)
    }

    /// Removes every temporary file not yet committed, and the folders made for them when nothing else
    /// came to be in them.
    mutating func discard() {
        existing?.close()
        existing = nil
        let committedAny = files.contains { $0.temporary.committed }
        for index in files.indices { files[index].temporary.discard() }
        if !committedAny {
            for folder in createdFolders { rmdir(folder) }
        }
        createdFolders = []
    }
}

/// A file about to be replaced, read piece by piece to compare it with what replaces it.
private final class ExistingFile {
    private var descriptor: Int32
    /// Its length in bytes.
    let byteCount: Int
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)

    /// Opens the file at `path`, or `nil` when there is none (or it cannot be read: then it is compared as
    /// different, and reading its header later says why).
    init?(path: String) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            _ = SystemCalls.close(descriptor)
            return nil
        }
        self.descriptor = descriptor
        byteCount = Int(status.st_size)
    }

    /// Whether the file holds exactly `bytes` at `offset`.
    func holds(_ bytes: [UInt8], at offset: Int) -> Bool {
        bytes.withUnsafeBytes { holds($0, at: offset) }
    }

    /// Whether the file holds exactly `bytes` at `offset`.
    func holds(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> Bool {
        guard offset + bytes.count <= byteCount else { return false }
        var compared = 0
        while compared < bytes.count {
            let wanted = min(buffer.count, bytes.count - compared)
            let read = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, wanted, off_t(offset + compared)) }
            guard read > 0 else { return false }
            let equal = buffer.withUnsafeBytes { memcmp($0.baseAddress!, bytes.baseAddress! + compared, read) == 0 }
            guard equal else { return false }
            compared += read
        }
        return true
    }

    func close() {
        if descriptor >= 0 { _ = SystemCalls.close(descriptor) }
        descriptor = -1
    }

    deinit { close() }
}
