/// How the artifact is packaged and kept.
///
/// ```swift
/// let pipeline = Pipeline("Infrastructure", project: "payments") {
///     BuildSettings(retentionDays: 90, commands: ["make test"])
/// }
/// ```
public struct BuildSettings: Sendable, Hashable {
    /// Days GitHub keeps the artifact.
    public var retentionDays: Int
    /// Commands run in the build job before packaging, e.g. unit tests.
    public var commands: [String]

    /// Creates build settings.
    public init(retentionDays: Int = 30, commands: [String] = []) {
        self.retentionDays = retentionDays
        self.commands = commands
    }
}

/// Checks run on the artifact before any deploy.
///
/// ```swift
/// let pipeline = Pipeline("Infrastructure", project: "payments") {
///     ValidationSettings(cfnLintVersion: "1.51.0", commands: ["scripts/check-parameters.sh"])
/// }
/// ```
public struct ValidationSettings: Sendable, Hashable {
    /// Whether `aws cloudformation validate-template` runs (it needs the CI role).
    public var validateTemplate: Bool
    /// The cfn-lint version installed from PyPI; `nil` skips cfn-lint.
    public var cfnLintVersion: String?
    /// Extra commands, run from the repository root after the built-in checks.
    public var commands: [String]

    /// Creates validation settings.
    public init(validateTemplate: Bool = true, cfnLintVersion: String? = "1.51.0", commands: [String] = []) {
        self.validateTemplate = validateTemplate
        self.cfnLintVersion = cfnLintVersion
        self.commands = commands
    }
}

/// Scheduled and manual drift detection, one job per environment with a read-only role.
///
/// ```swift
/// let pipeline = Pipeline("Infrastructure", project: "payments") {
///     DriftDetection(schedule: ["17 6 * * 1-5"])   // 06:17 UTC on weekdays
/// }
/// ```
public struct DriftDetection: Sendable, Hashable {
    /// Cron entries, in UTC.
    public var schedule: [String]
    /// The GitHub environment drift jobs are bound to (unprotected, so schedules never wait for approval).
    public var githubEnvironment: String

    /// Creates drift detection.
    public init(schedule: [String], githubEnvironment: String = "drift-detection") {
        self.schedule = schedule
        self.githubEnvironment = githubEnvironment
    }
}

/// Guarded manual destroy: a manual run that names the environment and confirms the stack name.
///
/// ```swift
/// let pipeline = Pipeline("Infrastructure", project: "payments") {
///     DestroySettings(allowProduction: false)
/// }
/// ```
public struct DestroySettings: Sendable, Hashable {
    /// Whether production environments may be destroyed at all.
    public var allowProduction: Bool

    /// Creates destroy settings.
    public init(allowProduction: Bool = false) { self.allowProduction = allowProduction }
}

/// Where deploy results are posted.
///
/// ```swift
/// let pipeline = Pipeline("Infrastructure", project: "payments") {
///     Notify.slack(webhookSecret: "SLACK_WEBHOOK_URL")
/// }
/// ```
public enum Notify: Sendable, Hashable {
    /// A Slack incoming webhook, read from a secret only in the step that posts.
    case slack(webhookSecret: String)
}

/// KMS encryption of the artifact between jobs; needs a ``CIRole`` allowed to generate data keys.
///
/// ```swift
/// let pipeline = Pipeline("Infrastructure", project: "payments") {
///     CIRole(.variable("AWS_CI_ROLE_ARN"))
///     ArtifactEncryption(kmsKey: "alias/payments-artifacts")
/// }
/// ```
public struct ArtifactEncryption: Sendable, Hashable {
    /// A key alias (`alias/name`) or key ARN.
    public var kmsKey: String

    /// Creates encryption settings.
    public init(kmsKey: String) { self.kmsKey = kmsKey }
}

/// Runner, timeout and egress settings shared by every job.
///
/// ```swift
/// let pipeline = Pipeline("Infrastructure", project: "payments") {
///     RuntimeSettings(runner: .ubuntu24, jobTimeoutMinutes: 15, deployTimeoutMinutes: 45,
///                     hardenRunner: HardenRunner(policy: .block, allowedEndpoints: ["sts.amazonaws.com:443"]))
/// }
/// ```
public struct RuntimeSettings: Sendable, Hashable {
    /// The runner every job uses, unless an environment names its own.
    public var runner: Runner
    /// The timeout of ordinary jobs, in minutes.
    public var jobTimeoutMinutes: Int
    /// The timeout of deploy and destroy jobs, which wait for CloudFormation.
    public var deployTimeoutMinutes: Int
    /// Egress control with harden-runner, if wanted.
    public var hardenRunner: HardenRunner?
    /// Where the offline `pull-request` job runs, which runs a pull request's code; `nil` runs it on ``runner``
    /// when GitHub hosts that, and on GitHub's `ubuntu-24.04` otherwise (``pullRequestJobRunner``). Set it to a
    /// self-hosted runner only on purpose: an ephemeral one, since a persistent runner keeps what a pull
    /// request leaves behind for the deploy jobs that run there next.
    public var pullRequestRunner: Runner?

