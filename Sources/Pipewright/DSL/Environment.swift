/// A deployment target: an AWS account and region, guarded by a GitHub environment.
///
/// Environments deploy in the order they are written; `after` makes one wait for another in the same run (for a
/// member of a ``wave``, the whole wave). Environments of one wave deploy side by side after one approval.
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
    /// The read-only role drift detection assumes; `nil` derives it from ``role`` (see ``role(for:)``).
    public var driftRole: RoleReference?
    /// The role the plan job of a reviewed deploy assumes; `nil` derives it from ``role`` (see ``role(for:)``).
    public var planRole: RoleReference?
    /// The role a manual destroy assumes; `nil` derives it from ``role`` (see ``role(for:)``).
    public var destroyRole: RoleReference?
    /// The read-only role the verification after a deploy assumes; `nil` derives it from ``role`` (see ``role(for:)``).
    public var verifyRole: RoleReference?
    /// The GitHub environment whose protection rules and approvals guard the deploy; by default the ``wave``'s
    /// name, or else the environment's.
    public var githubEnvironment: String
    /// The wave this environment deploys in: environments of one wave share one GitHub environment (named after
    /// the wave), start together, and their deploy jobs wait for approval at the same moment, so one approval
    /// deploys them all — multi-region production as one decision.
    public var wave: String?
    /// The branch whose pushes deploy this environment.
    public var branch: String
    /// The environment that must deploy successfully first, in the same run.
    public var after: String?
    /// Template parameters for this environment; with stacks, each key names its stack: `app.InstanceCount`.
    public var parameters: [Parameter]
    /// How changes are applied.
    public var strategy: DeployStrategy
    /// Whether this is production: destroy is refused unless the pipeline allows it.
    public var production: Bool
    /// Tags added to this environment's stacks only.
    public var tags: [Tag]
    /// Where this environment's jobs run (deploy, plan, destroy, drift); `nil` uses the pipeline's runner.
    public var runner: Runner?
    /// Commands run after each deploy of this environment (``Verify``); `nil` runs the pipeline's, `[]` none.
    public var verify: [String]?

    /// Creates an environment.
    public init(
        _ name: String, account: String, region: String? = nil, role: RoleReference, chainedRole: RoleReference? = nil,
        driftRole: RoleReference? = nil, planRole: RoleReference? = nil, destroyRole: RoleReference? = nil, githubEnvironment: String? = nil, wave: String? = nil, branch: String, after: String? = nil,
        parameters: [Parameter] = [], strategy: DeployStrategy = .direct, production: Bool = false, tags: [Tag] = [], runner: Runner? = nil,
        verify: [String]? = nil, verifyRole: RoleReference? = nil
    ) {
        self.name = name
        self.account = account
        self.region = region
        self.role = role
        self.chainedRole = chainedRole
        self.driftRole = driftRole
        self.planRole = planRole
        self.destroyRole = destroyRole
        self.githubEnvironment = githubEnvironment ?? wave ?? name
        self.wave = wave
        self.branch = branch
        self.after = after
        self.parameters = parameters
        self.strategy = strategy
        self.production = production
        self.tags = tags
        self.runner = runner
        self.verify = verify
        self.verifyRole = verifyRole
    }

    /// The GitHub environment the change-set job of a reviewed deploy is bound to: unprotected, so
    /// the plan is ready before anyone is asked to approve it.
    public var planEnvironment: String { githubEnvironment + "-plan" }

    /// The GitHub environment a manual destroy is bound to, with its own reviewers and its own role.
    public var destroyEnvironment: String { githubEnvironment + "-destroy" }

    /// The GitHub environment the verification after a deploy is bound to: unprotected, so it needs no second
    /// approval, and its role only reads the stacks' descriptions.
    public var verifyEnvironment: String { githubEnvironment + "-verify" }

    /// The role a job of the given purpose assumes through OIDC.
    ///
    /// Each purpose has its own role, trusted only by its own GitHub environment, so the approval of a reviewed
    /// deploy is enforced by IAM and not by the workflow's YAML. A role the environment does not name is derived
    /// from ``role``: `_PLAN`, `_DESTROY`, `_DRIFT` or `_VERIFY` appended to its variable's or secret's name, or, for an ARN,
    /// the bootstrap's role of that purpose in the same account (for drift and verify roles of a chained
    /// environment, in the environment's account, where the bootstrap creates them).
    public func role(for purpose: RolePurpose) -> RoleReference {
        switch purpose {
        case .deploy: role
        case .plan: planRole ?? role.derived(purpose)
        case .destroy: destroyRole ?? role.derived(purpose)
        case .drift: driftRole ?? inOwnAccount(role.derived(purpose))
        case .verify: verifyRole ?? inOwnAccount(role.derived(purpose))
        }
    }

    /// A drift or verify role derived from the ARN of a chained environment's first hop, which lives in the
    /// pipeline account, moved to the environment's account: those roles never chain, and the bootstrap creates
    /// them there.
    private func inOwnAccount(_ reference: RoleReference) -> RoleReference {
        guard chainedRole != nil, case .arn(let arn) = reference else { return reference }
        var fields = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 6, fields[4] != account else { return reference }
        fields[4] = account
        return .arn(fields.joined(separator: ":"))
    }

    /// The role a job of the given purpose chains into after ``role(for:)``, when the environment chains:
    /// ``chainedRole`` for deploys, derived from it like ``role(for:)`` for plans and destroys. Drift and verify
    /// roles live in the environment's account and never chain.
    public func chainedRole(for purpose: RolePurpose) -> RoleReference? {
        guard let chainedRole else { return nil }
        switch purpose {
        case .deploy: return chainedRole
        case .plan, .destroy: return chainedRole.derived(purpose)
        case .drift, .verify: return nil
        }
    }
}

