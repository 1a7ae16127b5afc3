/// Lowers a ``Pipeline`` into hardened workflows: the deploy workflow and, when drift detection is on,
/// the drift workflow.
///
/// The hardening is not optional: `permissions: {}` at the top and the least each job needs, every action
/// pinned to a commit, OIDC roles only, no `${{ }}` in any script, checksums verified before use,
/// concurrency that never cancels a deploy, timeouts and names on every job.
struct PipelineLowering {
    let pipeline: Pipeline
    let pins: PinTable
    /// Each environment by name, first one wins: every environment's `after` is looked up, and a search
    /// through the list made a pipeline of many environments quadratic.
    let environmentsByName: [String: Environment]
    /// What every environment's jobs have in common, built once. `nil` only while it is being built, so a
    /// part built from another would stop there instead of reading a placeholder.
    private(set) var shared: SharedParts!

    init(pipeline: Pipeline, pins: PinTable) {
        self.pipeline = pipeline
        self.pins = pins
        environmentsByName = Dictionary(pipeline.environments.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        shared = SharedParts(self)
    }

    /// The steps and values of this pipeline that do not depend on the environment, built once and shared by
    /// every environment's jobs: for a pipeline of many environments, building and freeing a copy of each for
    /// every job cost more than writing them. (Those that depend on nothing at all are static, below.)
    ///
    /// A class, so that reading a part through the optional reference copies no other part.
    final class SharedParts: Sendable {
        let hardenRunnerSteps: [Step]
        /// Download and verify the build artifact: what ``artifactSteps(credentials:)`` does before credentials.
        let artifactFetchSteps: [Step]
        /// Decrypt the artifact, when it is encrypted: what ``artifactSteps(credentials:)`` does after them.
        let artifactDecryptSteps: [Step]
        let deleteBundleStep: Step
        let deployNotifySteps: [Step]
        let destroyNotifySteps: [Step]
        let driftNotifySteps: [Step]
        let suffixValue: WorkflowValue
        let deployOutputs: Mapping<WorkflowText>
        /// The pipeline's name as a file name, which every deploy job's concurrency group starts with.
        let fileSlug: String
        /// The template in the bundle and the stack's capabilities, as change-set steps take them.
        let templateFile: WorkflowValue
        let capabilities: WorkflowValue

        init(_ lowering: PipelineLowering) {
            // Marked, the steps are written and checked once, and their text copied for every other job.
            hardenRunnerSteps = lowering.makeHardenRunnerSteps().map { $0.markedShared() }
            artifactFetchSteps = lowering.makeArtifactFetchSteps().map { $0.markedShared() }
            artifactDecryptSteps = lowering.pipeline.artifactEncryption == nil
                ? [] : [Step.run("Decrypt the artifact (KMS)", WorkflowText(Scripts.decryptBundle)).markedShared()]
            deleteBundleStep = Step.run("Delete the plaintext artifact", if: .always(), WorkflowText(Scripts.deleteBundle)).markedShared()
            deployNotifySteps = lowering.notifySteps("Deploy of").map { $0.markedShared() }
            destroyNotifySteps = lowering.notifySteps("Destroy of").map { $0.markedShared() }
            driftNotifySteps = lowering.notifySteps("Drift detected in", when: .failure()).map { $0.markedShared() }
            suffixValue = lowering.makeSuffixValue()
            deployOutputs = lowering.makeDeployOutputs()
            fileSlug = lowering.pipeline.fileSlug
            templateFile = .text(WorkflowText("artifact/bundle/" + lowering.bundledTemplate))
            capabilities = .text(WorkflowText(lowering.capabilities.map(\.rawValue).joined(separator: " ")))
        }
    }

    func workflows() -> [GeneratedWorkflow] {
        stagedWorkflows().map { $0.materialized() }
    }

    /// The workflows with their jobs still to build, one batch per environment.
    func stagedWorkflows() -> [StagedWorkflow] {
        let deploy = deployBatches()
        var result = [StagedWorkflow(fileName: pipeline.fileSlug + ".yml", frame: deployFrame(), batchCount: deploy.count, batch: deploy.batch)]
        if let drift = pipeline.drift {
            let environments = pipeline.environments
            let lowering = self
            result.append(StagedWorkflow(fileName: pipeline.fileSlug + "-drift.yml", frame: driftFrame(drift), batchCount: environments.count) {
                [lowering.driftJob(for: environments[$0], drift: drift)]
            })
        }
        return result
    }

    // MARK: - The deploy workflow

    /// The deploy workflow without its jobs.
    func deployFrame() -> Workflow {
        Workflow(
            name: pipeline.name,
            on: deployTriggers(),
            permissions: Permissions.empty,
            env: awsRetryEnvironment,
            defaults: RunDefaults(shell: "bash"),
            concurrency: Concurrency(group: "\(pipeline.fileSlug)-\(.github("ref"))", cancelInProgress: false),
            jobs: []
        )
    }

    /// The deploy workflow's jobs: build and validate, each environment's deploy, then each destroy.
    /// Each environment's jobs depend on that environment alone.
    func deployBatches() -> (count: Int, batch: @Sendable (Int) -> [Job]) {
        let lowering = self
        let environments = pipeline.environments
        let destroys = pipeline.destroy != nil && pipeline.manualDispatch
        let destroyable = destroys ? environments.filter(isDestroyable) : []
        let refuses = destroys && environments.contains(where: { !isDestroyable($0) })
        let count = 1 + environments.count + destroyable.count + (refuses ? 1 : 0)
        return (count, { index in
            if index == 0 { return [lowering.buildJob(), lowering.validateJob()] }
            if index <= environments.count {
                let environment = environments[index - 1]
                return environment.strategy.isReviewed
                    ? [lowering.planJob(for: environment), lowering.executeJob(for: environment)]
                    : [lowering.directDeployJob(for: environment)]
            }
            let destroyIndex = index - 1 - environments.count
            if destroyIndex < destroyable.count { return [lowering.destroyJob(for: destroyable[destroyIndex])] }
            return [lowering.destroyRefusedJob()]
        })
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
                inputs.append(.string("confirm", description: "To destroy, type the full stack name", required: false, default: ""))
            }
            triggers.workflowDispatch = WorkflowDispatch(inputs: inputs)
        }
        return triggers
    }

    func isDestroyable(_ environment: Environment) -> Bool {
        !environment.production || (pipeline.destroy?.allowProduction ?? false)
    }

    // MARK: - Conditions

    var isDispatch: Expression { Self.isDispatch }

    // Built once, on first use, and shared by every environment's conditions.
    private static let isDispatch = Expression.github("event_name").equals("workflow_dispatch")
    private static let isPush = Expression.github("event_name").equals("push")
    private static let actionIsDeploy = Expression.inputs("action").equals("deploy")
    /// `!cancelled() && needs.build.result == 'success' && needs.validate.result == 'success'`.
    private static let buildSucceeded = !Expression.cancelled()
        && Expression.needsResult("build").equals("success")
        && Expression.needsResult("validate").equals("success")

    /// Build and validate run for every event except a manual destroy.
    var buildCondition: Expression? {
        guard pipeline.destroy != nil, pipeline.manualDispatch else { return nil }
        return Expression.github("event_name").notEquals("workflow_dispatch") || Expression.inputs("action").equals("deploy")
    }

    /// This run deploys the environment: a push to its branch, or a manual deploy that selects it.
    func triggers(_ environment: Environment) -> Expression {
        let push = Self.isPush && Expression.github("ref").equals(.string("refs/heads/" + environment.branch))
        guard pipeline.manualDispatch else { return push }
        var manual = isDispatch && Expression.inputs("environment").equals(.string(environment.name))
        if pipeline.destroy != nil { manual = manual && Self.actionIsDeploy }
        return push || manual
    }

    /// The jobs an environment's first job needs, and the condition it runs under.
    func entry(for environment: Environment) -> (needs: [String], condition: Expression) {
        guard let after = environment.after.flatMap({ environmentsByName[$0] }) else {
            return (["build", "validate"], triggers(environment))
        }
        let deployed = Expression.needsResult(deployJobID(after)).equals("success")
        var needs = ["build", "validate", deployJobID(after)]
        var predecessorDone = deployed
        if after.strategy.isReviewed {
            needs.insert(planJobID(after), at: 2)
            predecessorDone = deployed || (Expression.needsResult(planJobID(after)).equals("success") && Expression.needs(planJobID(after), output: "has-changes").equals("false"))
        }
        // A manual run deploys just the chosen environment, so its predecessor is skipped, not failed.
        let predecessorOK = pipeline.manualDispatch ? predecessorDone || isDispatch : predecessorDone
        let condition = Self.buildSucceeded
            && predecessorOK
            && triggers(environment)
        return (needs, condition)
    }

    func deployJobID(_ environment: Environment) -> String { "deploy-" + environment.name }
    func planJobID(_ environment: Environment) -> String { "plan-" + environment.name }

    func concurrency(for environment: Environment) -> Concurrency {
        Concurrency(group: WorkflowText([shared.fileSlug, "-deploy-", environment.name].joined()), cancelInProgress: false)
    }
}
