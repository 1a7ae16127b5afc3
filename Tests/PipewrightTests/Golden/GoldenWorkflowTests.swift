import Foundation
import Testing
import Pipewright

/// Renders every fixture and compares it with its committed golden `.yml` and JSON twin `.json`.
///
/// `RECORD_GOLDENS=1 swift test` rewrites the files and fails each test once, so a recording run
/// is never green; rerun without it to see the new files pass. `Scripts/conformance` checks the
/// same files with real tools.
@Suite struct GoldenWorkflowTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("workflows")
    static let recording = ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1"

    /// The fixed header of every golden file: it says what the file is and how to regenerate it.
    static func header(for fixture: Fixture) -> [String] {
        [
            "Pipewright test fixture \"\(fixture.name)\": not a workflow of this repository.",
            "Rendered by Tests/PipewrightTests/Golden/GoldenWorkflowTests.swift; regenerate with RECORD_GOLDENS=1 swift test.",
        ]
    }

    @Test(arguments: Fixture.all)
    func fixtureIsValid(_ fixture: Fixture) {
        #expect(fixture.workflow.validationErrors() == [])
    }

    @Test(arguments: Fixture.all)
    func yamlMatchesGolden(_ fixture: Fixture) throws {
        let yaml = YAMLEmitter.emit(YAMLDocument(header: Self.header(for: fixture), root: fixture.workflow.yamlNode))
        try Self.compare(yaml, with: fixture.name + ".yml")
    }

    @Test(arguments: Fixture.all)
    func jsonTwinMatchesGolden(_ fixture: Fixture) throws {
        try Self.compare(JSONEmitter.emit(fixture.workflow.yamlNode), with: fixture.name + ".json")
    }

    /// A golden file without a fixture would be checked by conformance but never kept current.
    @Test func everyGoldenFileHasAFixture() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path)
        let expected = Set(Fixture.all.flatMap { [$0.name + ".yml", $0.name + ".json"] })
        #expect(Set(files).subtracting(expected).sorted() == [])
        #expect(Set(Fixture.all.map(\.name)).count == Fixture.all.count, "fixture names must be unique")
    }

    static func compare(_ actual: String, with fileName: String, in directory: URL = directory, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = directory.appendingPathComponent(fileName)
        let expected = try? String(contentsOf: url, encoding: .utf8)
        if recording {
            if expected != actual {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try actual.write(to: url, atomically: true, encoding: .utf8)
            }
            Issue.record("RECORD_GOLDENS=1: recorded \(fileName); run again without it to compare", sourceLocation: sourceLocation)
            return
        }
        guard let expected else {
            Issue.record("no golden file \(fileName); record it with RECORD_GOLDENS=1 swift test", sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            Issue.record("\(fileName) differs from the rendered fixture (- golden, + rendered):\n\(LineDiff.render(from: expected, to: actual))",
                         sourceLocation: sourceLocation)
        }
    }
}

/// A minimal line diff (longest common subsequence) for golden mismatches: changed lines with a
/// little context, so a failure shows what moved instead of two whole files.
enum LineDiff {
    static func render(from old: String, to new: String, context: Int = 2) -> String {
        let a = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // lcs[i][j]: length of the longest common subsequence of a[i...] and b[j...].
        var lcs = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var lines: [(mark: Character, text: String, line: Int)] = []
        var (i, j) = (0, 0)
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                lines.append((" ", a[i], i + 1)); i += 1; j += 1
            } else if i < a.count, j == b.count || lcs[i + 1][j] >= lcs[i][j + 1] {
                lines.append(("-", a[i], i + 1)); i += 1
            } else {
                lines.append(("+", b[j], j + 1)); j += 1
            }
        }
        let changed = lines.indices.filter { lines[$0].mark != " " }
        var out: [String] = []
        var lastShown = -1
        for index in lines.indices where changed.contains(where: { abs($0 - index) <= context }) {
            if lastShown >= 0, index > lastShown + 1 { out.append("@@") }
            let line = lines[index]
            out.append("\(line.mark) \(String(line.line).padding(toLength: 4, withPad: " ", startingAt: 0))| \(line.text)")
            lastShown = index
        }
        return out.joined(separator: "\n")
    }
}
