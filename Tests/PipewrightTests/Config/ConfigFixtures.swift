@testable import Pipewright
import PipewrightBlueprints

/// Configurations shared by the config tests and the CLI tests.
enum ConfigFixtures {
    /// A small valid document: three environments, dev on `develop`, staging then prod on `main`.
    static let base = """
    {
      "version": 1,
      "name": "Infrastructure",
      "project": "myapp",
      "stackNaming": {"prefix": "myapp", "suffix": "main"},
      "infrastructure": {"kind": "cloudformation", "template": "infrastructure/template.yaml"},
      "ciRole": {"variable": "AWS_CI_ROLE_ARN"},
      "environments": [
        {"name": "dev", "account": "111111111111", "role": {"variable": "AWS_ROLE_ARN_DEV"}, "branch": "develop"},
        {"name": "staging", "account": "222222222222", "role": {"variable": "AWS_ROLE_ARN_STAGING"}, "branch": "main"},
        {"name": "prod", "account": "333333333333", "role": {"variable": "AWS_ROLE_ARN_PROD"}, "branch": "main", "after": "staging", "strategy": "changeSet", "production": true}
      ]
    }
    """

    /// The base document with one piece of text replaced; the piece must occur in it.
    static func base(replacing target: String, with replacement: String) -> String {
        precondition(base.contains(target), "fixture text not found: \(target)")
        return base.replacing(target, with: replacement, maxReplacements: 1)
    }

    /// The base document with members added at the top level, before `environments`.
    static func base(adding members: String) -> String {
        base(replacing: "  \"environments\": [", with: "  " + members + ",\n  \"environments\": [")
    }

    /// The default blueprint's pipeline.
    static var blueprint: Pipeline { BlueprintCatalog.named("cloudformation")!.pipeline() }

    /// A pipeline that sets every field the format has, each to something other than its default.
    static var everyField: Pipeline {
        Pipeline("Payments API (v2)", project: "payments") {
            ContainerService(
                context: "services/api", dockerfile: "services/api/Dockerfile", repository: "payments/api",
                template: CloudFormationTemplate(path: "infra/service.yaml", capabilities: [.iam, .autoExpand]), imageParameter: "Image"
            )
            StackNaming(prefix: "pay", suffix: "blue")
            Region("eu-west-1")
            AdditionalRegions(["eu-west-4"])
            CIRole(.arn("arn:aws:iam::999999999999:role/ci-readonly"))
            OIDCSubject.jobWorkflowRef
            BuildSettings(retentionDays: 7, commands: ["make test", "./scripts/lint.sh --strict"])
            ValidationSettings(validateTemplate: false, cfnLintVersion: nil, commands: ["checkov -d infra"])
            Environment(
                "dev", account: "111111111111", region: "eu-central-1", role: .secret("DEV_ROLE_ARN"),
                chainedRole: .arn("arn:aws-cn:iam::222222222222:role/path/deployer"), driftRole: .variable("DEV_DRIFT_ROLE"),
                githubEnvironment: "development", branch: "develop",
                parameters: [.value("Size", "small, 2 nodes"), .secret("DbPassword", "DEV_DB_PASSWORD"), .variable("Vpc", "DEV_VPC_ID")],
                strategy: .changeSet(review: false), tags: [Tag("Team", "payments"), Tag("Cost Center", "42")],
                runner: Runner(["self-hosted", "linux"], group: "payments-deployers"),
                verify: ["curl --fail --silent \"$STACK_OUTPUT_SERVICEURL/health\""], verifyRole: .variable("DEV_VERIFY_ROLE")
            )
            Environment("qa", account: "222222222222", role: .variable("QA_ROLE"), branch: "develop", after: "dev", verify: [])
            Environment(
                "prod", account: "333333333333", region: "us-gov-west-1", role: .variable("PROD_ROLE"), wave: "production", branch: "release/2024.1",
                strategy: .changeSet(review: true), production: true
            )
            Verify(["test -n \"$STACK_OUTPUT_SERVICEURL\"", "./scripts/smoke-test.sh \"$STACK_NAME\""])
            PullRequests(branches: ["main", "release/2024.1"])
            ManualDispatch(false)
            DriftDetection(schedule: ["0 6 * * 1-5", "30 18 * * *"], githubEnvironment: "drift")
            DestroySettings(allowProduction: true)
            Notify.slack(webhookSecret: "SLACK_HOOK")
            Tags(["CostCenter": "platform", "Owner": "team@example.com"])
            ArtifactEncryption(kmsKey: "arn:aws:kms:eu-west-1:999999999999:key/1234abcd-12ab-34cd-56ef-1234567890ab")
            RuntimeSettings(
                runner: "ubuntu-22.04", jobTimeoutMinutes: 20, deployTimeoutMinutes: 120,
                hardenRunner: HardenRunner(policy: .block, allowedEndpoints: ["github.com:443", "*.amazonaws.com:443"]),
                pullRequestRunner: Runner(["self-hosted", "linux", "ephemeral"])
            )
        }
    }

    /// One pipeline per other infrastructure kind.
    static var otherKinds: [Pipeline] {
        [
            Pipeline("CDK", project: "cdkapp") {
                CDKApp(directory: "cdk", nodeVersion: "20", cdkNag: false)
                Environment("dev", account: "111111111111", role: .variable("ROLE"), branch: "main")
            },
            Pipeline("CDK defaults", project: "cdkapp") {
                CDKApp()
                Environment("dev", account: "111111111111", role: .variable("ROLE"), branch: "main")
            },
            Pipeline("SAM", project: "samapp") {
                SAMApp(template: "sam/template.yml", packageBucket: "SAM_BUCKET", samCLIVersion: "1.142.1")
                Environment("dev", account: "111111111111", role: .variable("ROLE"), branch: "main")
            },
            Pipeline("SAM bucket", project: "samapp") {
                SAMApp(packageBucket: "my-artifacts.bucket")
                Environment("dev", account: "111111111111", role: .variable("ROLE"), branch: "main")
                RuntimeSettings(hardenRunner: HardenRunner(policy: .audit, allowedEndpoints: []))
            },
            Pipeline("Stacks", project: "stacksapp") {
                Stack("network", template: "infra/network.yaml", parameters: [.value("Cidr", "10.0.0.0/16")])
                Stack("app", template: "infra/app.json", capabilities: [.iam], dependsOn: ["network"],
                      parameters: [.output("VpcId", stack: "network", output: "VpcId"), .secret("Token", "APP_TOKEN")], tags: [Tag("Tier", "app")])
                Environment("dev", account: "111111111111", role: .variable("ROLE"), branch: "main", parameters: [.value("app.Size", "small")])
            },
        ]
    }
}
