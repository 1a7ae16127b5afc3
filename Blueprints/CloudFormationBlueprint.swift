import Pipewright

extension Blueprint {
    /// A CloudFormation template promoted through environments: the first deploys from `develop`, the rest
    /// from `main`, each after the one before on the same branch; production by reviewed change set.
    /// Validation, drift detection, guarded destroy, Slack, tags and KMS-encrypted artifacts included.
    public static let cloudFormation = Blueprint(
        name: "cloudformation",
        summary: "CloudFormation template through dev, staging and prod; reviewed change sets for prod, drift, destroy, Slack, KMS",
        seeds: ["000", "002"]
    ) { options in
        Pipeline("Infrastructure", project: options.project) {
            CloudFormationTemplate(path: "infrastructure/template.yaml", capabilities: [.namedIAM, .autoExpand])
            ValidationSettings(validateTemplate: true, cfnLintVersion: "1.51.0")
            options.sharedParts(driftSchedule: "17 6 * * 1-5")
        }
    }
}
