import Foundation
import Pipewright
import PipewrightBlueprints

// Temporary: renders every blueprint into a folder, with JSON twins, for the conformance script.
let out = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "/tmp/render"
try? FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
let generator = Generator()
for blueprint in BlueprintCatalog.all {
    for generated in generator.lower(blueprint.pipeline()) {
        let file = generator.render(generated)
        let base = out + "/" + blueprint.name + "--" + generated.fileName.replacingOccurrences(of: ".yml", with: "")
        try! file.contents.write(toFile: base + ".yml", atomically: true, encoding: .utf8)
        try! JSONEmitter.emit(generated.workflow.yamlNode).write(toFile: base + ".json", atomically: true, encoding: .utf8)
        for error in generated.workflow.validationErrors() { print(blueprint.name, error) }
    }
}
