import Foundation
import Pipewright
import PipewrightLocalRun
import PipewrightBlueprints

/// The scenarios, in the order they run: later ones use the stacks and artifacts earlier ones made.
extension Harness {
    /// Every blueprint's bootstrap, and the test pipeline's, deploys on moto with every output it describes;
    /// the test pipeline's outputs become the GitHub variables the other scenarios run with.
    mutating func bootstrapDeploys() throws -> String {
        // Each blueprint gets its own project, so role names and key aliases do not collide in moto's one account.
        var pipelines = BlueprintCatalog.all.map { ("blueprint \($0.name)", $0.pipeline(BlueprintOptions(project: "bp-" + $0.name))) }
        pipelines.append(("test pipeline", pipeline))
        var notes: [String] = []
        for (index, (label, pipeline)) in pipelines.enumerated() {
            let isTest = label == "test pipeline"
            let templateFile = work + "/bootstrap-\(index).yaml"
            try BootstrapTemplate.yaml(for: pipeline).write(toFile: templateFile, atomically: true, encoding: .utf8)
            // The blueprints' placeholder accounts are not moto's: create their environments' roles explicitly.
            // The test pipeline's environments are in moto's account, so `auto` must select them.
            // moto's one account is every account here, the pipeline account included.
            var parameters = ["ParameterKey=GitHubRepository,ParameterValue=\(Self.repository)",
                              "ParameterKey=CreateOIDCProvider,ParameterValue=\(index == 0)",
                              "ParameterKey=PipelineAccountId,ParameterValue=\(Self.account)"]
            if !isTest {
                parameters += pipeline.environments.map { "ParameterKey=\(BootstrapNaming.logicalID($0.name))Roles,ParameterValue=create" }
            }
            let stackName = "\(pipeline.project)-bootstrap-\(index)"
            _ = try shell.awsText(["cloudformation", "create-stack", "--stack-name", stackName, "--template-body", "file://" + templateFile,
                                   "--capabilities", "CAPABILITY_NAMED_IAM", "--parameters"] + parameters)
            let wait = shell.run(["aws", "cloudformation", "wait", "stack-create-complete", "--stack-name", stackName])
            try check(wait.succeeded, "\(label): bootstrap stack did not complete: \(wait.stderr)")
            let outputs = try shell.awsJSON(["cloudformation", "describe-stacks", "--stack-name", stackName, "--query", "Stacks[0].Outputs"]) as? [[String: Any]] ?? []
            var values: [String: String] = [:]
            for output in outputs { if let key = output["OutputKey"] as? String { values[key] = output["OutputValue"] as? String } }
            for setting in BootstrapTemplate.githubSettings(for: pipeline) {
                guard let value = values[setting.outputKey], value.hasPrefix("arn:aws:iam::\(Self.account):role/") else {
                    throw Failure("\(label): output \(setting.outputKey) for \(setting.name) is missing or not a role ARN: \(values[setting.outputKey] ?? "none")")
                }
                if isTest { vars[setting.name] = value }
            }
            if let key = pipeline.artifactEncryption?.kmsKey {
                let aliases = try shell.awsText(["kms", "list-aliases", "--query", "Aliases[].AliasName"])
                try check(aliases.split(whereSeparator: \.isWhitespace).contains { $0 == key }, "\(label): alias \(key) missing: \(aliases)")
                try check(values["ArtifactKeyArn"] != nil, "\(label): no ArtifactKeyArn output")
            }
            notes.append("\(label): \(outputs.count) outputs")
        }
        return notes.joined(separator: "; ")
    }

