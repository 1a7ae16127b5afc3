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
            ValidationSettings(validateTemplate: true, cfnLintVersion: "1.51.0")
            options.sharedParts(driftSchedule: "41 6 * * 1-5")
        }
    }
}
