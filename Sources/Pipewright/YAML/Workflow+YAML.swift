/// Encoding of the workflow model into an ordered YAML node tree.
///
/// Key order is fixed per node and follows GitHub's documentation; optional and empty values are left
/// out; escape-hatch keys come last, in the order given.
extension Workflow {
    /// The workflow as a YAML node tree.
    public var yamlNode: YAMLNode {
        var out = EntryList()
        out.add("name", name.map(YAMLNode.string))
        out.add("run-name", runName.map(\.node))
        out.add("on", on.yamlNode)
        out.add(permissions)
        out.add("env", env.node)
        out.add("defaults", defaults.map { .mapping([YAMLEntry("run", $0.node)]) })
        out.add("concurrency", concurrency?.node)
        out.add("jobs", .mapping(jobs.map { YAMLEntry($0.id, $0.yamlNode) }))
        return out.mapping(extra)
    }
}

extension Triggers {
    var yamlNode: YAMLNode {
        var out = EntryList()
        out.add("push", push?.node)
        out.add("pull_request", pullRequest?.node)
        out.add("merge_group", mergeGroup?.node)
        out.add("release", release?.node)
        if !schedule.isEmpty {
            out.add("schedule", .sequence(schedule.map { .mapping([YAMLEntry("cron", .string($0.expression))]) }))
        }
        out.add("workflow_dispatch", workflowDispatch?.node)
        out.add("workflow_call", workflowCall?.node)
        return out.mapping(extra)
    }
}

extension EventFilter {
    var node: YAMLNode {
        var out = EntryList()
        out.add("branches", branches)
        out.add("branches-ignore", branchesIgnore)
        out.add("tags", tags)
        out.add("tags-ignore", tagsIgnore)
        out.add("paths", paths)
        out.add("paths-ignore", pathsIgnore)
        out.add("types", types)
        return out.mapping()
    }
}

extension ActivityTypes {
    var node: YAMLNode {
        var out = EntryList()
        out.add("types", types)
        return out.mapping()
    }
}

extension WorkflowDispatch {
    var node: YAMLNode {
        var out = EntryList()
        out.add("inputs", inputs.isEmpty ? nil : .mapping(inputs.map { YAMLEntry($0.id, $0.node) }))
        return out.mapping()
    }
}

extension DispatchInput {
    var node: YAMLNode {
        var out = EntryList()
        out.add("description", description.map(YAMLNode.string))
        out.add("required", required.map(YAMLNode.bool))
        switch kind {
        case .string: out.add("type", .string("string"))
        case .choice(let options):
            out.add("type", .string("choice"))
            out.add("options", .sequence(options.map(YAMLNode.string)))
        case .boolean: out.add("type", .string("boolean"))
        case .number: out.add("type", .string("number"))
        case .environment: out.add("type", .string("environment"))
        }
        out.add("default", defaultValue?.node)
        return out.mapping()
    }
}

extension WorkflowCall {
    var node: YAMLNode {
        var out = EntryList()
        out.add("inputs", inputs.isEmpty ? nil : .mapping(inputs.map { input in
            var entry = EntryList()
            entry.add("description", input.description.map(YAMLNode.string))
            entry.add("required", input.required.map(YAMLNode.bool))
            entry.add("type", .string(input.kind.rawValue))
            entry.add("default", input.defaultValue?.node)
            return YAMLEntry(input.id, entry.mapping())
        }))
        out.add("outputs", outputs.isEmpty ? nil : .mapping(outputs.map { output in
            var entry = EntryList()
            entry.add("description", output.description.map(YAMLNode.string))
            entry.add("value", output.value.node)
            return YAMLEntry(output.id, entry.mapping())
        }))
        out.add("secrets", secrets.isEmpty ? nil : .mapping(secrets.map { secret in
            var entry = EntryList()
            entry.add("description", secret.description.map(YAMLNode.string))
            entry.add("required", secret.required.map(YAMLNode.bool))
            return YAMLEntry(secret.id, entry.mapping())
        }))
        return out.mapping()
    }
}

