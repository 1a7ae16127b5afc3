/// Lowers a ``Pipeline`` into hardened workflows: the deploy workflow and, when drift detection is on,
/// the drift workflow.
///
/// The hardening is not optional: `permissions: {}` at the top and the least each job needs, every action
/// pinned to a commit, OIDC roles only, no `${{ }}` in any script, checksums verified before use,
/// concurrency that never cancels a deploy, timeouts and names on every job.
struct PipelineLowering {
    let pipeline: Pipeline
    let pins: PinTable

    /// The deploy workflow and, when drift detection is on, the drift workflow.
    func workflows() -> [GeneratedWorkflow] {
        var result = [GeneratedWorkflow(fileName: pipeline.deployWorkflowFile, workflow: deployWorkflow())]
        if let drift = pipeline.drift {
            result.append(GeneratedWorkflow(fileName: pipeline.driftWorkflowFile, workflow: driftWorkflow(drift)))
        }
        return result
    }

    // MARK: - The deploy workflow

    /// The deploy workflow: build and validate, each environment's deploy, then each destroy.
    func deployWorkflow() -> Workflow {
        Workflow(
            name: pipeline.name,
            on: deployTriggers(),
            permissions: Permissions.empty,
            env: awsRetryEnvironment,
            defaults: RunDefaults(shell: "bash"),
            concurrency: Concurrency(group: "\(pipeline.fileSlug)-\(.github("ref"))", cancelInProgress: false),
            jobs: deployJobs()
        )
    }

    func deployJobs() -> [Job] {
        var jobs = [pullRequestJob(), buildJob(), validateJob()]
        for environment in pipeline.environments {
            if pipeline.stacks.isEmpty {
                jobs += environment.strategy.isReviewed
                    ? [planJob(for: environment), executeJob(for: environment)]
                    : [directDeployJob(for: environment)]
            } else {
                jobs += environment.strategy.isReviewed
                    ? [stacksPlanJob(for: environment), stacksExecuteJob(for: environment)]
                    : [directStacksDeployJob(for: environment)]
            }
            if let verify = verifyJob(for: environment) { jobs.append(verify) }
        }
        guard pipeline.destroy != nil, pipeline.manualDispatch else { return jobs }
        jobs += pipeline.environments.filter(isDestroyable).map(destroyJob(for:))
        if pipeline.environments.contains(where: { !isDestroyable($0) }) { jobs.append(destroyRefusedJob()) }
        return jobs
    }

    /// The AWS CLI's own adaptive retry mode: exponential backoff on throttling for every call.
    var awsRetryEnvironment: Mapping<WorkflowValue> {
        ["AWS_RETRY_MODE": "adaptive", "AWS_MAX_ATTEMPTS": "10"]
    }

    func deployTriggers() -> Triggers {
        let branches = pipeline.deployBranches
        var triggers = Triggers(
            push: EventFilter(branches: branches),
            pullRequest: EventFilter(branches: pipeline.pullRequestBranches ?? branches)
        )
        if pipeline.manualDispatch, !pipeline.environments.isEmpty {
            var inputs: [DispatchInput] = [
                .choice("environment", options: pipeline.environments.map(\.name), description: "Environment to deploy or destroy", required: true, default: pipeline.environments[0].name),
            ]
            if pipeline.destroy != nil {
                inputs.append(.choice("action", options: ["deploy", "destroy"], description: "What to do with the environment's stack", required: true, default: "deploy"))
            }
            inputs.append(.string("environment_suffix", description: "Stack name suffix: 1-20 lowercase letters, digits or '-'", required: false, default: pipeline.stackNaming.suffix ?? ""))
            if pipeline.destroy != nil {
                let confirm = pipeline.stacks.isEmpty
                    ? "To destroy, type the full stack name"
                    : "To destroy every stack, type their common start: <prefix>-<environment>[-<suffix>]"
                inputs.append(.string("confirm", description: confirm, required: false, default: ""))
            }
            triggers.workflowDispatch = WorkflowDispatch(inputs: inputs)
        }
        return triggers
    }

    func isDestroyable(_ environment: Environment) -> Bool { pipeline.isDestroyable(environment) }

    /// `github.ref` is the branch, or, for a pattern with a trailing `*` (`release/*`), starts with its prefix:
    /// the push trigger's filter already admitted only branches the pattern matches.
    static func refMatches(_ branch: String) -> Expression {
        guard branch.hasSuffix("*") else { return Expression.github("ref").equals(.string("refs/heads/" + branch)) }
        var prefix = Substring(branch)
        while prefix.hasSuffix("*") { prefix = prefix.dropLast() }
        return .call(.startsWith, [Expression.github("ref"), .string("refs/heads/" + prefix)])
    }

