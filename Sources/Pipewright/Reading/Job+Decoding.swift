/// Decoding jobs and steps; the rule of ``Workflow/init(yaml:)`` holds: a key the model cannot write back
/// as the same data stays in `extra`.
extension Job {
    /// Decodes the job `id` from its mapping.
    init(id: String, yaml node: YAMLSourceNode) throws(WorkflowReadError) {
        guard let pairs = node.mapping else { throw WorkflowReadError(at: node, "the job \(id) must be a mapping") }
        self.init(id: id)
        let call = node["uses"]?.stringValue.map { ReusableWorkflowCall(ActionReference(reading: $0, comment: pairs.first { $0.keyText == "uses" }?.trailingComment)) }
        for pair in pairs {
            let value = pair.value
            switch pair.keyText {
            case "name" where value.workflowText != nil: name = value.workflowText
            case "needs" where value.stringValue != nil: needs = [value.stringValue!]
            case "needs" where value.strings() != nil: needs = value.strings()!
            case "if" where value.stringValue != nil: condition = .raw(value.stringValue!)
            case "runs-on" where value.stringValue != nil: runsOn = .label(RunnerLabel(rawValue: value.stringValue!))
            case "runs-on" where value.strings() != nil: runsOn = .labels(value.strings()!.map(RunnerLabel.init(rawValue:)))
            case "environment" where DeploymentEnvironment(yaml: value) != nil: environment = DeploymentEnvironment(yaml: value)
            case "permissions" where Permissions(yaml: value) != nil: permissions = Permissions(yaml: value)
            case "concurrency" where Concurrency(yaml: value) != nil: concurrency = Concurrency(yaml: value)
            case "outputs" where value.texts != nil: outputs = value.texts!
            case "env" where value.values != nil: env = value.values!
            case "defaults" where RunDefaults(defaults: value) != nil: defaults = RunDefaults(defaults: value)
            case "timeout-minutes" where value.intValue != nil: timeoutMinutes = value.intValue
            case "continue-on-error" where value.boolValue != nil: continueOnError = value.boolValue
            case "strategy" where Strategy(yaml: value) != nil: strategy = Strategy(yaml: value)
            case "container" where Container(yaml: value) != nil: container = Container(yaml: value)
            case "services" where value.nonEmptyMapping(Container.init(yaml:)) != nil: services = value.nonEmptyMapping(Container.init(yaml:))!
            case "uses" where call != nil: self.call = call
            case "with" where call != nil && value.values != nil: self.call?.with = value.values!
            case "secrets" where call != nil && value.stringValue == "inherit": self.call?.secrets = .inherit
            case "secrets" where call != nil && value.texts != nil: self.call?.secrets = .explicit(value.texts!)
            case "steps":
                guard let items = value.sequence, !items.isEmpty else { fallthrough }
                steps = try items.enumerated().map { index, item throws(WorkflowReadError) in try Step(yaml: item, at: "jobs.\(id).steps[\(index)]") }
            default: extra.append(pair.entry)
            }
        }
    }
}

extension Step {
    /// Decodes a step; `path` names it in errors.
    init(yaml node: YAMLSourceNode, at path: String) throws(WorkflowReadError) {
        guard let pairs = node.mapping else { throw WorkflowReadError(at: node, "\(path) must be a mapping with uses: or run:") }
        let uses = node["uses"]
        let run = node["run"]
        let action: Action
        switch (uses?.stringValue, run?.workflowText) {
        case (let reference?, nil) where run == nil:
            action = .uses(ActionReference(reading: reference, comment: pairs.first { $0.keyText == "uses" }?.trailingComment), with: [:])
        case (nil, let script?) where uses == nil:
            action = .run(script, shell: nil, workingDirectory: nil)
        default:
            if uses != nil && run != nil { throw WorkflowReadError(at: node, "\(path) has both uses: and run:; a step does one or the other") }
            if let bad = uses ?? run { throw WorkflowReadError(at: bad, "\(path): \(uses != nil ? "uses" : "run") must be a string") }
            throw WorkflowReadError(at: node, "\(path) has neither uses: nor run:; a step runs a script or uses an action")
        }
        self.init(action: action)
        let isRun = run != nil
        var shell: String?
        var workingDirectory: String?
        for pair in pairs {
            let value = pair.value
            switch pair.keyText {
            case "name" where value.workflowText != nil: name = value.workflowText
            case "id" where value.stringValue != nil: id = value.stringValue
            case "if" where value.stringValue != nil: condition = .raw(value.stringValue!)
            case "uses", "run": break
            case "with" where !isRun && value.values != nil: self.action = .uses(usedAction!, with: value.values!)
            case "env" where value.values != nil: env = value.values!
            case "continue-on-error" where value.boolValue != nil: continueOnError = value.boolValue
            case "timeout-minutes" where value.intValue != nil: timeoutMinutes = value.intValue
            case "shell" where isRun && value.stringValue != nil: shell = value.stringValue
            case "working-directory" where isRun && value.stringValue != nil: workingDirectory = value.stringValue
            default: extra.append(pair.entry)
            }
        }
        if let script = self.script { self.action = .run(script, shell: shell, workingDirectory: workingDirectory) }
    }
}

