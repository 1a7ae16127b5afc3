/// PW010: every stack operation carries the policy's required tags, with allowed values.
struct RequiredTags: PolicyRule {
    init() {}
    let id = "PW010"
    let name = "required-stack-tags"
    let title = "Required tags on every stack operation, with allowed values"
    let severity = Severity.error
    let tags = ["governance", "policy"]
    let explanation = RuleExplanation(
        what: "Each stack operation that takes tags (`aws cloudformation create-stack`, `update-stack`, `create-change-set`, `deploy`; `cdk deploy`; `sam deploy`) must pass `--tags` with every key of the policy's `requiredTags`, and each aws-cloudformation-github-deploy step its `tags` input (a JSON array of {\"Key\",\"Value\"}, unless an expression makes it); a literal value must be one of the key's allowed values, when the policy lists any. Tags given as `\"$VAR\"` (or, in Pipewright's CDK scripts, as `\"${tag_args[@]}\"` expanded from `$STACK_TAGS`) are read from the step's, job's or workflow's `env:` (a JSON array of {\"Key\",\"Value\"}, `Key=k,Value=v` or `k=v` lists). In the pipeline, the tags each environment's stacks get are checked the same way.",
        why: "A stack without Environment, Project or cost-allocation tags cannot be told apart, billed to its owner, or found in an incident.",
        fix: "Add the missing tags, with one of the policy's allowed values, to the command's `--tags`; for a Pipewright pipeline, to `tags` (pipewright.json, e.g. `\"CostCenter\": \"platform\"`) or `Tags([\"CostCenter\": \"platform\"])` (Swift)."
    )

    func check(_ audit: WorkflowAudit) -> [Diagnostic] {
        let required = audit.policy.requiredTags
        guard !required.isEmpty else { return [] }
        var findings: [Diagnostic] = []
        for job in audit.workflow.jobs {
            for operation in audit.stackOperations(of: job) where operation.takesTags {
                let step = job.steps[operation.stepIndex]
                let given = Self.tags(of: operation.command, step: step, job: job, workflow: audit.workflow)
                findings += check(given, of: operation.name, in: job, at: WorkflowPath.step(job, operation.stepIndex) + ".run", audit)
            }
            for (index, step) in job.steps.enumerated() where step.uses("aws-actions/aws-cloudformation-github-deploy") {
                // The action's `tags` input is a JSON array of {"Key", "Value"}; one made by an expression is known
                // only when the workflow runs.
                let input = step.input("tags")
                if let input, input.containsBytes("${{") { continue }
                let given = input.map(Self.parse) ?? []
                let path = WorkflowPath.step(job, index) + (input == nil ? "" : ".with.tags")
                findings += check(given, of: "aws-cloudformation-github-deploy", in: job, at: path, audit)
            }
        }
        return findings
    }

    /// The findings for the tags one stack operation passes: the required keys it lacks, and each literal value
    /// the policy does not allow.
    private func check(_ given: [(key: String, value: String?)], of operation: String, in job: Job, at path: String, _ audit: WorkflowAudit) -> [Diagnostic] {
        let required = audit.policy.requiredTags
        var findings: [Diagnostic] = []
        let missing = required.keys.sorted().filter { key in !given.contains { $0.key == key } }
        if !missing.isEmpty {
            findings.append(finding(audit, at: path, "\(operation) in job \(job.id) does not tag the stack with \(missing.joined(separator: ", "))"))
        }
        for tag in given {
            guard let allowed = required[tag.key], !allowed.isEmpty, let value = tag.value,
                  !value.contains("$"), !allowed.contains(value) else { continue }
            findings.append(finding(audit, at: path, "\(operation) in job \(job.id) tags \(tag.key)=\(value); the policy allows \(allowed.joined(separator: ", "))"))
        }
        return findings
    }

