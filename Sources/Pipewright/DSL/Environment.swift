/// A deployment target: an AWS account and region, guarded by a GitHub environment.
///
/// Environments deploy in the order they are written; `after` makes one wait for another in the same run.
///
/// ```swift
/// let pipeline = Pipeline("Infrastructure", project: "payments") {
///     Environment("staging", account: "222222222222", role: .variable("AWS_ROLE_ARN_STAGING"), branch: "main")
///     Environment("prod", account: "333333333333", region: "eu-west-1", role: .variable("AWS_ROLE_ARN_PROD"),
///                 branch: "main", after: "staging", parameters: [.secret("DatabasePassword", "DB_PASSWORD")],
///                 strategy: .changeSet(review: true), production: true)
/// }
/// ```
public struct Environment: Sendable, Hashable {
    /// The environment's name, e.g. `prod`; part of the stack name.
    public var name: String
    /// The 12-digit AWS account id.
    public var account: String
    /// The region; `nil` uses the pipeline's.
    public var region: String?
    /// The role deploy jobs assume through OIDC.
    public var role: RoleReference
    /// A second role to chain into from the first, for cross-account deploys.
    public var chainedRole: RoleReference?
    /// The read-only role drift detection assumes; `nil` uses ``role``.
    public var driftRole: RoleReference?
    /// The GitHub environment whose protection rules and approvals guard the deploy.
    public var githubEnvironment: String
    /// The branch whose pushes deploy this environment.
    public var branch: String
    /// The environment that must deploy successfully first, in the same run.
    public var after: String?
    /// Template parameters for this environment.
    public var parameters: [Parameter]
    /// How changes are applied.
    public var strategy: DeployStrategy
    /// Whether this is production: destroy is refused unless the pipeline allows it.
    public var production: Bool
    /// Tags added to this environment's stacks only.
    public var tags: [Tag]

    /// Creates an environment.
    public init(
        _ name: String, account: String, region: String? = nil, role: RoleReference, chainedRole: RoleReference? = nil,
        driftRole: RoleReference? = nil, githubEnvironment: String? = nil, branch: String, after: String? = nil,
        parameters: [Parameter] = [], strategy: DeployStrategy = .direct, production: Bool = false, tags: [Tag] = []
    ) {
        self.name = name
        self.account = account
        self.region = region
        self.role = role
        self.chainedRole = chainedRole
        self.driftRole = driftRole
        self.githubEnvironment = githubEnvironment ?? name
        self.branch = branch
        self.after = after
        self.parameters = parameters
        self.strategy = strategy
        self.production = production
        self.tags = tags
    }

    /// The GitHub environment the change-set job of a reviewed deploy is bound to: unprotected, so
    /// the plan is ready before anyone is asked to approve it.
    public var planEnvironment: String { githubEnvironment + "-plan" }
}

/// Where a role ARN comes from.
public enum RoleReference: Sendable, Hashable {
    /// A GitHub secret holding the ARN; usable only in jobs bound to a GitHub environment.
    case secret(String)
    /// A GitHub configuration variable holding the ARN.
    case variable(String)
    /// The ARN itself.
    case arn(String)

    /// The value as workflow text: an expression for a secret or variable, literal for an ARN.
    public var text: WorkflowText {
        switch self {
        case .secret(let name): WorkflowText(.secrets(name))
        case .variable(let name): WorkflowText(.vars(name))
        case .arn(let arn): WorkflowText(arn)
        }
    }

    /// Whether reading the role needs a secret.
    public var isSecret: Bool {
        if case .secret = self { true } else { false }
    }
}

/// A template parameter of one environment.
///
/// ```swift
/// let parameters: [Parameter] = [
///     .value("InstanceType", "t3.small"),
///     .variable("VpcId", "VPC_ID"),
///     .secret("DatabasePassword", "DB_PASSWORD"),
/// ]
/// ```
public struct Parameter: Sendable, Hashable {
    /// Where the value comes from.
    public enum Source: Sendable, Hashable {
        /// A literal value.
        case value(String)
        /// A GitHub secret, passed only to the step that needs it and never echoed.
        case secret(String)
        /// A GitHub configuration variable.
        case variable(String)
    }

    /// The parameter's name in the template.
    public var key: String
    /// Where its value comes from.
    public var source: Source

    /// Creates a parameter.
    public init(_ key: String, _ source: Source) {
        self.key = key
        self.source = source
    }

    /// A literal parameter.
    public static func value(_ key: String, _ value: String) -> Parameter { Parameter(key, .value(value)) }
    /// A parameter read from a secret.
    public static func secret(_ key: String, _ name: String) -> Parameter { Parameter(key, .secret(name)) }
    /// A parameter read from a variable.
    public static func variable(_ key: String, _ name: String) -> Parameter { Parameter(key, .variable(name)) }
}

/// How an environment's changes are applied.
public enum DeployStrategy: Sendable, Hashable {
    /// Create a change set and execute it in the same job.
    case direct
    /// Create a change set in one job and publish its description; execute exactly that change set in a
    /// second job bound to the protected environment, after approval when `review` is on.
    case changeSet(review: Bool)

    /// Whether a separate approval-gated job executes the change set.
    public var isReviewed: Bool {
        if case .changeSet(review: true) = self { true } else { false }
    }
}
