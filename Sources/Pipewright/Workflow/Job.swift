/// A job of a workflow: runs on a runner, or calls a reusable workflow.
public struct Job: Sendable, Hashable {
    // The fields live in one copy-on-write value: jobs are copied as they are built, batched, checked and written.
    private struct Fields: Sendable, Hashable {
        var id: String
        var name: WorkflowText?
        var needs: [String]
        var condition: Expression?
        var runsOn: RunsOn?
        var environment: DeploymentEnvironment?
        var permissions: Permissions?
        var concurrency: Concurrency?
        var outputs: Mapping<WorkflowText>
        var env: Mapping<WorkflowValue>
        var defaults: RunDefaults?
        var timeoutMinutes: Int?
        var continueOnError: Bool?
        var strategy: Strategy?
        var container: Container?
        var services: Mapping<Container>
        var call: ReusableWorkflowCall?
        var steps: [Step]
        var extra: [YAMLEntry]
    }

    private var fields: CopyOnWrite<Fields>

    /// The key under `jobs:`; letters, digits, `-` and `_`, starting with a letter or `_`.
    public var id: String {
        get { fields.value.id }
        set { fields.value.id = newValue }
    }
    public var name: WorkflowText? {
        get { fields.value.name }
        set { fields.value.name = newValue }
    }
    /// Ids of the jobs that must finish first.
    public var needs: [String] {
        get { fields.value.needs }
        set { fields.value.needs = newValue }
    }
    public var condition: Expression? {
        get { fields.value.condition }
        set { fields.value.condition = newValue }
    }
    public var runsOn: RunsOn? {
        get { fields.value.runsOn }
        set { fields.value.runsOn = newValue }
    }
    public var environment: DeploymentEnvironment? {
        get { fields.value.environment }
        set { fields.value.environment = newValue }
    }
    public var permissions: Permissions? {
        get { fields.value.permissions }
        set { fields.value.permissions = newValue }
    }
    public var concurrency: Concurrency? {
        get { fields.value.concurrency }
        set { fields.value.concurrency = newValue }
    }
    /// Outputs read by dependent jobs, usually from `steps.<id>.outputs.<name>`.
    public var outputs: Mapping<WorkflowText> {
        get { fields.value.outputs }
        set { fields.value.outputs = newValue }
    }
    public var env: Mapping<WorkflowValue> {
        get { fields.value.env }
        set { fields.value.env = newValue }
    }
    public var defaults: RunDefaults? {
        get { fields.value.defaults }
        set { fields.value.defaults = newValue }
    }
    public var timeoutMinutes: Int? {
        get { fields.value.timeoutMinutes }
        set { fields.value.timeoutMinutes = newValue }
    }
    public var continueOnError: Bool? {
        get { fields.value.continueOnError }
        set { fields.value.continueOnError = newValue }
    }
    public var strategy: Strategy? {
        get { fields.value.strategy }
        set { fields.value.strategy = newValue }
    }
    public var container: Container? {
        get { fields.value.container }
        set { fields.value.container = newValue }
    }
    /// Service containers, keyed by their id.
    public var services: Mapping<Container> {
        get { fields.value.services }
        set { fields.value.services = newValue }
    }
    /// A reusable workflow this job calls instead of running steps.
    public var call: ReusableWorkflowCall? {
        get { fields.value.call }
        set { fields.value.call = newValue }
    }
    public var steps: [Step] {
        get { fields.value.steps }
        set { fields.value.steps = newValue }
    }
    /// Keys the model lacks, rendered after the known ones.
    public var extra: [YAMLEntry] {
        get { fields.value.extra }
        set { fields.value.extra = newValue }
    }

    /// Creates a job.
    public init(
        id: String, name: WorkflowText? = nil, needs: [String] = [], condition: Expression? = nil, runsOn: RunsOn? = nil,
        environment: DeploymentEnvironment? = nil, permissions: Permissions? = nil, concurrency: Concurrency? = nil,
        outputs: Mapping<WorkflowText> = [:], env: Mapping<WorkflowValue> = [:], defaults: RunDefaults? = nil,
        timeoutMinutes: Int? = nil, continueOnError: Bool? = nil, strategy: Strategy? = nil, container: Container? = nil,
        services: Mapping<Container> = [:], call: ReusableWorkflowCall? = nil, steps: [Step] = [], extra: [YAMLEntry] = []
    ) {
        fields = CopyOnWrite(Fields(
            id: id, name: name, needs: needs, condition: condition, runsOn: runsOn, environment: environment,
            permissions: permissions, concurrency: concurrency, outputs: outputs, env: env, defaults: defaults,
            timeoutMinutes: timeoutMinutes, continueOnError: continueOnError, strategy: strategy, container: container,
            services: services, call: call, steps: steps, extra: extra
        ))
    }

    /// Jobs are equal when their fields are.
    public static func == (lhs: Job, rhs: Job) -> Bool {
        lhs.fields.sharesStorage(with: rhs.fields) || lhs.fields.value == rhs.fields.value
    }

    /// Hashes the fields, as ``==`` compares them.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(fields.value)
    }
}

