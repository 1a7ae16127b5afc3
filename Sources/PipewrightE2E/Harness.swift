import Foundation
import Pipewright
import PipewrightLocalRun
import PipewrightBlueprints

/// The E2E run: the emulator, the test pipeline's workflows, and the helpers scenarios share.
struct Harness {
    static let account = "123456789012"
    static let repository = "octo-org/pipewright-e2e"
    static let sha = "0123456789abcdef0123456789abcdef01234567"

    let endpoint: String
    let work: String
    let webhookLog: String?
    let webhookURL: String
    let pipeline: Pipeline
    let deploy: Workflow
    let drift: Workflow
    let fixture: String
    let shimDirectory: String
    let realAWS: String
    let hostPath: String
    /// GitHub variables, filled from the bootstrap stack's outputs.
    var vars: [String: String] = [:]

    /// The default blueprint for environments dev and prod, in moto's account so the bootstrap's
    /// account conditions select them.
    static func testPipeline() -> Pipeline {
        var pipeline = Blueprint.cloudFormation.pipeline(BlueprintOptions(project: "pwe2e", region: "us-east-1", environments: ["dev", "prod"]))
        for index in pipeline.environments.indices { pipeline.environments[index].account = account }
        return pipeline
    }

    init(endpoint: String, work: String, webhookURL: String, webhookLog: String?) throws {
        self.endpoint = endpoint
        self.work = work
        self.webhookURL = webhookURL
        self.webhookLog = webhookLog
        pipeline = Self.testPipeline()
        let workflows = Generator().lower(pipeline)
        deploy = workflows[0].workflow
        drift = try workflows.first { $0.fileName.hasSuffix("-drift.yml") }.map(\.workflow) ?? { throw Failure("no drift workflow") }()
        hostPath = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        realAWS = try hostPath.split(separator: ":").map { $0 + "/aws" }.first { FileManager.default.isExecutableFile(atPath: $0) }
            ?? { throw Failure("no aws on PATH; Scripts/e2e installs the pinned AWS CLI") }()
        fixture = work + "/fixture-repository"
        shimDirectory = work + "/moto-shim"
        try Fixtures.writeRepository(at: fixture)
        try FileManager.default.createDirectory(atPath: shimDirectory, withIntermediateDirectories: true)
        try Fixtures.emptyChangeSetShim.write(toFile: shimDirectory + "/aws", atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: shimDirectory + "/aws")
    }

    /// The harness's own AWS CLI, pointed at the emulator with test credentials.
    var shell: Shell {
        Shell(environment: [
            "PATH": hostPath, "HOME": ProcessInfo.processInfo.environment["HOME"] ?? "/root", "LANG": "C.UTF-8",
            "AWS_ENDPOINT_URL": endpoint, "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_DEFAULT_REGION": "us-east-1", "AWS_REGION": "us-east-1", "AWS_MAX_ATTEMPTS": "2",
        ])
    }

    /// A runner for one run of the workflow.
    func runner(runID: String, ref: String = "refs/heads/main", event: String = "push", inputs: [String: String] = [:],
                pathPrefix: [String]? = nil, extraEnvironment: [String: String] = [:]) -> LocalJobRunner {
        var base = [
            "PATH": ((pathPrefix ?? [shimDirectory]) + [hostPath]).joined(separator: ":"),
            "HOME": ProcessInfo.processInfo.environment["HOME"] ?? "/root",
            "LANG": "C.UTF-8",
            "PIPEWRIGHT_REAL_AWS": realAWS,
            "PIPEWRIGHT_SHIM_STATE": work + "/moto-shim-state",
        ]
        base.merge(extraEnvironment) { _, new in new }
        return LocalJobRunner(configuration: LocalRunConfiguration(
            workRoot: work + "/runs", artifactStore: work + "/artifacts", fixtureRepository: fixture, endpointURL: endpoint,
            github: GitHubRunContext(repository: Self.repository, sha: Self.sha, ref: ref, eventName: event, runID: runID, actor: "e2e"),
            vars: vars, secrets: ["SLACK_WEBHOOK_URL": webhookURL], inputs: inputs, baseEnvironment: base, stepTimeout: 300
        ))
    }

    /// Runs jobs in order and requires each to end as expected.
    func run(_ jobs: [String], in workflow: Workflow, with runner: LocalJobRunner, expect: [JobResult]? = nil) throws -> [String: JobRunResult] {
        let results = try runner.run(jobs: jobs, in: workflow)
        let expected = expect ?? Array(repeating: .success, count: jobs.count)
        for (result, want) in zip(results, expected) where result.result != want {
            throw Failure("job \(result.jobID) ended \(result.result.rawValue), expected \(want.rawValue)\n" + Self.describe(result))
        }
        return Dictionary(uniqueKeysWithValues: results.map { ($0.jobID, $0) })
    }

    /// A job's steps with the log of the first failed one, for failure messages.
    static func describe(_ result: JobRunResult) -> String {
        var lines = result.steps.map { "      \($0.outcome.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \($0.name)" }
        if let failed = result.failedStep {
            lines.append("      --- log of '\(failed.name)' ---")
            lines += failed.log.split(separator: "\n", omittingEmptySubsequences: false).suffix(40).map { "      | " + $0 }
        }
        return lines.joined(separator: "\n")
    }

    /// The stack, or `nil` when it does not exist (or is deleted).
    func stack(_ name: String) throws -> [String: Any]? {
        let result = shell.run(["aws", "cloudformation", "describe-stacks", "--stack-name", name, "--output", "json"])
        guard result.succeeded else {
            if result.stderr.contains("does not exist") { return nil }
            throw Failure("describe-stacks \(name): \(result.stderr)")
        }
        let data = Data(result.stdout.utf8)
        let stack = ((try JSONSerialization.jsonObject(with: data) as? [String: Any])?["Stacks"] as? [[String: Any]])?.first
        if let status = stack?["StackStatus"] as? String, status == "DELETE_COMPLETE" { return nil }
        return stack
    }

    /// The Slack messages the webhook sink received so far.
    func webhookMessages() -> [String] {
        guard let webhookLog, let text = try? String(contentsOfFile: webhookLog, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["text"] as? String
        }
    }
}
