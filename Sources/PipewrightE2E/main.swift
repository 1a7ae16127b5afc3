import Foundation
import Pipewright
import PipewrightLocalRun
import PipewrightBlueprints

// pipewright-e2e: runs the generated jobs' scripts against an AWS emulator (moto) and checks its state.
//
//   pipewright-e2e --endpoint URL [--webhook URL --webhook-log FILE] [--work DIR]
//   pipewright-e2e bootstrap-templates DIR     writes every blueprint's bootstrap template, for cfn-lint
//
// Prints one line per scenario and `e2e: N passed, N failed`; exits 1 when any failed. Scripts/e2e
// installs the pinned emulator and CLI, starts moto and the webhook sink, and runs this.

func usage() -> Never {
    FileHandle.standardError.write(Data("usage: pipewright-e2e --endpoint URL [--webhook URL --webhook-log FILE] [--work DIR]\n       pipewright-e2e bootstrap-templates DIR\n".utf8))
    exit(64)
}

var arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "bootstrap-templates" {
    guard arguments.count == 2 else { usage() }
    try FileManager.default.createDirectory(atPath: arguments[1], withIntermediateDirectories: true)
    for blueprint in BlueprintCatalog.all {
        try BootstrapTemplate.yaml(for: blueprint.pipeline()).write(toFile: arguments[1] + "/\(blueprint.name)-bootstrap.yaml", atomically: true, encoding: .utf8)
    }
    try BootstrapTemplate.yaml(for: Harness.testPipeline()).write(toFile: arguments[1] + "/e2e-test-pipeline-bootstrap.yaml", atomically: true, encoding: .utf8)
    exit(0)
}

var options: [String: String] = [:]
while let flag = arguments.first {
    arguments.removeFirst()
    guard ["--endpoint", "--webhook", "--webhook-log", "--work"].contains(flag), let value = arguments.first else { usage() }
    arguments.removeFirst()
    options[flag] = value
}
guard let endpoint = options["--endpoint"] else { usage() }
let work = options["--work"] ?? FileManager.default.temporaryDirectory.appendingPathComponent("pipewright-e2e-\(ProcessInfo.processInfo.processIdentifier)").path
try? FileManager.default.removeItem(atPath: work)
try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)

var harness: Harness
do {
    // Without a sink the Slack steps post to a closed loopback port and fail, as they would with a bad URL.
    harness = try Harness(endpoint: endpoint, work: work, webhookURL: options["--webhook"] ?? "http://127.0.0.1:9/unset",
                          webhookLog: options["--webhook-log"])
} catch {
    print("e2e: cannot start: \(error)")
    print("e2e: 0 passed, 1 failed")
    exit(1)
}

var passed = 0
var failed = 0
@MainActor func scenario(_ name: String, _ body: () throws -> String) {
    let started = Date()
    do {
        let note = try body()
        passed += 1
        print("PASS " + name.padding(toLength: 62, withPad: " ", startingAt: 0) + String(format: " %6.1fs  ", Date().timeIntervalSince(started)) + note)
    } catch {
        failed += 1
        print("FAIL " + name.padding(toLength: 62, withPad: " ", startingAt: 0) + String(format: " %6.1fs", Date().timeIntervalSince(started)))
        print(String(describing: error).split(separator: "\n", omittingEmptySubsequences: false).map { "     " + $0 }.joined(separator: "\n"))
    }
    fflush(nil)
}

print("e2e: endpoint \(endpoint), work folder \(work)")
scenario("bootstrap of every blueprint deploys on moto with its outputs") { try harness.bootstrapDeploys() }
scenario("build -> validate -> deploy dev: stack exists with its tags") { try harness.deployDev() }
scenario("KMS round trip of the build artifact") { try harness.kmsRoundTrip() }
scenario("prod change set: created, summarized, executed") { try harness.prodChangeSet() }
scenario("empty change set counts as success") { try harness.emptyChangeSet() }
scenario("tampered artifact stops the deploy at checksum verification") { try harness.tamperedArtifact() }
scenario("destroy: wrong confirmation refused, right one deletes") { try harness.destroy() }
scenario("drift detection against a stubbed aws (moto lacks it)") { try harness.driftDetection() }
print("e2e: \(passed) passed, \(failed) failed")
exit(failed == 0 ? 0 : 1)
