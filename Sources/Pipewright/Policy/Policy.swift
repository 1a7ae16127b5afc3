/// An organization's rules for every pipeline: what the lowering must default to and what the audit checks.
///
/// Read from `pipewright-policy.json`, a `policy` section of `pipewright.json`, or a shared file given
/// with `--policy` (see ``Policy/decode(_:fileName:)``). It feeds the lowering through ``Policy/apply(to:)`` and
/// ``Policy/pinTable(base:)``, and the audit through ``Auditor``.
///
/// ```swift
/// let policy = Policy(requiredTags: ["CostCenter": ["platform"]], allowedRegions: ["eu-west-1"],
///                     requireArtifactEncryption: true, maxJobTimeoutMinutes: 60)
/// ```
public struct Policy: Sendable, Hashable {
    /// Tag keys every stack operation must carry, each with its allowed values (empty: any value).
    public var requiredTags: [String: [String]]
    /// Regions deploys may target; empty allows any.
    public var allowedRegions: [String]
    /// AWS account ids allowed per environment name; an environment not listed may use any account.
    public var allowedAccounts: [String: [String]]
    /// Environments (pipeline or GitHub environment names) that must deploy by a reviewed change set.
    public var reviewedChangeSetEnvironments: [String]
    /// Environments that may never be destroyed by the pipeline.
    public var neverDestroyEnvironments: [String]
    /// The least number of days artifacts are kept; `nil` sets no floor.
    public var minimumRetentionDays: Int?
    /// Whether the artifact must be KMS-encrypted between jobs.
    public var requireArtifactEncryption: Bool
    /// harden-runner on every job, with at least this egress policy; `nil` does not require it.
    public var hardenRunner: HardenRunnerRequirement?
    /// Runner labels jobs may use; empty allows any.
    public var allowedRunnerLabels: [String]
    /// Pins that replace Pipewright's verified ones, e.g. an internal mirror's commits.
    public var actionPins: [PinTable.Pin]
    /// The longest a job may run, in minutes; `nil` sets no cap.
    public var maxJobTimeoutMinutes: Int?
    /// The organization's policy file this one adds to, relative to the file that names it (`pipewright.json`),
    /// e.g. `../org-policy.json`. The command line reads it and merges the two (``merged(with:named:)``); the
    /// library reads no file.
    public var extends: String?

    /// Creates a policy; every field defaults to ``Policy/default``'s value.
    public init(
        requiredTags: [String: [String]] = Policy.baselineTags, allowedRegions: [String] = [],
        allowedAccounts: [String: [String]] = [:], reviewedChangeSetEnvironments: [String] = ["prod", "production"],
        neverDestroyEnvironments: [String] = [], minimumRetentionDays: Int? = nil, requireArtifactEncryption: Bool = false,
        hardenRunner: HardenRunnerRequirement? = nil, allowedRunnerLabels: [String] = [], actionPins: [PinTable.Pin] = [],
        maxJobTimeoutMinutes: Int? = nil, extends: String? = nil
    ) {
        self.requiredTags = requiredTags
        self.allowedRegions = allowedRegions
        self.allowedAccounts = allowedAccounts
        self.reviewedChangeSetEnvironments = reviewedChangeSetEnvironments
        self.neverDestroyEnvironments = neverDestroyEnvironments
        self.minimumRetentionDays = minimumRetentionDays
        self.requireArtifactEncryption = requireArtifactEncryption
        self.hardenRunner = hardenRunner
        self.allowedRunnerLabels = allowedRunnerLabels
        self.actionPins = actionPins
        self.maxJobTimeoutMinutes = maxJobTimeoutMinutes
        self.extends = extends
    }

    /// The policy used when no file gives one: a baseline (tags that say what a stack is and who manages it,
    /// reviewed change sets for `prod` and `production`), nothing organization-specific.
    public static let `default` = Policy()

    /// Tags every stack needs to be told apart and traced to its owner; Pipewright's lowering always adds them.
    public static let baselineTags: [String: [String]] = ["Environment": [], "Project": [], "ManagedBy": []]

    /// Whether an environment, by pipeline or GitHub environment name, must deploy by reviewed change set.
    public func requiresReviewedChangeSet(_ name: String) -> Bool { reviewedChangeSetEnvironments.contains(name) }

    /// Whether an environment, by pipeline or GitHub environment name, may never be destroyed.
    public func forbidsDestroy(_ name: String) -> Bool { neverDestroyEnvironments.contains(name) }
}

/// What a policy asks of harden-runner: the weakest egress policy allowed, and the endpoints a block may allow.
public struct HardenRunnerRequirement: Sendable, Hashable {
    /// `audit` accepts audit or block; `block` accepts only block.
    public var egressPolicy: HardenRunner.Policy
    /// The `host:port` endpoints a blocking job may allow besides those Pipewright's jobs need (GitHub, the
    /// AWS services of the regions used, PyPI, npm, Slack), which the lowering always adds; empty allows any
    /// list. The lowering gives them to a pipeline that lists none of its own.
    public var allowedEndpoints: [String]

    /// Creates a requirement.
    public init(egressPolicy: HardenRunner.Policy, allowedEndpoints: [String] = []) {
        self.egressPolicy = egressPolicy
        self.allowedEndpoints = allowedEndpoints
    }

    /// Whether an egress policy meets the requirement.
    public func accepts(_ policy: HardenRunner.Policy) -> Bool {
        egressPolicy == .audit || policy == .block
    }
}
