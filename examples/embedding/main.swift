// An example of embedding Pipewright in your own tool.
//
//   swift run pipewright-example                       print the DSL-built pipeline's workflows as YAML
//   swift run pipewright-example --output DIR          write them (with JSON twins) into DIR
//   swift run pipewright-example --config FILE --output DIR
//                                                      the same for a pipewright.json
import Foundation
import Pipewright

/// A pipeline built with the DSL, as a platform team would keep it in its own tool.
let payments = Pipeline("Payments infrastructure", project: "payments") {
    CloudFormationTemplate(path: "infra/template.yaml", capabilities: [.namedIAM, .autoExpand])
    StackNaming(prefix: "payments", suffix: "main")
    Region("eu-west-1")
    CIRole(.variable("AWS_CI_ROLE_ARN"))
    ValidationSettings(cfnLintVersion: "1.51.0", commands: ["make test-templates"])
    Environment("dev", account: "111111111111", role: .variable("AWS_ROLE_ARN_DEV"), branch: "develop",
                parameters: [.value("Size", "small")])
    Environment("staging", account: "222222222222", role: .variable("AWS_ROLE_ARN_STAGING"), branch: "main",
                parameters: [.value("Size", "medium")])
    Environment("prod", account: "333333333333", role: .variable("AWS_ROLE_ARN_PROD"), branch: "main",
                after: "staging", parameters: [.value("Size", "large"), .secret("DbPassword", "PROD_DB_PASSWORD")],
                strategy: .changeSet(review: true), production: true)
    DriftDetection(schedule: ["17 6 * * 1-5"])
    DestroySettings(allowProduction: false)
    Notify.slack(webhookSecret: "SLACK_WEBHOOK_URL")
    Tags(["CostCenter": "payments", "Owner": "platform-team"])
    ArtifactEncryption(kmsKey: "alias/payments-artifacts")
    // Block egress: the lowering allows what the jobs need (GitHub, STS, CloudFormation, KMS, PyPI, Slack).
    RuntimeSettings(hardenRunner: HardenRunner(policy: .block))
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data(("pipewright-example: " + message + "\n").utf8))
    exit(2)
}

let arguments = Array(CommandLine.arguments.dropFirst())
func value(of option: String) -> String? {
    guard let index = arguments.firstIndex(of: option), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

var pipeline = payments
if let configPath = value(of: "--config") {
    guard let text = try? String(contentsOfFile: configPath, encoding: .utf8) else { fail("cannot read \(configPath)") }
    do {
        pipeline = try PipewrightConfig.decode(text, fileName: configPath).pipeline
    } catch {
        fail(error.description)
    }
}

// `render` checks the pipeline's configuration and every workflow; `lower` alone checks nothing.
let generator = Generator(policy: .default)
let files: [RenderedFile]
do {
    files = try generator.render(pipeline)
} catch {
    fail(error.description)
}
guard let output = value(of: "--output") else {
    for file in files {
        print("# --- " + file.path)
        print(file.contents, terminator: "")
    }
    exit(0)
}
try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
for (file, generated) in zip(files, generator.lower(pipeline)) {
    let base = output + "/" + String(generated.fileName.dropLast(4))
    try file.contents.write(toFile: base + ".yml", atomically: true, encoding: .utf8)
    try JSONEmitter.emit(generated.workflow.yamlNode).write(toFile: base + ".json", atomically: true, encoding: .utf8)
}
