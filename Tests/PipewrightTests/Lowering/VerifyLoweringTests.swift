import Foundation
import Testing
@testable import Pipewright
import PipewrightBlueprints

/// The verification after a deploy: a job per verified environment after its deploy, bound to `<env>-verify`
/// under the read-only verify role, which the next environment needs; the outputs read by the job itself.
@Suite struct VerifyLoweringTests {
    /// The default blueprint (dev; staging; prod after staging, reviewed) with pipeline-wide verify commands,
    /// replaced in prod and turned off in dev.
    static var pipeline: Pipeline {
        var pipeline = Blueprint.cloudFormation.pipeline()
        pipeline.verify = ["test -n \"$STACK_OUTPUT_APIURL\"", "scripts/smoke.sh \"$STACK_NAME\""]
        pipeline.environments[0].verify = []
        pipeline.environments[2].verify = ["curl --fail --silent \"$STACK_OUTPUT_APIURL/health\""]
        return pipeline
    }

    static func jobs(_ pipeline: Pipeline) throws -> [Job] {
        try #require(Generator().lower(pipeline).first).workflow.jobs
    }

    static func job(_ id: String, in pipeline: Pipeline = pipeline) throws -> Job {
        try #require(try jobs(pipeline).first { $0.id == id }, "no job \(id)")
    }

    func text(_ value: WorkflowValue?) -> String? {
        if case .text(let text)? = value { text.rendered } else { nil }
    }

    func script(_ step: Step) -> String? {
        if case .run(let text, _, _) = step.action { text.rendered } else { nil }
    }

    /// A run that deploys the environment: a push to main, or a manual deploy of it.
    static func triggers(_ environment: String) -> String {
        "((github.event_name == 'push' && github.ref == 'refs/heads/main') || (github.event_name == 'workflow_dispatch' && inputs.environment == '\(environment)' && inputs.action == 'deploy'))"
    }

    @Test func aVerifyJobFollowsEachVerifiedEnvironmentsDeploy() throws {
        #expect(Self.pipeline.configurationErrors() == [])
        let ids = try Self.jobs(Self.pipeline).map(\.id)
        #expect(Array(ids.prefix(8)) == ["pull-request", "build", "validate", "deploy-dev", "deploy-staging", "verify-staging", "plan-prod", "deploy-prod"])
        #expect(ids[8] == "verify-prod")
        #expect(!ids.contains("verify-dev"), "verify: [] turns it off in dev")

        let staging = try Self.job("verify-staging")
        #expect(staging.needs == ["deploy-staging"])
        #expect(staging.condition?.source == "!cancelled() && " + Self.triggers("staging") + " && needs.deploy-staging.result == 'success'")
        #expect(staging.environment?.name.rendered == "staging-verify")
        #expect(staging.timeoutMinutes == Self.pipeline.runtime.jobTimeoutMinutes)
        #expect(staging.concurrency?.group.rendered == "infrastructure-deploy-staging", "never verifies while the next deploy runs")

        // A reviewed environment is verified after its deploy, and after a plan that found nothing to change.
        let prod = try Self.job("verify-prod")
        #expect(prod.needs == ["plan-prod", "deploy-prod"])
        #expect(prod.condition?.source == "!cancelled() && " + Self.triggers("prod") + " && (needs.deploy-prod.result == 'success' || (needs.plan-prod.result == 'success' && needs.plan-prod.outputs.has-changes == 'false'))")
        #expect(prod.environment?.name.rendered == "prod-verify")
    }

    @Test func theNextEnvironmentWaitsForTheVerification() throws {
        let plan = try Self.job("plan-prod")
        #expect(plan.needs == ["build", "validate", "deploy-staging", "verify-staging"])
        let condition = try #require(plan.condition?.source)
        #expect(condition.contains("(needs.verify-staging.result == 'success' || github.event_name == 'workflow_dispatch')"), "\(condition)")
        #expect(!condition.contains("needs.deploy-staging.result"), "a deploy that verification failed promotes nothing")

        // Without verification in staging, prod waits for the deploy as before.
        var unverified = Self.pipeline
        unverified.environments[1].verify = []
        let before = try Self.job("plan-prod", in: Blueprint.cloudFormation.pipeline())
        #expect(try Self.job("plan-prod", in: unverified) == before)
    }