    /// build → validate → deploy dev: the stack exists with its tags, and each job assumed the role the
    /// bootstrap output for the variable it reads.
    func deployDev() throws -> String {
        let runner = runner(runID: "101", ref: "refs/heads/develop")
        let before = webhookMessages().count
        let results = try run(["build", "validate", "deploy-dev"], in: deploy, with: runner)
        let stack = try stack("pwe2e-dev-main") ?? { throw Failure("stack pwe2e-dev-main does not exist") }()
        try check(stack["StackStatus"] as? String == "CREATE_COMPLETE", "stack status \(stack["StackStatus"] ?? "?")")
        var tags: [String: String] = [:]
        for tag in stack["Tags"] as? [[String: String]] ?? [] { tags[tag["Key"] ?? ""] = tag["Value"] }
        let expected = ["Environment": "dev", "Project": "pwe2e", "ManagedBy": "Pipewright", "Repository": Self.repository,
                        "CommitSHA": Self.sha, "CostCenter": "platform"]
        for (key, value) in expected { try check(tags[key] == value, "tag \(key) is \(tags[key] ?? "missing"), expected \(value)") }
        try check(results["deploy-dev"]?.outputs["status"] == "deployed", "deploy status \(results["deploy-dev"]?.outputs["status"] ?? "none")")
        try check(results["build"]?.assumedRoles.map(\.role) == [vars["AWS_CI_ROLE_ARN"]!], "build assumed \(results["build"]?.assumedRoles ?? [])")
        try check(results["validate"]?.assumedRoles.map(\.role) == [vars["AWS_CI_ROLE_ARN"]!], "validate assumed \(results["validate"]?.assumedRoles ?? [])")
        try check(results["deploy-dev"]?.assumedRoles.map(\.role) == [vars["AWS_ROLE_ARN_DEV"]!], "deploy assumed \(results["deploy-dev"]?.assumedRoles ?? [])")
        // moto does not fill a stack's Outputs when a change set creates it, so the captured file is `[]`
        // here; the check is that the capture step ran and uploaded valid JSON.
        let captured = FileManager.default.contents(atPath: work + "/artifacts/101/stack-outputs-dev-1/dev.json") ?? Data()
        try check((try? JSONSerialization.jsonObject(with: captured)) is [Any], "no stack outputs artifact with a JSON array")
        let messages = webhookMessages().dropFirst(before)
        try check(messages.contains { $0.contains("Deploy of pwe2e-dev-main: success") }, "no Slack message for the deploy: \(Array(messages))")
        return "stack CREATE_COMPLETE, \(expected.count) tags, roles match the bootstrap outputs"
    }

