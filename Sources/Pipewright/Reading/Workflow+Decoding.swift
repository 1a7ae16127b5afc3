/// Decoding a workflow file's YAML tree into the workflow model, so the audit rules run on what is committed.
///
/// The rule: a key goes into the model only when encoding the model writes it back as the same YAML data;
/// every other key (one the model lacks, or a value it cannot hold, such as `timeout-minutes: ${{ … }}`,
/// `runs-on: {group: …}` or a matrix of objects) goes into the node's escape hatch (`extra`) in file order, with
/// its comments. So nothing is lost: a file Pipewright generated reads back into a model that emits it byte for
/// byte, and any other file into one that emits the same data, with known keys in Pipewright's order and the
/// rest after them. Expressions are kept as written (``Expression/raw(_:)``).
///
/// Three spellings GitHub reads alike are written back in the model's spelling, since the rules must see them
/// as what they are: `on: push` and `on: [push, pull_request]` become a mapping of events, an event or
/// `workflow_dispatch` with no value (`push:`) becomes `{}`, and `environment: {name: prod}` becomes
/// `environment: prod`, `needs: [build]` becomes `needs: build`.
///
/// What GitHub itself refuses is an error naming the line and column: a root that is not a mapping, a missing
/// `on:` or `jobs:`, a job that is not a mapping, a step with neither or both of `uses:` and `run:`.
extension Workflow {
    /// Decodes a workflow from the tree ``YAMLReader`` read.
    ///
    /// ```swift
    /// let document = try YAMLReader.read("on: push\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: make test\n")
    /// let workflow = try Workflow(yaml: document.root)
    /// // workflow.jobs[0].steps[0].script?.rendered == "make test"
    /// ```
    ///
    /// - Throws: ``WorkflowReadError`` where the file is not a workflow GitHub would run.
    public init(yaml root: YAMLSourceNode) throws(WorkflowReadError) {
        guard let pairs = root.mapping else { throw WorkflowReadError(at: root, "a workflow is a mapping with on: and jobs:") }
        guard let onNode = root["on"] else { throw WorkflowReadError(at: root, "the workflow has no on: key; GitHub runs a workflow only for the events on: names") }
        guard let triggers = Triggers(yaml: onNode) else { throw WorkflowReadError(at: onNode, "on: must be an event, a list of events, or a mapping of events") }
        guard let jobsNode = root["jobs"] else { throw WorkflowReadError(at: root, "the workflow has no jobs: key") }
        guard let jobPairs = jobsNode.mapping else { throw WorkflowReadError(at: jobsNode, "jobs: must be a mapping of job ids to jobs") }
        var workflow = Workflow(on: Triggers(), jobs: [])
        for pair in pairs {
            let value = pair.value
            switch pair.keyText {
            case "name" where value.stringValue != nil: workflow.name = value.stringValue
            case "run-name" where value.workflowText != nil: workflow.runName = value.workflowText
            case "on": workflow.on = triggers
            case "permissions" where Permissions(yaml: value) != nil: workflow.permissions = Permissions(yaml: value)
            case "env" where value.values != nil: workflow.env = value.values!
            case "defaults" where RunDefaults(defaults: value) != nil: workflow.defaults = RunDefaults(defaults: value)
            case "concurrency" where Concurrency(yaml: value) != nil: workflow.concurrency = Concurrency(yaml: value)
            case "jobs": workflow.jobs = try jobPairs.map { pair throws(WorkflowReadError) in try Job(id: pair.keyText, yaml: pair.value) }
            default: workflow.extra.append(pair.entry)
            }
        }
        self = workflow
    }
}

extension Triggers {
    /// `on:` as a mapping of events, an event name, or a list of event names; `nil` for any other shape.
    init?(yaml node: YAMLSourceNode) {
        self.init()
        if let event = node.stringValue {
            addNamed(event)
        } else if let events = node.strings() {
            events.forEach { addNamed($0) }
        } else if let pairs = node.mapping {
            for pair in pairs where !add(pair.keyText, pair.value) { extra.append(pair.entry) }
        } else {
            return nil
        }
    }

