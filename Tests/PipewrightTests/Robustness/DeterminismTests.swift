import Testing
@testable import Pipewright
@testable import PipewrightCommands
import PipewrightBlueprints
import PipewrightSamples

/// The same config renders the same bytes: across 100 runs of `generate --stdout`, and when the members of
/// every JSON object in the config are shuffled.
@Suite struct DeterminismTests {
    @Test(arguments: BlueprintCatalog.all.map(\.name))
    func hundredRunsAndShuffledKeysRenderTheSameBytes(_ name: String) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let blueprint = try #require(BlueprintCatalog.named(name))
        let document = PipewrightConfig.document(blueprint.pipeline())
        try scratch.write(JSONWriter.write(document), to: "pipewright.json")
        let reference = scratch.run("generate", "--stdout")
        #expect(reference.code == 0)
        for _ in 0..<100 {
            #expect(scratch.run("generate", "--stdout").stdout == reference.stdout)
        }
        var random = SeededGenerator(seed: 7)
        for _ in 0..<10 {
            try scratch.write(JSONWriter.write(JSONShuffle.shuffled(document, using: &random)), to: "pipewright.json")
            #expect(scratch.run("generate", "--stdout").stdout == reference.stdout)
        }
    }
}
