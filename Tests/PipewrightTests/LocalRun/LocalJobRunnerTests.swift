import Foundation
import Testing
@testable import Pipewright
@testable import PipewrightLocalRun

/// A hand-made workflow whose scripts need only bash.
private func workflow() -> Workflow {
    Workflow(
        name: "local", on: Triggers(push: EventFilter(branches: ["main"])),
        env: ["GREETING": "hello", "FROM_RUN": "run-\(.github("run_id"))"],
        defaults: RunDefaults(shell: "bash"),
        jobs: [
            Job(id: "first", runsOn: "ubuntu-24.04", outputs: ["word": WorkflowText(.steps("make", output: "word"))], steps: [
                .run("Make a word", id: "make", env: ["SUFFIX": .expression(.inputs("suffix") || "default")], """
                    echo "word=${GREETING}-${SUFFIX}" >> "$GITHUB_OUTPUT"
                    {
                      echo 'multi<<EOF'
                      echo 'line one'
                      echo 'line two'
                      echo 'EOF'
                    } >> "$GITHUB_OUTPUT"
                    echo "EXPORTED=from-env-file" >> "$GITHUB_ENV"
                    """),
                .run("Read the word", id: "read", env: ["WORD": .expression(.steps("make", output: "word"))], """
                    test "$WORD" = hello-default
                    test "$EXPORTED" = from-env-file
                    test "$FROM_RUN" = run-77
                    test "$GITHUB_REPOSITORY" = octo-org/octo-repo
                    test -d "$RUNNER_TEMP"
                    echo "seen=yes" >> "$GITHUB_OUTPUT"
                    echo '## summary' >> "$GITHUB_STEP_SUMMARY"
                    """),
                .run("Skipped on push", if: .github("event_name").equals("pull_request"), "exit 1"),
                .run("Fail", id: "fail", "echo failing; exit 3"),
                .run("After a failure", id: "after", "echo should not run"),
                .run("Always", id: "always", if: .always(), "echo \"status=${JOB_STATUS}\" >> \"$GITHUB_OUTPUT\""),
            ]),
            Job(id: "second", needs: ["first"], runsOn: "ubuntu-24.04", steps: [.run("Never", "true")]),
            Job(id: "third", needs: ["first"], condition: .always(), runsOn: "ubuntu-24.04", steps: [
                .run("Read needs", env: ["WORD": .expression(.needs("first", output: "word")), "RESULT": .expression(.needsResult("first"))], """
                    test "$WORD" = hello-default
                    test "$RESULT" = failure
                    """),
            ]),
        ]
    )
}

private func runner(_ root: String) -> LocalJobRunner {
    LocalJobRunner(configuration: LocalRunConfiguration(
        workRoot: root + "/work", artifactStore: root + "/artifacts",
        github: GitHubRunContext(runID: "77"), baseEnvironment: ["PATH": "/usr/local/bin:/usr/bin:/bin"], stepTimeout: 30
    ))
}

private func temporaryFolder() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("pipewright-local-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

@Test func outputsFlowAndFailureStopsLaterStepsUnlessAlways() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: root) }
    var workflow = workflow()
    workflow.jobs[0].steps[5].env = ["JOB_STATUS": .expression(.job("status"))]
    let results = try runner(root).run(jobs: ["first", "second", "third"], in: workflow)
    let first = results[0]
    #expect(first.result == .failure)
    #expect(first.steps.map(\.outcome) == [.success, .success, .skipped, .failure, .skipped, .success])
    #expect(first.step("read")?.outputs == ["seen": "yes"], "\(first.step("read")?.log ?? "")")
    #expect(first.step("make")?.outputs["multi"] == "line one\nline two")
    #expect(first.step("fail")?.exitCode == 3)
    #expect(first.step("always")?.outputs["status"] == "failure")
    #expect(first.outputs == ["word": "hello-default"])
    #expect(first.summary == "## summary\n")
    #expect(results[1].result == .skipped)
    #expect(results[2].result == .success, "\(results[2].steps.map(\.log))")
}

@Test func jobsToRunFollowsNeeds() throws {
    #expect(try LocalJobRunner.jobsToRun(for: "third", in: workflow()) == ["first", "third"])
    #expect(throws: LocalRunError.self) { try LocalJobRunner.jobsToRun(for: "nope", in: workflow()) }
}

@Test func emulatedActionsUseTheFixtureAndTheArtifactStore() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let fixture = root + "/fixture"
    try FileManager.default.createDirectory(atPath: fixture + "/infra", withIntermediateDirectories: true)
    try "Resources: {}\n".write(toFile: fixture + "/infra/template.yaml", atomically: true, encoding: .utf8)
    var configuration = runner(root).configuration
    configuration.fixtureRepository = fixture
    configuration.endpointURL = "http://127.0.0.1:1"
    configuration.vars = ["ROLE": "arn:aws:iam::123456789012:role/r"]
    let pins = PinTable.verified
    let workflow = Workflow(name: "w", on: Triggers(push: EventFilter(branches: ["main"])), jobs: [
        Job(id: "up", runsOn: "ubuntu-24.04", steps: [
            .uses("Harden", pins.reference("step-security/harden-runner")),
            .uses("Check out", pins.reference("actions/checkout")),
            .uses("Credentials", pins.reference("aws-actions/configure-aws-credentials"), with: [
                "role-to-assume": .expression(.vars("ROLE")), "aws-region": "eu-west-1", "role-session-name": "s-\(.github("run_id"))",
            ]),
            .run("Check", """
                test -f infra/template.yaml
                test "$AWS_ENDPOINT_URL" = http://127.0.0.1:1
                test "$AWS_REGION" = eu-west-1
                mkdir -p out && echo data > out/file.txt
                """),
            .uses("Upload", pins.reference("actions/upload-artifact"), with: ["name": "bundle", "path": "out/", "if-no-files-found": "error"]),
        ]),
        Job(id: "down", needs: ["up"], runsOn: "ubuntu-24.04", steps: [
            .uses("Download", pins.reference("actions/download-artifact"), with: ["name": "bundle", "path": "in"]),
            .run("Check", "test \"$(cat in/file.txt)\" = data"),
            .uses("Missing role", pins.reference("aws-actions/configure-aws-credentials"), with: [
                "role-to-assume": .expression(.vars("UNSET")), "aws-region": "eu-west-1",
            ]),
        ]),
    ])
    let results = try LocalJobRunner(configuration: configuration).run(jobs: ["up", "down"], in: workflow)
    #expect(results[0].result == .success, "\(results[0].steps.map(\.log))")
    #expect(results[0].assumedRoles == [AssumedRole(role: "arn:aws:iam::123456789012:role/r", sessionName: "s-77", region: "eu-west-1", chained: false)])
    #expect(results[1].steps.map(\.outcome) == [.success, .success, .failure])
    #expect(results[1].steps[2].log.contains("role-to-assume is empty"))
}
