import Testing
@testable import Pipewright
import PipewrightBlueprints

/// Each hardening rule of the lowering, checked over every blueprint's workflows.
@Suite struct LoweringRulesTests {
    static let pipelines: [(String, Pipeline)] = BlueprintCatalog.all.map { ($0.name, $0.pipeline()) } + [
        ("four environments", Blueprint.cloudFormation.pipeline(BlueprintOptions(project: "shop", region: "eu-west-1", environments: ["dev", "qa", "staging", "prod"]))),
        ("single environment", Blueprint.cloudFormation.pipeline(BlueprintOptions(environments: ["prod"]))),
    ]

    static var workflows: [(String, GeneratedWorkflow)] {
        pipelines.flatMap { name, pipeline in Generator().lower(pipeline).map { (name, $0) } }
    }

    static var jobs: [(String, Workflow, Job)] {
        workflows.flatMap { name, generated in generated.workflow.jobs.map { ("\(name)/\(generated.fileName)", generated.workflow, $0) } }
    }

    @Test func everyWorkflowValidates() {
        for (name, generated) in Self.workflows {
            #expect(generated.workflow.validationErrors().isEmpty, "\(name)/\(generated.fileName)")
        }
    }

    @Test func workflowPermissionsAreEmptyAndShellIsBash() {
        for (name, generated) in Self.workflows {
            #expect(generated.workflow.permissions == Permissions.empty, "\(name)")
            #expect(generated.workflow.defaults?.shell == "bash", "\(name)")
            #expect(!generated.workflow.env.contains { $0.value.text?.expressions.contains { $0.contextReferences.contains { $0.root == .secrets } } ?? false }, "\(name): secrets at workflow level")
        }
    }

    @Test func onlyRoleAssumingJobsGetIDTokenWrite() {
        for (name, _, job) in Self.jobs {
            let assumesRole = job.steps.contains { $0.usedAction?.repository == "aws-actions/configure-aws-credentials" }
            #expect((job.permissions?.level(of: .idToken) == .write) == assumesRole, "\(name) \(job.id)")
        }
    }

    @Test func onlyJobsThatCheckOutGetContentsRead() {
        for (name, _, job) in Self.jobs {
            let checksOut = job.steps.contains { $0.usedAction?.repository == "actions/checkout" }
            #expect((job.permissions?.level(of: .contents) == .read) == checksOut, "\(name) \(job.id)")
        }
    }

    @Test func everyGrantCarriesAReason() {
        for (name, _, job) in Self.jobs {
            guard case .scopes(let grants)? = job.permissions else { continue }
            for grant in grants {
                #expect(!(grant.reason ?? "").isEmpty, "\(name) \(job.id) \(grant.scope.rawValue)")
            }
        }
    }

    @Test func everyActionIsPinnedToACommitWithItsVersion() {
        for (name, _, job) in Self.jobs {
            for step in job.steps {
                guard let action = step.usedAction else { continue }
                #expect(action.isPinnedToCommit, "\(name) \(job.id) \(action.rendered)")
                #expect(action.version?.hasPrefix("v") == true, "\(name) \(job.id) \(action.rendered)")
                #expect(PinTable.verified.pins[action.repository ?? ""]?.commit == action.ref, "\(name) \(action.rendered) is not from the pin table")
            }
        }
    }

    @Test func checkoutNeverPersistsCredentials() {
        for (name, _, job) in Self.jobs {
            for step in job.steps where step.usedAction?.repository == "actions/checkout" {
                #expect(step.actionInputs["persist-credentials"] == .bool(false), "\(name) \(job.id)")
            }
        }
    }

    @Test func noScriptContainsAnExpression() {
        for (name, _, job) in Self.jobs {
            for step in job.steps {
                guard let script = step.script else { continue }
                #expect(script.expressions.isEmpty, "\(name) \(job.id) \(step.name?.rendered ?? "")")
                #expect(!script.rendered.contains("${{"), "\(name) \(job.id)")
            }
        }
    }

