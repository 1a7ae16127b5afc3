import Foundation
import Pipewright
import PipewrightSamples

/// `pipewright-bench render-random --count N --seed S --output DIR`: writes the workflows of N seeded
/// random pipelines, with JSON twins, so CI can run the real validators over a sample of the property tests.
func renderRandomPipelines(_ arguments: [String]) {
    func value(_ option: String) -> String? {
        arguments.firstIndex(of: option).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
    }
    guard let output = value("--output") else {
        FileHandle.standardError.write(Data("usage: pipewright-bench render-random --count N --seed S --output DIR\n".utf8))
        exit(64)
    }
    let count = value("--count").flatMap(Int.init) ?? 50
    let firstSeed = value("--seed").flatMap(UInt64.init) ?? 1
    try! FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
    let generator = Generator()
    for seed in firstSeed..<(firstSeed + UInt64(count)) {
        for generated in generator.lower(RandomPipeline.make(seed: seed)) {
            let base = output + "/seed-\(seed)--" + String(generated.fileName.dropLast(4))
            try! generator.render(generated).contents.write(toFile: base + ".yml", atomically: true, encoding: .utf8)
            try! JSONEmitter.emit(generated.workflow.yamlNode).write(toFile: base + ".json", atomically: true, encoding: .utf8)
        }
    }
}
