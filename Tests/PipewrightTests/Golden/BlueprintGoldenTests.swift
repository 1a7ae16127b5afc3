import Foundation
import Testing
import Pipewright
import PipewrightBlueprints

/// Renders every blueprint with its default options, exactly as `pipewright generate` writes it, and
/// compares with the committed `Golden/blueprints/<blueprint>--<file>.yml` and its JSON twin.
/// `Scripts/conformance` runs the real validators over the same files.
@Suite struct BlueprintGoldenTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("blueprints")

    struct Case: Sendable, CustomTestStringConvertible {
        let blueprint: String
        let generated: GeneratedWorkflow
        var baseName: String { blueprint + "--" + generated.fileName.replacingOccurrences(of: ".yml", with: "") }
        var testDescription: String { baseName }
    }

    static let cases: [Case] = BlueprintCatalog.all.flatMap { blueprint in
        Generator().lower(blueprint.pipeline()).map { Case(blueprint: blueprint.name, generated: $0) }
    }

    @Test(arguments: cases)
    func yamlMatchesGolden(_ testCase: Case) throws {
        let rendered = try Generator().render(testCase.generated).contents
        try GoldenWorkflowTests.compare(rendered, with: testCase.baseName + ".yml", in: Self.directory)
    }

    @Test(arguments: cases)
    func jsonTwinMatchesGolden(_ testCase: Case) throws {
        try GoldenWorkflowTests.compare(JSONEmitter.emit(testCase.generated.workflow.yamlNode), with: testCase.baseName + ".json", in: Self.directory)
    }

    @Test func everyGoldenFileHasABlueprint() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path)
        let expected = Set(Self.cases.flatMap { [$0.baseName + ".yml", $0.baseName + ".json"] })
        #expect(Set(files).subtracting(expected).sorted() == [])
    }
}
