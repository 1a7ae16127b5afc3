/// Builds the bootstrap template's node tree; ``BootstrapTemplate`` is its public face.
struct BootstrapBuilder {
    let pipeline: Pipeline

    static let repositoryParameter = "GitHubRepository"
    static let oidcCondition = "ShouldCreateOIDCProvider"
    static let pipelineCondition = "InThePipelineAccount"
    static let readOnlyAccess = "arn:${AWS::Partition}:iam::aws:policy/ReadOnlyAccess"
    static let pipelineAccountParameter = "PipelineAccountId"

    /// Whether the pipeline account holds anything: the CI role and key, or the first hops of chained deploys.
    var hasPipelineAccount: Bool { pipeline.ciRole != nil || chains }

    /// Whether some environment deploys by chaining from a role in the pipeline account.
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

    /// The purposes an environment has a role for: deploy always; plan when reviewed; destroy when offered;
    /// drift when drift detection is on; verify when its deploys are verified.
    func purposes(_ environment: Environment) -> [RolePurpose] {
        var purposes: [RolePurpose] = [.deploy]
        if environment.strategy.isReviewed { purposes.append(.plan) }
        if pipeline.isDestroyable(environment) { purposes.append(.destroy) }
        if pipeline.drift != nil { purposes.append(.drift) }
        if pipeline.verifies(environment) { purposes.append(.verify) }
        return purposes
    }

    /// Whether the role of a purpose reads the artifact: the job that creates the change set does.
    func decrypts(_ purpose: RolePurpose, _ environment: Environment) -> Bool {
        guard encrypts else { return false }
        switch purpose {
        case .deploy: return !environment.strategy.isReviewed
        case .plan: return true
        case .destroy, .drift, .verify: return false
        }
    }

    /// Whether the role of a purpose is a first hop in the pipeline account that chains into the environment's
    /// account. Drift and verify roles never chain.
    func chains(_ purpose: RolePurpose, _ environment: Environment) -> Bool {
        environment.chainedRole(for: purpose) != nil
    }

    func envID(_ environment: Environment) -> String { BootstrapNaming.logicalID(environment.name) }
    func envCondition(_ environment: Environment) -> String { envID(environment) + "RolesInThisAccount" }
    func envParameter(_ environment: Environment) -> String { envID(environment) + "Roles" }
    func region(_ environment: Environment) -> String { environment.region ?? pipeline.region }

    /// The logical id of the role a job of this purpose assumes through OIDC, e.g. `PlanRoleProd`.
    func roleID(_ purpose: RolePurpose, _ environment: Environment) -> String {
        BootstrapNaming.logicalID(purpose.rawValue) + "Role" + envID(environment)
    }

    /// The logical id of the target role a chained first hop assumes, e.g. `PlanTargetRoleProd`.
    func targetID(_ purpose: RolePurpose, _ environment: Environment) -> String {
        (purpose == .deploy ? "" : BootstrapNaming.logicalID(purpose.rawValue)) + "TargetRole" + envID(environment)
    }

    /// The account the pipeline's shared resources live in, as the template knows it.
    var pipelineAccount: String { "${\(Self.pipelineAccountParameter)}" }

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
        if hasPipelineAccount {
            var pairs: [(String, YAMLNode)] = [
                ("Type", .string("String")),
                ("Description", .string("The dedicated pipeline account: it holds the CI role\(createsKey ? ", the artifact key" : "")\(chains ? " and the first hop of chained deploys" : ""). No environment should deploy to it.")),
                ("AllowedPattern", .string("^[0-9]{12}$")),
                ("ConstraintDescription", .string("a 12-digit AWS account id.")),
            ]
            if let account = pipeline.pipelineAccount { pairs.append(("Default", .string(account))) }
            entries.append(YAMLEntry(Self.pipelineAccountParameter, map(pairs)))
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
        if hasPipelineAccount {
            entries.append(YAMLEntry(Self.pipelineCondition, equals(ref("AWS::AccountId"), ref(Self.pipelineAccountParameter))))
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
        return .mapping(entries)
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
