import Foundation
import PipewrightSamples
import Testing
@testable import Pipewright
@testable import PipewrightCommands

/// The command line carries its own path helpers where it used Foundation's, so that the `pipewright`
/// executable links no Foundation. Each is compared here with the Foundation call it replaced, on the inputs
/// that matter and on seeded random ones.
@Suite struct FilePathsParityTests {
    @Test func pathTextMatchesNSString() {
        var random = SeededGenerator(seed: 13)
        // ASCII only: NSString itself traps on some non-ASCII paths with repeated slashes.
        let pieces = ["/", "/", "a", "bc", ".", "..", "x.yml", " "]
        for _ in 0..<20000 {
            let path = (0..<Int.random(in: 0...6, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            let component = (0..<Int.random(in: 0...2, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            let ns = path as NSString
            #expect(FilePaths.lastComponent(of: path) == ns.lastPathComponent, "\(path.debugDescription)")
            #expect(FilePaths.appending(component, to: path) == ns.appendingPathComponent(component), "\(path.debugDescription) + \(component.debugDescription)")
            // NSString traps on a single name without a slash (`a`, `a/`); everything else is compared.
            let fixed = path.split(separator: "/", omittingEmptySubsequences: true)
            if path.hasPrefix("/") || fixed.count != 1 || fixed[0].count != 1 {
                #expect(FilePaths.removingLastComponent(of: path) == ns.deletingLastPathComponent, "\(path.debugDescription)")
            }
        }
    }

    @Test func resolvingSymlinksMatchesNSStringWhereNoLinkIsRelative() throws {
        let root = URL(fileURLWithPath: NSTemporaryDirectory() + "pipewright-resolve-" + UUID().uuidString).resolvingSymlinksInPath().path
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/real/sub", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root + "/absolute", withDestinationPath: root + "/real")
        for path in ["", "/real", "/real/sub/", "/real//sub/./x", "/absolute", "/absolute/sub/new/file.yml", "/absolute/../real",
                     "/new/deeper/file", "/real/../../" + FilePaths.lastComponent(of: root) + "/real"] {
            #expect(Workspace.resolvingSymlinks(in: root + path) == (root + path as NSString).resolvingSymlinksInPath, "\(path)")
        }
    }
}
