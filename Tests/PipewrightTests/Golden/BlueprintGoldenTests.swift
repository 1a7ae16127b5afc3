import Foundation
import Testing
import Pipewright
import PipewrightBlueprints

/// Renders every blueprint with its default options, exactly as `pipewright generate` writes it, and
/// compares with the committed `Golden/blueprints/<blueprint>--<file>.yml` and its JSON twin.
/// `Scripts/conformance` runs the real validators over the same files.
///
/// The drift workflows of the blueprints differ only in their name, schedule and concurrency group, so one
/// golden (the default blueprint's) guards their text and a unit test what differs between them.
@Suite struct BlueprintGoldenTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("blueprints")

    struct Case: Sendable, CustomTestStringConvertible {
        let blueprint: String
        let generated: GeneratedWorkflow
        var baseName: String { blueprint + "--" + generated.fileName.replacingOccurrences(of: ".yml", with: "") }
        var testDescription: String { baseName }
    }

    static let cases: [Case] = BlueprintCatalog.all.flatMap { blueprint in
        Generator().lower(blueprint.pipeline())
            .filter { blueprint.name == "cloudformation" || !$0.fileName.hasSuffix("-drift.yml") }
            .map { Case(blueprint: blueprint.name, generated: $0) }
    } + blockedEgressCases + twoStacksCases + verifiedCases

    /// The two-stack example config (`examples/configs/two-stacks.json`): network and app, the app reading the
    /// network's outputs, direct and reviewed environments, and its drift workflow, which checks each stack.
    static let twoStacksCases: [Case] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples/configs/two-stacks.json")
        guard let text = try? String(contentsOf: url, encoding: .utf8), let decoded = try? PipewrightConfig.decode(text) else { return [] }
        return Generator().lower(decoded.pipeline).map { Case(blueprint: "example-two-stacks", generated: $0) }
    }()

    /// The example decodes; a broken one would otherwise leave its goldens unchecked.
    @Test func twoStacksExampleRenders() {
        #expect(Self.twoStacksCases.count == 2)
    }

    /// The default blueprint with harden-runner blocking egress, so the endpoints the lowering derives for
    /// the jobs are guarded, and checked by `Scripts/conformance`, like the rest of the output.
    static let blockedEgressCases: [Case] = {
        var pipeline = BlueprintCatalog.named("cloudformation")!.pipeline()
        pipeline.runtime.hardenRunner = HardenRunner(policy: .block)
        return Generator().lower(pipeline).filter { !$0.fileName.hasSuffix("-drift.yml") }.map { Case(blueprint: "cloudformation-blocked-egress", generated: $0) }
    }()

    /// The container-service blueprint verified after each deploy, but in dev: one stack, so its outputs are
    /// `STACK_OUTPUT_<KEY>`; checked by `Scripts/conformance` with the rest.
    static let verifiedCases: [Case] = {
        var pipeline = BlueprintCatalog.named("container-service")!.pipeline()
        pipeline.verify = ["test -n \"$STACK_OUTPUT_SERVICEURL\"", "curl --fail --silent --show-error --max-time 30 \"$STACK_OUTPUT_SERVICEURL/health\""]
        pipeline.environments[0].verify = []
        return Generator().lower(pipeline).filter { !$0.fileName.hasSuffix("-drift.yml") }.map { Case(blueprint: "container-service-verified", generated: $0) }
    }()

    @Test(arguments: BlueprintCatalog.all.map(\.name))
    func driftWorkflowsDifferOnlyInNameScheduleAndGroup(_ name: String) throws {
        func drift(_ pipeline: Pipeline) throws -> Workflow {
            try #require(Generator().lower(pipeline).first { $0.fileName.hasSuffix("-drift.yml") }).workflow
        }
        let pipeline = try #require(BlueprintCatalog.named(name)).pipeline()
        let reference = try drift(try #require(BlueprintCatalog.named("cloudformation")).pipeline())
        let workflow = try drift(pipeline)
        #expect(workflow.name == pipeline.name + " drift detection")
        #expect(workflow.on.schedule.map(\.expression) == pipeline.drift?.schedule)
        #expect(workflow.concurrency?.group.rendered == pipeline.fileSlug + "-drift")
        var renamed = workflow
        renamed.name = reference.name
        renamed.on = reference.on
        renamed.concurrency = reference.concurrency
        #expect(renamed == reference, "\(name): the drift workflow differs from the golden one beyond its name, schedule and group")
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
