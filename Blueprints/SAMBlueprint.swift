import Pipewright

extension Blueprint {
    /// A SAM application: `sam build`, `sam package` to S3 with a pinned SAM CLI, then change sets with
    /// `CAPABILITY_AUTO_EXPAND` for the transform.
    public static let sam = Blueprint(
        name: "sam",
        summary: "SAM application: sam build and package to S3, change sets with CAPABILITY_AUTO_EXPAND",
        seeds: ["000", "002"]
    ) { options in
        Pipeline("Serverless app", project: options.project) {
            SAMApp(template: "template.yaml", packageBucket: "\(options.project)-sam-artifacts")
            StackNaming(prefix: options.project, suffix: "main")
            Region(options.region)
            CIRole(.variable("AWS_CI_ROLE_ARN"))
            BuildSettings(retentionDays: 30)
            ValidationSettings(validateTemplate: true, cfnLintVersion: "1.51.0")
            for environment in options.promotedEnvironments() {
                environment
            }
            DriftDetection(schedule: ["41 6 * * 1-5"])
            DestroySettings(allowProduction: false)
            Notify.slack(webhookSecret: "SLACK_WEBHOOK_URL")
            Tags(["CostCenter": "platform"])
            ArtifactEncryption(kmsKey: "alias/\(options.project)-pipeline-artifacts")
            RuntimeSettings(hardenRunner: HardenRunner(policy: .audit))
        }
    }
}
