/// Guarded manual destroy.
extension PipelineLowering {
    /// Deletes one environment's stack after the typed confirmation matches; manual dispatch only.
    func destroyJob(for environment: Environment) -> Job {
        var steps = hardenRunnerSteps + [prepareStep(for: environment), confirmationStep()]
        // Credentials only once the confirmation matches: a mistyped one ends the job before any role is assumed.
        steps += credentialSteps(
            role: environment.role(for: .destroy), chainedRole: environment.chainedRole(for: .destroy), region: region(of: environment), sessionName: sessionName
        )
        if pipeline.stacks.isEmpty {
            steps.append(.run("Delete the stack", id: "destroy", env: ["STACK_NAME": stackName], WorkflowText(Scripts.destroyStack)))
        } else {
            steps.append(stacksDestroyStep())
        }
        steps += notifySteps("Destroy of")
        return Job(
            id: "destroy-" + environment.name,
            name: "Destroy \(environment.name)",
            condition: isDispatch && Expression.inputs("action").equals("destroy") && Expression.inputs("environment").equals(.string(environment.name)),
            runsOn: runner(for: environment).runsOn,
            environment: DeploymentEnvironment(WorkflowText(environment.destroyEnvironment)),
            permissions: permissions(checkout: false, assume: Reason.assumeDestroyRole),
            concurrency: concurrency(for: environment),
            timeoutMinutes: pipeline.runtime.deployTimeoutMinutes,
            steps: steps
        )
    }

    /// Compares the typed confirmation with the stack name (the common start of the stacks' names, with several),
    /// before the job assumes any role.
    func confirmationStep() -> Step {
        var destroys: [WorkflowText.Segment] = [.literal(pipeline.stacks.isEmpty ? "the stack " : "the stacks")]
        if pipeline.stacks.isEmpty {
            destroys.append(.expression(.steps("prepare", output: "stack-name")))
        } else {
            for stack in orderedStacks.reversed() { destroys += [.literal(" ")] + stackName(of: stack).segments }
        }
        return .run("Check the confirmation", env: [
            "EXPECTED_CONFIRMATION": stackName,
            "CONFIRMATION": .expression(.inputs("confirm")),
            "DESTROYS": .text(WorkflowText(segments: destroys)),
        ], WorkflowText(Scripts.checkDestroyConfirmation))
    }

    /// Fails a manual destroy of a production environment loudly instead of skipping every job silently.
    func destroyRefusedJob() -> Job {
        let protected = pipeline.environments.filter { !isDestroyable($0) }.map(\.name)
        let choices = protected.map { Expression.inputs("environment").equals(.string($0)) }
        let chosen = choices.dropFirst().reduce(choices[0]) { $0 || $1 }
        return Job(
            id: "destroy-refused",
            name: "Refuse to destroy production",
            condition: isDispatch && Expression.inputs("action").equals("destroy") && chosen,
            runsOn: pipeline.runtime.runner.runsOn,
            permissions: Permissions.empty,
            timeoutMinutes: 5,
            steps: hardenRunnerSteps + [.run("Refuse", env: ["ENVIRONMENT_NAME": .expression(.inputs("environment"))], WorkflowText(Scripts.refuseDestroy))]
        )
    }
}
