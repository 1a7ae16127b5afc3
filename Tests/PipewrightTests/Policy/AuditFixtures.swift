import Testing
@testable import Pipewright

/// A hand-made workflow that passes every rule under ``strictTestPolicy``: build (encrypts, uploads), plan in
/// `prod-plan` (downloads, verifies, decrypts, creates the change set), deploy in `prod` (executes it, notifies).
/// Each rule test breaks exactly one thing in it.
enum AuditFixture {
    static let sha = String(repeating: "a", count: 40)
    static let file = ".github/workflows/ci.yml"

    static func action(_ repository: String) -> ActionReference { ActionReference(repository, ref: sha, version: "v9") }

    static var harden: Step {
        .uses("Harden", action("step-security/harden-runner"), with: ["egress-policy": "block", "allowed-endpoints": "api.github.com:443\n"])
    }
    static func credentials(account: String = "111111111111", region: String = "us-east-1") -> Step {
        .uses("Assume", action("aws-actions/configure-aws-credentials"), with: [
            "role-to-assume": .text(WorkflowText("arn:aws:iam::\(account):role/deploy")), "aws-region": .text(WorkflowText(region)),
        ])
    }

    static var workflow: Workflow {
        let build = Job(
            id: "build", runsOn: "ubuntu-24.04",
            permissions: .grants(.read(.contents), .write(.idToken)),
            outputs: ["artifact": "\(.steps("package", output: "name"))"],
            timeoutMinutes: 15,
            steps: [
                harden,
                .uses("Check out", action("actions/checkout"), with: ["persist-credentials": false]),
                credentials(),
                .run("Package", id: "package", "set -euo pipefail\naws kms generate-data-key --key-id alias/k > key.json\nsha256sum bundle/* > SHA256SUMS\n"),
                .uses("Upload", action("actions/upload-artifact"), with: ["name": "\(.steps("package", output: "name"))", "path": "bundle/", "retention-days": 30]),
            ]
        )
        let plan = Job(
            id: "plan", needs: ["build"], runsOn: "ubuntu-24.04", environment: DeploymentEnvironment("prod-plan"),
            permissions: .grants(.write(.idToken)), timeoutMinutes: 30,
            steps: [
                harden,
                .uses("Download", action("actions/download-artifact"), with: ["name": .expression(.needs("build", output: "artifact")), "path": "bundle"]),
                .run("Verify", "cd bundle && sha256sum --check --strict SHA256SUMS\n"),
                credentials(),
                .run("Decrypt", "aws kms decrypt --ciphertext-blob fileb://bundle/key.bin --output text > key\n"),
                .run("Plan", id: "plan", env: ["STACK_TAGS": .text(WorkflowText(segments: [.literal(#"[{"Key":"Environment","Value":"prod"},{"Key":"Project","Value":"app"},{"Key":"ManagedBy","Value":"Pipewright"},{"Key":"CostCenter","Value":"platform"},{"Key":"Repository","Value":""#), .expression(.github("repository")), .literal(#""}]"#)]))],
                     "arn=\"$(aws cloudformation create-change-set \\\n  --stack-name app --change-set-name pw \\\n  --template-body file://bundle/t.yaml \\\n  --tags \"$STACK_TAGS\" \\\n  --query Id --output text)\"\necho \"arn=$arn\" >> \"$GITHUB_OUTPUT\"\n"),
            ]
        )
        let deploy = Job(
            id: "deploy", needs: ["plan"], runsOn: "ubuntu-24.04", environment: DeploymentEnvironment("prod"),
            permissions: .grants(.write(.idToken)), timeoutMinutes: 60,
            steps: [
                harden,
                credentials(),
                .run("Execute", env: ["ARN": .expression(.needs("plan", output: "arn"))], "aws cloudformation execute-change-set --change-set-name \"$ARN\"\n"),
                .run("Notify", env: ["SLACK_WEBHOOK_URL": .expression(.secrets("SLACK_WEBHOOK_URL"))], "curl --fail -d '{}' \"$SLACK_WEBHOOK_URL\"\n"),
            ]
        )
        return Workflow(name: "CI", on: Triggers(push: EventFilter(branches: ["main"])), permissions: Permissions.empty, jobs: [build, plan, deploy])
    }

    /// A policy that exercises every policy-driven rule.
    static let strictTestPolicy = Policy(
        requiredTags: ["CostCenter": ["platform"]], allowedRegions: ["us-east-1"], allowedAccounts: ["prod": ["111111111111"]],
        reviewedChangeSetEnvironments: ["prod"], neverDestroyEnvironments: ["prod"], minimumRetentionDays: 30,
        requireArtifactEncryption: true, hardenRunner: HardenRunnerRequirement(egressPolicy: .block, allowedEndpoints: ["api.github.com:443"]),
        allowedRunnerLabels: ["ubuntu-24.04"], maxJobTimeoutMinutes: 60
    )

    /// The audit of a workflow with the strict policy, as (rule, path, message) triples.
    static func findings(_ workflow: Workflow, policy: Policy = strictTestPolicy) -> [Found] {
        Auditor(policy: policy).audit(workflow, file: file).map { Found($0.ruleID, $0.location.path, $0.message) }
    }

    /// Index of a job by id, for mutating the fixture.
    static func index(_ id: String, in workflow: Workflow) -> Int { workflow.jobs.firstIndex { $0.id == id }! }
}

/// A finding reduced to what the tests compare word for word.
struct Found: Hashable, CustomStringConvertible {
    let rule: String
    let path: String
    let message: String
    init(_ rule: String, _ path: String, _ message: String) {
        self.rule = rule
        self.path = path
        self.message = message
    }
    var description: String { "\(rule) [\(path)] \(message)" }
}

extension Workflow {
    /// A copy with one job changed.
    func changing(_ id: String, _ change: (inout Job) -> Void) -> Workflow {
        var copy = self
        change(&copy.jobs[AuditFixture.index(id, in: self)])
        return copy
    }
}

