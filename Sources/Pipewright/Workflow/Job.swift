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
    /// One label: `runs-on: ubuntu-24.04`.
    case label(RunnerLabel)
    /// Several labels, all of which the runner must carry: `runs-on: [self-hosted, linux, x64]`.
    case labels([RunnerLabel])
    /// A runner group, and the labels a runner of it must carry: `runs-on: {group: deployers, labels: [linux]}`.
    case group(String, labels: [RunnerLabel])
    /// A string literal is one label.
    public init(stringLiteral value: String) { self = .label(RunnerLabel(rawValue: value)) }

    /// Every label named.
    public var allLabels: [RunnerLabel] {
        switch self {
        case .label(let label): [label]
        case .labels(let labels): labels
        case .group(_, let labels): labels
        }
    }

    /// Whether the job runs on a self-hosted runner: the `self-hosted` label, or a runner group (what zizmor's
    /// `self-hosted-runner` audit flags).
    public var isSelfHosted: Bool {
        if case .group = self { return true }
        return allLabels.contains(.selfHosted)
    }
}

/// A runner label. Open, because runners are GitHub's and the organization's to name.
public struct RunnerLabel: RawRepresentable, Sendable, Hashable, ExpressibleByStringLiteral {
    /// The label as written in `runs-on:`.
    public let rawValue: String
    /// Creates a label.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// A string literal is the label.
    public init(stringLiteral value: String) { self.rawValue = value }
    /// A self-hosted or larger-runner label.
    public static func custom(_ label: String) -> RunnerLabel { RunnerLabel(rawValue: label) }

    /// GitHub's newest hosted Ubuntu runner; the image changes under the workflow when GitHub moves the label.
    public static let ubuntuLatest: RunnerLabel = "ubuntu-latest"
    /// GitHub's hosted Ubuntu 24.04 runner, the default of ``RuntimeSettings``.
    public static let ubuntu24: RunnerLabel = "ubuntu-24.04"
    /// GitHub's hosted Ubuntu 22.04 runner.
    public static let ubuntu22: RunnerLabel = "ubuntu-22.04"
    /// Any self-hosted runner of the repository or organization; add more labels to narrow the choice.
    public static let selfHosted: RunnerLabel = "self-hosted"
}

/// The GitHub environment a job deploys to, which carries protection rules, approvals and secrets.
public struct DeploymentEnvironment: Sendable, Hashable {
    /// The environment's name as set up in the repository's settings; an expression may choose it at run time.
    public var name: WorkflowText
    /// The address shown on the deployment in the Actions UI, e.g. the deployed service's URL.
    public var url: WorkflowText?
    /// Creates an environment binding.
    public init(_ name: WorkflowText, url: WorkflowText? = nil) {
        self.name = name
        self.url = url
    }
}

/// A concurrency group; runs in one group never overlap.
public struct Concurrency: Sendable, Hashable {
    /// The group's key: runs with the same key wait for each other.
    public var group: WorkflowText
    /// `cancel-in-progress:`: whether a new run cancels the running one instead of waiting; `nil` waits.
    public var cancelInProgress: Bool?
    /// Creates a concurrency group.
    public init(group: WorkflowText, cancelInProgress: Bool? = nil) {
        self.group = group
        self.cancelInProgress = cancelInProgress
    }
}

/// `defaults.run`: the shell and folder every `run:` step starts with.
public struct RunDefaults: Sendable, Hashable {
    /// The shell of every `run:` step that names none, e.g. `bash`.
    public var shell: String?
    /// The folder `run:` steps start in, relative to the workspace.
    public var workingDirectory: String?
    /// Creates run defaults.
    public init(shell: String? = nil, workingDirectory: String? = nil) {
        self.shell = shell
        self.workingDirectory = workingDirectory
    }
}

/// A job's matrix strategy.
public struct Strategy: Sendable, Hashable {
    /// The combinations the job runs for, one job each.
    public var matrix: Matrix?
    /// `fail-fast:`: whether one failing combination cancels the others; `nil` omits the key (GitHub: yes).
    public var failFast: Bool?
    /// `max-parallel:`: how many combinations may run at once; `nil` lets GitHub decide.
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
    /// Each dimension's key with the values it takes, in order; the job runs once per combination.
    public var dimensions: Mapping<[WorkflowValue]>
    /// Combinations added to the product, or extra keys for the combinations they match.
    public var include: [Mapping<WorkflowValue>]
    /// Combinations removed from the product.
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
    /// The image to run, e.g. `postgres:17`; pin it by `@sha256:` digest to get the same image every run.
    public var image: String
    /// Secret-backed registry credentials.
    public var credentials: (username: WorkflowText, password: WorkflowText)? {
        get { credentialPair.map { ($0.username, $0.password) } }
        set { credentialPair = newValue.map { CredentialPair(username: $0.username, password: $0.password) } }
    }
    private var credentialPair: CredentialPair?
    /// Environment variables set inside the container.
    public var env: Mapping<WorkflowValue>
    /// Ports to publish, as `port` or `host:container`.
    public var ports: [String]
    /// Volumes to mount, as `source:/path/in/container`.
    public var volumes: [String]
    /// Further `docker create` options, e.g. `--cpus 2`.
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
        /// `secrets: inherit`: the called workflow reads every secret the calling job can.
        case inherit
        /// Only these secrets, each named as the called workflow declares it, with the caller's value.
        case explicit(Mapping<WorkflowText>)
    }
    /// The called workflow: `./.github/workflows/x.yml` here, or `owner/repo/.github/workflows/x.yml@<sha>`.
    public var workflow: ActionReference
    /// `with:`: the inputs passed to the called workflow.
    public var with: Mapping<WorkflowValue>
    /// The secrets passed to the called workflow; `nil` passes none.
    public var secrets: Secrets?
    /// Creates a call.
    public init(_ workflow: ActionReference, with: Mapping<WorkflowValue> = [:], secrets: Secrets? = nil) {
        self.workflow = workflow
        self.with = with
        self.secrets = secrets
    }
}