    @Test func theJobAssumesTheReadOnlyVerifyRoleAndReadsTheOutputsItself() throws {
        let job = try Self.job("verify-staging")
        #expect(job.permissions == .scopes([.read(.contents, because: Reason.checkout), .write(.idToken, because: Reason.assumeVerifyRole)]))
        let roles = job.steps.filter(\.assumesRole).map { text($0.actionInputs["role-to-assume"]) }
        #expect(roles == ["${{ vars.AWS_ROLE_ARN_STAGING_VERIFY }}"])
        #expect(!job.steps.contains { $0.name?.rendered.contains("artifact") == true }, "verification needs no artifact")
        let read = try #require(job.steps.first { $0.name?.rendered == "Read the stack outputs" })
        #expect(text(read.env["VERIFY_STACKS"]) == "STACK_NAME STACK_OUTPUT_ ${{ steps.prepare.outputs.stack-name }}\n")
        #expect(text(read.env["AWS_REGION"]) == "us-east-1")
        #expect(script(read) == Scripts.readStackOutputs)

        let commands = job.steps.filter { $0.name?.rendered.hasPrefix("Verification command") == true }
        #expect(commands.map { script($0) } == Self.pipeline.verify.map { Scripts.command($0) })
        #expect(commands.allSatisfy { text($0.env["AWS_REGION"]) == "us-east-1" })
        let prodCommands = try Self.job("verify-prod").steps.filter { $0.name?.rendered.hasPrefix("Verification command") == true }
        #expect(prodCommands.map { script($0) } == ["set -euo pipefail\ncurl --fail --silent \"$STACK_OUTPUT_APIURL/health\"\n"], "prod's own list replaces the pipeline's")
    }

    @Test func aFailedVerificationExplainsItselfAndNotifies() throws {
        let steps = try Self.job("verify-prod").steps
        let names = steps.map { $0.name?.rendered ?? "" }
        #expect(Array(names.suffix(2)) == ["Explain the failed verification", "Notify Slack"])
        let explain = steps[steps.count - 2]
        #expect(explain.condition?.source == "failure()")
        #expect(script(explain)?.contains("CloudFormation does not roll back an update that completed") == true)
        #expect(script(explain)?.contains("revert the change on ${GITHUB_REF_NAME} and push") == true)
        let notify = steps[steps.count - 1]
        #expect(text(notify.env["MESSAGE_PREFIX"]) == "Verification of")
        #expect(notify.condition?.source == "!cancelled()")
    }

