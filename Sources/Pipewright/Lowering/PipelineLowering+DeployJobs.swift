/// The deploy jobs: direct, or plan then approval-gated execute.
extension PipelineLowering {
    /// Creates and executes a change set in one job bound to the environment.
    func directDeployJob(for environment: Environment) -> Job {
        let entry = entry(for: environment)
        var steps = hardenRunnerSteps + [prepareStep(for: environment)]
        steps += artifactSteps(credentials: credentialSteps(
            role: environment.role, chainedRole: environment.chainedRole, region: region(of: environment), sessionName: sessionName
        ))
        steps.append(.run("Deploy with a change set", id: "deploy", env: changeSetEnvironment(for: environment), WorkflowText(Scripts.deployDirect())))
        steps += outputSteps(for: environment)
        steps.append(.run("Delete the plaintext artifact", if: .always(), WorkflowText(Scripts.deleteBundle())))
        steps += notifySteps("Deploy of")
        return Job(
            id: deployJobID(environment),
            name: "Deploy \(environment.name)",
            needs: entry.needs,
            condition: entry.condition,
            runsOn: .label(pipeline.runtime.runner),
            environment: DeploymentEnvironment(WorkflowText(environment.githubEnvironment)),
            permissions: permissions(checkout: false, assume: Reason.assumeDeployRole),
            concurrency: concurrency(for: environment),
            outputs: [
                "stack-name": WorkflowText(.steps("prepare", output: "stack-name")),
                "status": WorkflowText(.steps("deploy", output: "status")),
                "stack-status": WorkflowText(.steps("outputs", output: "stack-status")),
            ],
            timeoutMinutes: pipeline.runtime.deployTimeoutMinutes,
            steps: steps
        )
    }

    /// Creates the change set and publishes its description; bound to the unprotected plan environment so
    /// the plan is ready before anyone is asked to approve.
    func planJob(for environment: Environment) -> Job {
        let entry = entry(for: environment)
        var steps = hardenRunnerSteps + [prepareStep(for: environment)]
        steps += artifactSteps(credentials: credentialSteps(
            role: environment.role, chainedRole: environment.chainedRole, region: region(of: environment), sessionName: sessionName
        ))
        steps.append(.run("Create the change set", id: "plan", env: changeSetEnvironment(for: environment), WorkflowText(Scripts.planChangeSet())))
        steps.append(.uses("Upload the change set description", pins.reference("actions/upload-artifact"), with: [
            "name": .text("change-set-\(environment.name)-\(.github("run_attempt"))"),
            "path": "change-set/",
            "retention-days": .int(pipeline.build.retentionDays),
            "if-no-files-found": "error",
        ]))
        steps.append(.run("Delete the plaintext artifact", if: .always(), WorkflowText(Scripts.deleteBundle())))
        return Job(
            id: planJobID(environment),
            name: "Plan \(environment.name) (change set)",
            needs: entry.needs,
            condition: entry.condition,
            runsOn: .label(pipeline.runtime.runner),
            environment: DeploymentEnvironment(WorkflowText(environment.planEnvironment)),
            permissions: permissions(checkout: false, assume: Reason.assumeDeployRole),
            concurrency: concurrency(for: environment),
            outputs: [
                "stack-name": WorkflowText(.steps("prepare", output: "stack-name")),
                "has-changes": WorkflowText(.steps("plan", output: "has-changes")),
                "change-set-arn": WorkflowText(.steps("plan", output: "change-set-arn")),
                "change-set-type": WorkflowText(.steps("plan", output: "change-set-type")),
                "stack-fingerprint": WorkflowText(.steps("plan", output: "stack-fingerprint")),
            ],
            timeoutMinutes: pipeline.runtime.deployTimeoutMinutes,
            steps: steps
        )
    }

    /// Executes exactly the reviewed change set, after the protected environment's approval.
    func executeJob(for environment: Environment) -> Job {
        let plan = planJobID(environment)
        var steps = hardenRunnerSteps
        steps.append(.run("Resolve the stack name", id: "prepare", env: [
            "STACK_NAME": .expression(.needs(plan, output: "stack-name")),
        ], WorkflowText(Scripts.strictMode + Scripts.sessionNameOnly())))
        steps += credentialSteps(role: environment.role, chainedRole: environment.chainedRole, region: region(of: environment), sessionName: sessionName)
        steps.append(.run("Execute the reviewed change set", id: "deploy", env: [
            "STACK_NAME": .expression(.needs(plan, output: "stack-name")),
            "CHANGE_SET_ARN": .expression(.needs(plan, output: "change-set-arn")),
            "CHANGE_SET_TYPE": .expression(.needs(plan, output: "change-set-type")),
            "EXPECTED_STACK_FINGERPRINT": .expression(.needs(plan, output: "stack-fingerprint")),
        ], WorkflowText(Scripts.executeChangeSet())))
        steps += outputSteps(for: environment)
        steps += notifySteps("Deploy of")
        return Job(
            id: deployJobID(environment),
            name: "Deploy \(environment.name) (reviewed change set)",
            needs: [plan],
            condition: Expression.needs(plan, output: "has-changes").equals("true"),
            runsOn: .label(pipeline.runtime.runner),
            environment: DeploymentEnvironment(WorkflowText(environment.githubEnvironment)),
            permissions: permissions(checkout: false, assume: Reason.assumeDeployRole),
            concurrency: concurrency(for: environment),
            outputs: [
                "stack-name": WorkflowText(.steps("prepare", output: "stack-name")),
                "status": WorkflowText(.steps("deploy", output: "status")),
                "stack-status": WorkflowText(.steps("outputs", output: "stack-status")),
            ],
            timeoutMinutes: pipeline.runtime.deployTimeoutMinutes,
            steps: steps
        )
    }
}
