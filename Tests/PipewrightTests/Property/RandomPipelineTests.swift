import Testing
@testable import Pipewright
import PipewrightSamples

/// Property tests over seeded random pipelines: whatever the DSL allows lowers to a valid model whose
/// YAML reads back to the same tree.
@Suite struct RandomPipelineTests {
    static let seeds: [UInt64] = Array(1...1_000)

    @Test(arguments: seeds)
    func lowersValidatesAndRoundTrips(_ seed: UInt64) throws {
        let pipeline = RandomPipeline.make(seed: seed)
        let generator = Generator()
        for generated in generator.lower(pipeline) {
            #expect(generated.workflow.validationErrors() == [], "seed \(seed) \(generated.fileName)")
            let node = generated.workflow.yamlNode
            let yaml = YAMLEmitter.emit(node)
            // The library's reader keeps the comments an entry can hold, so the tree comes back whole.
            let readBack = try YAMLReader.read(yaml).root.yamlNode
            #expect(readBack == node, "seed \(seed) \(generated.fileName): YAML does not read back to the tree")
            for job in generated.workflow.jobs {
                for step in job.steps {
                    #expect(!(step.script?.rendered.contains("${{") ?? false), "seed \(seed) \(job.id)")
                }
            }
        }
    }

    @Test func environmentCountsCoverTheWholeRange() {
        let counts = Self.seeds.map { RandomPipeline.make(seed: $0).environments.count }
        #expect(counts.min() == 1)
        #expect(counts.max()! >= 45)
        #expect(counts.allSatisfy { (1...50).contains($0) })
    }

    @Test func theSameSeedMakesTheSamePipeline() {
        for seed: UInt64 in [1, 42, 999] {
            #expect(RandomPipeline.make(seed: seed) == RandomPipeline.make(seed: seed))
        }
        #expect(RandomPipeline.make(seed: 1) != RandomPipeline.make(seed: 2))
    }
}