    /// The build's artifact is only ciphertext, decrypts with the data key under this run's encryption
    /// context back to the template, and does not decrypt under another run's.
    func kmsRoundTrip() throws -> String {
        let store = work + "/artifacts/101"
        let names = try FileManager.default.contentsOfDirectory(atPath: store).filter { $0.hasPrefix("infrastructure-") }
        let artifact = try names.first.map { store + "/" + $0 } ?? { throw Failure("no build artifact in \(store)") }()
        let files = try FileManager.default.contentsOfDirectory(atPath: artifact).sorted()
        try check(files == ["SHA256SUMS", "bundle.tar.gz.enc", "data-key.bin"], "artifact holds \(files)")
        let scratch = work + "/kms-round-trip"
        try? FileManager.default.removeItem(atPath: scratch)
        try FileManager.default.createDirectory(atPath: scratch + "/bundle", withIntermediateDirectories: true)
        // The context the build sent: the repository, the run's ref and its id.
        func context(run: String) -> String { #"{"repository":"\#(Self.repository)","ref":"refs/heads/develop","run_id":"\#(run)"}"# }
        let plaintext = try shell.awsText(["kms", "decrypt", "--ciphertext-blob", "fileb://\(artifact)/data-key.bin",
                                           "--encryption-context", context(run: "101"), "--query", "Plaintext"])
        try (plaintext + "\n").write(toFile: scratch + "/key", atomically: true, encoding: .utf8)
        let decrypt = shell.run(["openssl", "enc", "-d", "-aes-256-cbc", "-pbkdf2", "-iter", "200000", "-in", artifact + "/bundle.tar.gz.enc",
                                 "-out", scratch + "/bundle.tar.gz", "-pass", "file:" + scratch + "/key"])
        try check(decrypt.succeeded, "openssl could not decrypt the bundle: \(decrypt.stderr)")
        let untar = shell.run(["tar", "-C", scratch + "/bundle", "-xzf", scratch + "/bundle.tar.gz"])
        try check(untar.succeeded, "tar: \(untar.stderr)")
        let template = try String(contentsOfFile: scratch + "/bundle/template.yaml", encoding: .utf8)
        try check(template == Fixtures.template, "the decrypted template differs from the repository's")
        let wrong = shell.run(["aws", "kms", "decrypt", "--ciphertext-blob", "fileb://\(artifact)/data-key.bin",
                               "--encryption-context", context(run: "999"), "--output", "text"])
        try check(!wrong.succeeded && wrong.stderr.contains("InvalidCiphertext"), "the data key decrypted under another run's context")
        return "ciphertext only in the store; decrypts to the template; another run's context is refused"
    }

    /// A reviewed prod deploy: the plan job creates the change set and writes its summary, the execute job
    /// executes exactly that change set, by ARN, after recomputing its content hash.
    func prodChangeSet() throws -> String {
        let runner = runner(runID: "102", ref: "refs/heads/main")
        let results = try run(["build", "validate", "plan-prod", "deploy-prod"], in: deploy, with: runner)
        let plan = results["plan-prod"]!
        try check(plan.outputs["has-changes"] == "true", "has-changes \(plan.outputs["has-changes"] ?? "none")")
        // The execute job receives the change set by ARN with its content hash, and recomputes the hash.
        let arn = plan.outputs["change-set-arn"] ?? ""
        try check(arn.hasPrefix("arn:aws:cloudformation:") && arn.contains(":changeSet/pw-102-1/"), "change set \(arn)")
        let hash = plan.outputs["change-set-sha256"] ?? ""
        try check(hash.count == 64, "change set sha256 '\(hash)'")
        try check(plan.summary.contains("## Change set for pwe2e-prod-main") && plan.summary.contains("| Add | Topic | AWS::SNS::Topic |")
                  && plan.summary.contains("Content sha256: `\(hash)`"), "plan summary:\n\(plan.summary)")
        let uploaded = work + "/artifacts/102/change-set-prod-1/change-set.md"
        try check(FileManager.default.fileExists(atPath: uploaded), "the change set description was not uploaded")
        try check(results["deploy-prod"]?.step("deploy")?.log.contains("matches the reviewed content (sha256 \(hash))") == true,
                  "the execute job did not check the content hash")
        let execution = try shell.awsText(["cloudformation", "describe-change-set", "--change-set-name", arn,
                                           "--query", "[Status,ExecutionStatus]"])
        try check(execution.split(whereSeparator: \.isWhitespace) == ["CREATE_COMPLETE", "EXECUTE_COMPLETE"], "change set is \(execution)")
        let stack = try stack("pwe2e-prod-main")
        try check(stack?["StackStatus"] as? String == "CREATE_COMPLETE", "prod stack \(stack?["StackStatus"] ?? "missing")")
        try check(results["deploy-prod"]?.assumedRoles.map(\.role) == [vars["AWS_ROLE_ARN_PROD"]!], "deploy-prod assumed \(results["deploy-prod"]?.assumedRoles ?? [])")
        return "change set created, summarized, uploaded and executed; stack CREATE_COMPLETE"
    }

    /// Deploying the same commit again yields an empty change set, which counts as success.
    func emptyChangeSet() throws -> String {
        let runner = runner(runID: "103", ref: "refs/heads/develop")
        let before = try stack("pwe2e-dev-main")?["LastUpdatedTime"] as? String
        let results = try run(["build", "validate", "deploy-dev"], in: deploy, with: runner)
        try check(results["deploy-dev"]?.outputs["status"] == "no-changes", "deploy status \(results["deploy-dev"]?.outputs["status"] ?? "none")")
        try check(results["deploy-dev"]?.step("deploy")?.log.contains("No changes: The submitted information didn't contain changes") == true,
                  "the deploy step did not take the no-changes branch")
        let after = try stack("pwe2e-dev-main")?["LastUpdatedTime"] as? String
        try check(before == after, "the stack was updated: \(before ?? "nil") -> \(after ?? "nil")")
        return "deploy succeeded with status no-changes; stack untouched"
    }

    /// An artifact changed after validation stops the deploy at checksum verification, before any AWS call.
    func tamperedArtifact() throws -> String {
        let runner = runner(runID: "104", ref: "refs/heads/develop")
        let built = try run(["build", "validate"], in: deploy, with: runner)
        let name = built["build"]!.outputs["artifact-name"] ?? ""
        let bundle = work + "/artifacts/104/\(name)/bundle.tar.gz.enc"
        guard let handle = FileHandle(forWritingAtPath: bundle) else { throw Failure("no artifact at \(bundle)") }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("tampered".utf8))
        try handle.close()
        let job = deploy[job: "deploy-dev"]!
        let result = try runner.run(job, in: deploy, needs: built)
        try check(result.result == .failure, "deploy-dev ended \(result.result.rawValue)\n" + Self.describe(result))
        try check(result.failedStep?.name == "Verify the artifact checksums", "failed at \(result.failedStep?.name ?? "nothing")\n" + Self.describe(result))
        try check(result.failedStep?.log.contains("bundle.tar.gz.enc: FAILED") == true, "no checksum failure in the log")
        try check(result.assumedRoles.isEmpty && result.step("deploy")?.outcome == .skipped, "steps after verification ran")
        let changeSets = try shell.awsText(["cloudformation", "list-change-sets", "--stack-name", "pwe2e-dev-main", "--query", "Summaries[].ChangeSetName"])
        try check(!changeSets.contains("pw-104-"), "a change set was created: \(changeSets)")
        return "stopped at 'Verify the artifact checksums'; no credentials, no change set"
    }

