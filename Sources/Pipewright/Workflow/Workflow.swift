/// A GitHub Actions workflow: the model every stage of Pipewright produces or consumes.
///
/// Build one by hand, or lower a ``Pipeline`` into one; encode it with ``Workflow/yamlNode``
/// and emit it with ``YAMLEmitter``. Check it with ``validate()``.
///
/// ```swift
/// let workflow = Workflow(name: "CI", on: Triggers(push: EventFilter(branches: ["main"])), permissions: .empty, jobs: [
///     Job(id: "test", name: "Test", runsOn: .label(.ubuntu24),
///         permissions: .grants(.read(.contents, because: "to check out the code")), timeoutMinutes: 10,
///         steps: [
///             .uses("Check out", PinTable.verified.reference("actions/checkout"), with: ["persist-credentials": false]),
///             .run("Test", "make test\n"),
///         ]),
/// ])
/// try workflow.validate()
/// let yaml = YAMLEmitter.emit(YAMLDocument(root: workflow.yamlNode))
/// ```
public struct Workflow: Sendable, Hashable {
    /// The name shown in the Actions UI; `nil` shows the file's path.
    public var name: String?
    /// `run-name:`: the title of each run, which may interpolate expressions such as the actor.
    public var runName: WorkflowText?
    /// `on:`: the events that start the workflow.
    public var on: Triggers
    /// The token's permissions for jobs that set none; `nil` leaves the repository's default, maybe write-all.
    public var permissions: Permissions?
    /// Environment variables for every step of every job.
    public var env: Mapping<WorkflowValue>
    /// `defaults.run`: the shell and folder of every `run:` step.
    public var defaults: RunDefaults?
    /// The workflow's concurrency group: runs in one group never overlap.
    public var concurrency: Concurrency?
    /// The jobs, in the order they are written.
    public var jobs: [Job]
    /// Keys the model lacks, rendered after the known ones.
    public var extra: [YAMLEntry]

    /// Creates a workflow.
    public init(
        name: String? = nil, runName: WorkflowText? = nil, on: Triggers, permissions: Permissions? = nil,
        env: Mapping<WorkflowValue> = [:], defaults: RunDefaults? = nil, concurrency: Concurrency? = nil,
        jobs: [Job], extra: [YAMLEntry] = []
    ) {
        self.name = name
        self.runName = runName
        self.on = on
        self.permissions = permissions
        self.env = env
        self.defaults = defaults
        self.concurrency = concurrency
        self.jobs = jobs
        self.extra = extra
    }

    /// The job with an id, if any.
    public subscript(job id: String) -> Job? {
        jobs.first { $0.id == id }
    }
}
