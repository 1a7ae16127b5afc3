import Foundation
import Pipewright
import PipewrightBlueprints

switch CommandLine.arguments.dropFirst().first {
case "audit": exit(AuditCommand.audit(Array(CommandLine.arguments.dropFirst(2))))
case "explain": exit(AuditCommand.explain(Array(CommandLine.arguments.dropFirst(2))))
default: break
}

// Temporary: renders the default blueprint into a folder, with JSON twins, for the conformance script.
let out = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "/tmp/render"
try? FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
let generator = Generator()
for generated in generator.lower(Blueprint.cloudFormation.pipeline()) {
    let file = generator.render(generated)
    let base = out + "/" + generated.fileName.replacingOccurrences(of: ".yml", with: "")
    try! file.contents.write(toFile: base + ".yml", atomically: true, encoding: .utf8)
    try! JSONEmitter.emit(generated.workflow.yamlNode).write(toFile: base + ".json", atomically: true, encoding: .utf8)
}