    /// Where an environment's jobs run: its own runner, or the pipeline's.
    func runner(for environment: Environment) -> Runner { environment.runner ?? pipeline.runtime.runner }

    // MARK: - Conditions

    var isDispatch: Expression { Expression.github("event_name").equals("workflow_dispatch") }
    private var isPush: Expression { Expression.github("event_name").equals("push") }
    private var actionIsDeploy: Expression { Expression.inputs("action").equals("deploy") }
    /// `!cancelled() && needs.build.result == 'success' && needs.validate.result == 'success'`.
    private var buildSucceeded: Expression {
        !Expression.cancelled() && Expression.needsResult("build").equals("success") && Expression.needsResult("validate").equals("success")
    }

    var isPullRequest: Expression { Expression.github("event_name").equals("pull_request") }

    /// Build and validate run for every event except a pull request (checked offline by the pull-request job:
    /// the CI role trusts only pushes to the deploy branches) and a manual destroy.
    var buildCondition: Expression {
        let notPullRequest = Expression.github("event_name").notEquals("pull_request")
        guard pipeline.destroy != nil, pipeline.manualDispatch else { return notPullRequest }
        return notPullRequest && (Expression.github("event_name").notEquals("workflow_dispatch") || Expression.inputs("action").equals("deploy"))
    }

    /// This run deploys the environment: a push to its branch, or a manual deploy that selects it.
    func triggers(_ environment: Environment) -> Expression {
        let push = isPush && Self.refMatches(environment.branch)
        guard pipeline.manualDispatch else { return push }
        var manual = isDispatch && Expression.inputs("environment").equals(.string(environment.name))
        if pipeline.destroy != nil { manual = manual && actionIsDeploy }
        return push || manual
    }

    /// The jobs an environment's first job needs, and the condition it runs under. An environment `after` a member
    /// of a wave waits for the whole wave: the wave is one decision, and what follows it follows all of it.
    func entry(for environment: Environment) -> (needs: [String], condition: Expression) {
        guard let after = pipeline.environments.first(where: { $0.name == environment.after }) else {
            return (["build", "validate"], triggers(environment))
        }
        var needs = ["build", "validate"]
        var predecessorsDone: [Expression] = []
        for predecessor in pipeline.wave(of: after) {
            let deployed = Expression.needsResult(deployJobID(predecessor)).equals("success")
            if verifies(predecessor) {
                // The verify job runs after every deploy of the predecessor, and after a plan with nothing to change.
                needs += [deployJobID(predecessor), verifyJobID(predecessor)]
                predecessorsDone.append(Expression.needsResult(verifyJobID(predecessor)).equals("success"))
            } else if predecessor.strategy.isReviewed {
                let plan = planJobID(predecessor)
                needs += [plan, deployJobID(predecessor)]
                predecessorsDone.append(deployed || (Expression.needsResult(plan).equals("success") && Expression.needs(plan, output: "has-changes").equals("false")))
            } else {
                needs.append(deployJobID(predecessor))
                predecessorsDone.append(deployed)
            }
        }
        let predecessorDone = predecessorsDone.dropFirst().reduce(predecessorsDone[0], &&)
        // A manual run deploys just the chosen environment, so its predecessor is skipped, not failed.
        let predecessorOK = pipeline.manualDispatch ? predecessorDone || isDispatch : predecessorDone
        let condition = buildSucceeded
            && predecessorOK
            && triggers(environment)
        return (needs, condition)
    }

    /// The jobs a reviewed environment's execute job needs, and the condition it runs under: its own plan, changed;
    /// in a wave, every member's plan, so that all the wave's execute jobs wait for approval at the same moment and
    /// one approval releases them all (GitHub approves the waiting jobs of an environment together). No member
    /// executes when any member's plan failed; a member not planned in this run (a manual deploy of one) is skipped.
    func executeEntry(for environment: Environment) -> (needs: [String], condition: Expression) {
        let plan = planJobID(environment)
        let changed = Expression.needs(plan, output: "has-changes").equals("true")
        let members = pipeline.wave(of: environment)
        guard members.count > 1 else { return ([plan], changed) }
        // `!cancelled()` lifts GitHub's implicit success() over the needs, so the events are named again.
        return (members.map(planJobID), !Expression.cancelled() && !Expression.failure() && triggers(environment)
            && Expression.needsResult(plan).equals("success") && changed)
    }

    func deployJobID(_ environment: Environment) -> String { "deploy-" + environment.name }
    func planJobID(_ environment: Environment) -> String { "plan-" + environment.name }

    func concurrency(for environment: Environment) -> Concurrency {
        Concurrency(group: WorkflowText(pipeline.fileSlug + "-deploy-" + environment.name), cancelInProgress: false)
    }
}
