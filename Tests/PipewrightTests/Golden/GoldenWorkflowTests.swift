import Foundation
import Testing
import Pipewright
@testable import PipewrightCommands

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
            Issue.record("\(fileName) differs from what is rendered now:\n\(UnifiedDiff.diff(old: expected, new: actual, oldName: "golden/" + fileName, newName: "rendered/" + fileName))",
                         sourceLocation: sourceLocation)
        }
    }
}
