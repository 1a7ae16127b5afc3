import Foundation
import Testing
import Pipewright

/// Reading a workflow file back into the model loses nothing: Pipewright's own output comes back byte for
/// byte, and every fixture's data comes back equal.
@Suite struct WorkflowDecodingRoundTripTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Golden")

    static var goldenFiles: [String] {
        ["workflows", "blueprints"].flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: golden.appendingPathComponent(folder).path)) ?? [])
                .filter { $0.hasSuffix(".yml") }.sorted().map { folder + "/" + $0 }
        }
    }

    @Test func everyGoldenIsFound() {
        #expect(Self.goldenFiles.count >= 15)
    }

    /// `emit(read(x)) == x` for every golden: the header comes back from the reader, the body from the model.
    @Test(arguments: goldenFiles)
    func goldenReadsBackByteForByte(_ file: String) throws {
        let text = try String(contentsOf: Self.golden.appendingPathComponent(file), encoding: .utf8)
        let source = try SourceWorkflow.read(text)
        let emitted = YAMLEmitter.emit(YAMLDocument(header: source.header, root: source.workflow.yamlNode))
        #expect(emitted == text, "\(file) differs when read back:\n\(Self.firstDifference(emitted, text))")
    }

    /// The blueprints read into the model itself, not into the escape hatch: every key is one the model has.
    @Test(arguments: goldenFiles.filter { $0.hasPrefix("blueprints/") })
    func blueprintsDecodeIntoTheModel(_ file: String) throws {
        let text = try String(contentsOf: Self.golden.appendingPathComponent(file), encoding: .utf8)
        let workflow = try SourceWorkflow.read(text).workflow
        #expect(workflow.extra.isEmpty && workflow.on.extra.isEmpty)
        #expect(!workflow.jobs.isEmpty)
        for job in workflow.jobs {
            #expect(job.extra.isEmpty, "\(file): jobs.\(job.id) kept \(job.extra.map(\.key)) in extra")
            #expect(!job.steps.isEmpty || job.call != nil)
            for (index, step) in job.steps.enumerated() {
                #expect(step.extra.isEmpty, "\(file): jobs.\(job.id).steps[\(index)] kept \(step.extra.map(\.key)) in extra")
            }
        }
    }

    /// Every fixture, emitted, read and emitted again, is the same YAML data.
    @Test(arguments: Fixture.all)
    func fixtureReadsBackAsTheSameData(_ fixture: Fixture) throws {
        let text = YAMLEmitter.emit(YAMLDocument(root: fixture.workflow.yamlNode))
        let source = try SourceWorkflow.read(text)
        #expect(YAMLData(source.workflow.yamlNode) == YAMLData(fixture.workflow.yamlNode))
    }

    static func firstDifference(_ a: String, _ b: String) -> String {
        let (left, right) = (a.split(separator: "\n", omittingEmptySubsequences: false), b.split(separator: "\n", omittingEmptySubsequences: false))
        for index in 0..<max(left.count, right.count) where index >= left.count || index >= right.count || left[index] != right[index] {
            return "line \(index + 1):\n  read back: \(index < left.count ? String(left[index]) : "<end>")\n  golden:    \(index < right.count ? String(right[index]) : "<end>")"
        }
        return "(no line differs)"
    }
}

/// YAML data as a loader sees it: mapping order and comments do not count.
struct YAMLData: Equatable {
    let node: YAMLNode

    init(_ node: YAMLNode) { self.node = Self.normalized(node) }

    static func normalized(_ node: YAMLNode) -> YAMLNode {
        switch node {
        case .sequence(let items): .sequence(items.map(normalized))
        case .mapping(let entries): .mapping(entries.map { YAMLEntry($0.key, normalized($0.value)) }.sorted { $0.key < $1.key })
        default: node
        }
    }
}
