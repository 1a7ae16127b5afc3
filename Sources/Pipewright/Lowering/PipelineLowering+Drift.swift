/// The drift workflow: scheduled and manual, one read-only job per environment.
extension PipelineLowering {
    /// The drift workflow: one job per environment.
    func driftWorkflow(_ drift: DriftDetection) -> Workflow {
        Workflow(
            name: pipeline.name + " drift detection",
            on: Triggers(schedule: drift.schedule.map { Cron($0) }, workflowDispatch: WorkflowDispatch()),
            permissions: Permissions.empty,
            env: awsRetryEnvironment,
            defaults: RunDefaults(shell: "bash"),
            concurrency: Concurrency(group: "\(pipeline.fileSlug)-drift", cancelInProgress: false),
            jobs: pipeline.environments.map { driftJob(for: $0, drift: drift) }
        )
    }

    func driftJob(for environment: Environment, drift: DriftDetection) -> Job {
        var steps = hardenRunnerSteps + [prepareStepWithDefaultSuffix(for: environment)]
        steps += credentialSteps(
            // A drift role lives in the environment's own account and trusts GitHub directly: no chaining.
            role: environment.role(for: .drift), region: region(of: environment), sessionName: sessionName
        )
        var outputs: Mapping<WorkflowText> = ["drift-status": WorkflowText(.steps("drift", output: "drift-status"))]
        if pipeline.stacks.isEmpty {
            steps.append(.run("Detect drift", id: "drift", env: ["STACK_NAME": stackName], WorkflowText(Scripts.detectDrift)))
        } else {
            steps += stacksDriftSteps()
            outputs = [:]
            for stack in orderedStacks { outputs["drift-status-" + stack.name] = WorkflowText(.steps("drift-" + stack.name, output: "drift-status")) }
        }
        steps += notifySteps("Drift detected in", when: .failure())
        return Job(
            id: "drift-" + environment.name,
            name: "Drift of \(environment.name)",
            runsOn: runner(for: environment).runsOn,
            environment: DeploymentEnvironment(WorkflowText(drift.githubEnvironment)),
            permissions: permissions(checkout: false, assume: Reason.assumeDriftRole),
            outputs: outputs,
            timeoutMinutes: pipeline.runtime.jobTimeoutMinutes,
            steps: steps
        )
    }

    /// Drift checks the stack every push deploys: the default suffix, never a dispatch input.
    func prepareStepWithDefaultSuffix(for environment: Environment) -> Step {
        .run("Resolve the stack name", id: "prepare", env: [
            "STACK_PREFIX": .text(WorkflowText(pipeline.stackNaming.prefix)),
            "ENVIRONMENT_NAME": .text(WorkflowText(environment.name)),
            "STACK_SUFFIX": .text(WorkflowText(pipeline.stackNaming.suffix ?? "")),
        ], WorkflowText(Scripts.prepareDeploy))
    }
}
