/// The deploy jobs: direct, or plan then approval-gated execute.
extension PipelineLowering {
    /// Creates and executes a change set in one job bound to the environment.
    func directDeployJob(for environment: Environment) -> Job {
        let entry = entry(for: environment)
        var steps = changeSetJobSteps(for: environment, purpose: .deploy)
        if let app = cdkApp {
            steps.append(.run("Deploy with CDK (change sets)", id: "deploy", env: cdkEnvironment(for: environment, app: app), WorkflowText(Scripts.cdkDeploy)))
            steps.append(.run("Report the rollback state", if: .failure(), env: cdkEnvironment(for: environment, app: app), WorkflowText(Scripts.cdkReportRollback)))
            steps.append(uploadOutputsStep(for: environment))
        } else {
            steps.append(.run("Deploy with a change set", id: "deploy", env: changeSetEnvironment(for: environment), WorkflowText(Scripts.deployDirect)))
            steps += outputSteps(for: environment)
        }
        steps.append(deleteBundleStep)
        steps += notifySteps("Deploy of")
        return environmentJob(deployJobID(environment), "Deploy \(environment.name)", for: environment, purpose: .deploy,
                              needs: entry.needs, condition: entry.condition, checkout: cdkApp != nil, outputs: deployOutputs, steps: steps)
    }

    /// What every job that creates a change set starts with: egress control, the app's toolchain for CDK, the
    /// stack name, then the verified (and decrypted) artifact under the role of the job's purpose.
    ///
    /// The artifact is decrypted with the role assumed through OIDC, before chaining: the key policy names the
    /// roles GitHub's jobs assume, not the target roles they chain into.
    func changeSetJobSteps(for environment: Environment, purpose: RolePurpose) -> [Step] {
        let hops = credentialSteps(
            role: environment.role(for: purpose), chainedRole: environment.chainedRole(for: purpose), region: region(of: environment), sessionName: sessionName
        )
        return hardenRunnerSteps + appSteps + [prepareStep(for: environment)] + artifactSteps(credentials: Array(hops.prefix(1))) + hops.dropFirst()
    }

    /// The app, when the pipeline deploys a CDK app.
    var cdkApp: CDKApp? {
        if case .cdk(let app) = pipeline.infrastructure { app } else { nil }
    }

    /// A CDK deploy runs the app's own locked CDK CLI: check out, set up Node.js, `npm ci`. Deploying from the
    /// cloud assembly runs no app code, so no dependency's install script runs where deploy credentials follow.
    var appSteps: [Step] {
        cdkApp == nil ? [] : [checkoutStep] + toolchainSteps(installScripts: false)
    }

    func cdkEnvironment(for environment: Environment, app: CDKApp) -> Mapping<WorkflowValue> {
        [
            "APP_DIR": .text(WorkflowText(app.directory)),
            "ENVIRONMENT_NAME": .text(WorkflowText(environment.name)),
            "STACK_TAGS": .text(stackTags(for: environment)),
        ]
    }

    var deployOutputs: Mapping<WorkflowText> {
        var outputs: Mapping<WorkflowText> = [
            "stack-name": WorkflowText(.steps("prepare", output: "stack-name")),
            "status": WorkflowText(.steps("deploy", output: "status")),
        ]
        if cdkApp == nil { outputs["stack-status"] = WorkflowText(.steps("outputs", output: "stack-status")) }
        return outputs
    }

    /// Creates the change set and publishes its description; bound to the unprotected plan environment so
    /// the plan is ready before anyone is asked to approve.
    func planJob(for environment: Environment) -> Job {
        let entry = entry(for: environment)
        var steps = changeSetJobSteps(for: environment, purpose: .plan)
        if let app = cdkApp {
            steps.append(.run("Prepare the change sets with CDK", id: "plan", env: cdkEnvironment(for: environment, app: app), WorkflowText(Scripts.cdkPlan)))
        } else {
            steps.append(.run("Create the change set", id: "plan", env: changeSetEnvironment(for: environment), WorkflowText(Scripts.planChangeSet)))
        }
        steps.append(uploadChangeSetStep(for: environment, "Upload the change set description"))
        steps.append(deleteBundleStep)
        return environmentJob(planJobID(environment), "Plan \(environment.name) (change set)", for: environment, purpose: .plan,
                              needs: entry.needs, condition: entry.condition, checkout: cdkApp != nil, outputs: planOutputs, steps: steps)
    }