    @Test func everyScriptStartsInStrictMode() {
        for (name, _, job) in Self.jobs {
            for step in job.steps {
                guard let script = step.script?.rendered else { continue }
                #expect(script.hasPrefix("set -euo pipefail\n"), "\(name) \(job.id) \(step.name?.rendered ?? "")")
            }
        }
    }

    @Test func everyJobAndStepIsNamedAndTimed() {
        for (name, _, job) in Self.jobs {
            #expect(job.name != nil, "\(name) \(job.id)")
            #expect((job.timeoutMinutes ?? 0) > 0, "\(name) \(job.id)")
            for step in job.steps { #expect(step.name != nil, "\(name) \(job.id)") }
        }
    }

    @Test func secretsOnlyInEnvironmentBoundJobsAndOnlyInTheStepsThatUseThem() {
        for (name, _, job) in Self.jobs {
            #expect(!job.env.contains { Self.readsSecret($0.value) }, "\(name) \(job.id): secret in job env")
            for step in job.steps {
                let secretKeys = (step.env.entries + step.actionInputs.entries).filter { Self.readsSecret($0.value) }.map(\.key)
                guard !secretKeys.isEmpty else { continue }
                #expect(job.environment != nil, "\(name) \(job.id) reads \(secretKeys) without an environment")
                // Each secret a step receives is one its script reads.
                if let script = step.script?.rendered {
                    for key in secretKeys {
                        #expect(script.contains(key) || key.hasPrefix("SECRET_PARAMETER_"), "\(name) \(job.id): \(key) given to a step that does not read it")
                    }
                }
            }
        }
    }

    @Test func noDispatchInputAsksForASecret() {
        for (name, generated) in Self.workflows {
            for input in generated.workflow.on.workflowDispatch?.inputs ?? [] {
                let id = input.id.lowercased()
                #expect(!["password", "secret", "token", "key"].contains { id.contains($0) }, "\(name) \(input.id)")
            }
        }
    }

    @Test func everyArtifactConsumerVerifiesChecksumsBeforeAnythingElseTouchesIt() {
        for (name, _, job) in Self.jobs {
            guard let download = job.steps.firstIndex(where: { $0.usedAction?.repository == "actions/download-artifact" }) else { continue }
            let next = job.steps[download + 1]
            #expect(next.script?.rendered.contains("sha256sum --check --strict SHA256SUMS") == true, "\(name) \(job.id)")
            #expect(next.env["EXPECTED_MANIFEST_SHA256"] == .expression(.needs("build", output: "manifest-sha256")), "\(name) \(job.id)")
        }
    }

    @Test func encryptedArtifactsAreEncryptedBeforeUploadAndDecryptedAfterVerification() {
        for (name, _, job) in Self.jobs {
            let scripts = job.steps.map { $0.script?.rendered ?? "" }
            if let upload = job.steps.firstIndex(where: { $0.usedAction?.repository == "actions/upload-artifact" }), job.id == "build" {
                let encrypt = scripts.firstIndex { $0.contains("aws kms generate-data-key") }
                #expect(encrypt != nil && encrypt! < upload, "\(name): build uploads before encrypting")
            }
            if let download = job.steps.firstIndex(where: { $0.usedAction?.repository == "actions/download-artifact" }) {
                let decrypt = scripts.firstIndex { $0.contains("aws kms decrypt") }
                #expect(decrypt != nil && decrypt! > download + 1, "\(name) \(job.id): no decrypt after verification")
                #expect(scripts.last { $0.contains("rm -rf artifact") } != nil, "\(name) \(job.id): plaintext not deleted")
            }
        }
    }

    @Test func everyStackOperationCarriesTheTags() {
        let required = ["Environment", "Project", "ManagedBy", "Repository", "CommitSHA", "CostCenter"]
        for (name, _, job) in Self.jobs {
            for step in job.steps {
                guard let script = step.script?.rendered,
                      script.contains("create-change-set") || script.contains("cdk deploy") else { continue }
                let tags = step.env["STACK_TAGS"]?.text?.rendered ?? ""
                #expect(script.contains("\"$STACK_TAGS\"") || script.contains("<<< \"$STACK_TAGS\""), "\(name) \(job.id)")
                for key in required { #expect(tags.contains("\"Key\":\"\(key)\""), "\(name) \(job.id) lacks \(key)") }
            }
        }
    }

    @Test func deploysNeverRunConcurrentlyAndAreNeverCancelled() {
        for (name, generated) in Self.workflows {
            #expect(generated.workflow.concurrency?.cancelInProgress == false, "\(name)")
            for job in generated.workflow.jobs where job.environment != nil && !job.id.hasPrefix("drift-") {
                #expect(job.concurrency?.cancelInProgress == false, "\(name) \(job.id)")
                let environment = job.id.split(separator: "-", maxSplits: 1).last.map(String.init) ?? ""
                #expect(job.concurrency?.group.rendered.hasSuffix("-deploy-" + environment) == true, "\(name) \(job.id)")
            }
        }
    }

    @Test func productionDeploysThroughAReviewedChangeSetBoundToItsEnvironment() throws {
        let workflow = Generator().lower(Blueprint.cloudFormation.pipeline())[0].workflow
        let plan = try #require(workflow[job: "plan-prod"])
        let deploy = try #require(workflow[job: "deploy-prod"])
        #expect(plan.environment?.name.rendered == "prod-plan")
        #expect(deploy.environment?.name.rendered == "prod")
        #expect(deploy.needs == ["plan-prod"])
        #expect(deploy.condition?.source == "needs.plan-prod.outputs.has-changes == 'true'")
        let execute = try #require(deploy.steps.first { $0.id == "deploy" })
        // By ARN and content hash, not by name: a change set deleted and re-created under the same name is refused.
        #expect(execute.env["CHANGE_SET_ARN"] == .expression(.needs("plan-prod", output: "change-set-arn")))
        #expect(execute.env["EXPECTED_CHANGE_SET_SHA256"] == .expression(.needs("plan-prod", output: "change-set-sha256")))
        #expect(execute.script?.rendered.contains("aws cloudformation execute-change-set --change-set-name \"$CHANGE_SET_ARN\"") == true)
        #expect(!(execute.script?.rendered.contains("create-change-set") ?? true), "the execute job must not create its own change set")
        #expect(!deploy.steps.contains { $0.usedAction?.repository == "actions/download-artifact" }, "the execute job needs no artifact")
    }

    @Test func productionDestroyIsRefusedUnlessAllowed() throws {
        let refused = Generator().lower(Blueprint.cloudFormation.pipeline())[0].workflow
        #expect(refused[job: "destroy-prod"] == nil)
        #expect(refused[job: "destroy-dev"] != nil)
        let guardJob = try #require(refused[job: "destroy-refused"])
        #expect(guardJob.condition?.source.contains("inputs.environment == 'prod'") == true)

        var allowing = Blueprint.cloudFormation.pipeline()
        allowing.destroy = DestroySettings(allowProduction: true)
        let allowed = Generator().lower(allowing)[0].workflow
        #expect(allowed[job: "destroy-prod"] != nil)
        #expect(allowed[job: "destroy-refused"] == nil)
    }

    @Test(arguments: BlueprintCatalog.all.map(\.name))
    func destroyIsManualAndChecksTheTypedConfirmationBeforeAnyRole(_ name: String) throws {
        let workflow = Generator().lower(try #require(BlueprintCatalog.named(name)).pipeline())[0].workflow
        let destroy = try #require(workflow[job: "destroy-dev"])
        #expect(destroy.condition?.source == "github.event_name == 'workflow_dispatch' && inputs.action == 'destroy' && inputs.environment == 'dev'")
        let check = try #require(destroy.steps.firstIndex { $0.name?.rendered == "Check the confirmation" })
        #expect(destroy.steps[check].env["CONFIRMATION"] == .expression(.inputs("confirm")))
        #expect(destroy.steps[check].env["EXPECTED_CONFIRMATION"] == .expression(.steps("prepare", output: "stack-name")))
        // A mistyped confirmation ends the job before it asks for a token.
        let firstRole = try #require(destroy.steps.firstIndex { $0.usedAction?.repository == "aws-actions/configure-aws-credentials" })
        #expect(check < firstRole)
        let delete = try #require(destroy.steps.first { $0.id == "destroy" })
        #expect(delete.env["CONFIRMATION"] == nil, "the delete step has nothing left to compare")
    }

    @Test func dependenciesFollowPromotionOrder() throws {
        let workflow = Generator().lower(Blueprint.cloudFormation.pipeline())[0].workflow
        #expect(workflow[job: "deploy-dev"]?.needs == ["build", "validate"])
        #expect(workflow[job: "deploy-staging"]?.needs == ["build", "validate"], "staging deploys from main, dev from develop")
        #expect(workflow[job: "plan-prod"]?.needs == ["build", "validate", "deploy-staging"])
        let condition = try #require(workflow[job: "plan-prod"]?.condition?.source)
        #expect(condition == "!cancelled() && needs.build.result == 'success' && needs.validate.result == 'success' && (needs.deploy-staging.result == 'success' || github.event_name == 'workflow_dispatch') && ((github.event_name == 'push' && github.ref == 'refs/heads/main') || (github.event_name == 'workflow_dispatch' && inputs.environment == 'prod' && inputs.action == 'deploy'))")
    }

    @Test func driftJobsUseTheReadOnlyRoleInTheirOwnEnvironment() throws {
        let drift = Generator().lower(Blueprint.cloudFormation.pipeline())[1].workflow
        #expect(drift.on.schedule == [Cron("17 6 * * 1-5")])
        #expect(drift.on.workflowDispatch != nil)
        #expect(drift.jobs.map(\.id) == ["drift-dev", "drift-staging", "drift-prod"])
        for job in drift.jobs {
            #expect(job.environment?.name.rendered == "drift-detection")
            let credentials = try #require(job.steps.first { $0.usedAction?.repository == "aws-actions/configure-aws-credentials" })
            #expect(credentials.actionInputs["role-to-assume"]?.text?.rendered.hasPrefix("${{ vars.AWS_DRIFT_ROLE_ARN_") == true)
        }
    }

    /// GitHub drops a job output that contains a masked value; the image reference names the registry's
    /// account, so the build job that publishes it must not mask the account id.
    @Test func theImageReferenceOutputIsNotMaskedAway() throws {
        let build = try #require(Generator().lower(Blueprint.containerService.pipeline())[0].workflow[job: "build"])
        #expect(build.outputs["image-uri"] == WorkflowText(.steps("image", output: "image-uri")))
        let credentials = try #require(build.steps.first { $0.usedAction?.repository == "aws-actions/configure-aws-credentials" })
        #expect(credentials.actionInputs["mask-aws-account-id"] == .bool(false))
        let other = try #require(Generator().lower(Blueprint.cloudFormation.pipeline())[0].workflow[job: "build"])
        #expect(!other.steps.contains { $0.actionInputs["mask-aws-account-id"] != nil })
    }

    /// A dependency's install script must not run in a job that later holds deploy credentials; the build
    /// job synthesizes (runs the app's code anyway), and the pull-request check holds no credentials.
    @Test func cdkDeployJobsInstallWithoutDependencyScripts() throws {
        let workflow = Generator().lower(Blueprint.cdk.pipeline())[0].workflow
        for job in workflow.jobs {
            guard let install = job.steps.first(where: { $0.name?.rendered == "Install the app's locked dependencies" })?.script?.rendered else { continue }
            let ignoresScripts = install.contains("npm ci --no-audit --no-fund --ignore-scripts\n")
            #expect(ignoresScripts == !["build", "pull-request"].contains(job.id), "\(job.id): \(install)")
        }
        #expect(workflow[job: "plan-prod"]?.steps.contains { $0.script?.rendered.contains("--ignore-scripts") == true } == true)
    }

    /// cfn-lint runs in a job holding the CI role, so it installs its whole closure from the shipped hash lock.
    @Test func cfnLintInstallsFromItsHashLock() throws {
        let validate = try #require(Generator().lower(Blueprint.cloudFormation.pipeline())[0].workflow[job: "validate"])
        let script = try #require(validate.steps.first { $0.name?.rendered == "Lint the template with cfn-lint 1.51.0" }?.script?.rendered)
        #expect(script.contains("--require-hashes --no-deps --only-binary=:all: -r \"$lock\""))
        #expect(!script.contains("cfn-lint==${"))
        let lock = try #require(ToolLocks.cfnLint["1.51.0"])
        #expect(script.contains("cat > \"$lock\" <<'LOCK'\n" + lock + "LOCK\n"))
        // One entry per package, each with at least one hash; platform packages with both architectures' wheels.
        let entries = lock.split(separator: "\n").filter { !$0.hasPrefix(" ") }
        #expect(entries.count == 26 && entries.allSatisfy { $0.contains("==") && $0.hasSuffix(" \\") })
        #expect(entries.contains("cfn-lint==1.51.0 \\"))
        let lines = lock.split(separator: "\n")
        for native in ["pydantic_core==", "PyYAML==", "regex==", "rpds-py=="] {
            let start = try #require(lines.firstIndex { $0.hasPrefix(native) })
            let hashes = lines[(start + 1)...].prefix { $0.hasPrefix("    --hash=sha256:") }
            #expect(hashes.count >= 4, "\(native): wheels for x86_64 and aarch64, CPython 3.11 and 3.12")
        }
    }

    /// The SAM CLI runs in the build job, which holds the CI role, so it too installs its whole closure from the
    /// shipped hash lock; a pipeline lowered unchecked with a version without a lock gets a step that fails.
    @Test func samCLIInstallsFromItsHashLock() throws {
        let build = try #require(Generator().lower(Blueprint.sam.pipeline())[0].workflow[job: "build"])
        let step = try #require(build.steps.first { $0.name?.rendered == "Build and package the SAM application with SAM CLI 1.142.1" })
        let script = try #require(step.script?.rendered)
        #expect(script.contains("--require-hashes --no-deps --only-binary=:all: -r \"$lock\"\n"))
        #expect(!script.contains("aws-sam-cli==${"))
        let lock = try #require(ToolLocks.samCLI["1.142.1"])
        #expect(script.contains("cat > \"$lock\" <<'LOCK'\n" + lock + "LOCK\n"))
        // One entry per package, each with at least one hash; setuptools and wheel are in the closure, as
        // aws-lambda-builders requires them and `--no-deps` adds nothing; platform packages have both
        // architectures' wheels.
        let entries = lock.split(separator: "\n").filter { !$0.hasPrefix(" ") }
        #expect(entries.count == 82 && entries.allSatisfy { $0.contains("==") && $0.hasSuffix(" \\") })
        for entry in ["aws-sam-cli==1.142.1 \\", "setuptools==84.2.1 \\", "wheel==0.48.0 \\"] {
            #expect(entries.contains(Substring(entry)), "\(entry)")
        }
        let lines = lock.split(separator: "\n")
        #expect(lines.allSatisfy { !$0.hasPrefix(" ") || $0.wholeMatch(of: #/    --hash=sha256:[0-9a-f]{64}( \\)?/#) != nil })
        let natives = ["cffi==", "charset-normalizer==", "cryptography==", "MarkupSafe==", "pydantic_core==", "PyYAML==", "regex==", "rpds-py==", "ruamel.yaml.clib=="]
        for native in natives {
            let start = try #require(lines.firstIndex { $0.hasPrefix(native) })
            let hashes = lines[(start + 1)...].prefix { $0.hasPrefix("    --hash=sha256:") }
            #expect(hashes.count >= 4, "\(native): wheels for x86_64 and aarch64, CPython 3.11 and 3.12")
        }

        var unlocked = Blueprint.sam.pipeline()
        unlocked.infrastructure = .sam(SAMApp(packageBucket: "SAM_BUCKET", samCLIVersion: "1.140.0"))
        let refused = try #require(Generator().lower(unlocked)[0].workflow[job: "build"]?.steps.first { $0.id == "package" }?.script?.rendered)
        #expect(refused.contains("exit 1") && !refused.contains("pip install"))
    }

    /// On `pull_request` only the offline check runs: no job that assumes a role or may request an OIDC token.
    /// A job counts as able to run unless its `if:` rules the event out, or a job it needs cannot run (the audit's
    /// own reading, which takes an undecidable condition as able to run); the act flow `pull-request` runs it for real.
    @Test func pullRequestsReachNoRole() throws {
        for (name, generated) in Self.workflows where generated.workflow.on.pullRequest != nil {
            let ran = generated.workflow.jobs.filter { generated.workflow.canRun($0, on: "pull_request") }.map(\.id)
            #expect(ran == ["pull-request"], "\(name)/\(generated.fileName): \(ran)")
            let check = try #require(generated.workflow[job: "pull-request"])
            #expect(check.permissions?.level(of: .idToken) == nil, "\(name)")
            #expect(check.permissions?.level(of: .contents) == .read, "\(name)")
            #expect(!check.steps.contains { $0.usedAction?.repository == "aws-actions/configure-aws-credentials" }, "\(name)")
            #expect(!check.steps.contains { $0.script?.rendered.contains("aws ") == true }, "\(name)")
        }
    }

    /// The offline check runs what it can: build commands, synth for CDK, cfn-lint from its lock otherwise.
    @Test func thePullRequestCheckBuildsAndLintsOffline() throws {
        let cloudFormation = try #require(Generator().lower(Blueprint.cloudFormation.pipeline())[0].workflow[job: "pull-request"])
        let lint = try #require(cloudFormation.steps.first { $0.name?.rendered.hasPrefix("Lint the template with cfn-lint") == true })
        #expect(lint.env["TEMPLATE_FILE"] == .text("infrastructure/template.yaml"))
        #expect(lint.script?.rendered.contains("--require-hashes") == true)
        let cdk = try #require(Generator().lower(Blueprint.cdk.pipeline())[0].workflow[job: "pull-request"])
        #expect(cdk.steps.contains { $0.name?.rendered == "Synthesize the cloud assemblies" })
        #expect(cdk.steps.contains { $0.script?.rendered == "set -euo pipefail\nnpm ci --no-audit --no-fund\n" }, "no credentials follow: install scripts may run")
    }

    static func readsSecret(_ value: WorkflowValue) -> Bool {
        value.text?.expressions.contains { $0.contextReferences.contains { $0.root == .secrets } } ?? false
    }
}

/// A CDK pipeline's validate job (and its pull-request check) lints every synthesized template with the
/// hash-locked cfn-lint; only errors fail, since the constructs write the templates.
@Test func cdkValidationLintsTheSynthesizedTemplates() throws {
    let workflow = try #require(Generator().lower(Blueprint.cdk.pipeline()).first).workflow
    for (job, glob) in [("validate", "artifact/bundle/cdk.out/*/*.template.json"), ("pull-request", "cdk.out/*/*.template.json")] {
        let steps = try #require(workflow[job: job]).steps
        let lint = try #require(steps.first { $0.name?.rendered.hasPrefix("Lint the synthesized templates with cfn-lint") == true }, "\(job)")
        let yaml = YAMLEmitter.emit(YAMLDocument(root: workflow.yamlNode))
        #expect(yaml.contains("TEMPLATE_FILE: \(glob)"), "\(job)")
        #expect(yaml.contains("CFN_LINT_FAIL_ON: error"))
        #expect(lint.name?.rendered == "Lint the synthesized templates with cfn-lint 1.51.0")
    }
}