    @Test func severalStacksExportEachStacksOutputsUnderItsName() throws {
        var pipeline = StackLoweringTests.pipeline
        pipeline.verify = ["test -n \"$STACK_OUTPUT_NETWORK_VPCID\""]
        #expect(pipeline.configurationErrors() == [])
        let read = try #require(try Self.job("verify-dev", in: pipeline).steps.first { $0.name?.rendered == "Read the stack outputs" })
        #expect(text(read.env["VERIFY_STACKS"]) == """
            STACK_NAME_NETWORK STACK_OUTPUT_NETWORK_ ${{ steps.prepare.outputs.stack-name }}-network
            STACK_NAME_APP STACK_OUTPUT_APP_ ${{ steps.prepare.outputs.stack-name }}-app

            """)
        #expect(PipelineLowering.variableName("app-db2") == "APP_DB2")
    }

    @Test func everythingEmittedPassesTheAuditAndValidation() throws {
        for generated in Generator().lower(Self.pipeline) {
            #expect(generated.workflow.validationErrors() == [], "\(generated.fileName)")
        }
        BlueprintAuditTests.expectNoFindings(Auditor().auditLowered(Self.pipeline))
        BlueprintAuditTests.expectNoFindings(Auditor(policy: BlueprintAuditTests.strict).auditLowered(Self.pipeline))
    }

    // MARK: - The script, against a fake aws

    /// The variables a `$GITHUB_ENV` file sets, read as the runner reads it: `NAME=value` lines and
    /// `NAME<<DELIMITER` blocks.
    static func environmentFile(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
        while let line = lines.popFirst() {
            if let range = line.range(of: "<<") {
                let name = String(line[..<range.lowerBound]), delimiter = line[range.upperBound...]
                var value: [Substring] = []
                while let next = lines.popFirst(), next != delimiter { value.append(next) }
                result[name] = value.joined(separator: "\n")
            } else if let equals = line.firstIndex(of: "=") {
                result[String(line[..<equals])] = String(line[line.index(after: equals)...])
            }
        }
        return result
    }

    func run(_ outputs: [String: String], stacks: String) throws -> (ScriptBehaviourTests.Sandbox.Execution, [String: String], String) {
        let sandbox = try StackScriptBehaviourTests().sandbox()
        defer { sandbox.remove() }
        for (stack, json) in outputs { try sandbox.write(json, to: "outputs-\(stack).json") }
        try sandbox.write("", to: "env")
        try sandbox.write("", to: "summary")
        let run = sandbox.run(Scripts.readStackOutputs, env: [
            "VERIFY_STACKS": stacks, "AWS_REGION": "eu-west-1",
            "GITHUB_ENV": sandbox.root + "/env", "GITHUB_STEP_SUMMARY": sandbox.root + "/summary",
        ])
        return (run, Self.environmentFile(sandbox.read("env")), sandbox.read("summary"))
    }

    @Test func theScriptExportsEveryOutputAndStackNameExactly() throws {
        let (run, env, summary) = try run([
            "shop-dev-network": #"[{"OutputKey":"VpcId","OutputValue":"vpc-0a1b"},{"OutputKey":"Api-Url","OutputValue":"https://x.example/a b"}]"#,
            // A value that tries to end the block and set a variable of its own stays one value.
            "shop-dev-app": #"[{"OutputKey":"Banner","OutputValue":"line one\nEOF\nPATH=/tmp/evil"}]"#,
            "shop-dev-empty": "null",
        ], stacks: """
            STACK_NAME_NETWORK STACK_OUTPUT_NETWORK_ shop-dev-network
            STACK_NAME_APP STACK_OUTPUT_APP_ shop-dev-app
            STACK_NAME_EMPTY STACK_OUTPUT_EMPTY_ shop-dev-empty

            """)
        #expect(run.status == 0, "\(run.log)")
        #expect(env == [
            "STACK_NAME_NETWORK": "shop-dev-network", "STACK_OUTPUT_NETWORK_VPCID": "vpc-0a1b", "STACK_OUTPUT_NETWORK_API_URL": "https://x.example/a b",
            "STACK_NAME_APP": "shop-dev-app", "STACK_OUTPUT_APP_BANNER": "line one\nEOF\nPATH=/tmp/evil",
            "STACK_NAME_EMPTY": "shop-dev-empty",
        ])
        #expect(summary.contains("Region: eu-west-1\n- STACK_NAME_NETWORK=shop-dev-network\n- STACK_OUTPUT_NETWORK_VPCID (output VpcId)\n"), "\(summary)")
    }

    @Test func oneStackExportsItsOutputsWithoutAStackName() throws {
        let (run, env, _) = try run(["shop-dev": #"[{"OutputKey":"ApiUrl","OutputValue":"https://api"}]"#], stacks: "STACK_NAME STACK_OUTPUT_ shop-dev\n")
        #expect(run.status == 0, "\(run.log)")
        #expect(env == ["STACK_NAME": "shop-dev", "STACK_OUTPUT_APIURL": "https://api"])
    }

    @Test func keysThatBecomeTheSameVariableAreRefused() throws {
        let (run, _, _) = try run(["shop-dev": #"[{"OutputKey":"VpcId","OutputValue":"a"},{"OutputKey":"VPCID","OutputValue":"b"}]"#],
                                  stacks: "STACK_NAME STACK_OUTPUT_ shop-dev\n")
        #expect(run.status == 1)
        #expect(run.log.contains("::error::Outputs VpcId and VPCID of stack shop-dev both become STACK_OUTPUT_VPCID; rename one of them in the template."), "\(run.log)")
    }

    @Test func aMissingStackFailsTheVerification() throws {
        let (run, env, _) = try run([:], stacks: "STACK_NAME STACK_OUTPUT_ shop-dev\n")
        #expect(run.status != 0)
        #expect(run.log.contains("Stack with id shop-dev does not exist"), "\(run.log)")
        #expect(env.isEmpty)
    }
}