    var planOutputs: Mapping<WorkflowText> {
        let names = cdkApp == nil
            ? ["has-changes", "change-set-arn", "change-set-sha256", "change-set-type"]
            : ["has-changes", "change-sets"]
        var outputs: Mapping<WorkflowText> = ["stack-name": WorkflowText(.steps("prepare", output: "stack-name"))]
        for name in names { outputs[name] = WorkflowText(.steps("plan", output: name)) }
        return outputs
    }

    /// Executes exactly the reviewed change set, after the protected environment's approval.
    func executeJob(for environment: Environment) -> Job {
        let plan = planJobID(environment)
        var steps = executeJobSetUp(for: environment)
        if cdkApp != nil {
            steps.append(.run("Execute the reviewed change sets", id: "deploy", env: [
                "CHANGE_SETS": .expression(.needs(plan, output: "change-sets")),
            ], WorkflowText(Scripts.cdkExecute)))
        } else {
            steps.append(.run("Execute the reviewed change set", id: "deploy", env: [
                "STACK_NAME": .expression(.needs(plan, output: "stack-name")),
                "CHANGE_SET_ARN": .expression(.needs(plan, output: "change-set-arn")),
                "EXPECTED_CHANGE_SET_SHA256": .expression(.needs(plan, output: "change-set-sha256")),
                "CHANGE_SET_TYPE": .expression(.needs(plan, output: "change-set-type")),
            ], WorkflowText(Scripts.executeChangeSet)))
            steps += outputSteps(for: environment)
        }
        steps += notifySteps("Deploy of")
        let entry = executeEntry(for: environment)
        return environmentJob(deployJobID(environment), "Deploy \(environment.name) (reviewed change set)", for: environment, purpose: .deploy,
                              needs: entry.needs, condition: entry.condition, outputs: deployOutputs, steps: steps)
    }

    /// A job of one environment — its deploy, plan or execute job — bound to the GitHub environment of `purpose`
    /// (`<env>-plan` for a plan), on the environment's runner and in its concurrency group, allowed to assume
    /// that purpose's role.
    func environmentJob(_ id: String, _ name: WorkflowText, for environment: Environment, purpose: RolePurpose, needs: [String],
                        condition: Expression?, checkout: Bool = false, outputs: Mapping<WorkflowText>, steps: [Step]) -> Job {
        Job(
            id: id,
            name: name,
            needs: needs,
            condition: condition,
            runsOn: runner(for: environment).runsOn,
            environment: DeploymentEnvironment(WorkflowText(purpose == .plan ? environment.planEnvironment : environment.githubEnvironment)),
            permissions: permissions(checkout: checkout, assume: purpose == .plan ? Reason.assumePlanRole : Reason.assumeDeployRole),
            concurrency: concurrency(for: environment),
            outputs: outputs,
            timeoutMinutes: pipeline.runtime.deployTimeoutMinutes,
            steps: steps
        )
    }

    /// Uploads the plan's change-set descriptions (`change-set/`) as this run attempt's artifact.
    func uploadChangeSetStep(for environment: Environment, _ name: String) -> Step {
        .uses(WorkflowText(name), pins.reference("actions/upload-artifact"), with: [
            "name": .text("change-set-\(environment.name)-\(.github("run_attempt"))"),
            "path": "change-set/",
            "retention-days": .int(pipeline.build.retentionDays),
            "if-no-files-found": "error",
        ])
    }

    /// The first steps of a reviewed deploy's execute job: harden the runner, take the stack name the plan
    /// resolved, and assume the deploy role.
    func executeJobSetUp(for environment: Environment) -> [Step] {
        let prepare = Step.run("Resolve the stack name", id: "prepare", env: [
            "STACK_NAME": .expression(.needs(planJobID(environment), output: "stack-name")),
        ], WorkflowText(Scripts.sessionNameOnly))
        return hardenRunnerSteps + [prepare]
            + credentialSteps(role: environment.role, chainedRole: environment.chainedRole, region: region(of: environment), sessionName: sessionName)
    }
}