    /// A manual destroy refuses a wrong confirmation, and deletes the stack with the right one; build and
    /// validate are skipped on a destroy.
    func destroy() throws -> String {
        var inputs = ["environment": "dev", "action": "destroy", "environment_suffix": "main", "confirm": "pwe2e-dev"]
        let refused = try run(["build", "destroy-dev"], in: deploy, with: runner(runID: "105", event: "workflow_dispatch", inputs: inputs),
                              expect: [.skipped, .failure])
        try check(refused["destroy-dev"]?.failedStep?.name == "Delete the stack", "failed at \(refused["destroy-dev"]?.failedStep?.name ?? "nothing")")
        try check(refused["destroy-dev"]?.failedStep?.log.contains("Confirmation does not match") == true, "no refusal message")
        try check(try stack("pwe2e-dev-main") != nil, "the stack was deleted despite the wrong confirmation")
        inputs["confirm"] = "pwe2e-dev-main"
        let deleted = try run(["destroy-dev"], in: deploy, with: runner(runID: "106", event: "workflow_dispatch", inputs: inputs))
        try check(deleted["destroy-dev"]?.summary.contains("Deleted pwe2e-dev-main.") == true, "no deletion in the summary")
        try check(try stack("pwe2e-dev-main") == nil, "the stack still exists")
        let refusedProd = try run(["destroy-refused"], in: deploy, with: runner(runID: "107", event: "workflow_dispatch",
                                                                                 inputs: ["environment": "prod", "action": "destroy", "confirm": "pwe2e-prod-main"]),
                                  expect: [.failure])
        try check(refusedProd["destroy-refused"]?.failedStep?.log.contains("production environment") == true, "prod destroy not refused")
        try check(try stack("pwe2e-prod-main") != nil, "the prod stack is gone")
        return "wrong confirmation refused; right one deleted the stack; prod refused"
    }

    /// Drift detection (which moto lacks) against a stubbed `aws` answering from recorded responses.
    func driftDetection() throws -> String {
        var notes: [String] = []
        for drifted in [false, true] {
            let stub = work + "/drift-stub-\(drifted)"
            try? FileManager.default.removeItem(atPath: stub)
            try FileManager.default.createDirectory(atPath: stub + "/responses", withIntermediateDirectories: true)
            try Fixtures.driftStub.write(toFile: stub + "/aws", atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: stub + "/aws")
            for (file, text) in Fixtures.driftResponses(stackName: "pwe2e-dev-main", drifted: drifted) {
                try text.write(toFile: stub + "/responses/" + file, atomically: true, encoding: .utf8)
            }
            let before = webhookMessages().count
            let runner = runner(runID: drifted ? "109" : "108", event: "schedule", pathPrefix: [stub],
                                extraEnvironment: ["DRIFT_RESPONSES": stub + "/responses"])
            let results = try run(["drift-dev"], in: drift, with: runner, expect: [drifted ? .failure : .success])
            let job = results["drift-dev"]!
            let calls = (try? String(contentsOfFile: stub + "/calls.log", encoding: .utf8)) ?? ""
            try check(calls.contains("detect-stack-drift --stack-name pwe2e-dev-main"), "drift was not detected on pwe2e-dev-main: \(calls)")
            try check(job.assumedRoles.map(\.role) == [vars["AWS_DRIFT_ROLE_ARN_DEV"]!], "drift assumed \(job.assumedRoles)")
            if drifted {
                try check(job.failedStep?.name == "Detect drift", "failed at \(job.failedStep?.name ?? "nothing")")
                try check(job.summary.contains("## Drift of pwe2e-dev-main: DRIFTED") && job.summary.contains("| Topic | AWS::SNS::Topic | MODIFIED |"),
                          "summary:\n\(job.summary)")
                let messages = webhookMessages().dropFirst(before)
                try check(messages.contains { $0.contains("Drift detected in pwe2e-dev-main: failure") }, "no Slack message: \(Array(messages))")
                notes.append("DRIFTED fails with the resource table and a Slack message")
            } else {
                try check(job.outputs["drift-status"] == "IN_SYNC", "drift-status \(job.outputs["drift-status"] ?? "none")")
                try check(webhookMessages().count == before, "Slack was notified although nothing drifted")
                notes.append("IN_SYNC passes quietly")
            }
        }
        return notes.joined(separator: "; ")
    }
}
