import Foundation
import Testing
@testable import Pipewright
import PipewrightBlueprints
import PipewrightSamples

/// The same config renders the same bytes in separate processes — where hashing is seeded afresh and
/// any dictionary or set order would show — and when the members of every JSON object are shuffled.
@Suite struct DeterminismTests {
    /// The `pipewright` binary built beside this test bundle (`swift build` builds it; `swift test` too).
    static var binary: String? {
        let bundle = CommandLine.arguments.first { $0.hasSuffix(".xctest") } ?? CommandLine.arguments[0]
        let candidate = URL(fileURLWithPath: bundle).deletingLastPathComponent().appendingPathComponent("pipewright").path
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
    }

    /// Runs `pipewright generate --stdout` in its own process on a config text and returns what it printed.
    static func generate(_ binary: String, config: String) throws -> String {
        let folder = NSTemporaryDirectory() + "pipewright-determinism-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try config.write(toFile: folder + "/pipewright.json", atomically: true, encoding: .utf8)
        for input in Scratch.blueprintInputs {
            try FileManager.default.createDirectory(atPath: folder + "/infrastructure", withIntermediateDirectories: true)
            try "# input\n".write(toFile: folder + "/" + input, atomically: true, encoding: .utf8)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["generate", "--stdout", "--directory", folder]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self)
    }

    @Test(arguments: BlueprintCatalog.all.map(\.name))
    func separateProcessesAndShuffledKeysRenderTheSameBytes(_ name: String) throws {
        let binary = try #require(Self.binary, "no pipewright binary beside the test bundle; run 'swift build' first")
        let blueprint = try #require(BlueprintCatalog.named(name))
        let document = PipewrightConfig.document(blueprint.pipeline())
        let reference = try Self.generate(binary, config: JSONWriter.write(document))
        #expect(reference.contains("# --- .github/workflows/"))
        #expect(try Self.generate(binary, config: JSONWriter.write(document)) == reference)
        var random = SeededGenerator(seed: 7)
        for _ in 0..<3 {
            let shuffled = JSONShuffle.shuffled(document, using: &random)
            #expect(try Self.generate(binary, config: JSONWriter.write(shuffled)) == reference)
        }
    }
}