/// What a job does with an environment's AWS account; each purpose has its own role.
public enum RolePurpose: String, Sendable, Hashable, CaseIterable {
    /// Create and execute change sets (direct), or execute the reviewed change set.
    case deploy
    /// Create the change set of a reviewed deploy, before approval: no execute, update or delete.
    case plan
    /// Delete the environment's stack, on a manual destroy.
    case destroy
    /// Detect drift: read configuration, not data.
    case drift
    /// Verify a deploy: read the stacks' descriptions and outputs, nothing else.
    case verify
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

    /// The reference of a role with another purpose: the name with `_PLAN`, `_DESTROY`, `_DRIFT` or `_VERIFY`
    /// appended; for an ARN, the role name with `-plan`, `-destroy`, `-drift` or `-verify` appended, as the bootstrap names them.
    func derived(_ purpose: RolePurpose) -> RoleReference {
        let suffix = purpose.rawValue
        switch self {
        case .secret(let name): return .secret(name + "_" + suffix.uppercased())
        case .variable(let name): return .variable(name + "_" + suffix.uppercased())
        case .arn(let arn):
            // `…:role/myapp-prod-deploy` → `…:role/myapp-prod-plan`; `…-target` → `…-plan-target`.
            for (ending, replacement) in [("-deploy", "-" + suffix), ("-target", "-\(suffix)-target")] where arn.hasSuffix(ending) {
                return .arn(String(arn.dropLast(ending.count)) + replacement)
            }
            return .arn(arn + "-" + suffix)
        }
    }

    /// Whether reading the role needs a secret.
    public var isSecret: Bool {
        if case .secret = self { true } else { false }
    }
}

/// A template parameter of one environment or one ``Stack``.
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
        /// An output of another stack of the pipeline, read after that stack deploys (stack parameters only).
        case output(stack: String, output: String)
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
    /// A stack parameter read from another stack's output, e.g. `.output("VpcId", stack: "network", output: "VpcId")`.
    public static func output(_ key: String, stack: String, output: String) -> Parameter { Parameter(key, .output(stack: stack, output: output)) }
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
