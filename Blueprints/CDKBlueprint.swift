import Pipewright

extension Blueprint {
    /// A CDK app deployed across accounts: synthesized once with cdk-nag failing synth, KMS-encrypted
    /// `cdk.out`, OIDC into a per-environment role in the shared account chained into the target account's
    /// role, adaptive retries, reviewed change sets and rollback handling for production.
    public static let cdk = Blueprint(
        name: "cdk",
        summary: "CDK app across accounts: cdk-nag in synth, KMS-encrypted cdk.out, role chaining, reviewed prod change sets",
        seeds: ["001", "004"]
    ) { options in
        Pipeline("CDK app", project: options.project) {
            CDKApp(directory: ".", nodeVersion: "22", cdkNag: true)
            options.sharedParts(driftSchedule: "23 5 * * 1-5", parameters: false, chained: true)
        }
    }
}
