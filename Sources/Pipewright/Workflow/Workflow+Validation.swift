extension Workflow {
    /// Every structural problem in the workflow, in document order; empty when it is valid.
    ///
    /// Checks ids against GitHub's rules and for uniqueness, `needs` for dangling references and cycles,
    /// job outputs for the steps they read, cron entries, and that no plain text smuggles in `${{`.
    public func validationErrors() -> [ValidationError] {
        var errors: [ValidationError] = []
        for (index, cron) in on.schedule.enumerated() {
            if let problem = cron.problem { errors.append(.init(path: "on.schedule[\(index)].cron", message: problem)) }
        }
        if let runName { checkText(runName, at: "run-name", into: &errors) }
        checkTriggerTexts(into: &errors)
        checkValues(env, at: "env", into: &errors)
        if let concurrency { checkText(concurrency.group, at: "concurrency.group", into: &errors) }

        let jobIDs = jobs.map(\.id)
        let knownJobs = Set(jobIDs)
        var seenJobs: Set<String> = []
        for job in jobs {
            jobErrors(of: job, repeatsEarlierID: !seenJobs.insert(job.id).inserted, jobIDs: jobIDs, knownJobs: knownJobs, into: &errors)
        }
        errors += cycleErrors()
        return errors
    }

    /// One job's problems, in document order; `repeatsEarlierID` says whether an earlier job has its id.
    private func jobErrors(of job: Job, repeatsEarlierID: Bool, jobIDs: [String], knownJobs: Set<String>, into errors: inout [ValidationError]) {
        let path = "jobs." + job.id
        if !Self.isValidID(job.id) {
            errors.append(.init(path: path, message: "\"\(job.id)\" is not a valid job id; \(Self.idRule)"))
        }
        if repeatsEarlierID {
            errors.append(.init(path: path, message: "\"\(job.id)\" is used by more than one job; expected unique job ids"))
        }
        for (index, need) in job.needs.enumerated() where !knownJobs.contains(need) || need == job.id {
            let others = jobIDs.filter { $0 != job.id }
            let expected = others.isEmpty ? "the workflow has no other job" : "expected one of \(others.joined(separator: ", "))"
            let message = need == job.id
                ? "\"\(need)\" is the job itself; a job cannot need itself"
                : "\"\(need)\" is not a job of this workflow; \(expected)\(Suggestion.hint(for: need, in: others))"
            errors.append(.init(path: "\(path).needs[\(index)]", message: message))
        }
        if job.runsOn == nil && job.call == nil {
            errors.append(.init(path: path, message: "has neither runs-on nor uses; expected a runner label or a reusable workflow"))
        }
        if let timeout = job.timeoutMinutes, timeout < 1 {
            errors.append(.init(path: "\(path).timeout-minutes", message: "\(timeout) is not a positive number of minutes"))
        }
        if let name = job.name { checkText(name, at: "\(path).name", into: &errors) }
        checkJobTexts(of: job, at: path, into: &errors)
        checkValues(job.env, at: "\(path).env", into: &errors)
        validateSteps(of: job, at: path, into: &errors)
    }

    /// Throws ``ValidationErrors`` when ``validationErrors()`` finds anything.
    public func validate() throws(ValidationErrors) {
        let errors = validationErrors()
        if !errors.isEmpty { throw ValidationErrors(errors: errors) }
    }

    static let idRule = "expected a letter or '_' followed by letters, digits, '-' or '_'"

    /// GitHub's rule for job and step ids.
    static func isValidID(_ id: String) -> Bool {
        guard let first = id.utf8.first, isLetter(first) || first == UInt8(ascii: "_") else { return false }
        return id.utf8.allSatisfy { isLetter($0) || (48...57).contains($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }
    }

    private static func isLetter(_ byte: UInt8) -> Bool { (65...90).contains(byte) || (97...122).contains(byte) }

    private func validateSteps(of job: Job, at path: String, into errors: inout [ValidationError]) {
        var seenSteps: Set<String> = []
        for (index, step) in job.steps.enumerated() {
            validateStep(step, at: index, of: job, at: path, seenSteps: &seenSteps, into: &errors)
        }
        for (key, value) in job.outputs {
            checkText(value, at: "\(path).outputs.\(key)", into: &errors)
            for case .expression(let expression) in value.segments {
                for reference in expression.contextReferences where reference.root == .steps {
                    guard let stepID = reference.path.first, !job.steps.contains(where: { $0.id == stepID }) else { continue }
                    let stepIDs = job.steps.compactMap { $0.id }
                    let expected = stepIDs.isEmpty ? "the job has no step with an id" : "expected one of \(stepIDs.joined(separator: ", "))"
                    errors.append(.init(
                        path: "\(path).outputs.\(key)",
                        message: "refers to step \"\(stepID)\", which is not a step of job \(job.id); \(expected)\(Suggestion.hint(for: stepID, in: stepIDs))"
                    ))
                }
            }
        }
    }

    private func validateStep(_ step: Step, at index: Int, of job: Job, at path: String, seenSteps: inout Set<String>,
                              into errors: inout [ValidationError]) {
        let stepPath = "\(path).steps[\(index)]"
        if let id = step.id {
            if !Self.isValidID(id) {
                errors.append(.init(path: "\(stepPath).id", message: "\"\(id)\" is not a valid step id; \(Self.idRule)"))
            }
            if !seenSteps.insert(id).inserted {
                errors.append(.init(path: "\(stepPath).id", message: "\"\(id)\" is used by more than one step of job \(job.id); expected unique step ids"))
            }
        }
        if let name = step.name { checkText(name, at: "\(stepPath).name", into: &errors) }
        checkValues(step.env, at: "\(stepPath).env", into: &errors)
        switch step.action {
        case .uses(_, let inputs): checkValues(inputs, at: "\(stepPath).with", into: &errors)
        case .run(let script, _, _): checkText(script, at: "\(stepPath).run", into: &errors)
        }
    }

    private func checkText(_ text: WorkflowText, at path: @autoclosure () -> String, into errors: inout [ValidationError]) {
        if text.hasSmuggledExpression {
            errors.append(.init(path: path(), message: "plain text contains \"${{\"; expected expressions to be built with Expression, never written as text"))
        }
    }

    private func checkValues(_ values: Mapping<WorkflowValue>, at path: @autoclosure () -> String, into errors: inout [ValidationError]) {
        for (key, value) in values {
            if let text = value.text { checkText(text, at: "\(path()).\(key)", into: &errors) }
        }
    }

    private func checkTexts(_ texts: Mapping<WorkflowText>, at path: @autoclosure () -> String, into errors: inout [ValidationError]) {
        for (key, text) in texts { checkText(text, at: "\(path()).\(key)", into: &errors) }
    }

    /// Input defaults and `workflow_call` outputs are text too: an expression must not hide in them either.
    private func checkTriggerTexts(into errors: inout [ValidationError]) {
        for input in on.workflowDispatch?.inputs ?? [] {
            if let text = input.defaultValue?.text { checkText(text, at: "on.workflow_dispatch.inputs.\(input.id).default", into: &errors) }
        }
        for input in on.workflowCall?.inputs ?? [] {
            if let text = input.defaultValue?.text { checkText(text, at: "on.workflow_call.inputs.\(input.id).default", into: &errors) }
        }
        for output in on.workflowCall?.outputs ?? [] {
            checkText(output.value, at: "on.workflow_call.outputs.\(output.id).value", into: &errors)
        }
    }

    /// The job's other text-valued keys: environment, concurrency, the reusable call, containers and matrix.
    private func checkJobTexts(of job: Job, at path: String, into errors: inout [ValidationError]) {
        if let environment = job.environment {
            checkText(environment.name, at: "\(path).environment.name", into: &errors)
            if let url = environment.url { checkText(url, at: "\(path).environment.url", into: &errors) }
        }
        if let concurrency = job.concurrency { checkText(concurrency.group, at: "\(path).concurrency.group", into: &errors) }
        if let call = job.call {
            checkValues(call.with, at: "\(path).with", into: &errors)
            if case .explicit(let secrets)? = call.secrets { checkTexts(secrets, at: "\(path).secrets", into: &errors) }
        }
        let containers = (job.container.map { [("\(path).container", $0)] } ?? [])
            + job.services.map { ("\(path).services.\($0.key)", $0.value) }
        for (containerPath, container) in containers {
            if let credentials = container.credentials {
                checkText(credentials.username, at: "\(containerPath).credentials.username", into: &errors)
                checkText(credentials.password, at: "\(containerPath).credentials.password", into: &errors)
            }
            checkValues(container.env, at: "\(containerPath).env", into: &errors)
        }
        if let matrix = job.strategy?.matrix {
            for (key, values) in matrix.dimensions {
                for (index, value) in values.enumerated() {
                    if let text = value.text { checkText(text, at: "\(path).strategy.matrix.\(key)[\(index)]", into: &errors) }
                }
            }
            for (index, combination) in matrix.include.enumerated() {
                checkValues(combination, at: "\(path).strategy.matrix.include[\(index)]", into: &errors)
            }
            for (index, combination) in matrix.exclude.enumerated() {
                checkValues(combination, at: "\(path).strategy.matrix.exclude[\(index)]", into: &errors)
            }
        }
    }

    /// One error per cycle in `needs`, reported at the edge that closes it.
    private func cycleErrors() -> [ValidationError] {
        let ids = jobs.map(\.id)
        var errors: [ValidationError] = []
        NeedsGraph(ids: ids, needs: jobs.map(\.needs)).searchCycles { job, position, cycle in
            errors.append(.init(
                path: "jobs.\(ids[job]).needs[\(position)]",
                message: "\"\(ids[cycle.last!])\" closes a cycle \(cycle.map { ids[$0] }.joined(separator: " → ")); expected needs to form no cycle"
            ))
            return true
        }
        return errors
    }
}

/// The jobs' `needs` as a graph on job indices, so that the search for cycles hashes each id and each need
/// once, and then runs on integers.
///
/// A repeated id stands for its first job, and a need of no other job is left out; validation reports both
/// on their own.
private struct NeedsGraph {
    /// For each job, the jobs it needs, with where each stands in its `needs`; empty for a repeated id.
    let edges: [[(job: Int, position: Int)]]
    /// The first job of each id, in order: where the search starts.
    let roots: [Int]

    init(ids: [String], needs: [[String]]) {
        var first: [String: Int] = [:]
        first.reserveCapacity(ids.count)
        var isFirst = [Bool](repeating: true, count: ids.count)
        for (index, id) in ids.enumerated() {
            // One hash per id; only a repeated id, rare, is put back.
            if let earlier = first.updateValue(index, forKey: id) {
                first[id] = earlier
                isFirst[index] = false
            }
        }
        edges = ids.indices.map { index in
            guard isFirst[index] else { return [] }
            return needs[index].enumerated().compactMap { position, need in
                guard let job = first[need], job != index else { return nil }
                return (job, position)
            }
        }
        roots = ids.indices.filter { isFirst[$0] }
    }

    /// Searches depth-first from each job in order and calls `found` for each need that closes a cycle: the
    /// job, the need's position in its `needs`, and the cycle from the job needed back to it. `found` returns
    /// whether to go on. The stack is explicit, so a chain of thousands of jobs cannot overflow the thread's.
    func searchCycles(_ found: (_ job: Int, _ position: Int, _ cycle: [Int]) -> Bool) {
        enum Mark { case unvisited, onPath, finished }
        var marks = [Mark](repeating: .unvisited, count: edges.count)
        var path: [(job: Int, nextEdge: Int)] = []
        for root in roots where marks[root] == .unvisited {
            marks[root] = .onPath
            path.append((root, 0))
            while let (job, nextEdge) = path.last {
                guard nextEdge < edges[job].count else {
                    marks[job] = .finished
                    path.removeLast()
                    continue
                }
                path[path.count - 1].nextEdge += 1
                let (needed, position) = edges[job][nextEdge]
                switch marks[needed] {
                case .onPath:
                    let start = path.lastIndex { $0.job == needed }!
                    if !found(job, position, path[start...].map(\.job) + [needed]) { return }
                case .unvisited:
                    marks[needed] = .onPath
                    path.append((needed, 0))
                case .finished:
                    break
                }
            }
        }
    }
}