    /// Creates runtime settings.
    public init(runner: Runner = .ubuntu24, jobTimeoutMinutes: Int = 15, deployTimeoutMinutes: Int = 60, hardenRunner: HardenRunner? = nil,
                pullRequestRunner: Runner? = nil) {
        self.runner = runner
        self.jobTimeoutMinutes = jobTimeoutMinutes
        self.deployTimeoutMinutes = deployTimeoutMinutes
        self.hardenRunner = hardenRunner
        self.pullRequestRunner = pullRequestRunner
    }

    /// Where the `pull-request` job runs: ``pullRequestRunner`` when set; else ``runner`` when GitHub hosts it;
    /// else GitHub's `ubuntu-24.04`, so a pull request's code never reaches a self-hosted runner unasked.
    public var pullRequestJobRunner: Runner {
        pullRequestRunner ?? (runner.isHostedByGitHub ? runner : .ubuntu24)
    }
}

/// Where jobs run: one label (`ubuntu-24.04`), a set of labels a runner must all carry (`["self-hosted", "linux",
/// "deployers"]`), and optionally a runner group.
///
/// ```swift
/// let deployers = Runner(["self-hosted", "linux", "deployers"], group: "production-runners")
/// let pipeline = Pipeline("Infrastructure", project: "payments") {
///     RuntimeSettings(runner: "ubuntu-24.04")
///     Environment("prod", account: "333333333333", role: .variable("AWS_ROLE_ARN_PROD"), branch: "main", runner: deployers)
/// }
/// ```
public struct Runner: Sendable, Hashable, ExpressibleByStringLiteral {
    /// The labels a runner must all carry; at least one unless a group is named.
    public var labels: [RunnerLabel]
    /// The runner group, for runners an organization manages in groups.
    public var group: String?

    /// Runners with all these labels, in a group if given.
    public init(_ labels: [RunnerLabel], group: String? = nil) {
        self.labels = labels
        self.group = group
    }

    /// One label.
    public init(stringLiteral value: String) { self.init([RunnerLabel(rawValue: value)]) }

    /// GitHub's hosted Ubuntu 24.04 runner, the default of ``RuntimeSettings``.
    public static let ubuntu24 = Runner([.ubuntu24])
    /// Any self-hosted runner; add labels to narrow the choice.
    public static let selfHosted = Runner([.selfHosted])

    /// The `runs-on:` value: a label, a list of labels, or a group with labels.
    public var runsOn: RunsOn {
        if let group { return .group(group, labels: labels) }
        return labels.count == 1 ? .label(labels[0]) : .labels(labels)
    }

    /// The labels of GitHub's standard hosted runners.
    static let hostedLabels: [String] = [
        "ubuntu-latest", "ubuntu-24.04", "ubuntu-22.04", "ubuntu-24.04-arm", "ubuntu-22.04-arm",
        "windows-latest", "windows-2025", "windows-2022", "windows-11-arm",
        "macos-latest", "macos-26", "macos-15", "macos-14", "macos-13", "macos-latest-large", "macos-15-large", "macos-14-large",
    ]

    /// The labels GitHub hosts, and those every self-hosted runner carries, which linters know; any other label
    /// is the organization's own and must be declared to actionlint (`.github/actionlint.yaml`).
    static let knownLabels: [String] = hostedLabels + ["self-hosted", "linux", "macos", "windows", "x64", "arm", "arm64"]

    /// Whether this is one of GitHub's standard hosted runners: one hosted label and no group. Any other runner
    /// (self-hosted, a runner group, the organization's own labels) may be one that persists between jobs.
    public var isHostedByGitHub: Bool {
        group == nil && labels.count == 1 && Self.hostedLabels.contains(labels[0].rawValue)
    }

    /// The labels that are the organization's own.
    public var customLabels: [RunnerLabel] {
        labels.filter { !Self.knownLabels.contains($0.rawValue) }
    }
}

/// harden-runner's egress policy: audit outbound traffic, or block all but allowed endpoints.
public struct HardenRunner: Sendable, Hashable {
    /// What harden-runner does with outbound traffic.
    public enum Policy: String, Sendable, Hashable, Codable {
        /// Let every connection through and record where each job connects.
        case audit
        /// Refuse every connection to an endpoint neither the generated jobs need nor ``HardenRunner/allowedEndpoints`` lists.
        case block
    }
    /// Whether outbound traffic is only recorded or also restricted.
    public var policy: Policy
    /// `host:port` endpoints allowed when blocking, besides those the generated jobs need (GitHub, the AWS
    /// services of the regions used, PyPI, npm, Slack), which the lowering adds itself.
    public var allowedEndpoints: [String]

    /// Creates harden-runner settings.
    public init(policy: Policy, allowedEndpoints: [String] = []) {
        self.policy = policy
        self.allowedEndpoints = allowedEndpoints
    }
}
