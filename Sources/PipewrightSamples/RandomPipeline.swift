import Pipewright

/// Random pipelines over the whole DSL, for property tests and conformance sampling.
///
/// Names stay within the patterns the configuration accepts; everything else (kind, strategies,
/// encryption, drift, destroy, notification, tags, egress policy, chaining, verification) varies.
public enum RandomPipeline {
    /// A random pipeline with 1 to `maxEnvironments` environments.
    ///
    /// Small counts are likelier (the count is cubed-uniform), so a thousand cases stay quick while large
    /// pipelines still come up regularly.
    public static func make(seed: UInt64, maxEnvironments: Int = 50) -> Pipeline {
        var random = SeededGenerator(seed: seed)
        let fraction = Double.random(in: 0..<1, using: &random)
        let environmentCount = 1 + Int(fraction * fraction * fraction * Double(maxEnvironments))
        return make(environments: environmentCount, using: &random)
    }

    /// A pipeline with exactly `count` environments, for scale measurements.
    public static func make(environments count: Int, seed: UInt64 = 1) -> Pipeline {
        var random = SeededGenerator(seed: seed)
        return make(environments: count, using: &random)
    }

    static func make(environments count: Int, using random: inout SeededGenerator) -> Pipeline {
        let project = word(using: &random, length: 3...10)
        var names: [String] = []
        while names.count < count {
            let name = word(using: &random, length: 2...8) + (Bool.random(using: &random) ? "\(names.count)" : "")
            if !names.contains(name) { names.append(name) }
        }
        let branches = ["main", "develop", "release/v" + String(Int.random(in: 1...9, using: &random))]
        var parts: [any PipelineComponent] = [
            infrastructure(using: &random),
            StackNaming(prefix: project, suffix: Bool.random(using: &random) ? word(using: &random, length: 1...6) : nil),
            Region(["us-east-1", "eu-west-1", "ap-southeast-2", "us-gov-west-1"].randomElement(using: &random)!),
            CIRole(Bool.random(using: &random) ? .variable("AWS_CI_ROLE_ARN") : .arn("arn:aws:iam::123456789012:role/ci")),
            BuildSettings(retentionDays: Int.random(in: 1...90, using: &random), commands: Bool.random(using: &random) ? ["make test"] : []),
            ManualDispatch(Int.random(in: 0..<5, using: &random) > 0),
        ]
        var branchOf: [String: String] = [:]
        for (index, name) in names.enumerated() {
            let branch = branches.randomElement(using: &random)!
            branchOf[name] = branch
            let earlierOnBranch = names[..<index].filter { branchOf[$0] == branch }
            let after = Bool.random(using: &random) ? earlierOnBranch.last : nil
            let secretRole = Int.random(in: 0..<4, using: &random) == 0
            parts.append(Environment(
                name,
                account: String(format12: UInt64.random(in: 100_000_000_000...999_999_999_999, using: &random)),
                region: Bool.random(using: &random) ? nil : "eu-central-1",
                role: secretRole ? .secret("AWS_ROLE_" + name.uppercased()) : .variable("AWS_ROLE_" + name.uppercased()),
                chainedRole: Int.random(in: 0..<3, using: &random) == 0 ? .arn("arn:aws:iam::210987654321:role/deploy-\(name)") : nil,
                driftRole: Bool.random(using: &random) ? .variable("AWS_DRIFT_" + name.uppercased()) : nil,
                branch: branch,
                after: after,
                parameters: Bool.random(using: &random) ? [.value("Size", "small"), .secret("Password", "DB_PASSWORD"), .variable("Vpc", "VPC_ID")] : [],
                strategy: [.direct, .changeSet(review: true), .changeSet(review: false)].randomElement(using: &random)!,
                production: Int.random(in: 0..<4, using: &random) == 0,
                tags: Bool.random(using: &random) ? [Tag("Team", word(using: &random, length: 2...8))] : []
            ))
        }
        if Bool.random(using: &random) { parts.append(DriftDetection(schedule: ["\(Int.random(in: 0...59, using: &random)) \(Int.random(in: 0...23, using: &random)) * * 1-5"])) }
        if Bool.random(using: &random) { parts.append(DestroySettings(allowProduction: Bool.random(using: &random))) }
        if Bool.random(using: &random) { parts.append(Notify.slack(webhookSecret: "SLACK_WEBHOOK_URL")) }
        if Bool.random(using: &random) { parts.append(Tags(["CostCenter": word(using: &random, length: 2...10)])) }
        if Bool.random(using: &random) { parts.append(ArtifactEncryption(kmsKey: "alias/" + project + "-artifacts")) }
        let harden: HardenRunner? = [nil, HardenRunner(policy: .audit), HardenRunner(policy: .block, allowedEndpoints: ["sts.amazonaws.com:443", "github.com:443"])].randomElement(using: &random)!
        parts.append(RuntimeSettings(jobTimeoutMinutes: Int.random(in: 5...30, using: &random), deployTimeoutMinutes: Int.random(in: 30...120, using: &random), hardenRunner: harden))
        var pipeline = Pipeline(name: word(using: &random, length: 3...12).capitalized, project: project, parts: parts)
        // Drawn last, so the rest of each seed's pipeline stays what it was before verification existed.
        var isCDK = false
        if case .cdk = pipeline.infrastructure { isCDK = true }
        if !isCDK, Int.random(in: 0..<3, using: &random) == 0 {
            pipeline.verify = ["test -n \"$STACK_NAME\"", "scripts/smoke-test.sh \"${STACK_OUTPUT_URL:-}\""]
            for index in pipeline.environments.indices where Int.random(in: 0..<4, using: &random) == 0 {
                pipeline.environments[index].verify = []
            }
        }
        return pipeline
    }

    static func infrastructure(using random: inout SeededGenerator) -> any PipelineComponent {
        switch Int.random(in: 0..<4, using: &random) {
        case 0: return CloudFormationTemplate(path: "infra/template.yaml", capabilities: [.namedIAM, .autoExpand])
        case 1: return CDKApp(directory: Bool.random(using: &random) ? "." : "infra/cdk")
        case 2: return SAMApp(packageBucket: "sam-artifacts")
        default: return ContainerService(repository: "service", template: CloudFormationTemplate(path: "infra/service.json"))
        }
    }

    static func word(using random: inout SeededGenerator, length: ClosedRange<Int>) -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        return String((0..<Int.random(in: length, using: &random)).map { _ in letters.randomElement(using: &random)! })
    }
}

extension String {
    /// A 12-digit decimal, for account ids.
    init(format12 value: UInt64) {
        let digits = String(value)
        let padding = String(repeating: "0", count: Swift.max(0, 12 - digits.count))
        self = padding + digits
    }

    var capitalized: String { prefix(1).uppercased() + dropFirst() }
}
