import Pipewright

extension Blueprint {
    /// A CloudFormation template promoted through environments: the first deploys from `develop`, the rest
    /// from `main`, each after the one before; production by reviewed change set. Validation, drift
    /// detection, guarded destroy, Slack, tags and KMS-encrypted artifacts included.
    public static let cloudFormation = Blueprint(
        name: "cloudformation",
        summary: "CloudFormation template through dev, staging and prod; reviewed change sets for prod, drift, destroy, Slack, KMS",
        seeds: ["000", "002"]
    ) { options in
        Pipeline("Infrastructure", project: options.project) {
            .cloudFormation(template: "infrastructure/template.yaml", capabilities: [.namedIAM, .autoExpand])
            .stackName(prefix: options.project, suffix: "main")
            .region(options.region)
            .ciRole(.variable("AWS_CI_ROLE_ARN"))
            .build(retentionDays: 30)
            .validate(template: true, cfnLint: "1.51.0")
            for (index, name) in options.environments.enumerated() {
                let isLast = index == options.environments.count - 1
                let branch = index == 0 && options.environments.count > 1 ? "develop" : "main"
                let previous = index > 1 ? options.environments[index - 1] : nil
                .environment(
                    name,
                    account: options.placeholderAccount(index),
                    role: .variable(options.roleVariable(name)),
                    driftRole: .variable(options.roleVariable(name, kind: "DRIFT_ROLE_ARN")),
                    branch: branch,
                    after: previous,
                    parameters: [.value("EnvironmentName", name)],
                    strategy: isLast ? .changeSet(review: true) : .direct,
                    production: isLast
                )
            }
            .driftDetection(schedule: "17 6 * * 1-5")
            .destroy(allowProduction: false)
            .notify(.slack(webhookSecret: "SLACK_WEBHOOK_URL"))
            .tags(["CostCenter": "platform"])
            .encryptArtifacts(kmsKey: "alias/\(options.project)-pipeline-artifacts")
            .runtime(RuntimeSettings(hardenRunner: HardenRunner(policy: .audit)))
        }
    }
}
