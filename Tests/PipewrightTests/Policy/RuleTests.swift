import Testing
@testable import Pipewright

/// Each rule: the fixture broken in one way, and exactly the findings that must result.
@Suite struct RuleTests {
    typealias F = AuditFixture

    @Test func fixturePassesEveryRule() {
        #expect(F.findings(F.workflow) == [])
        #expect(F.findings(F.workflow, policy: .default) == [])
    }

    @Test func pw001StaticKeys() {
        let workflow = F.workflow.changing("deploy") { job in
            job.steps[1] = .uses("Keys", F.action("aws-actions/configure-aws-credentials"), with: [
                "role-to-assume": "arn:aws:iam::111111111111:role/deploy", "aws-region": "us-east-1",
                "aws-access-key-id": .expression(.secrets("AWS_ACCESS_KEY_ID")),
            ])
            job.steps[2].env["KEY_HINT"] = "AKIAABCDEFGHIJKLMNOP"
        }
        #expect(F.findings(workflow) == [
            Found("PW001", "jobs.deploy.steps[1].with.aws-access-key-id", "sets the static AWS credential aws-access-key-id"),
            Found("PW001", "jobs.deploy.steps[2].env.KEY_HINT", "contains the AWS access key id AKIAABCD…"),
        ])
        let exported = F.workflow.changing("deploy") { $0.steps[2] = .run("Export", "export AWS_SECRET_ACCESS_KEY=abc\n") }
        #expect(F.findings(exported).filter { $0.rule == "PW001" } == [Found("PW001", "jobs.deploy.steps[2].run", "the script sets static AWS credentials")])
    }

    @Test func pw002TokenWithoutRole() {
        let workflow = F.workflow.changing("build") { job in
            job.steps.remove(at: 2)
            job.steps[2] = .run("Package", "sha256sum bundle/* > SHA256SUMS\n")
        }
        #expect(F.findings(workflow, policy: .default) == [
            Found("PW002", "jobs.build.permissions.id-token", "job build can mint an OIDC token (id-token: write) but assumes no AWS role"),
        ])
        // Signing a provenance attestation needs the token too.
        let attests = workflow.changing("build") { job in
            job.steps.append(.uses("Attest", PinTable.verified.reference("actions/attest-build-provenance"), with: ["subject-path": "bundle/*"]))
        }
        #expect(F.findings(attests, policy: .default).filter { $0.rule == "PW002" } == [])
        let noToken = F.workflow.changing("deploy") { $0.permissions = .grants(.read(.contents)) }
        #expect(F.findings(noToken) == [
            Found("PW002", "jobs.deploy.steps[1]", "job deploy assumes an AWS role but does not grant id-token: write, so it cannot get an OIDC token"),
        ])
    }

    @Test func pw003WorkflowLevelWrite() {
        var workflow = F.workflow
        workflow.permissions = .grants(.write(.contents))
        #expect(F.findings(workflow) == [Found("PW003", "permissions.contents", "the workflow grants contents: write to every job")])
        workflow.permissions = nil
        #expect(F.findings(workflow) == [Found("PW003", "on", "the workflow sets no top-level permissions, so every job gets the repository's default token, which may be write-all")])
    }

    @Test func pw004UnpinnedAction() {
        let workflow = F.workflow.changing("build") { $0.steps[1] = .uses("Check out", ActionReference("actions/checkout", ref: "v6"), with: ["persist-credentials": false]) }
        #expect(F.findings(workflow) == [Found("PW004", "jobs.build.steps[1].uses", "actions/checkout@v6 is not pinned to a commit SHA")])
        var policy = F.strictTestPolicy
        policy.actionPins = [PinTable.Pin(repository: "actions/checkout", version: "v6.1.0-mirror", commit: String(repeating: "b", count: 40))]
        #expect(F.findings(F.workflow, policy: policy) == [
            Found("PW004", "jobs.build.steps[1].uses", "actions/checkout@\(F.sha) is not the policy's pin for actions/checkout, \(String(repeating: "b", count: 40)) (v6.1.0-mirror)"),
        ])
    }

    @Test func pw005ExpressionInRun() {
        let workflow = F.workflow.changing("build") { $0.steps.append(.run("Greet", "echo \(.github("head_ref"))\n")) }
        #expect(F.findings(workflow) == [Found("PW005", "jobs.build.steps[5].run", "the script interpolates ${{ github.head_ref }}")])
    }

    @Test func pw006SecretOutsideEnvironment() {
        let workflow = F.workflow.changing("build") { $0.env["NPM_TOKEN"] = .expression(.secrets("NPM_TOKEN")) }
        #expect(F.findings(workflow) == [Found("PW006", "jobs.build.env.NPM_TOKEN", "job build reads secrets.NPM_TOKEN but is not bound to an environment")])
        var global = F.workflow
        global.env["TOKEN"] = .expression(.secrets("TOKEN"))
        #expect(F.findings(global) == [Found("PW006", "env.TOKEN", "secrets.TOKEN is read outside any job, so every job of the workflow sees it")])
    }

    @Test func pw007PersistedCredentials() {
        let workflow = F.workflow.changing("build") { $0.steps[1] = .uses("Check out", F.action("actions/checkout")) }
        #expect(F.findings(workflow) == [Found("PW007", "jobs.build.steps[1]", "checkout in job build leaves the token in .git/config (persist-credentials is not false)")])
    }

    @Test func pw008Timeouts() {
        let workflow = F.workflow.changing("build") { $0.timeoutMinutes = nil }.changing("deploy") { $0.timeoutMinutes = 120 }
        #expect(F.findings(workflow) == [
            Found("PW008", "jobs.build", "job build has no timeout-minutes, so it may run for 6 hours"),
            Found("PW008", "jobs.deploy.timeout-minutes", "job deploy may run 120 minutes; the policy allows at most 60"),
        ])
        #expect(Auditor(policy: F.strictTestPolicy).audit(workflow, file: F.file).allSatisfy { $0.severity == .warning })
    }

    @Test func pw009ProductionWithoutReviewedChangeSet() {
        let direct = F.workflow.changing("deploy") { $0.steps[2] = .run("Deploy", "aws cloudformation deploy --template-file t.yaml --stack-name app --tags CostCenter=platform\n") }
        #expect(F.findings(direct) == [Found("PW009", "jobs.deploy.steps[2].run", "job deploy deploys to prod with aws cloudformation deploy, which applies changes without a reviewed change set")])
        let sameJob = F.workflow.changing("deploy") { $0.steps[2] = .run("Deploy", "aws cloudformation create-change-set --stack-name app --change-set-name x --tags Key=CostCenter,Value=platform\naws cloudformation execute-change-set --change-set-name x\n") }
        #expect(F.findings(sameJob) == [Found("PW009", "jobs.deploy.steps[2].run", "job deploy creates and executes its change set in the same job, so nobody reviews it before it runs")])
        let orphan = F.workflow.changing("plan") { $0.steps[5] = .run("Plan", "echo none\n") }
        #expect(F.findings(orphan) == [Found("PW009", "jobs.deploy.steps[2].run", "job deploy executes a change set that no job it needs created")])
        let cdk = F.workflow.changing("deploy") { $0.steps[2] = .run("Deploy", "npx --no-install cdk deploy --tags CostCenter=platform\n") }
        #expect(F.findings(cdk) == [Found("PW009", "jobs.deploy.steps[2].run", "job deploy deploys to prod with cdk deploy, which applies changes without a reviewed change set")])
    }

    @Test func pw010RequiredTags() {
        let missing = F.workflow.changing("plan") { $0.steps[5].env["STACK_TAGS"] = #"[{"Key":"Owner","Value":"me"}]"# }
        #expect(F.findings(missing) == [Found("PW010", "jobs.plan.steps[5].run", "aws cloudformation create-change-set in job plan does not tag the stack with CostCenter")])
        let wrong = F.workflow.changing("plan") { $0.steps[5].env["STACK_TAGS"] = #"[{"Key":"CostCenter","Value":"marketing"}]"# }
        #expect(F.findings(wrong) == [Found("PW010", "jobs.plan.steps[5].run", "aws cloudformation create-change-set in job plan tags CostCenter=marketing; the policy allows platform")])
        // aws-cloudformation-github-deploy takes its tags as the `tags` input, a JSON array.
        #expect(F.findings(Self.deployAction(["name": "app"])).filter { $0.rule == "PW010" } == [
            Found("PW010", "jobs.plan.steps[5]", "aws-cloudformation-github-deploy in job plan does not tag the stack with CostCenter"),
        ])
        #expect(F.findings(Self.deployAction(["name": "app", "tags": #"[{"Key": "CostCenter", "Value": "marketing"}]"#])).filter { $0.rule == "PW010" } == [
            Found("PW010", "jobs.plan.steps[5].with.tags", "aws-cloudformation-github-deploy in job plan tags CostCenter=marketing; the policy allows platform"),
        ])
        #expect(F.findings(Self.deployAction(["name": "app", "tags": #"[{"Key": "CostCenter", "Value": "platform"}]"#])).filter { $0.rule == "PW010" } == [])
        // Tags an expression makes are known only when the workflow runs.
        #expect(F.findings(Self.deployAction(["name": "app", "tags": "${{ vars.STACK_TAGS }}"])).filter { $0.rule == "PW010" } == [])
    }

    /// The fixture with its plan step replaced by aws-cloudformation-github-deploy with these inputs.
    static func deployAction(_ inputs: Mapping<WorkflowValue>) -> Workflow {
        F.workflow.changing("plan") { $0.steps[5] = .uses("Deploy", F.action("aws-actions/aws-cloudformation-github-deploy"), with: inputs) }
    }

    @Test func pw011ChecksumNotVerified() {
        let workflow = F.workflow.changing("plan") { $0.steps.remove(at: 2) }
        #expect(F.findings(workflow) == [Found("PW011", "jobs.plan.steps[3]", "job plan uses the artifact downloaded in step 1 before verifying its checksums")])
    }

    @Test func pw012ArtifactNotEncrypted() {
        let workflow = F.workflow
            .changing("build") { $0.steps[3] = .run("Package", id: "package", "sha256sum bundle/* > SHA256SUMS\n") }
            .changing("plan") { $0.steps.remove(at: 4) }
        #expect(F.findings(workflow) == [
            Found("PW012", "jobs.build.steps[4]", "job build uploads an artifact other jobs download without encrypting it with KMS first"),
            Found("PW012", "jobs.plan.steps[1]", "job plan downloads an artifact but never decrypts it with aws kms decrypt"),
        ])
        #expect(F.findings(workflow, policy: .default) == [])
    }

    @Test func pw013UntrustedCheckout() {
        var workflow = F.workflow.changing("build") {
            $0.steps[1] = .uses("Check out", F.action("actions/checkout"), with: ["persist-credentials": false, "ref": .expression(.github("event", "pull_request", "head", "sha"))])
        }
        workflow.on.extra = [YAMLEntry("pull_request_target", .mapping([]))]
        // The build job's token on pull_request_target is PW023's finding, tested there.
        #expect(F.findings(workflow).filter { $0.rule != "PW023" } == [Found("PW013", "jobs.build.steps[1].with.ref", "a pull_request_target workflow checks out the untrusted ref ${{ github.event.pull_request.head.sha }} in job build")])
        var fetched = F.workflow.changing("build") { $0.steps.append(.run("Fetch", "gh pr checkout \"$PR\"\n")) }
        fetched.on.extra = [YAMLEntry("workflow_run", .mapping([YAMLEntry("workflows", .sequence([.string("CI")]))]))]
        #expect(F.findings(fetched) == [Found("PW013", "jobs.build.steps[5].run", "a workflow_run workflow fetches untrusted pull request code in job build: gh pr checkout $PR")])
    }

    @Test func pw014CurlPipeShell() {
        let workflow = F.workflow.changing("build") {
            $0.steps.append(.run("Install", "set -euo pipefail\ncurl -fsSL https://example.com/install.sh | sudo bash -s -- --yes\nsh -c \"$(wget -qO- https://example.com/x)\"\n"))
        }
        #expect(F.findings(workflow) == [
            Found("PW014", "jobs.build.steps[5].run", "job build runs what curl downloads with bash, unverified (script line 2)"),
            Found("PW014", "jobs.build.steps[5].run", "job build runs what wget downloads with sh, unverified (script line 3)"),
        ])
    }

    @Test func pw015UnpinnedToolInstalls() {
        let workflow = F.workflow.changing("build") {
            $0.steps.append(.run("Tools", "pip install cfn-lint\npip install \"cfn-lint==1.51.0\" -r requirements.txt\nnpm install\nnpm ci\nnpx cdk synth\nnpx --no-install cdk synth\npython3 -m pip install --quiet boto3 requests==2.32.0\n"))
        }
        #expect(F.findings(workflow) == [
            Found("PW015", "jobs.build.steps[5].run", "job build: pip install of cfn-lint without a pinned version (script line 1)"),
            Found("PW015", "jobs.build.steps[5].run", "job build: npm install resolves versions afresh; use npm ci to install exactly the lock file (script line 3)"),
            Found("PW015", "jobs.build.steps[5].run", "job build: npx cdk may download and run a package that is not installed; add --no-install (script line 5)"),
            Found("PW015", "jobs.build.steps[5].run", "job build: pip install of boto3 without a pinned version (script line 7)"),
        ])
    }

    @Test func pw016DestroyProtectedEnvironment() {
        let workflow = F.workflow.changing("deploy") { $0.steps[2] = .run("Destroy", "aws cloudformation delete-stack --stack-name app\n") }
        #expect(F.findings(workflow) == [
            Found("PW016", "jobs.deploy.steps[2].run", "job deploy runs aws cloudformation delete-stack in prod, which the policy protects from destroy"),
            Found("PW024", "jobs.deploy.steps[2].run", "job deploy runs aws cloudformation delete-stack in prod, which is not a -destroy environment"),
        ])
    }

    @Test func pw017HardenRunner() {
        let missing = F.workflow.changing("build") { $0.steps.removeFirst() }
        #expect(F.findings(missing).filter { $0.rule == "PW017" } == [Found("PW017", "jobs.build.steps[0]", "job build does not start with step-security/harden-runner")])
        let audit = F.workflow.changing("plan") { $0.steps[0] = .uses("Harden", F.action("step-security/harden-runner"), with: ["egress-policy": "audit"]) }
        #expect(F.findings(audit) == [Found("PW017", "jobs.plan.steps[0].with", "job plan runs harden-runner with egress-policy audit; the policy requires block")])
        let open = F.workflow.changing("deploy") { $0.steps[0] = .uses("Harden", F.action("step-security/harden-runner"), with: ["egress-policy": "block", "allowed-endpoints": "api.github.com:443 evil.example:443"]) }
        #expect(F.findings(open) == [Found("PW017", "jobs.deploy.steps[0].with.allowed-endpoints", "job deploy allows egress to evil.example:443, which the policy does not allow")])
    }

    @Test func pw018RunnerLabels() {
        let workflow = F.workflow.changing("build") { $0.runsOn = .labels(["self-hosted", "ubuntu-24.04"]) }
        #expect(F.findings(workflow) == [Found("PW018", "jobs.build.runs-on", "job build runs on self-hosted; the policy allows ubuntu-24.04")])
    }

    @Test func pw019Retention() {
        let workflow = F.workflow.changing("build") { $0.steps[4] = .uses("Upload", F.action("actions/upload-artifact"), with: ["name": "\(.steps("package", output: "name"))", "path": "bundle/", "retention-days": 7]) }
        #expect(F.findings(workflow) == [Found("PW019", "jobs.build.steps[4].with.retention-days", "job build keeps an artifact 7 days; the policy requires at least 30")])
    }

    @Test func pw020Regions() {
        let workflow = F.workflow.changing("build") { $0.steps[2] = F.credentials(region: "eu-central-1") }
        #expect(F.findings(workflow) == [Found("PW020", "jobs.build.steps[2].with.aws-region", "job build uses region eu-central-1; the policy allows us-east-1")])
    }

    @Test func pw021Accounts() {
        let workflow = F.workflow.changing("deploy") { $0.steps[1] = F.credentials(account: "999999999999") }
        #expect(F.findings(workflow) == [Found("PW021", "jobs.deploy.steps[1].with.role-to-assume", "job deploy assumes a role in account 999999999999; the policy allows 111111111111 for prod")])
    }

    @Test func pw022PlanJobExecutes() {
        let executes = F.workflow.changing("plan") { $0.steps.append(.run("Apply", "aws cloudformation execute-change-set --change-set-name \"$ARN\"\n")) }
        #expect(F.findings(executes) == [
            Found("PW022", "jobs.plan.steps[6].run", "job plan is bound to the plan environment prod-plan but runs aws cloudformation execute-change-set, which executes the change set"),
        ])
        let deploys = F.workflow.changing("plan") { $0.steps[5] = .run("Plan", "npx --no-install cdk deploy --require-approval never\n") }
        // Replacing the plan's create-change-set also gives PW009 (the execute has no plan) and PW010 (no tags).
        #expect(F.findings(deploys, policy: .default).filter { $0.rule == "PW022" } == [
            Found("PW022", "jobs.plan.steps[5].run", "job plan is bound to the plan environment prod-plan but runs cdk deploy, which applies changes at once"),
        ])
        let action = F.workflow.changing("plan") { $0.steps[5] = .uses("Deploy", F.action("aws-actions/aws-cloudformation-github-deploy"), with: ["name": "app"]) }
        #expect(F.findings(action, policy: .default).filter { $0.rule == "PW022" } == [
            Found("PW022", "jobs.plan.steps[5]", "job plan is bound to the plan environment prod-plan but runs aws-cloudformation-github-deploy, which executes its change set at once"),
        ])
        // Preparing a change set is what a plan job is for; an environment chosen by an expression counts by its text.
        for script in ["npx --no-install cdk deploy --method=prepare-change-set\n", "npx --no-install cdk deploy --no-execute\n", "sam deploy --no-execute-changeset\n"] {
            #expect(F.findings(F.workflow.changing("plan") { $0.steps[5] = .run("Plan", WorkflowText(script)) }, policy: .default).filter { $0.rule == "PW022" } == [], "\(script)")
        }
        let dynamic = executes.changing("plan") { $0.environment = DeploymentEnvironment(WorkflowText("\(.inputs("environment"))-plan")) }
        #expect(F.findings(dynamic, policy: .default).map(\.rule).filter { $0 == "PW022" } == ["PW022"])
    }

    @Test func pw023CredentialsOnPullRequests() {
        var workflow = F.workflow
        workflow.on = Triggers(push: EventFilter(branches: ["main"]), pullRequest: EventFilter(branches: ["main"]))
        // Plan and deploy need build with the implicit success(): they run on a pull request when build does.
        #expect(F.findings(workflow, policy: .default) == [
            Found("PW023", "jobs.build.permissions.id-token", "job build can run on pull_request and can mint an OIDC token (id-token: write)"),
            Found("PW023", "jobs.build.steps[2]", "job build can run on pull_request and configures AWS credentials"),
            Found("PW023", "jobs.plan.permissions.id-token", "job plan can run on pull_request and can mint an OIDC token (id-token: write)"),
            Found("PW023", "jobs.plan.steps[3]", "job plan can run on pull_request and configures AWS credentials"),
            Found("PW023", "jobs.deploy.permissions.id-token", "job deploy can run on pull_request and can mint an OIDC token (id-token: write)"),
            Found("PW023", "jobs.deploy.steps[1]", "job deploy can run on pull_request and configures AWS credentials"),
        ])
        // A push-only build rules out the jobs that need it, unless a status function runs them anyway.
        let pushOnly = workflow.changing("build") { $0.condition = Expression.github("event_name").equals("push") }
        #expect(F.findings(pushOnly, policy: .default) == [])
        let notPR = workflow.changing("build") { $0.condition = Expression.github("event_name").notEquals("pull_request") && !Expression.cancelled() }
        #expect(F.findings(notPR, policy: .default) == [])
        let always = pushOnly.changing("deploy") { $0.condition = Expression.always() }
        #expect(F.findings(always, policy: .default).map(\.path) == ["jobs.deploy.permissions.id-token", "jobs.deploy.steps[1]"])
        // Excluding pull_request leaves pull_request_target; a condition on anything else decides nothing.
        var target = notPR
        target.on = Triggers(push: EventFilter(branches: ["main"]), extra: [YAMLEntry("pull_request_target", .mapping([]))])
        #expect(F.findings(target, policy: .default).first == Found("PW023", "jobs.build.permissions.id-token", "job build can run on pull_request_target and can mint an OIDC token (id-token: write)"))
        let onRef = workflow.changing("build") { $0.condition = Expression.github("ref").equals("refs/heads/main") }
        #expect(F.findings(onRef, policy: .default).count == 6)
        // Inherited from the workflow, the grant is reported where it is written.
        let inherited = workflow.changing("build") { $0.permissions = nil }
        var grantsAll = inherited
        grantsAll.permissions = .grants(.read(.contents), .write(.idToken))
        #expect(F.findings(grantsAll, policy: .default).filter { $0.rule == "PW023" }.first?.path == "permissions.id-token")
    }

    @Test func pw024DestroyOutsideADestroyEnvironment() {
        let unbound = F.workflow.changing("build") { $0.steps[3] = .run("Package", "sha256sum bundle/* > SHA256SUMS\nnpx --no-install cdk destroy --force\n") }
        #expect(F.findings(unbound, policy: .default) == [
            Found("PW024", "jobs.build.steps[3].run", "job build runs cdk destroy in a job bound to no environment"),
        ])
        let plan = F.workflow.changing("plan") { $0.steps[5] = .run("Plan", "sam delete --no-prompts\n") }
        #expect(F.findings(plan, policy: .default).filter { $0.rule == "PW024" } == [
            Found("PW024", "jobs.plan.steps[5].run", "job plan runs sam delete in prod-plan, which is not a -destroy environment"),
        ])
        let destroy = F.workflow.changing("deploy") {
            $0.environment = DeploymentEnvironment("dev-destroy")
            $0.steps[2] = .run("Destroy", "aws cloudformation delete-stack --stack-name app\n")
        }
        #expect(F.findings(destroy, policy: .default) == [])
    }

    @Test func everyRuleHasATestAndAUniqueID() {
        let ids = RuleCatalog.all.map(\.id)
        #expect(ids == (1...28).map { "PW" + String(repeating: "0", count: $0 < 10 ? 2 : 1) + String($0) })
        #expect(Set(RuleCatalog.all.map(\.name)).count == ids.count)
    }

    /// The escape hatch: keys the model lacks are audited like the rest.
    @Test func extraKeysOnALoweredWorkflowAreAudited() {
        let generated = Generator().lower(Pipewright.Pipeline("App", project: "app") {
            Environment("dev", account: "111111111111", role: .variable("ROLE"), branch: "main")
        })[0]
        var workflow = generated.workflow
        let build = workflow.jobs.firstIndex { $0.id == "build" }!
        workflow.jobs[build].extra = [YAMLEntry("container", .mapping([
            YAMLEntry("image", .string("node:22")),
            YAMLEntry("env", .mapping([YAMLEntry("AWS_SECRET_ACCESS_KEY", .string("${{ secrets.AWS_SECRET }}"))])),
        ]))]
        #expect(F.findings(workflow, policy: .default) == [
            Found("PW001", "jobs.build.container.env.AWS_SECRET_ACCESS_KEY", "sets the static AWS credential AWS_SECRET_ACCESS_KEY"),
            Found("PW006", "jobs.build.container.env.AWS_SECRET_ACCESS_KEY", "job build reads secrets.AWS_SECRET but is not bound to an environment"),
        ])
    }
}
