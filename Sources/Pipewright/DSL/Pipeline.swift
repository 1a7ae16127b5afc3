/// A deployment pipeline: what must happen, from build to production, described once.
///
/// Lower it with ``Generator`` into hardened GitHub Actions workflows.
///
/// ```swift
/// let pipeline = Pipeline("Infrastructure", project: "payments") {
///     CloudFormationTemplate(path: "infra/template.yaml")
///     StackNaming(prefix: "payments", suffix: "main")
///     Region("us-east-1")
///     CIRole(.variable("AWS_CI_ROLE_ARN"))
///     Environment("dev", account: "111111111111", role: .variable("AWS_ROLE_ARN_DEV"), branch: "develop")
///     Environment("prod", account: "333333333333", role: .variable("AWS_ROLE_ARN_PROD"), branch: "main",
///                 strategy: .changeSet(review: true), production: true)
///     DriftDetection(schedule: ["0 6 * * 1-5"])
///     DestroySettings()
///     Notify.slack(webhookSecret: "SLACK_WEBHOOK_URL")
/// }
/// ```
public struct Pipeline: Sendable, Hashable {
    /// The workflow's display name, e.g. `Infrastructure`.
    public var name: String
    /// The project, used for the Project tag and as the default stack-name prefix.
    public var project: String
    /// How stack names are formed: `<prefix>-<environment>-<suffix>`.
    public var stackNaming: StackNaming
    /// The region used where an environment names none.
    public var region: String
    /// Regions newer than this build of Pipewright knows, accepted as written.
    public var additionalRegions: [String]
    /// What is built and deployed.
    public var infrastructure: Infrastructure
    /// The CloudFormation stacks deployed to every environment, when there are several (``Stack``); empty when
    /// the pipeline deploys the one template of ``infrastructure``.
    public var stacks: [Stack]
    /// Branches whose pull requests are built and validated; defaults to the deploy branches.
    public var pullRequestBranches: [String]?
    /// Whether a manual run (deploy or destroy of one environment) is offered.
    public var manualDispatch: Bool
    /// Packaging and upload of the artifact.
    public var build: BuildSettings
    /// Checks run on the artifact before any deploy.
    public var validation: ValidationSettings
    /// Target environments, in promotion order.
    public var environments: [Environment]
    /// Commands run after each environment's deploy, with its stacks' outputs in their environment (``Verify``);
    /// an environment's own ``Environment/verify`` replaces them.
    public var verify: [String]
    /// Scheduled drift detection, if wanted.
    public var drift: DriftDetection?
    /// Guarded manual destroy, if wanted.
    public var destroy: DestroySettings?
    /// Where deploy results are posted.
    public var notification: Notify?
    /// Tags added to the built-in ones on every stack.
    public var tags: [Tag]
    /// KMS encryption of the artifact between jobs.
    public var artifactEncryption: ArtifactEncryption?
    /// The role build and validate jobs assume (no secrets: they are not bound to an environment).
    public var ciRole: RoleReference?
    /// The dedicated account of the CI role, the artifact key and chained deploys' first hops; `nil` leaves it to
    /// the bootstrap's `PipelineAccountId` parameter.
    public var pipelineAccount: String?
    /// Runner settings, timeouts and egress control shared by every job.
    public var runtime: RuntimeSettings
    /// The GitHub OIDC subject the bootstrap's trust policies expect; ``OIDCSubject/jobWorkflowRef`` also binds
    /// every role to the generated workflow file at its branch.
    public var oidcSubject: OIDCSubject

    /// Creates a pipeline from its parts.
    public init(_ name: String, project: String, @PipelineBuilder _ parts: () -> [any PipelineComponent]) {
        self.init(name: name, project: project, parts: parts())
    }

    /// Creates a pipeline from a list of statements, later ones overriding earlier ones.
    public init(name: String, project: String, parts: [any PipelineComponent]) {
        self.name = name
        self.project = project
        self.stackNaming = StackNaming(prefix: project, suffix: nil)
        self.region = "us-east-1"
        self.additionalRegions = []
        self.infrastructure = .cloudFormation(CloudFormationTemplate(path: "template.yaml"))
        self.stacks = []
        self.pullRequestBranches = nil
        self.manualDispatch = true
        self.build = BuildSettings()
        self.validation = ValidationSettings()
        self.environments = []
        self.verify = []
        self.drift = nil
        self.destroy = nil
        self.notification = nil
        self.tags = []
        self.artifactEncryption = nil
        self.ciRole = nil
        self.pipelineAccount = nil
        self.runtime = RuntimeSettings()
        self.oidcSubject = .default
        for part in parts { part.apply(to: &self) }
    }

    /// The environment with a name, if any.
    public func environment(named name: String) -> Environment? {
        environments.first { $0.name == name }
    }

    /// The environments that deploy together with `environment`: every environment of its wave, in order, or just
    /// the environment when it is in none.
    public func wave(of environment: Environment) -> [Environment] {
        guard let wave = environment.wave else { return [environment] }
        return environments.filter { $0.wave == wave }
    }

    /// Whether a manual destroy of the environment is offered: destroy is on, and the environment is not
    /// production unless the pipeline allows it.
    func isDestroyable(_ environment: Environment) -> Bool {
        destroy != nil && manualDispatch && (!environment.production || (destroy?.allowProduction ?? false))
    }

    /// The commands that verify a deploy of the environment: its own, or the pipeline's.
    public func verifyCommands(for environment: Environment) -> [String] {
        environment.verify ?? verify
    }

    /// Whether the environment's deploys are verified: it has a verify job, a verify role and a `-verify` GitHub
    /// environment.
    func verifies(_ environment: Environment) -> Bool { !verifyCommands(for: environment).isEmpty }

    /// The distinct branches that deploy some environment, in environment order.
    public var deployBranches: [String] {
        var seen: Set<String> = []
        return environments.map(\.branch).filter { seen.insert($0).inserted }
    }
}

/// How stack names are formed: `<prefix>-<environment>-<suffix>`, the suffix overridable per manual run.
///
/// ```swift
/// let pipeline = Pipeline("Infrastructure", project: "payments") {
///     StackNaming(prefix: "payments", suffix: "main")   // payments-dev-main, payments-prod-main
/// }
/// ```
public struct StackNaming: Sendable, Hashable, Codable {
    /// The first part of every stack name; defaults to the pipeline's project.
    public var prefix: String
    /// The default suffix; `nil` leaves it off.
    public var suffix: String?

    /// Creates a naming rule.
    public init(prefix: String, suffix: String? = nil) {
        self.prefix = prefix
        self.suffix = suffix
    }

    /// The stack name for an environment with the default suffix.
    public func stackName(for environment: String, suffix override: String? = nil) -> String {
        let parts = [prefix, environment] + [override ?? suffix].compactMap { $0 }.filter { !$0.isEmpty }
        return parts.joined(separator: "-")
    }
}

/// A resource tag.
public struct Tag: Sendable, Hashable, Codable {
    /// The tag's key, e.g. `CostCenter`.
    public var key: String
    /// The tag's value, e.g. `platform`.
    public var value: String
    /// Creates a tag.
    public init(_ key: String, _ value: String) {
        self.key = key
        self.value = value
    }
}
