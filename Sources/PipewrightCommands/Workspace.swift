import Foundation
import Pipewright

/// The folder a command works in: reads files, and writes generated ones safely.
///
/// A generated file is never written through a symlink that leads out of the folder, never replaces a
/// file Pipewright did not write or that was edited by hand (unless forced), and is always replaced
/// atomically.
struct Workspace {
    let root: String
    var writer = AtomicFileWriter()

    init(root: String) {
        self.root = root
    }

    func path(_ relative: String) -> String {
        relative.hasPrefix("/") ? relative : (root as NSString).appendingPathComponent(relative)
    }

    func exists(_ relative: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path(relative), isDirectory: &isDirectory) || isSymlink(relative)
    }

    func isSymlink(_ relative: String) -> Bool {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: path(relative))) != nil
    }

    /// The text of a file, or `nil` when it does not exist.
    func read(_ relative: String) throws(CommandFailure) -> String? {
        let full = path(relative)
        guard FileManager.default.fileExists(atPath: full) else { return nil }
        guard let data = FileManager.default.contents(atPath: full) else {
            throw .invalidInput("cannot read \(relative): permission denied")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .invalidInput("\(relative) is not UTF-8 text")
        }
        return text
    }

    /// Refuses a target whose path, or any folder on it, is a symlink that resolves outside the workspace.
    func checkStaysInside(_ relative: String) throws(CommandFailure) {
        let rootResolved = (root as NSString).resolvingSymlinksInPath
        let resolved = (path(relative) as NSString).resolvingSymlinksInPath
        guard resolved == rootResolved || resolved.hasPrefix(rootResolved + "/") else {
            throw .invalidInput("\(relative) is a symlink that leads outside \(root) (to \(resolved)); refusing to write through it. Remove the link or point it inside the repository.")
        }
    }

    /// Writes a file atomically, creating its folders; a symlink inside the workspace is written through
    /// to its target, so the link survives.
    func write(_ contents: String, to relative: String) throws(CommandFailure) {
        let full = try prepareTarget(relative)
        try writer.write(contents, to: full)
    }

    /// Writes a rendered file to its path, as ``write(_:to:)`` does, straight from its UTF-8 parts.
    func write(_ file: RenderedFile) throws(CommandFailure) {
        let full = try prepareTarget(file.path)
        try writer.write(utf8Parts: file.utf8Parts, to: full)
    }

    /// The path to write `relative` to, with its folders created; refuses a path that leads outside.
    private func prepareTarget(_ relative: String) throws(CommandFailure) -> String {
        try checkStaysInside(relative)
        let full = isSymlink(relative) ? (path(relative) as NSString).resolvingSymlinksInPath : path(relative)
        let folder = (full as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite("cannot create folder \(folder): \((error as NSError).localizedDescription)")
        }
        return full
    }
}