extension Permissions {
    var node: YAMLNode {
        switch self {
        case .empty: .mapping([])
        case .readAll: .string("read-all")
        case .writeAll: .string("write-all")
        case .scopes(let grants):
            .mapping(grants.sorted { $0.scope < $1.scope }.map {
                YAMLEntry($0.scope.rawValue, .string($0.level.rawValue), comment: $0.reason)
            })
        }
    }
}

extension Job {
    /// The job as a YAML node tree.
    public var yamlNode: YAMLNode {
        var out = EntryList()
        out.add("name", rendering: name)
        switch needs.count {
        case 0: break
        case 1: out.add("needs", text: needs[0])
        default: out.add("needs", .sequence(needs.map(YAMLNode.string)))
        }
        out.add("if", condition: condition)
        switch runsOn {
        case nil: break
        case .label(let label)?: out.add("runs-on", text: label.rawValue)
        case .labels(let labels)?: out.add("runs-on", .sequence(labels.map { .string($0.rawValue) }))
        case .group(let group, let labels)?:
            var entries = [YAMLEntry("group", .string(group))]
            if !labels.isEmpty { entries.append(YAMLEntry("labels", .sequence(labels.map { .string($0.rawValue) }))) }
            out.add("runs-on", .mapping(entries))
        }
        if let environment {
            if let url = environment.url {
                out.add("environment", .mapping([YAMLEntry("name", environment.name.node), YAMLEntry("url", url.node)]))
            } else {
                out.add("environment", rendering: environment.name)
            }
        }
        out.add("permissions", permissions?.node)
        out.add("concurrency", concurrency?.node)
        out.add("outputs", texts: outputs)
        out.add("env", values: env)
        out.add("defaults", defaults.map { .mapping([YAMLEntry("run", $0.node)]) })
        out.add("timeout-minutes", timeoutMinutes.map(YAMLNode.int))
        out.add("continue-on-error", continueOnError.map(YAMLNode.bool))
        out.add("strategy", strategy?.node)
        out.add("container", container?.node)
        out.add("services", services.isEmpty ? nil : .mapping(services.map { YAMLEntry($0.key, $0.value.node) }))
        if let call {
            out.add("uses", action: call.workflow)
            out.add("with", values: call.with)
            switch call.secrets {
            case nil: break
            case .inherit: out.add("secrets", text: "inherit")
            case .explicit(let secrets): out.add("secrets", secrets.node)
            }
        }
        out.add("steps", steps.isEmpty ? nil : .sequence(steps.map(\.yamlNode)))
        return out.mapping(extra)
    }
}

extension Step {
    /// The step as a YAML node tree.
    public var yamlNode: YAMLNode {
        var out = EntryList()
        out.add("name", rendering: name)
        out.add("id", text: id)
        out.add("if", condition: condition)
        switch action {
        case .uses(let reference, let inputs):
            out.add("uses", action: reference)
            out.add("with", values: inputs)
            out.add("env", values: env)
            out.add("continue-on-error", continueOnError.map(YAMLNode.bool))
            out.add("timeout-minutes", timeoutMinutes.map(YAMLNode.int))
        case .run(let script, let shell, let workingDirectory):
            out.add("env", values: env)
            out.add("shell", text: shell)
            out.add("working-directory", text: workingDirectory)
            out.add("continue-on-error", continueOnError.map(YAMLNode.bool))
            out.add("timeout-minutes", timeoutMinutes.map(YAMLNode.int))
            out.add("run", rendering: script)
        }
        return out.mapping(extra)
    }
}

extension Concurrency {
    var node: YAMLNode {
        var out = EntryList()
        out.add("group", rendering: group)
        out.add("cancel-in-progress", cancelInProgress.map(YAMLNode.bool))
        return out.mapping()
    }
}

