/// The events that start a workflow: the `on:` key.
public struct Triggers: Sendable, Hashable {
    /// `push`, with its filters.
    public var push: EventFilter?
    /// `pull_request`, with its filters.
    public var pullRequest: EventFilter?
    /// `merge_group`, with its activity types.
    public var mergeGroup: ActivityTypes?
    /// `release`, with its activity types.
    public var release: ActivityTypes?
    /// `schedule`: cron entries, in UTC.
    public var schedule: [Cron]
    /// `workflow_dispatch`, with its inputs.
    public var workflowDispatch: WorkflowDispatch?
    /// `workflow_call`, for reusable workflows.
    public var workflowCall: WorkflowCall?
    /// Events the model lacks, rendered after the known ones, in order.
    public var extra: [YAMLEntry]

    /// Creates a set of triggers.
    public init(
        push: EventFilter? = nil, pullRequest: EventFilter? = nil, mergeGroup: ActivityTypes? = nil,
        release: ActivityTypes? = nil, schedule: [Cron] = [], workflowDispatch: WorkflowDispatch? = nil,
        workflowCall: WorkflowCall? = nil, extra: [YAMLEntry] = []
    ) {
        self.push = push
        self.pullRequest = pullRequest
        self.mergeGroup = mergeGroup
        self.release = release
        self.schedule = schedule
        self.workflowDispatch = workflowDispatch
        self.workflowCall = workflowCall
        self.extra = extra
    }

    /// The event names this value triggers on, including escape-hatch events.
    public var eventNames: [String] {
        var names: [String] = []
        if push != nil { names.append("push") }
        if pullRequest != nil { names.append("pull_request") }
        if mergeGroup != nil { names.append("merge_group") }
        if release != nil { names.append("release") }
        if !schedule.isEmpty { names.append("schedule") }
        if workflowDispatch != nil { names.append("workflow_dispatch") }
        if workflowCall != nil { names.append("workflow_call") }
        return names + extra.map(\.key)
    }
}

/// Filters of a `push` or `pull_request` trigger.
public struct EventFilter: Sendable, Hashable {
    /// Branch patterns the event must match, e.g. `main` or `releases/**`; empty matches any branch.
    public var branches: [String]
    /// Branch patterns that never trigger; GitHub refuses a filter with both this and ``branches``.
    public var branchesIgnore: [String]
    /// Tag patterns a push must match, e.g. `v*`.
    public var tags: [String]
    /// Tag patterns whose pushes never trigger; GitHub refuses a filter with both this and ``tags``.
    public var tagsIgnore: [String]
    /// File patterns of which at least one changed file must match, e.g. `infra/**`.
    public var paths: [String]
    /// File patterns whose changes alone never trigger, e.g. `docs/**`.
    public var pathsIgnore: [String]
    /// Activity types, e.g. `opened`, `synchronize` (pull requests).
    public var types: [String]

    /// Creates a filter; empty lists are omitted from the output.
    public init(
        branches: [String] = [], branchesIgnore: [String] = [], tags: [String] = [], tagsIgnore: [String] = [],
        paths: [String] = [], pathsIgnore: [String] = [], types: [String] = []
    ) {
        self.branches = branches
        self.branchesIgnore = branchesIgnore
        self.tags = tags
        self.tagsIgnore = tagsIgnore
        self.paths = paths
        self.pathsIgnore = pathsIgnore
        self.types = types
    }
}

/// Activity types of an event such as `release` or `merge_group`.
public struct ActivityTypes: Sendable, Hashable {
    /// The activities that trigger, e.g. `published` for `release`; empty means every one.
    public var types: [String]
    /// Creates activity types; an empty list means every type.
    public init(_ types: [String] = []) { self.types = types }
}

/// A cron schedule entry: five fields, minute hour day-of-month month day-of-week, in UTC.
public struct Cron: Sendable, Hashable, ExpressibleByStringLiteral {
    /// The five fields as written, e.g. `17 6 * * 1-5` (06:17 UTC on weekdays).
    public let expression: String
    /// Creates an entry; ``Workflow/validate()`` checks the fields.
    public init(_ expression: String) { self.expression = expression }
    /// A string literal is the cron expression.
    public init(stringLiteral value: String) { self.init(value) }
}

/// `workflow_dispatch` and its typed inputs.
public struct WorkflowDispatch: Sendable, Hashable {
    /// The inputs the "Run workflow" form asks for, in order.
    public var inputs: [DispatchInput]
    /// Creates a manual trigger.
    public init(inputs: [DispatchInput] = []) { self.inputs = inputs }
}

/// A typed input of a manual dispatch.
///
/// ```swift
/// let manual = WorkflowDispatch(inputs: [
///     .choice("environment", options: ["dev", "staging", "prod"], description: "Where to deploy", required: true),
///     .boolean("dry_run", description: "Only show the change set", default: false),
/// ])
/// ```
public struct DispatchInput: Sendable, Hashable {
    /// The input's type and, for a choice, its options.
    public enum Kind: Sendable, Hashable {
        /// Free text; check it before a script uses it, since anyone who may run the workflow chooses it.
        case string
        /// One of these options, offered as a drop-down.
        case choice([String])
        /// A checkbox.
        case boolean
        /// A number.
        case number
        /// One of the repository's GitHub environments, offered as a drop-down.
        case environment
    }

