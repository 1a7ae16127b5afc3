#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Pipewright

/// The folder a command works in: reads files, and writes generated ones safely.
///
/// A generated file is never written through a symlink that leads out of the folder, never replaces a
/// file Pipewright did not write or that was edited by hand (unless forced), and is always replaced
/// atomically.
///
/// It calls the C library directly: Foundation would cost every command its start-up (`pipewright-bench`).
package struct Workspace {
    package let root: String
    var writer = AtomicFileWriter()

    init(root: String) {
        self.root = root
    }

    func path(_ relative: String) -> String {
        relative.hasPrefix("/") ? relative : FilePaths.appending(relative, to: root)
    }

    /// Whether something is at the path, a dangling symlink included.
    func exists(_ relative: String) -> Bool {
        var status = stat()
        return lstat(path(relative), &status) == 0
    }

    /// Whether a file (`directory: false`) or a folder is at the path, following symlinks.
    func has(_ relative: String, directory: Bool) -> Bool {
        var status = stat()
        guard stat(path(relative), &status) == 0 else { return false }
        return ((status.st_mode & S_IFMT) == S_IFDIR) == directory
    }

    func isSymlink(_ relative: String) -> Bool {
        var status = stat()
        return lstat(path(relative), &status) == 0 && (status.st_mode & S_IFMT) == S_IFLNK
    }

    /// The text of a file, or `nil` when it does not exist.
    func read(_ relative: String) throws(CommandFailure) -> String? {
        let descriptor = open(path(relative), O_RDONLY)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            throw .invalidInput("cannot read \(relative): \(String(cString: strerror(errno)))")
        }
        defer { _ = SystemCalls.close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { SystemCalls.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else {
                throw .invalidInput("cannot read \(relative): \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            bytes += chunk[..<count]
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
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

    /// `path` as the repository sees it: relative to the root when it lies inside, without a leading `./`;
    /// a path outside stays as given.
    func relative(_ path: String) -> String {
        var relative = path
        if path.hasPrefix("/") {
            let root = Self.resolvingSymlinks(in: self.root)
            let resolved = Self.resolvingSymlinks(in: path)
            guard resolved.hasPrefix(root + "/") else { return path }
            relative = String(resolved.dropFirst(root.count + 1))
        }
        while relative.hasPrefix("./") { relative.removeFirst(2) }
        return relative
    }

    /// The workflows under `.github/workflows/`, then `.github/actionlint.yaml` and `.github/zizmor.yml`, whose
    /// header says Pipewright generated them from `source`, as repository paths, in name order.
    func generatedWorkflows(from source: String) -> [String] {
        // actionlint's configuration is written beside the workflows when jobs run on the organization's labels,
        // zizmor's when they run on self-hosted runners.
        (workflowFiles(in: Self.workflowsFolder) + [Generator.actionlintConfigurationPath, Generator.zizmorConfigurationPath]).filter { relative in
            guard !isSymlink(relative), let text = try? read(relative), GeneratedHeader.source(of: text) == source else { return false }
            return true
        }
    }

    /// Where GitHub reads a repository's workflows.
    static let workflowsFolder = ".github/workflows"

    /// The `*.yml` and `*.yaml` files directly in a folder (GitHub reads no subfolder of `.github/workflows/`),
    /// as paths below it, in name order; none when the folder does not exist.
    func workflowFiles(in folder: String) -> [String] {
        guard let directory = opendir(path(folder)) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            if name.hasSuffix(".yml") || name.hasSuffix(".yaml") { names.append(name) }
        }
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return names.sorted().map { prefix + $0 }.filter { has($0, directory: false) }
    }

    /// Removes a file.
    func remove(_ relative: String) throws(CommandFailure) {
        guard unlink(path(relative)) == 0 else {
            throw .cannotWrite("cannot remove \(relative): \(String(cString: strerror(errno)))")
        }
    }

    /// Writes a file that is not a workflow, such as the bootstrap template, atomically where asked, inside
    /// the workspace or outside it; through a symlink, to the link's target.
    func writeOutput(_ contents: String, to relative: String) throws(CommandFailure) {
        let full = isSymlink(relative) ? Self.resolvingSymlinks(in: path(relative)) : path(relative)
        try Self.createFolder(FilePaths.removingLastComponent(of: full))
        try writer.write(contents, to: full)
    }

    /// The path to write `relative` to, with its folders created; refuses a path that leads outside.
    func prepareTarget(_ relative: String) throws(CommandFailure) -> String {
        try checkStaysInside(relative)
        let full = isSymlink(relative) ? Self.resolvingSymlinks(in: path(relative)) : path(relative)
        try Self.createFolder(FilePaths.removingLastComponent(of: full))
        return full
    }

    /// Creates a folder and the folders above it that are missing, as `mkdir -p` does.
    static func createFolder(_ folder: String) throws(CommandFailure) {
        var status = stat()
        guard !folder.isEmpty, stat(folder, &status) != 0 else { return }
        try createFolder(FilePaths.removingLastComponent(of: folder))
        guard mkdir(folder, 0o777) == 0 || errno == EEXIST else {
            throw .cannotWrite("cannot create folder \(folder): \(String(cString: strerror(errno)))")
        }
    }

    /// The path with every symlink on it resolved, also when its last components do not exist yet.
    ///
    /// Each component in turn is resolved with `realpath(3)` (links relative or absolute, chains, `..`
    /// after a link); a component that does not exist, or a dangling link, is kept as written, and a later
    /// `..` steps back out of it. So a link anywhere on the path that leads out of the repository is seen,
    /// and a file that is about to be created resolves to where it will be.
    static func resolvingSymlinks(in path: String) -> String {
        let start = path.hasPrefix("/") ? "/" : currentDirectory()
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

    /// The process's working folder.
    static func currentDirectory() -> String {
        guard let folder = getcwd(nil, 0) else { return "." }
        defer { free(folder) }
        return String(cString: folder)
    }
}