/// Where a job runs: one runner label or a set of labels.
public enum RunsOn: Sendable, Hashable, ExpressibleByStringLiteral {
    case label(RunnerLabel)
    case labels([RunnerLabel])
    /// A string literal is one label.
    public init(stringLiteral value: String) { self = .label(RunnerLabel(rawValue: value)) }

    /// Every label named.
    public var allLabels: [RunnerLabel] {
        switch self {
        case .label(let label): [label]
        case .labels(let labels): labels
        }
    }
}

/// A runner label. Open, because runners are GitHub's and the organization's to name.
public struct RunnerLabel: RawRepresentable, Sendable, Hashable, ExpressibleByStringLiteral {
    public let rawValue: String
    /// Creates a label.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// A string literal is the label.
    public init(stringLiteral value: String) { self.rawValue = value }
    /// A self-hosted or larger-runner label.
    public static func custom(_ label: String) -> RunnerLabel { RunnerLabel(rawValue: label) }

    public static let ubuntuLatest: RunnerLabel = "ubuntu-latest"
    public static let ubuntu24: RunnerLabel = "ubuntu-24.04"
    public static let ubuntu22: RunnerLabel = "ubuntu-22.04"
    public static let selfHosted: RunnerLabel = "self-hosted"
}

/// The GitHub environment a job deploys to, which carries protection rules, approvals and secrets.
public struct DeploymentEnvironment: Sendable, Hashable {
    public var name: WorkflowText
    public var url: WorkflowText?
    /// Creates an environment binding.
    public init(_ name: WorkflowText, url: WorkflowText? = nil) {
        self.name = name
        self.url = url
    }
}

/// A concurrency group; runs in one group never overlap.
public struct Concurrency: Sendable, Hashable {
    public var group: WorkflowText
    public var cancelInProgress: Bool?
    /// Creates a concurrency group.
    public init(group: WorkflowText, cancelInProgress: Bool? = nil) {
        self.group = group
        self.cancelInProgress = cancelInProgress
    }
}

/// `defaults.run`: the shell and folder every `run:` step starts with.
public struct RunDefaults: Sendable, Hashable {
    public var shell: String?
    public var workingDirectory: String?
    /// Creates run defaults.
    public init(shell: String? = nil, workingDirectory: String? = nil) {
        self.shell = shell
        self.workingDirectory = workingDirectory
    }
}

/// A job's matrix strategy.
public struct Strategy: Sendable, Hashable {
    public var matrix: Matrix?
    public var failFast: Bool?
    public var maxParallel: Int?
    /// Creates a strategy.
    public init(matrix: Matrix? = nil, failFast: Bool? = nil, maxParallel: Int? = nil) {
        self.matrix = matrix
        self.failFast = failFast
        self.maxParallel = maxParallel
    }
}

/// A build matrix: dimensions with their values, plus combinations to add or remove.
public struct Matrix: Sendable, Hashable {
    public var dimensions: Mapping<[WorkflowValue]>
    public var include: [Mapping<WorkflowValue>]
    public var exclude: [Mapping<WorkflowValue>]
    /// Creates a matrix.
    public init(dimensions: Mapping<[WorkflowValue]> = [:], include: [Mapping<WorkflowValue>] = [], exclude: [Mapping<WorkflowValue>] = []) {
        self.dimensions = dimensions
        self.include = include
        self.exclude = exclude
    }
}

/// A job container or a service container.
public struct Container: Sendable, Hashable {
    public var image: String
    /// Secret-backed registry credentials.
    public var credentials: (username: WorkflowText, password: WorkflowText)? {
        get { credentialPair.map { ($0.username, $0.password) } }
        set { credentialPair = newValue.map { CredentialPair(username: $0.username, password: $0.password) } }
    }
    private var credentialPair: CredentialPair?
    public var env: Mapping<WorkflowValue>
    public var ports: [String]
    public var volumes: [String]
    public var options: String?

    struct CredentialPair: Sendable, Hashable {
        let username: WorkflowText
        let password: WorkflowText
    }

    /// Creates a container.
    public init(image: String, env: Mapping<WorkflowValue> = [:], ports: [String] = [], volumes: [String] = [], options: String? = nil) {
        self.image = image
        self.env = env
        self.ports = ports
        self.volumes = volumes
        self.options = options
    }
}

/// A job-level `uses:` that calls a reusable workflow.
public struct ReusableWorkflowCall: Sendable, Hashable {
    /// How secrets reach the called workflow.
    public enum Secrets: Sendable, Hashable {
        case inherit
        case explicit(Mapping<WorkflowText>)
    }
    /// `./.github/workflows/x.yml` or `owner/repo/.github/workflows/x.yml@<sha>`.
    public var workflow: ActionReference
    public var with: Mapping<WorkflowValue>
    public var secrets: Secrets?
    /// Creates a call.
    public init(_ workflow: ActionReference, with: Mapping<WorkflowValue> = [:], secrets: Secrets? = nil) {
        self.workflow = workflow
        self.with = with
        self.secrets = secrets
    }
}