    /// The input's key, read as `inputs.<id>`.
    public var id: String
    /// The help text shown with the input in the "Run workflow" form.
    public var description: String?
    /// Whether a value must be given; `nil` omits the key (GitHub: not required).
    public var required: Bool?
    /// The input's type and, for a choice, its options.
    public var kind: Kind
    /// The value the form starts with.
    public var defaultValue: WorkflowValue?

    /// Creates an input.
    public init(_ id: String, kind: Kind, description: String? = nil, required: Bool? = nil, default defaultValue: WorkflowValue? = nil) {
        self.id = id
        self.kind = kind
        self.description = description
        self.required = required
        self.defaultValue = defaultValue
    }

    /// A free-text input.
    public static func string(_ id: String, description: String? = nil, required: Bool? = nil, default value: String? = nil) -> DispatchInput {
        DispatchInput(id, kind: .string, description: description, required: required, default: value.map { .text(WorkflowText($0)) })
    }

    /// A choice among fixed options.
    public static func choice(_ id: String, options: [String], description: String? = nil, required: Bool? = nil, default value: String? = nil) -> DispatchInput {
        DispatchInput(id, kind: .choice(options), description: description, required: required, default: value.map { .text(WorkflowText($0)) })
    }

    /// A boolean input.
    public static func boolean(_ id: String, description: String? = nil, required: Bool? = nil, default value: Bool? = nil) -> DispatchInput {
        DispatchInput(id, kind: .boolean, description: description, required: required, default: value.map { .bool($0) })
    }

    /// A number input.
    public static func number(_ id: String, description: String? = nil, required: Bool? = nil, default value: Int? = nil) -> DispatchInput {
        DispatchInput(id, kind: .number, description: description, required: required, default: value.map { .int($0) })
    }

    /// An input whose value is one of the repository's GitHub environments.
    public static func environment(_ id: String, description: String? = nil, required: Bool? = nil) -> DispatchInput {
        DispatchInput(id, kind: .environment, description: description, required: required)
    }
}

/// `workflow_call`: the interface of a reusable workflow.
public struct WorkflowCall: Sendable, Hashable {
    /// A typed input of a reusable workflow.
    public struct Input: Sendable, Hashable {
        /// The types a call input may have.
        public enum Kind: String, Sendable, Hashable {
            /// Text.
            case string
            /// `true` or `false`.
            case boolean
            /// A number.
            case number
        }
        /// The input's key, read as `inputs.<id>` in the called workflow.
        public var id: String
        /// The type the caller's value must have.
        public var kind: Kind
        /// What the input is for, for whoever writes a call.
        public var description: String?
        /// Whether every caller must pass a value; `nil` omits the key (GitHub: not required).
        public var required: Bool?
        /// The value used when the caller passes none.
        public var defaultValue: WorkflowValue?
        /// Creates an input.
        public init(_ id: String, kind: Kind, description: String? = nil, required: Bool? = nil, default defaultValue: WorkflowValue? = nil) {
            self.id = id
            self.kind = kind
            self.description = description
            self.required = required
            self.defaultValue = defaultValue
        }
    }

    /// A secret the caller passes.
    public struct Secret: Sendable, Hashable {
        /// The secret's name, read as `secrets.<id>` in the called workflow.
        public var id: String
        /// What the secret is for, for whoever writes a call.
        public var description: String?
        /// Whether every caller must pass it; `nil` omits the key (GitHub: not required).
        public var required: Bool?
        /// Creates a secret declaration.
        public init(_ id: String, description: String? = nil, required: Bool? = nil) {
            self.id = id
            self.description = description
            self.required = required
        }
    }

    /// An output the called workflow returns.
    public struct Output: Sendable, Hashable {
        /// The output's name, read by the caller as `needs.<calling job>.outputs.<id>`.
        public var id: String
        /// What the output holds, for whoever writes a call.
        public var description: String?
        /// The value returned, usually a job's output: ``Expression/jobs(_:output:)``.
        public var value: WorkflowText
        /// Creates an output.
        public init(_ id: String, description: String? = nil, value: WorkflowText) {
            self.id = id
            self.description = description
            self.value = value
        }
    }

    /// The inputs a caller passes with `with:`.
    public var inputs: [Input]
    /// The secrets a caller passes with `secrets:`.
    public var secrets: [Secret]
    /// The values the workflow returns to its caller.
    public var outputs: [Output]

    /// Creates a reusable-workflow interface.
    public init(inputs: [Input] = [], secrets: [Secret] = [], outputs: [Output] = []) {
        self.inputs = inputs
        self.secrets = secrets
        self.outputs = outputs
    }
}