extension ActionReference {
    /// What `uses:` names, split at its last `@`, with the comment after it as the version.
    init(reading text: String, comment: String?) {
        if let at = text.lastIndex(of: "@") {
            self.init(String(text[..<at]), ref: String(text[text.index(after: at)...]), version: comment)
        } else {
            self.init(text, version: comment)
        }
    }
}

extension DeploymentEnvironment {
    /// `environment: name`, or a mapping with `name` and maybe `url`.
    init?(yaml node: YAMLSourceNode) {
        if let name = node.workflowText {
            self.init(name)
            return
        }
        guard node.pairs(within: ["name", "url"]) != nil, let name = node["name"]?.workflowText else { return nil }
        let url = node["url"]
        if let url, url.workflowText == nil { return nil }
        self.init(name, url: url?.workflowText)
    }
}

extension Strategy {
    init?(yaml node: YAMLSourceNode) {
        guard let pairs = node.pairs(within: ["matrix", "fail-fast", "max-parallel"]) else { return nil }
        self.init()
        for pair in pairs {
            switch pair.keyText {
            case "fail-fast": guard let flag = pair.value.boolValue else { return nil }; failFast = flag
            case "max-parallel": guard let number = pair.value.intValue else { return nil }; maxParallel = number
            default: guard let matrix = Matrix(yaml: pair.value) else { return nil }; self.matrix = matrix
            }
        }
    }
}

extension Matrix {
    /// Dimensions of scalar values, then `include` and `exclude` lists of scalar mappings, in that order.
    init?(yaml node: YAMLSourceNode) {
        guard let pairs = node.mapping else { return nil }
        self.init()
        var sawList = false
        for pair in pairs {
            switch pair.keyText {
            case "include", "exclude":
                guard let items = pair.value.sequence, !items.isEmpty else { return nil }
                let rows = items.compactMap { $0.mapping(\.workflowValue) }
                guard rows.count == items.count, !rows.contains(where: \.isEmpty) else { return nil }
                if pair.keyText == "include" {
                    guard exclude.isEmpty else { return nil }
                    include = rows
                } else {
                    exclude = rows
                }
                sawList = true
            default:
                // The encoder writes dimensions before `include` and `exclude`.
                guard !sawList, let items = pair.value.sequence else { return nil }
                let values = items.compactMap(\.workflowValue)
                guard values.count == items.count else { return nil }
                dimensions[pair.keyText] = values
            }
        }
    }
}

extension Container {
    init?(yaml node: YAMLSourceNode) {
        guard let pairs = node.pairs(within: ["image", "credentials", "env", "ports", "volumes", "options"]),
              let image = node["image"]?.stringValue else { return nil }
        self.init(image: image)
        for pair in pairs {
            let value = pair.value
            switch pair.keyText {
            case "image": break
            case "credentials":
                guard value.pairs(within: ["username", "password"])?.count == 2,
                      let username = value["username"]?.workflowText, let password = value["password"]?.workflowText else { return nil }
                credentials = (username, password)
            case "env": guard let values = value.values else { return nil }; env = values
            case "ports": guard let list = value.strings() else { return nil }; ports = list
            case "volumes": guard let list = value.strings() else { return nil }; volumes = list
            default: guard let text = value.stringValue else { return nil }; options = text
            }
        }
    }
}