    /// An event named in `on: x` or `on: [x, y]`, which has no value of its own: GitHub reads it as `x: {}`.
    private mutating func addNamed(_ event: String) {
        if !add(event, nil) { extra.append(YAMLEntry(event, .mapping([]))) }
    }

    /// Sets a known event when the model holds its value (`nil` or null: no filters); `false` when the caller
    /// must keep it in `extra`.
    private mutating func add(_ event: String, _ value: YAMLSourceNode?) -> Bool {
        let empty = value?.isNull ?? true
        switch event {
        case "push" where push == nil:
            guard let filter = empty ? EventFilter() : value.flatMap(EventFilter.init(yaml:)) else { return false }
            push = filter
        case "pull_request" where pullRequest == nil:
            guard let filter = empty ? EventFilter() : value.flatMap(EventFilter.init(yaml:)) else { return false }
            pullRequest = filter
        case "merge_group" where mergeGroup == nil:
            guard let types = empty ? ActivityTypes() : value.flatMap(ActivityTypes.init(yaml:)) else { return false }
            mergeGroup = types
        case "release" where release == nil:
            guard let types = empty ? ActivityTypes() : value.flatMap(ActivityTypes.init(yaml:)) else { return false }
            release = types
        case "schedule" where schedule.isEmpty:
            guard let items = value?.sequence, !items.isEmpty else { return false }
            var crons: [Cron] = []
            for item in items {
                guard let pairs = item.pairs(within: ["cron"]), pairs.count == 1, let cron = pairs[0].value.stringValue else { return false }
                crons.append(Cron(cron))
            }
            schedule = crons
        case "workflow_dispatch" where workflowDispatch == nil:
            guard let dispatch = empty ? WorkflowDispatch() : value.flatMap(WorkflowDispatch.init(yaml:)) else { return false }
            workflowDispatch = dispatch
        case "workflow_call" where workflowCall == nil:
            guard let call = empty ? WorkflowCall() : value.flatMap(WorkflowCall.init(yaml:)) else { return false }
            workflowCall = call
        default:
            return false
        }
        return true
    }
}

extension EventFilter {
    init?(yaml node: YAMLSourceNode) {
        guard let pairs = node.pairs(within: ["branches", "branches-ignore", "tags", "tags-ignore", "paths", "paths-ignore", "types"]) else { return nil }
        self.init()
        for pair in pairs {
            guard let list = pair.value.strings() else { return nil }
            switch pair.keyText {
            case "branches": branches = list
            case "branches-ignore": branchesIgnore = list
            case "tags": tags = list
            case "tags-ignore": tagsIgnore = list
            case "paths": paths = list
            case "paths-ignore": pathsIgnore = list
            default: types = list
            }
        }
    }
}

extension ActivityTypes {
    init?(yaml node: YAMLSourceNode) {
        guard let pairs = node.pairs(within: ["types"]) else { return nil }
        if let pair = pairs.first {
            guard let list = pair.value.strings() else { return nil }
            self.init(list)
        } else {
            self.init()
        }
    }
}

extension WorkflowDispatch {
    init?(yaml node: YAMLSourceNode) {
        guard let pairs = node.pairs(within: ["inputs"]) else { return nil }
        guard let inputs = pairs.first?.value else {
            self.init()
            return
        }
        guard let inputPairs = inputs.mapping, !inputPairs.isEmpty else { return nil }
        var decoded: [DispatchInput] = []
        for pair in inputPairs {
            guard let fields = pair.value.pairs(within: ["description", "required", "type", "options", "default"]),
                  let kindName = pair.value["type"]?.stringValue else { return nil }
            let kind: DispatchInput.Kind
            switch kindName {
            case "string": kind = .string
            case "boolean": kind = .boolean
            case "number": kind = .number
            case "environment": kind = .environment
            case "choice":
                guard let options = pair.value["options"]?.strings(nonEmpty: false) else { return nil }
                kind = .choice(options)
            default: return nil
            }
            if kindName != "choice" && pair.value["options"] != nil { return nil }
            guard let common = InputFields(fields) else { return nil }
            decoded.append(DispatchInput(pair.keyText, kind: kind, description: common.description, required: common.required, default: common.defaultValue))
        }
        self.init(inputs: decoded)
    }
}

