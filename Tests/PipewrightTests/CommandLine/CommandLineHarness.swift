import Foundation
@testable import PipewrightCommands

/// Captures what a command prints.
final class CapturingConsole: Console, @unchecked Sendable {
    var stdout = ""
    var stderr = ""
    func out(_ text: String) { stdout += text }
    func err(_ text: String) { stderr += text }
}

/// A scratch folder and a way to run `pipewright` in it.
struct Scratch {
    let root: String

    /// What the blueprints' builds read (their templates, Dockerfile, CDK app files): `generate` refuses a
    /// pipeline whose inputs are missing, as a real repository has them.
    static let blueprintInputs = [
        "infrastructure/template.yaml", "template.yaml", "Dockerfile", "infrastructure/service.yaml", "cdk.json", "package-lock.json",
    ]

    /// A new folder, empty or holding ``blueprintInputs``.
    init(inputs: Bool = true) throws {
        root = NSTemporaryDirectory() + "pipewright-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        if inputs { for input in Self.blueprintInputs { try write("# input\n", to: input) } }
    }

    func run(_ arguments: String...) -> (code: Int32, stdout: String, stderr: String) {
        run(arguments)
    }

    func run(_ arguments: [String]) -> (code: Int32, stdout: String, stderr: String) {
        let console = CapturingConsole()
        let tool = PipewrightTool(console: console, currentDirectory: root)
        let code = tool.run(arguments)
        return (code, console.stdout, console.stderr)
    }

    func write(_ text: String, to relative: String) throws {
        let path = root + "/" + relative
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    func read(_ relative: String) -> String? {
        try? String(contentsOfFile: root + "/" + relative, encoding: .utf8)
    }

    /// Every file below the folder with its contents, to prove a command changed nothing.
    func snapshot() -> [String: String] {
        var files: [String: String] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return files }
        for case let relative as String in enumerator {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: root + "/" + relative, isDirectory: &isDirectory)
            if exists && !isDirectory.boolValue { files[relative] = read(relative) ?? "<unreadable>" }
        }
        return files
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}
