import Foundation
import Testing
@testable import Pipewright
import PipewrightBlueprints

/// `examples/configs/<blueprint>.json` is what `pipewright blueprints show <blueprint>` prints, and decodes
/// back to the blueprint; CI validates each against `pipewright schema` and renders it.
@Suite struct ExampleConfigTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples/configs")

    @Test(arguments: BlueprintCatalog.all.map(\.name))
    func exampleConfigIsCurrent(_ name: String) throws {
        let blueprint = try #require(BlueprintCatalog.named(name))
        let text = try String(contentsOf: Self.folder.appendingPathComponent(name + ".json"), encoding: .utf8)
        #expect(text == PipewrightConfig.encode(blueprint.pipeline()), "regenerate with: pipewright blueprints show \(name) > examples/configs/\(name).json")
        #expect(try PipewrightConfig.decode(text).pipeline == blueprint.pipeline())
    }

    /// An example config that is no blueprint's is written in the file's own form: decoding and encoding it
    /// gives it back byte for byte.
    @Test(arguments: ["two-stacks"])
    func exampleConfigRoundTrips(_ name: String) throws {
        let text = try String(contentsOf: Self.folder.appendingPathComponent(name + ".json"), encoding: .utf8)
        let pipeline = try PipewrightConfig.decode(text).pipeline
        #expect(PipewrightConfig.encode(pipeline) == text)
        #expect(pipeline.stacksInDeployOrder.map(\.name) == ["network", "app"])
    }
}
