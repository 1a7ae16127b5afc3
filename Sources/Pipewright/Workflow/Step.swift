/// A step of a job: an action it uses, or a script it runs.
///
/// ```swift
/// let steps: [Step] = [
///     .uses("Set up Node.js", PinTable.verified.reference("actions/setup-node"), with: ["node-version": "22"]),
///     .run("Deploy", id: "deploy", env: ["STACK_NAME": "\(.steps("prepare", output: "stack-name"))"],
///          "npx --no-install cdk deploy \"$STACK_NAME\"\n"),
/// ]
/// ```
public struct Step: Sendable, Hashable {
    /// What the step does.
    public enum Action: Sendable, Hashable {
        /// `uses:` an action, with its inputs.
        case uses(ActionReference, with: Mapping<WorkflowValue>)
        /// `run:` a script, with an optional shell and folder.
        case run(WorkflowText, shell: String?, workingDirectory: String?)
    }

    /// The step's id, by which later steps and the job's outputs read its outputs.
    public var id: String?
    /// The name shown in the Actions UI.
    public var name: WorkflowText?
    /// `if:`: the step runs only when this holds.
    public var condition: Expression?
    /// What the step does: use an action or run a script.
    public var action: Action
    /// Environment variables for this step only.
    public var env: Mapping<WorkflowValue>
    /// `continue-on-error:`: the job goes on when the step fails.
    public var continueOnError: Bool?
    /// `timeout-minutes:`: GitHub cancels the step after this long.
    public var timeoutMinutes: Int?
    /// Keys the model lacks, rendered after the known ones.
    public var extra: [YAMLEntry]

    /// Creates a step.
    public init(
        id: String? = nil, name: WorkflowText? = nil, condition: Expression? = nil, action: Action,
        env: Mapping<WorkflowValue> = [:], continueOnError: Bool? = nil, timeoutMinutes: Int? = nil, extra: [YAMLEntry] = []
    ) {
        self.id = id
        self.name = name
        self.condition = condition
        self.action = action
        self.env = env
        self.continueOnError = continueOnError
        self.timeoutMinutes = timeoutMinutes
        self.extra = extra
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
