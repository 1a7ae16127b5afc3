/// Builds the bootstrap template's node tree; ``BootstrapTemplate`` is its public face.
struct BootstrapBuilder {
    let pipeline: Pipeline

    static let repositoryParameter = "GitHubRepository"
    static let oidcCondition = "ShouldCreateOIDCProvider"
    static let sharedCondition = "ShouldCreateSharedResources"
    static let anyEnvironmentCondition = "AnyEnvironmentRolesInThisAccount"
    static let readOnlyAccess = "arn:${AWS::Partition}:iam::aws:policy/ReadOnlyAccess"
    static let sharedAccountParameter = "SharedAccountId"

    /// Whether one account holds shared resources: the CI role and key, or the first hop of chained deploys.
    var hasSharedResources: Bool { pipeline.ciRole != nil || chains }

    /// Whether some environment deploys by chaining from a role in the shared account.
    var chains: Bool { pipeline.environments.contains { $0.chainedRole != nil } }

    func template() -> YAMLNode {
        var entries = [
            YAMLEntry("AWSTemplateFormatVersion", .string("2010-09-09")),
            YAMLEntry("Description", .string("Pipewright bootstrap for \(pipeline.project): GitHub OIDC roles, CloudFormation execution roles\(createsKey ? " and the artifact KMS key" : "")")),
            YAMLEntry("Parameters", parameters()),
            YAMLEntry("Conditions", conditions()),
            YAMLEntry("Resources", resources()),
            YAMLEntry("Outputs", outputs()),
        ]
        entries.removeAll { if case .mapping(let inner) = $0.value { inner.isEmpty } else { false } }
        return .mapping(entries)
    }

    // MARK: - What is created

    /// The key is created here when the artifact is encrypted under an alias this template can own.
    var createsKey: Bool {
        guard let encryption = pipeline.artifactEncryption, pipeline.ciRole != nil else { return false }
        return encryption.kmsKey.hasPrefix("alias/")
    }

    var encrypts: Bool { pipeline.artifactEncryption != nil && pipeline.ciRole != nil }

    /// The key ARN the roles may use: the created key, or the ARN the pipeline names.
    var keyARN: YAMLNode? {
        guard let encryption = pipeline.artifactEncryption, pipeline.ciRole != nil else { return nil }
        return createsKey ? getAtt("ArtifactKey", "Arn") : .string(encryption.kmsKey)
    }

    func usesDriftRole(_ environment: Environment) -> Bool { pipeline.drift != nil && environment.driftRole != nil }

    /// Drift runs with the deploy role when the environment names no drift role.
    func deployRoleRunsDrift(_ environment: Environment) -> Bool { pipeline.drift != nil && environment.driftRole == nil }

    func envID(_ environment: Environment) -> String { BootstrapNaming.logicalID(environment.name) }
    func envCondition(_ environment: Environment) -> String { envID(environment) + "RolesInThisAccount" }
    func envParameter(_ environment: Environment) -> String { envID(environment) + "Roles" }
    func region(_ environment: Environment) -> String { environment.region ?? pipeline.region }

    // MARK: - Parameters and conditions