/// The fields a `workflow_dispatch` input and a `workflow_call` input share; `nil` when one holds a value the model
/// cannot (the caller then keeps the whole trigger in its escape hatch).
private struct InputFields {
    var description: String?
    var required: Bool?
    var defaultValue: WorkflowValue?

    init?(_ fields: [YAMLSourcePair]) {
        for field in fields {
            switch field.keyText {
            case "description": guard let text = field.value.stringValue else { return nil }; description = text
            case "required": guard let flag = field.value.boolValue else { return nil }; required = flag
            case "default": guard let value = field.value.workflowValue else { return nil }; defaultValue = value
            default: break
            }
        }
    }
}

extension WorkflowCall {
    init?(yaml node: YAMLSourceNode) {
        guard let pairs = node.pairs(within: ["inputs", "outputs", "secrets"]) else { return nil }
        self.init()
        for pair in pairs {
            guard let entries = pair.value.mapping, !entries.isEmpty else { return nil }
            for entry in entries {
                let id = entry.keyText
                switch pair.keyText {
                case "inputs":
                    guard let fields = entry.value.pairs(within: ["description", "required", "type", "default"]),
                          let kind = entry.value["type"]?.stringValue.flatMap(Input.Kind.init(rawValue:)) else { return nil }
                    guard let common = InputFields(fields) else { return nil }
                    inputs.append(Input(id, kind: kind, description: common.description, required: common.required, default: common.defaultValue))
                case "outputs":
                    guard entry.value.pairs(within: ["description", "value"]) != nil, let value = entry.value["value"]?.workflowText else { return nil }
                    let description = entry.value["description"]
                    if let description, description.stringValue == nil { return nil }
                    outputs.append(Output(id, description: description?.stringValue, value: value))
                default:
                    guard let fields = entry.value.pairs(within: ["description", "required"]) else { return nil }
                    var secret = Secret(id)
                    for field in fields {
                        switch field.keyText {
                        case "description": guard let text = field.value.stringValue else { return nil }; secret.description = text
                        default: guard let flag = field.value.boolValue else { return nil }; secret.required = flag
                        }
                    }
                    secrets.append(secret)
                }
            }
        }
    }
}

extension Permissions {
    /// `read-all`, `write-all`, or a mapping of scopes to `read`, `write` or `none`, each with its comment as the reason.
    init?(yaml node: YAMLSourceNode) {
        if let text = node.stringValue {
            switch text {
            case "read-all": self = .readAll
            case "write-all": self = .writeAll
            default: return nil
            }
            return
        }
        guard let pairs = node.mapping else { return nil }
        if pairs.isEmpty {
            self = .empty
            return
        }
        var grants: [PermissionGrant] = []
        for pair in pairs {
            guard let level = pair.value.stringValue.flatMap(PermissionLevel.init(rawValue:)) else { return nil }
            grants.append(PermissionGrant(PermissionScope(rawValue: pair.keyText), level, reason: pair.trailingComment))
        }
        self = .scopes(grants)
    }
}

extension Concurrency {
    init?(yaml node: YAMLSourceNode) {
        guard node.pairs(within: ["group", "cancel-in-progress"]) != nil, let group = node["group"]?.workflowText else { return nil }
        var cancel: Bool?
        if let value = node["cancel-in-progress"] {
            guard let flag = value.boolValue else { return nil }
            cancel = flag
        }
        self.init(group: group, cancelInProgress: cancel)
    }
}

extension RunDefaults {
    /// `defaults:` with exactly a `run:` mapping of `shell` and `working-directory`.
    init?(defaults node: YAMLSourceNode) {
        guard let outer = node.pairs(within: ["run"]), outer.count == 1, let pairs = outer[0].value.pairs(within: ["shell", "working-directory"]) else { return nil }
        self.init()
        for pair in pairs {
            guard let text = pair.value.stringValue else { return nil }
            if pair.keyText == "shell" { shell = text } else { workingDirectory = text }
        }
    }
}
