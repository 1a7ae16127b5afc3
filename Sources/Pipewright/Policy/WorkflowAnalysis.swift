/// Questions the rules ask of workflows, jobs and steps, answered the same way for every rule.
///
/// YAML paths are built exactly as the encoding writes them (`jobs.<id>.steps[<i>].<key>`), so a
/// diagnostic's path always resolves to a line of the emitted file.
enum WorkflowPath {
    static func job(_ job: Job) -> String { "jobs." + job.id }
    static func step(_ job: Job, _ index: Int) -> String { "jobs." + job.id + ".steps[" + String(index) + "]" }
}

extension YAMLNode {
    /// Every string scalar below this node with its YAML path, in document order; mapping keys are not included.
    func strings(under base: String) -> [(path: String, text: String)] {
        var out: [(String, String)] = []
        collectStrings(base, into: &out)
        return out
    }

    private func collectStrings(_ path: String, into out: inout [(String, String)]) {
        switch self {
        case .string(let text): out.append((path, text))
        case .int, .bool, .null: break
        case .sequence(let items):
            for (index, item) in items.enumerated() { item.collectStrings(path + "[" + String(index) + "]", into: &out) }
        case .mapping(let entries):
            for entry in entries { entry.value.collectStrings(path.isEmpty ? entry.key : path + "." + entry.key, into: &out) }
        }
    }
}

extension Step {
    /// Whether the step uses an action of `repository` (`owner/repo`), at any ref.
    func uses(_ repository: String) -> Bool {
        usedAction?.repository?.lowercased() == repository
    }

    /// An input's text as rendered, when given.
    func input(_ name: String) -> String? {
        switch actionInputs[name] {
        case .text(let text)?: text.rendered
        case .bool(let value)?: value ? "true" : "false"
        case .int(let value)?: String(value)
        case nil: nil
        }
    }

    /// The script's rendered text, or empty for an action step.
    var scriptText: String { script?.rendered ?? "" }

    /// Whether the step assumes an AWS role through OIDC.
    var assumesRole: Bool { uses("aws-actions/configure-aws-credentials") && actionInputs["role-to-assume"] != nil }

    /// Whether the step signs an attestation with the job's OIDC identity, which needs `id-token: write`.
    var signsWithOIDCIdentity: Bool { uses("actions/attest-build-provenance") || uses("actions/attest") }
}

extension Job {
    /// The job's permissions, or the workflow's when it sets none.
    func effectivePermissions(in workflow: Workflow) -> Permissions? { permissions ?? workflow.permissions }

    /// The literal GitHub environment name, or `nil` when there is none; an expression yields its rendered text.
    var environmentName: String? { environment.map { $0.name.literalValue ?? $0.name.rendered } }

    /// Whether the environment name is decided at run time, so it could be any environment.
    var hasDynamicEnvironment: Bool { environment.map { $0.name.literalValue == nil } ?? false }
}

extension Workflow {
    /// The ids of every job `job` needs, directly or through others.
    func ancestors(of job: Job) -> [Job] {
        var seen: Set<String> = []
        var queue = job.needs
        var result: [Job] = []
        while let next = queue.popLast() {
            guard seen.insert(next).inserted, let found = self[job: next] else { continue }
            result.append(found)
            queue += found.needs
        }
        return result
    }
}

extension Workflow {
    /// Whether a job can run in a run started by `event`: the workflow is triggered by it, the job's `if:` does
    /// not rule it out, and, unless the condition calls a status function (which lets the job run whatever its
    /// needs did), every job it needs can run too. Undecidable conditions count as able to run.
    func canRun(_ job: Job, on event: String) -> Bool {
        guard on.eventNames.contains(event) else { return false }
        var deciding: Set<String> = []
        return canRun(job, on: event, deciding: &deciding)
    }

    private func canRun(_ job: Job, on event: String, deciding: inout Set<String>) -> Bool {
        // A cycle of needs never runs at all; GitHub refuses the workflow.
        guard deciding.insert(job.id).inserted else { return false }
        defer { deciding.remove(job.id) }
        if let condition = job.condition {
            guard condition.mayHold(whenEventIs: event) else { return false }
            if condition.callsStatusFunction { return true }
        }
        return job.needs.allSatisfy { id in self[job: id].map { canRun($0, on: event, deciding: &deciding) } ?? true }
    }
}

extension ScriptCommand {
    /// A word that is exactly `$NAME` or `${NAME}`, replaced by that variable's rendered text from the first
    /// `env:` scope (step, job, workflow) that sets it; any other word as it is.
    static func resolve(_ word: String, in scopes: [Mapping<WorkflowValue>]) -> String {
        var name = Substring(word)
        guard name.hasPrefix("$") else { return word }
        name = name.dropFirst()
        if name.hasPrefix("{") && name.hasSuffix("}") { name = name.dropFirst().dropLast() }
        for scope in scopes {
            if let value = scope[String(name)] { return value.text?.rendered ?? "" }
        }
        return word
    }
}