    func check(pipeline: Pipeline, policy: Policy, file: String) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        for (index, environment) in pipeline.environments.enumerated() {
            var tags: [(key: String, value: String?, path: String)] = [
                ("Environment", environment.name, "environments[\(index)].name"),
                ("Project", pipeline.project, "project"),
                ("ManagedBy", "Pipewright", "tags"),
                ("Repository", nil, "tags"),
                ("CommitSHA", nil, "tags"),
            ]
            tags += pipeline.tags.enumerated().map { ($1.key, $1.value, "tags[\($0)]") }
            tags += environment.tags.enumerated().map { ($1.key, $1.value, "environments[\(index)].tags[\($0)]") }
            for key in policy.requiredTags.keys.sorted() {
                guard let tag = tags.last(where: { $0.key == key }) else {
                    let example = policy.requiredTags[key]?.first ?? "<value>"
                    findings.append(finding(file: file, at: "tags", "the stacks of environment \(environment.name) have no \(key) tag",
                                            fix: PipelineFix(json: "Add the \(key) tag to `tags`, e.g. `\"\(key)\": \"\(example)\"`.",
                                                             dsl: "Add the \(key) tag with `Tags([\"\(key)\": \"\(example)\"])`.")))
                    continue
                }
                if let allowed = policy.requiredTags[key], !allowed.isEmpty, let value = tag.value, !allowed.contains(value) {
                    let values = allowed.joined(separator: ", ")
                    findings.append(finding(file: file, at: tag.path, "the stacks of environment \(environment.name) are tagged \(key)=\(value); the policy allows \(values)",
                                            fix: Self.fix(tag: key, setAt: tag.path, allowed: values, environment: environment, index: index)))
                }
            }
        }
        return findings
    }

    /// How to change a tag's value, where the pipeline sets it: the project, an environment's name, its tags, or the pipeline's tags.
    static func fix(tag key: String, setAt path: String, allowed: String, environment: Environment, index: Int) -> PipelineFix {
        if path == "project" {
            return PipelineFix(json: "Set `project` to a value the policy allows for \(key): \(allowed).",
                               dsl: "Pass `Pipeline(_:project:)` a value the policy allows for \(key): \(allowed).")
        }
        if path == "environments[\(index)].name" {
            return PipelineFix(json: "Rename `environments[\(index)].name` to a value the policy allows for \(key): \(allowed).",
                               dsl: "Rename `Environment(\"\(environment.name)\", …)` to a value the policy allows for \(key): \(allowed).")
        }
        let setting = "set \(key) to a value the policy allows: \(allowed)."
        if path.hasPrefix("environments[") {
            return PipelineFix(json: "In `environments[\(index)].tags`, " + setting, dsl: "In `Environment(\"\(environment.name)\", …, tags:)`, " + setting)
        }
        return PipelineFix(json: "In `tags`, " + setting, dsl: "In `Tags([…])`, " + setting)
    }

    /// The tags a command passes, `key` with `value` when it is known text.
    static func tags(of command: ScriptCommand, step: Step, job: Job, workflow: Workflow) -> [(key: String, value: String?)] {
        var result: [(String, String?)] = []
        let arguments = command.arguments
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            var values: [String] = []
            if word == "--tags" || word == "-t" && command.subcommand(of: "cdk") != nil {
                values = Array(arguments[(index + 1)...].prefix { !$0.hasPrefix("-") })
            } else if word.hasPrefix("--tags=") {
                values = [String(word.dropFirst(7))]
            } else if word.containsBytes("tag_args[@]") {
                // Pipewright's CDK scripts expand `--tags=K=V` arguments from the step's STACK_TAGS document.
                values = ["$STACK_TAGS"]
            }
            for value in values {
                result += parse(ScriptCommand.resolve(value, in: [step.env, job.env, workflow.env]))
            }
            index += 1
        }
        return result
    }

    /// Tags from a JSON array of {"Key","Value"} objects, `Key=k,Value=v` items, or `k=v` items.
    static func parse(_ text: String) -> [(key: String, value: String?)] {
        if text.containsBytes("\"Key\"") {
            var result: [(String, String?)] = []
            var rest = Substring(text)
            while let key = quoted(after: "\"Key\"", in: &rest) {
                var lookahead = rest
                let value = quoted(after: "\"Value\"", in: &lookahead)
                result.append((key, value))
            }
            return result
        }
        return text.split(whereSeparator: { $0 == " " || $0 == "\n" }).compactMap { item in
            if item.hasPrefix("Key=") {
                let fields = item.split(separator: ",")
                let key = fields.first.map { String($0.dropFirst(4)) } ?? ""
                let value = fields.first { $0.hasPrefix("Value=") }.map { String($0.dropFirst(6)) }
                return (key, value)
            }
            guard let equals = item.firstIndex(of: "=") else { return nil }
            return (String(item[..<equals]), String(item[item.index(after: equals)...]))
        }
    }

    /// The string after `"Name"` and a colon, advancing past it.
    private static func quoted(after name: String, in text: inout Substring) -> String? {
        guard let found = text.firstByteRange(of: name) else { return nil }
        var rest = text[found.upperBound...].drop { $0 == " " || $0 == ":" }
        guard rest.first == "\"" else { text = rest; return nil }
        rest = rest.dropFirst()
        let value = rest.prefix { $0 != "\"" }
        text = rest.dropFirst(value.count)
        return String(value)
    }
}