extension RunDefaults {
    var node: YAMLNode {
        var out = EntryList()
        out.add("shell", shell.map(YAMLNode.string))
        out.add("working-directory", workingDirectory.map(YAMLNode.string))
        return out.mapping()
    }
}

extension Strategy {
    var node: YAMLNode {
        var out = EntryList()
        if let matrix {
            var dimensions = EntryList()
            for (key, values) in matrix.dimensions {
                dimensions.add(key, .sequence(values.map(\.node)))
            }
            dimensions.add("include", matrix.include.isEmpty ? nil : .sequence(matrix.include.map { $0.node ?? .mapping([]) }))
            dimensions.add("exclude", matrix.exclude.isEmpty ? nil : .sequence(matrix.exclude.map { $0.node ?? .mapping([]) }))
            out.add("matrix", dimensions.mapping())
        }
        out.add("fail-fast", failFast.map(YAMLNode.bool))
        out.add("max-parallel", maxParallel.map(YAMLNode.int))
        return out.mapping()
    }
}

extension Container {
    var node: YAMLNode {
        var out = EntryList()
        out.add("image", .string(image))
        out.add("credentials", credentials.map {
            .mapping([YAMLEntry("username", $0.username.node), YAMLEntry("password", $0.password.node)])
        })
        out.add("env", env.node)
        out.add("ports", ports)
        out.add("volumes", volumes)
        out.add("options", options.map(YAMLNode.string))
        return out.mapping()
    }
}

extension WorkflowText {
    var node: YAMLNode { .string(rendered) }
}

extension WorkflowValue {
    var node: YAMLNode {
        switch self {
        case .text(let text): .string(text.rendered)
        case .bool(let value): .bool(value)
        case .int(let value): .int(value)
        }
    }
}

extension Mapping where Value == WorkflowValue {
    /// `nil` when empty, so empty mappings are left out.
    var node: YAMLNode? {
        isEmpty ? nil : .mapping(map { YAMLEntry($0.key, $0.value.node) })
    }
}

extension Mapping where Value == WorkflowText {
    var node: YAMLNode? {
        isEmpty ? nil : .mapping(map { YAMLEntry($0.key, $0.value.node) })
    }
}

/// Builds a mapping's entries, leaving out absent values and empty collections.
struct EntryList {
    private(set) var entries: [YAMLEntry] = []

    mutating func add(_ key: String, _ value: YAMLNode?) {
        if let value { entries.append(YAMLEntry(key, value)) }
    }

    mutating func add(_ key: String, _ list: [String]) {
        if !list.isEmpty { entries.append(YAMLEntry(key, .sequence(list.map(YAMLNode.string)))) }
    }

    mutating func add(_ permissions: Permissions?) {
        if let permissions { entries.append(YAMLEntry("permissions", permissions.node)) }
    }

    /// A string, with a comment after it on the same line.
    mutating func add(_ key: String, text: String?, comment: String? = nil) {
        if let text { entries.append(YAMLEntry(key, .string(text), comment: comment)) }
    }

    /// Text that may interpolate expressions, rendered as `${{ }}`.
    mutating func add(_ key: String, rendering text: WorkflowText?) { add(key, text: text?.rendered) }

    /// An `if:` condition: the expression's source, without `${{ }}`.
    mutating func add(_ key: String, condition: Expression?) { add(key, text: condition?.source) }

    /// What `uses:` names, with its version as a comment.
    mutating func add(_ key: String, action: ActionReference) { add(key, text: action.rendered, comment: action.version) }

    /// An `env:` or `with:` mapping; left out when empty.
    mutating func add(_ key: String, values: Mapping<WorkflowValue>) { add(key, values.node) }

    /// A mapping of texts, such as a job's `outputs:`; left out when empty.
    mutating func add(_ key: String, texts: Mapping<WorkflowText>) { add(key, texts.node) }

    func mapping(_ extra: [YAMLEntry] = []) -> YAMLNode { .mapping(entries + extra) }
}
