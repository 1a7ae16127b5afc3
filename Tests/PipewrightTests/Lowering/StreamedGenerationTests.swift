import Testing
@testable import Pipewright
import PipewrightSamples

/// `Generator.stream` builds, checks and writes a few environments' jobs at a time, in waves on all cores;
/// `render` is the same stream kept in memory. Neither may differ by a byte from lowering the whole
/// pipeline and writing each workflow's tree, nor report validation errors any differently.
@Suite struct StreamedGenerationTests {
    /// Records what a sink is given, in order, and checks the order is the protocol's.
    struct RecordingSink: RenderedFileSink {
        var files: [(path: String, text: [UInt8])] = []
        var pieces: [Int] = []
        private var open: (path: String, headerByteCount: Int, body: [UInt8])?

        mutating func begin(path: String, headerByteCount: Int) {
            #expect(open == nil, "a file began before the last one finished")
            open = (path, headerByteCount, [])
            pieces.append(0)
        }

        mutating func write(_ bytes: UnsafeRawBufferPointer) {
            open!.body += bytes
            pieces[pieces.count - 1] += 1
        }

        mutating func finish(header: [UInt8]) {
            #expect(header.count == open!.headerByteCount, "the header is not the length announced")
            files.append((open!.path, header + open!.body))
            open = nil
        }
    }

    static func wholeTree(_ generated: GeneratedWorkflow) -> String {
        GeneratedHeader().wrap(YAMLEmitter.emit(YAMLDocument(root: generated.workflow.yamlNode)))
    }

    @Test(arguments: [1, 3, 62, 63, 64, 65, 129, 200, 1_000])
    func streamedFilesEqualTheWholeTrees(environments: Int) throws {
        let pipeline = RandomPipeline.make(environments: environments, seed: UInt64(environments) &* 7919)
        let generator = Generator()
        var sink = RecordingSink()
        try generator.stream(pipeline, into: &sink)
        let expected = generator.lower(pipeline)
        #expect(sink.files.map(\.path) == expected.map { ".github/workflows/" + $0.fileName })
        for (file, generated) in zip(sink.files, expected) {
            #expect(String(decoding: file.text, as: UTF8.self) == Self.wholeTree(generated), "\(file.path), \(environments) environments")
        }
        #expect(try generator.render(pipeline).map(\.contents) == sink.files.map { String(decoding: $0.text, as: UTF8.self) })
        if environments >= 200 {
            #expect(sink.pieces.allSatisfy { $0 > 2 }, "a large workflow is handed on in pieces, not whole")
        }
    }

    @Test(arguments: [3, 150])
    func aJobInvalidOnItsOwnIsReportedAsValidationReportsIt(environments: Int) throws {
        var pipeline = RandomPipeline.make(environments: environments, seed: 11)
        pipeline.environments[environments - 1].name = "not an id"
        try expectSameErrors(pipeline)
    }

    @Test(arguments: [3, 150])
    func jobsThatClashAreReportedAsValidationReportsThem(environments: Int) throws {
        // Two environments of one name lower to two jobs of one id: only the check across jobs sees it.
        var pipeline = RandomPipeline.make(environments: environments, seed: 12)
        pipeline.environments[environments - 1].name = pipeline.environments[0].name
        try expectSameErrors(pipeline)
    }

    private func expectSameErrors(_ pipeline: Pipeline) throws {
        let generator = Generator()
        let expected = generator.lower(pipeline).flatMap { generated in
            generated.workflow.validationErrors().map { generated.fileName + ": " + $0.path + ": " + $0.message }
        }
        #expect(!expected.isEmpty)
        var sink = RecordingSink()
        let error = #expect(throws: ValidationErrors.self) { try generator.stream(pipeline, into: &sink) }
        let reported = error?.errors.map { $0.path + ": " + $0.message } ?? []
        #expect(reported == expected)
        let failedFile = reported.first.map { String($0.prefix { $0 != ":" }) }
        #expect(!sink.files.contains { $0.path.hasSuffix("/" + (failedFile ?? "")) }, "an invalid workflow was finished")
    }
}
