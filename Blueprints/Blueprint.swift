import Pipewright

/// A ready-made pipeline that `pipewright init` can scaffold, written in the DSL.
public struct Blueprint: Sendable {
    /// The name `--blueprint` takes.
    public let name: String
    /// One line for `pipewright blueprints`.
    public let summary: String
    /// The seed reviews whose lessons the blueprint carries.
    public let seeds: [String]
    private let make: @Sendable (BlueprintOptions) -> Pipeline

    /// Creates a blueprint.
    public init(name: String, summary: String, seeds: [String], make: @escaping @Sendable (BlueprintOptions) -> Pipeline) {
        self.name = name
        self.summary = summary
        self.seeds = seeds
        self.make = make
    }

    /// The pipeline for the given options.
    public func pipeline(_ options: BlueprintOptions = BlueprintOptions()) -> Pipeline {
        make(options)
    }
}

/// What `init` lets a user choose when scaffolding.
public struct BlueprintOptions: Sendable, Hashable {
    /// The project name: tags, stack-name prefix.
    public var project: String
    /// The default region.
    public var region: String
    /// Environment names in promotion order; the last is production.
    public var environments: [String]

    /// Creates options.
    public init(project: String = "myapp", region: String = "us-east-1", environments: [String] = ["dev", "staging", "prod"]) {
        self.project = project
        self.region = region
        self.environments = environments
    }

    /// The first environment deploys from `develop` when there are several; the rest from `main`.
    func branch(_ index: Int) -> String { index == 0 && environments.count > 1 ? "develop" : "main" }

    /// Each environment follows the previous one when both deploy from the same branch.
    func predecessor(_ index: Int) -> String? {
        index > 0 && branch(index - 1) == branch(index) ? environments[index - 1] : nil
    }

    /// The last environment is production.
    func isProduction(_ index: Int) -> Bool { index == environments.count - 1 }

    /// The promotion chain the blueprints share: one environment per name, each with its own deploy and drift
    /// role variables and an `EnvironmentName` parameter; the last is production, by reviewed change set.
    /// What every blueprint has besides its infrastructure and validation: stack naming, region, the CI role,
    /// 30-day artifacts, the promoted environments, drift detection on `driftSchedule`, guarded destroy,
    /// Slack, a cost-center tag, KMS-encrypted artifacts and harden-runner in audit mode.
    func sharedParts(driftSchedule: String, parameters: Bool = true, chained: Bool = false) -> [any PipelineComponent] {
        [
            StackNaming(prefix: project, suffix: "main"),
            Region(region),
            CIRole(.variable("AWS_CI_ROLE_ARN")),
            PipelineAccount(placeholderPipelineAccount),
            BuildSettings(retentionDays: 30),
        ] + promotedEnvironments(parameters: parameters, chained: chained) + [
            DriftDetection(schedule: [driftSchedule]),
            DestroySettings(allowProduction: false),
            Notify.slack(webhookSecret: "SLACK_WEBHOOK_URL"),
            Tags(["CostCenter": "platform"]),
            ArtifactEncryption(kmsKey: "alias/\(project)-pipeline-artifacts"),
            RuntimeSettings(hardenRunner: HardenRunner(policy: .audit)),
        ]
    }

    func promotedEnvironments(parameters: Bool = true, chained: Bool = false) -> [Environment] {
        environments.indices.map { index in
            let name = environments[index]
            return Environment(
                name,
                account: placeholderAccount(index),
                role: .variable(roleVariable(name)),
                chainedRole: chained ? .variable(roleVariable(name, kind: "TARGET_ROLE_ARN")) : nil,
                driftRole: .variable(roleVariable(name, kind: "DRIFT_ROLE_ARN")),
                planRole: isProduction(index) ? .variable(roleVariable(name, kind: "PLAN_ROLE_ARN")) : nil,
                destroyRole: isProduction(index) ? nil : .variable(roleVariable(name, kind: "DESTROY_ROLE_ARN")),
                branch: branch(index),
                after: predecessor(index),
                parameters: parameters ? [.value("EnvironmentName", name)] : [],
                strategy: isProduction(index) ? .changeSet(review: true) : .direct,
                production: isProduction(index)
            )
        }
    }

    /// The placeholder of the dedicated pipeline account: unlike every environment's.
    var placeholderPipelineAccount: String { "000000000000" }

    /// Placeholder account ids, one per environment, to replace with real ones.
    func placeholderAccount(_ index: Int) -> String {
        String(repeating: String((index % 9) + 1), count: 12)
    }

    /// The variable holding an environment's deploy role ARN, e.g. `AWS_ROLE_ARN_PROD`.
    func roleVariable(_ environment: String, kind: String = "ROLE_ARN") -> String {
        "AWS_" + kind + "_" + environment.uppercased().map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
    }
}

/// Every blueprint, by name.
public enum BlueprintCatalog {
    /// The blueprints, in the order `pipewright blueprints` lists them.
    public static let all: [Blueprint] = [.cloudFormation, .cdk, .sam, .containerService]

    /// The blueprint `init` uses when none is named.
    public static let defaultName = "cloudformation"

    /// The blueprint with a name, if any.
    public static func named(_ name: String) -> Blueprint? {
        all.first { $0.name == name }
    }
}