    func parameters() -> YAMLNode {
        var entries = [
            YAMLEntry(Self.repositoryParameter, map([
                ("Type", .string("String")),
                ("Description", .string("The GitHub repository whose workflows may assume the roles, as OWNER/REPO.")),
                ("AllowedPattern", .string("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")),
                ("ConstraintDescription", .string("OWNER/REPO: letters, digits, '_', '.' or '-', one '/'.")),
            ])),
            YAMLEntry("CreateOIDCProvider", map([
                ("Type", .string("String")),
                ("Description", .string("Whether to create the GitHub OIDC identity provider; 'false' when the account already has one.")),
                ("AllowedValues", .sequence([.string("true"), .string("false")])),
                ("Default", .string("true")),
            ])),
        ]
        if hasSharedResources {
            entries.append(YAMLEntry("CreateSharedResources", map([
                ("Type", .string("String")),
                ("Description", .string("Whether this account holds the CI role\(createsKey ? " and the artifact key" : ""): 'true' in exactly one account, the one build jobs use.")),
                ("AllowedValues", .sequence([.string("true"), .string("false")])),
                ("Default", .string("true")),
            ])))
        }
        if chains, let first = pipeline.environments.first {
            entries.append(YAMLEntry(Self.sharedAccountParameter, map([
                ("Type", .string("String")),
                ("Description", .string("The account deployed with CreateSharedResources=true: chained deploys start from its roles.")),
                ("AllowedPattern", .string("^[0-9]{12}$")),
                ("Default", .string(first.account)),
            ])))
        }
        if !pipeline.environments.isEmpty {
            entries.append(YAMLEntry("ExecutionPolicyArns", map([
                ("Type", .string("CommaDelimitedList")),
                ("Description", .string("Managed policies of the CloudFormation execution roles: what the stacks may create. Narrow them to the services your templates use; templates that create IAM resources need more than PowerUserAccess.")),
                ("Default", .string("arn:aws:iam::aws:policy/PowerUserAccess")),
            ])))
        }
        for environment in pipeline.environments {
            entries.append(YAMLEntry(envParameter(environment), map([
                ("Type", .string("String")),
                ("Description", .string("Create the roles of environment \(environment.name) here: 'auto' when this is account \(environment.account), or 'create' / 'skip'.")),
                ("AllowedValues", .sequence([.string("auto"), .string("create"), .string("skip")])),
                ("Default", .string("auto")),
            ])))
        }
        return .mapping(entries)
    }

    func conditions() -> YAMLNode {
        var entries = [YAMLEntry(Self.oidcCondition, equals(ref("CreateOIDCProvider"), .string("true")))]
        if hasSharedResources {
            entries.append(YAMLEntry(Self.sharedCondition, equals(ref("CreateSharedResources"), .string("true"))))
        }
        for environment in pipeline.environments {
            entries.append(YAMLEntry(envCondition(environment), map([("Fn::Or", .sequence([
                equals(ref(envParameter(environment)), .string("create")),
                map([("Fn::And", .sequence([
                    equals(ref(envParameter(environment)), .string("auto")),
                    equals(ref("AWS::AccountId"), .string(environment.account)),
                ]))]),
            ]))])))
        }
        // The key policy names chained deploy roles unconditionally (they live beside the key), so the
        // condition is needed only without chaining.
        if createsKey, pipeline.environments.count > 1, !chains {
            entries.append(YAMLEntry(Self.anyEnvironmentCondition, anyOf(pipeline.environments.map { condition(envCondition($0)) })))
        }
        return .mapping(entries)
    }

    /// `Fn::Or` takes 2 to 10 conditions: larger lists are grouped.
    func anyOf(_ conditions: [YAMLNode]) -> YAMLNode {
        if conditions.count <= 10 { return map([("Fn::Or", .sequence(conditions))]) }
        var groups: [YAMLNode] = []
        var rest = conditions[...]
        while !rest.isEmpty {
            let chunk = Array(rest.prefix(10))
            rest = rest.dropFirst(10)
            groups.append(chunk.count == 1 ? chunk[0] : map([("Fn::Or", .sequence(chunk))]))
        }
        return anyOf(groups)
    }

    /// The condition under which some environment's roles exist here.
    var anyEnvironmentConditionName: String? {
        switch pipeline.environments.count {
        case 0: nil
        case 1: envCondition(pipeline.environments[0])
        default: Self.anyEnvironmentCondition
        }
    }
}

// MARK: - Node helpers

extension BootstrapBuilder {
    func map(_ pairs: [(String, YAMLNode)]) -> YAMLNode { .mapping(pairs.map { YAMLEntry($0.0, $0.1) }) }
    func ref(_ name: String) -> YAMLNode { map([("Ref", .string(name))]) }
    func sub(_ text: String) -> YAMLNode { map([("Fn::Sub", .string(text))]) }
    func getAtt(_ resource: String, _ attribute: String) -> YAMLNode { map([("Fn::GetAtt", .sequence([.string(resource), .string(attribute)]))]) }
    func equals(_ lhs: YAMLNode, _ rhs: YAMLNode) -> YAMLNode { map([("Fn::Equals", .sequence([lhs, rhs]))]) }
    func condition(_ name: String) -> YAMLNode { map([("Condition", .string(name))]) }
    func ifCondition(_ name: String, _ then: YAMLNode, _ otherwise: YAMLNode) -> YAMLNode {
        map([("Fn::If", .sequence([.string(name), then, otherwise]))])
    }
    var noValue: YAMLNode { ref("AWS::NoValue") }
}
