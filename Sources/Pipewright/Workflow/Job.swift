/// A job of a workflow: runs on a runner, or calls a reusable workflow.
public struct Job: Sendable, Hashable {
    // The fields live in one shared, copy-on-write box: jobs are copied as they are built, batched, checked
    // and written, and a copy of nineteen fields cost some thirty atomic reference-count updates. A copy is now one.
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

    private final class Box: @unchecked Sendable {
        // Unchecked: a box is changed only through a job that holds the sole reference to it.
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    /// Changes the fields, first copying them if another job shares them.
    private mutating func change(_ body: (inout Fields) -> Void) {
        if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
        body(&box.fields)
    }

    /// The key under `jobs:`; letters, digits, `-` and `_`, starting with a letter or `_`.
    public var id: String {
        get { box.fields.id }
        set { change { $0.id = newValue } }
    }
    public var name: WorkflowText? {
        get { box.fields.name }
        set { change { $0.name = newValue } }
    }
    /// Ids of the jobs that must finish first.
    public var needs: [String] {
        get { box.fields.needs }
        set { change { $0.needs = newValue } }
    }
    public var condition: Expression? {
        get { box.fields.condition }
        set { change { $0.condition = newValue } }
    }
    public var runsOn: RunsOn? {
        get { box.fields.runsOn }
        set { change { $0.runsOn = newValue } }
    }
    public var environment: DeploymentEnvironment? {
        get { box.fields.environment }
        set { change { $0.environment = newValue } }
    }
    public var permissions: Permissions? {
        get { box.fields.permissions }
        set { change { $0.permissions = newValue } }
    }
    public var concurrency: Concurrency? {
        get { box.fields.concurrency }
        set { change { $0.concurrency = newValue } }
    }
    /// Outputs read by dependent jobs, usually from `steps.<id>.outputs.<name>`.
    public var outputs: Mapping<WorkflowText> {
        get { box.fields.outputs }
        set { change { $0.outputs = newValue } }
    }
    public var env: Mapping<WorkflowValue> {
        get { box.fields.env }
        set { change { $0.env = newValue } }
    }
    public var defaults: RunDefaults? {
        get { box.fields.defaults }
        set { change { $0.defaults = newValue } }
    }
    public var timeoutMinutes: Int? {
        get { box.fields.timeoutMinutes }
        set { change { $0.timeoutMinutes = newValue } }
    }
    public var continueOnError: Bool? {
        get { box.fields.continueOnError }
        set { change { $0.continueOnError = newValue } }
    }
    public var strategy: Strategy? {
        get { box.fields.strategy }
        set { change { $0.strategy = newValue } }
    }
    public var container: Container? {
        get { box.fields.container }
        set { change { $0.container = newValue } }
    }
    /// Service containers, keyed by their id.
    public var services: Mapping<Container> {
        get { box.fields.services }
        set { change { $0.services = newValue } }
    }
    /// A reusable workflow this job calls instead of running steps.
    public var call: ReusableWorkflowCall? {
        get { box.fields.call }
        set { change { $0.call = newValue } }
    }
    public var steps: [Step] {
        get { box.fields.steps }
        set { change { $0.steps = newValue } }
    }
    /// Keys the model lacks, rendered after the known ones.
    public var extra: [YAMLEntry] {
        get { box.fields.extra }
        set { change { $0.extra = newValue } }
    }

    /// Creates a job.
    public init(
        id: String, name: WorkflowText? = nil, needs: [String] = [], condition: Expression? = nil, runsOn: RunsOn? = nil,
        environment: DeploymentEnvironment? = nil, permissions: Permissions? = nil, concurrency: Concurrency? = nil,
        outputs: Mapping<WorkflowText> = [:], env: Mapping<WorkflowValue> = [:], defaults: RunDefaults? = nil,
        timeoutMinutes: Int? = nil, continueOnError: Bool? = nil, strategy: Strategy? = nil, container: Container? = nil,
        services: Mapping<Container> = [:], call: ReusableWorkflowCall? = nil, steps: [Step] = [], extra: [YAMLEntry] = []
    ) {
        box = Box(Fields(
            id: id, name: name, needs: needs, condition: condition, runsOn: runsOn, environment: environment,
            permissions: permissions, concurrency: concurrency, outputs: outputs, env: env, defaults: defaults,
            timeoutMinutes: timeoutMinutes, continueOnError: continueOnError, strategy: strategy, container: container,
            services: services, call: call, steps: steps, extra: extra
        ))
    }

    /// Jobs are equal when their fields are.
    public static func == (lhs: Job, rhs: Job) -> Bool {
        lhs.box === rhs.box || lhs.box.fields == rhs.box.fields
    }

    /// Hashes the fields, as ``==`` compares them.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(box.fields)
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
