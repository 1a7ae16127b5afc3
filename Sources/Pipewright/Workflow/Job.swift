/// A job of a workflow: runs on a runner, or calls a reusable workflow.
public struct Job: Sendable, Hashable {
    /// The key under `jobs:`; letters, digits, `-` and `_`, starting with a letter or `_`.
    public var id: String
    /// The name shown in the Actions UI; `nil` shows the id.
    public var name: WorkflowText?
    /// Ids of the jobs that must finish first.
    public var needs: [String]
    /// `if:`: the job runs only when this holds.
    public var condition: Expression?
    /// `runs-on:`: the runner labels; `nil` for a job that calls a reusable workflow.
    public var runsOn: RunsOn?
    /// The GitHub environment the job deploys to, with its protection rules and secrets.
    public var environment: DeploymentEnvironment?
    /// The token's permissions for this job; `nil` inherits the workflow's.
    public var permissions: Permissions?
    /// The job's concurrency group.
    public var concurrency: Concurrency?
    /// Outputs read by dependent jobs, usually from `steps.<id>.outputs.<name>`.
    public var outputs: Mapping<WorkflowText>
    /// Environment variables for every step of the job.
    public var env: Mapping<WorkflowValue>
    /// `defaults.run`: the shell and folder of the job's `run:` steps.
    public var defaults: RunDefaults?
    /// `timeout-minutes:`: GitHub cancels the job after this long.
    public var timeoutMinutes: Int?
    /// `continue-on-error:`: the run goes on when the job fails.
    public var continueOnError: Bool?
    /// The job's matrix strategy.
    public var strategy: Strategy?
    /// The container the job's steps run in.
    public var container: Container?
    /// Service containers, keyed by their id.
    public var services: Mapping<Container>
    /// A reusable workflow this job calls instead of running steps.
    public var call: ReusableWorkflowCall?
    /// The steps, in order.
    public var steps: [Step]
    /// Keys the model lacks, rendered after the known ones.
    public var extra: [YAMLEntry]

    /// Creates a job.
    public init(
        id: String, name: WorkflowText? = nil, needs: [String] = [], condition: Expression? = nil, runsOn: RunsOn? = nil,
        environment: DeploymentEnvironment? = nil, permissions: Permissions? = nil, concurrency: Concurrency? = nil,
        outputs: Mapping<WorkflowText> = [:], env: Mapping<WorkflowValue> = [:], defaults: RunDefaults? = nil,
        timeoutMinutes: Int? = nil, continueOnError: Bool? = nil, strategy: Strategy? = nil, container: Container? = nil,
        services: Mapping<Container> = [:], call: ReusableWorkflowCall? = nil, steps: [Step] = [], extra: [YAMLEntry] = []
    ) {
        self.id = id
        self.name = name
        self.needs = needs
        self.condition = condition
        self.runsOn = runsOn
        self.environment = environment
        self.permissions = permissions
        self.concurrency = concurrency
        self.outputs = outputs
        self.env = env
        self.defaults = defaults
        self.timeoutMinutes = timeoutMinutes
        self.continueOnError = continueOnError
        self.strategy = strategy
        self.container = container
        self.services = services
        self.call = call
        self.steps = steps
        self.extra = extra
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
