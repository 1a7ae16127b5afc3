import Pipewright
/// The run a ``LocalJobRunner`` pretends to be part of: what `github.*` reports and the default `GITHUB_*`
/// variables carry.
public struct GitHubRunContext: Sendable, Hashable {
    public var repository: String
    public var sha: String
    public var ref: String
    public var eventName: String
    public var runID: String
    public var runAttempt: String
    public var actor: String
    public var serverURL: String
    public var workflow: String
    /// The webhook payload, as `github.event`; dispatch inputs are added as `github.event.inputs`.
    public var event: [String: ExpressionValue]

    /// Creates a run context; the defaults describe a push to `main`.
    public init(
        repository: String = "octo-org/octo-repo", sha: String = String(repeating: "a1b2c3d4", count: 5),
        ref: String = "refs/heads/main", eventName: String = "push", runID: String = "1000", runAttempt: String = "1",
        actor: String = "octocat", serverURL: String = "https://github.com", workflow: String = "local", event: [String: ExpressionValue] = [:]
    ) {
        self.repository = repository
        self.sha = sha
        self.ref = ref
        self.eventName = eventName
        self.runID = runID
        self.runAttempt = runAttempt
        self.actor = actor
        self.serverURL = serverURL
        self.workflow = workflow
        self.event = event
    }

    /// The branch or tag name of ``ref``.
    public var refName: String {
        for prefix in ["refs/heads/", "refs/tags/"] where ref.hasPrefix(prefix) { return String(ref.dropFirst(prefix.count)) }
        return ref
    }
}

/// Everything a local run needs that a real runner would get from GitHub and AWS.
public struct LocalRunConfiguration: Sendable {
    /// A scratch folder: each job gets a workspace and a temp folder under it.
    public var workRoot: String
    /// Where upload-artifact puts artifacts and download-artifact finds them: `<store>/<run id>/<name>/`.
    public var artifactStore: String
    /// The folder checkout copies into the workspace; `nil` makes checkout fail.
    public var fixtureRepository: String?
    /// The AWS endpoint (LocalStack, moto) configure-aws-credentials points the CLI at, as `AWS_ENDPOINT_URL`.
    public var endpointURL: String?
    /// The run this pretends to be.
    public var github: GitHubRunContext
    /// `vars.*`.
    public var vars: [String: String]
    /// `secrets.*`.
    public var secrets: [String: String]
    /// `inputs.*` (and `github.event.inputs.*`).
    public var inputs: [String: String]
    /// The environment every step starts from, before the workflow's; typically `PATH`, `HOME` and `LANG`.
    public var baseEnvironment: [String: String]
    /// The access key configure-aws-credentials hands out; emulators accept any.
    public var testCredentials: (accessKeyID: String, secretAccessKey: String, sessionToken: String) {
        get { (credentialTriple[0], credentialTriple[1], credentialTriple[2]) }
        set { credentialTriple = [newValue.accessKeyID, newValue.secretAccessKey, newValue.sessionToken] }
    }
    private var credentialTriple = ["testing", "testing", "testing"]
    /// The longest a step may run, in seconds, before it is stopped and fails.
    public var stepTimeout: Double
    /// Called with each step's result as soon as it finishes, e.g. to print progress.
    public var onStepFinished: (@Sendable (String, StepRunResult) -> Void)?

    /// Creates a configuration.
    public init(
        workRoot: String, artifactStore: String, fixtureRepository: String? = nil, endpointURL: String? = nil,
        github: GitHubRunContext = GitHubRunContext(), vars: [String: String] = [:], secrets: [String: String] = [:],
        inputs: [String: String] = [:], baseEnvironment: [String: String] = [:], stepTimeout: Double = 600,
        onStepFinished: (@Sendable (String, StepRunResult) -> Void)? = nil
    ) {
        self.workRoot = workRoot
        self.artifactStore = artifactStore
        self.fixtureRepository = fixtureRepository
        self.endpointURL = endpointURL
        self.github = github
        self.vars = vars
        self.secrets = secrets
        self.inputs = inputs
        self.baseEnvironment = baseEnvironment
        self.stepTimeout = stepTimeout
        self.onStepFinished = onStepFinished
    }
}
