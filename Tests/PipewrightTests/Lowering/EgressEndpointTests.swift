import Testing
import PipewrightBlueprints
@testable import Pipewright

/// harden-runner's block policy allows what the generated jobs need, so block mode works without hand-tuning.
@Suite struct EgressEndpointTests {
    /// The endpoints of every harden-runner step of the pipeline's workflows; every job must list the same.
    static func allowedEndpoints(_ pipeline: Pipeline) throws -> [String] {
        let lists = Generator().lower(pipeline).flatMap(\.workflow.jobs).compactMap { job in
            job.steps.first { $0.uses("step-security/harden-runner") }?.input("allowed-endpoints")
        }
        let first = try #require(lists.first)
        #expect(Set(lists).count == 1, "every job lists the same endpoints")
        return first.split(separator: "\n").map(String.init)
    }

    static func blocking(_ blueprint: Blueprint, endpoints: [String] = []) -> Pipeline {
        var pipeline = blueprint.pipeline()
        pipeline.runtime.hardenRunner = HardenRunner(policy: .block, allowedEndpoints: endpoints)
        return pipeline
    }

    static let github = ["*.actions.githubusercontent.com:443", "*.blob.core.windows.net:443", "api.github.com:443", "github.com:443"]

    @Test func theDefaultBlueprintAllowsGitHubTheAWSServicesOfItsRegionPyPIAndSlack() throws {
        // cloudformation: us-east-1 for every environment and the CI role; KMS-encrypted artifact, cfn-lint, Slack.
        #expect(try Self.allowedEndpoints(Self.blocking(.cloudFormation)) == (Self.github + [
            "cloudformation.us-east-1.amazonaws.com:443", "files.pythonhosted.org:443", "hooks.slack.com:443",
            "kms.us-east-1.amazonaws.com:443", "pypi.org:443", "sts.us-east-1.amazonaws.com:443",
        ]).sorted())
    }

    @Test func eachRegionUsedGetsItsServices() throws {
        var pipeline = Self.blocking(.cloudFormation)
        pipeline.environments[2].region = "eu-west-1"
        let endpoints = try Self.allowedEndpoints(pipeline)
        #expect(endpoints.filter { $0.hasPrefix("sts.") } == ["sts.eu-west-1.amazonaws.com:443", "sts.us-east-1.amazonaws.com:443"])
        #expect(endpoints.filter { $0.hasPrefix("cloudformation.") } == ["cloudformation.eu-west-1.amazonaws.com:443", "cloudformation.us-east-1.amazonaws.com:443"])
    }

    @Test func eachKindAddsWhatItsToolsReach() throws {
        let cdk = try Self.allowedEndpoints(Self.blocking(.cdk))
        // CDK lints its synthesized templates with cfn-lint, installed from PyPI.
        #expect(cdk.contains("registry.npmjs.org:443") && cdk.contains { $0.hasPrefix("ssm.") } && cdk.contains("pypi.org:443"))
        let sam = try Self.allowedEndpoints(Self.blocking(.sam))
        #expect(sam.contains("pypi.org:443") && sam.contains { $0.hasPrefix("*.s3.") })
        let container = try Self.allowedEndpoints(Self.blocking(.containerService))
        #expect(container.contains { $0.hasPrefix("api.ecr.") } && container.contains { $0.hasPrefix("*.dkr.ecr.") })
    }

    @Test func theUsersEndpointsAddToThemSortedWithoutDuplicates() throws {
        let endpoints = try Self.allowedEndpoints(Self.blocking(.cloudFormation, endpoints: ["registry-1.docker.io:443", "github.com:443"]))
        #expect(endpoints == endpoints.sorted() && Set(endpoints).count == endpoints.count)
        #expect(endpoints.contains("registry-1.docker.io:443"))
        #expect(Generator().lower(Self.blocking(.cloudFormation)) == Generator().lower(Self.blocking(.cloudFormation)))
    }

    /// A policy that lists the endpoints it allows does not have to repeat those Pipewright's jobs need.
    @Test func aPolicyRequiringBlockWithItsOwnEndpointsAuditsClean() throws {
        let policy = Policy(hardenRunner: HardenRunnerRequirement(egressPolicy: .block, allowedEndpoints: ["artifacts.example.com:443"]))
        #expect(Auditor(policy: policy).auditLowered(Blueprint.cloudFormation.pipeline()) == [])
        let unknown = Self.blocking(.cloudFormation, endpoints: ["evil.example.com:443"])
        #expect(Auditor(policy: policy).auditLowered(unknown).map(\.ruleID).allSatisfy { $0 == "PW017" })
        #expect(!Auditor(policy: policy).auditLowered(unknown).isEmpty)
    }
}
