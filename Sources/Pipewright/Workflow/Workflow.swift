/// A GitHub Actions workflow: the model every stage of Pipewright produces or consumes.
///
/// Build one by hand, or lower a ``Pipeline`` into one; encode it with ``Workflow/yamlNode``
/// and emit it with ``YAMLEmitter``. Check it with ``validate()``.
public struct Workflow: Sendable, Hashable {
    public var name: String?
    public var runName: WorkflowText?
    public var on: Triggers
    public var permissions: Permissions?
    public var env: Mapping<WorkflowValue>
    public var defaults: RunDefaults?
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
