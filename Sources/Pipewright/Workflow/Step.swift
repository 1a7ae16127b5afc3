/// A step of a job: an action it uses, or a script it runs.
public struct Step: Sendable, Hashable {
    /// What the step does.
    public enum Action: Sendable, Hashable {
        /// `uses:` an action, with its inputs.
        case uses(ActionReference, with: Mapping<WorkflowValue>)
        /// `run:` a script, with an optional shell and folder.
        case run(WorkflowText, shell: String?, workingDirectory: String?)
    }

    // The contents live in one copy-on-write value: steps are copied as jobs are built, checked and written.
    private struct Fields: Sendable, Hashable {
        var id: String?
        var name: WorkflowText?
        var condition: Expression?
        var action: Action
        var env: Mapping<WorkflowValue>
        var continueOnError: Bool?
        var timeoutMinutes: Int?
        var extra: [YAMLEntry]
    }

    private var fields: CopyOnWrite<Fields>

    // Every change forgets the step's ``SharedStep`` mark: the text written for the marked step would no
    // longer be this step's text.
    public var id: String? {
        get { fields.value.id }
        set { fields.value.id = newValue; shared = nil }
    }
    public var name: WorkflowText? {
        get { fields.value.name }
        set { fields.value.name = newValue; shared = nil }
    }
    public var condition: Expression? {
        get { fields.value.condition }
        set { fields.value.condition = newValue; shared = nil }
    }
    public var action: Action {
        get { fields.value.action }
        set { fields.value.action = newValue; shared = nil }
    }
    public var env: Mapping<WorkflowValue> {
        get { fields.value.env }
        set { fields.value.env = newValue; shared = nil }
    }
    public var continueOnError: Bool? {
        get { fields.value.continueOnError }
        set { fields.value.continueOnError = newValue; shared = nil }
    }
    public var timeoutMinutes: Int? {
        get { fields.value.timeoutMinutes }
        set { fields.value.timeoutMinutes = newValue; shared = nil }
    }
    /// Keys the model lacks, rendered after the known ones.
    public var extra: [YAMLEntry] {
        get { fields.value.extra }
        set { fields.value.extra = newValue; shared = nil }
    }
    /// Set on a step that many jobs share unchanged (``markedShared()``), so that it is written and checked once.
    private(set) var shared: SharedStep?

    /// Creates a step.
    public init(
        id: String? = nil, name: WorkflowText? = nil, condition: Expression? = nil, action: Action,
        env: Mapping<WorkflowValue> = [:], continueOnError: Bool? = nil, timeoutMinutes: Int? = nil, extra: [YAMLEntry] = []
    ) {
        fields = CopyOnWrite(Fields(id: id, name: name, condition: condition, action: action, env: env,
                                    continueOnError: continueOnError, timeoutMinutes: timeoutMinutes, extra: extra))
    }

    /// Steps are equal when their contents are; the ``SharedStep`` mark is bookkeeping, not content.
    public static func == (lhs: Step, rhs: Step) -> Bool {
        lhs.fields.sharesStorage(with: rhs.fields) || lhs.fields.value == rhs.fields.value
    }

    /// Hashes the contents, as ``==`` compares them.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(fields.value)
    }

    /// The step, marked as one that many jobs share unchanged: a writer lays out its text once and copies it
    /// for every job, and a check that found it clean does not look again. Changing a copy drops the mark.
    func markedShared() -> Step {
        var step = self
        step.shared = SharedStep()
        return step
    }

    /// A step that runs a script.
    public static func run(
        _ name: WorkflowText, id: String? = nil, if condition: Expression? = nil, env: Mapping<WorkflowValue> = [:],
        shell: String? = nil, workingDirectory: String? = nil, _ script: WorkflowText
    ) -> Step {
        Step(id: id, name: name, condition: condition, action: .run(script, shell: shell, workingDirectory: workingDirectory), env: env)
    }

    /// A step that uses an action.
    public static func uses(
        _ name: WorkflowText, _ action: ActionReference, id: String? = nil, if condition: Expression? = nil,
        with inputs: Mapping<WorkflowValue> = [:], env: Mapping<WorkflowValue> = [:]
    ) -> Step {
        Step(id: id, name: name, condition: condition, action: .uses(action, with: inputs), env: env)
    }

    /// The action used, if any.
    public var usedAction: ActionReference? {
        if case .uses(let reference, _) = action { reference } else { nil }
    }

    /// The inputs given to the action, empty for a script step.
    public var actionInputs: Mapping<WorkflowValue> {
        if case .uses(_, let inputs) = action { inputs } else { [:] }
    }

    /// The script, if the step runs one.
    public var script: WorkflowText? {
        if case .run(let script, _, _) = action { script } else { nil }
    }
}

/// The mark of a step shared by many jobs: its identity stands for the step's contents, and whoever
/// remembers something about the step by that identity keeps the mark alive, so no other step can come to have it.
final class SharedStep: Sendable {}

/// What a `uses:` names: `owner/repo[/path]@ref`, a local `./path`, or `docker://image`.
public struct ActionReference: Sendable, Hashable {
    /// `owner/repo` or `owner/repo/path`, `./local/path`, or `docker://image`.
    public var path: String
    /// The git ref after `@`; a 40-hex commit SHA when pinned.
    public var ref: String?
    /// The human version the ref stands for, rendered as a trailing comment (`# v5.1.0`).
    public var version: String?

    /// Creates a reference.
    public init(_ path: String, ref: String? = nil, version: String? = nil) {
        self.path = path
        self.ref = ref
        self.version = version
    }

    /// The text after `uses:`.
    public var rendered: String {
        if let ref { path + "@" + ref } else { path }
    }

    /// `owner/repo`, for a repository action.
    public var repository: String? {
        guard !path.hasPrefix("./"), !path.hasPrefix("docker://") else { return nil }
        let parts = path.split(separator: "/", maxSplits: 2)
        return parts.count >= 2 ? parts[0] + "/" + parts[1] : nil
    }

    /// Whether the ref is a full 40-hex commit SHA.
    public var isPinnedToCommit: Bool {
        guard let ref, ref.utf8.count == 40 else { return false }
        return ref.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}
