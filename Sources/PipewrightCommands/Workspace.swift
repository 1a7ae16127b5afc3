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
import Pipewright
import PipewrightLocalRun

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
        relative.hasPrefix("/") ? relative : FilePaths.appending(relative, to: root)
    }

    func exists(_ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: path(relative)) || isSymlink(relative)
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
        let rootResolved = Self.resolvingSymlinks(in: root)
        let resolved = Self.resolvingSymlinks(in: path(relative))
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

    /// The path to write `relative` to, with its folders created; refuses a path that leads outside.
    func prepareTarget(_ relative: String) throws(CommandFailure) -> String {
        try checkStaysInside(relative)
        let full = isSymlink(relative) ? Self.resolvingSymlinks(in: path(relative)) : path(relative)
        let folder = FilePaths.removingLastComponent(of: full)
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite("cannot create folder \(folder): \(Self.reason(error))")
        }
        return full
    }

    /// The path with every symlink on it resolved, also when its last components do not exist yet.
    ///
    /// Each component in turn is resolved with `realpath(3)` (links relative or absolute, chains, `..`
    /// after a link); a component that does not exist, or a dangling link, is kept as written, and a later
    /// `..` steps back out of it. So a link anywhere on the path that leads out of the repository is seen,
    /// and a file that is about to be created resolves to where it will be.
    static func resolvingSymlinks(in path: String) -> String {
        let start = path.hasPrefix("/") ? "/" : FileManager.default.currentDirectoryPath
        var resolved = realPath(start) ?? start
        for component in path.utf8.split(separator: UInt8(ascii: "/")).map({ String(decoding: $0, as: UTF8.self) }) {
            switch component {
            case ".": continue
            case "..": resolved = FilePaths.removingLastComponent(of: resolved)
            default:
                let candidate = FilePaths.appending(component, to: resolved)
                resolved = realPath(candidate) ?? candidate
            }
        }
        return resolved
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Why a file operation failed, in the system's words when it says (`No such file or directory`).
    static func reason(_ error: any Error) -> String {
        if let posix = (error as? CocoaError)?.underlying as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
        return "\(error)"
    }
}
