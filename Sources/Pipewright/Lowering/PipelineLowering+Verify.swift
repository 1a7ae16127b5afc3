/// The verification after a deploy: per environment with verify commands, a job `verify-<environment>` after
/// its deploy, bound to the unprotected GitHub environment `<environment>-verify` and assuming the read-only
/// verify role.
///
/// It reads the stacks' outputs itself with `describe-stacks` — what is deployed now, not job outputs passed
/// along, which GitHub drops when they hold a masked value — and runs each command with them in its
/// environment. The environments `after` this one need the job, so a failed verification stops promotion.
/// CloudFormation rolls back an update that fails, not one that completed: a failed verification fails the
/// run loudly, notifies, and says how to roll back, and changes nothing itself.
extension PipelineLowering {
    func verifyJobID(_ environment: Environment) -> String { "verify-" + environment.name }

    /// Whether the environment's deploy is verified.
    func verifies(_ environment: Environment) -> Bool { pipeline.verifies(environment) }

    /// The job that verifies the environment's deploy, when it has verify commands.
    ///
    /// It runs, in a run that deploys the environment, when the deploy succeeded, and, for a reviewed environment
    /// whose plan found nothing to change, after the plan: every environment this run deploys is verified before
    /// the next one starts.
    func verifyJob(for environment: Environment) -> Job? {
        let commands = pipeline.verifyCommands(for: environment)
        guard !commands.isEmpty else { return nil }
        let deploy = deployJobID(environment)
        var needs = [deploy]
        var ready = Expression.needsResult(deploy).equals("success")
        if environment.strategy.isReviewed {
            let plan = planJobID(environment)
            needs.insert(plan, at: 0)
            ready = ready || (Expression.needsResult(plan).equals("success") && Expression.needs(plan, output: "has-changes").equals("false"))
        }
        let region = region(of: environment)
        var steps = hardenRunnerSteps + [checkoutStep, prepareStep(for: environment)]
        steps += credentialSteps(role: environment.role(for: .verify), region: region, sessionName: sessionName)
        steps.append(.run("Read the stack outputs", env: [
            "AWS_REGION": .text(WorkflowText(region)),
            "VERIFY_STACKS": .text(verifiedStacks),
        ], WorkflowText(Scripts.readStackOutputs)))
        for (index, command) in commands.enumerated() {
            steps.append(.run("Verification command \(index + 1)", env: ["AWS_REGION": .text(WorkflowText(region))], WorkflowText(Scripts.command(command))))
        }
        steps.append(.run("Explain the failed verification", if: .failure(), env: [
            "ENVIRONMENT_NAME": .text(WorkflowText(environment.name)),
        ], WorkflowText(Scripts.explainFailedVerification)))
        steps += notifySteps("Verification of")
        return Job(
            id: verifyJobID(environment),
            name: "Verify \(environment.name)",
            needs: needs,
            // The environment's triggers restated: a job that assumes a role says itself when it runs, whatever
            // the status function lets it do after its needs.
            condition: !Expression.cancelled() && triggers(environment) && ready,
            runsOn: runner(for: environment).runsOn,
            environment: DeploymentEnvironment(WorkflowText(environment.verifyEnvironment)),
            permissions: permissions(checkout: true, assume: Reason.assumeVerifyRole),
            concurrency: concurrency(for: environment),
            timeoutMinutes: pipeline.runtime.jobTimeoutMinutes,
            steps: steps
        )
    }

    /// `VERIFY_STACKS`: a line per stack, `<name variable> <output prefix> <stack name>`, in deploy order; for
    /// the one stack of a pipeline without stacks, `STACK_NAME STACK_OUTPUT_ <stack name>`.
    var verifiedStacks: WorkflowText {
        guard !pipeline.stacks.isEmpty else {
            return WorkflowText(segments: [.literal("STACK_NAME STACK_OUTPUT_ "), .expression(.steps("prepare", output: "stack-name")), .literal("\n")])
        }
        var segments: [WorkflowText.Segment] = []
        for stack in orderedStacks {
            let label = Self.variableName(stack.name)
            segments.append(.literal("STACK_NAME_\(label) STACK_OUTPUT_\(label)_ "))
            segments += stackName(of: stack).segments
            segments.append(.literal("\n"))
        }
        return WorkflowText(segments: segments)
    }

    /// A stack's name as part of a variable name: uppercase, any other character than a letter or digit as `_`
    /// (`app-db` → `APP_DB`). Stack names hold lowercase letters, digits and `-`, so two stacks never share it.
    static func variableName(_ name: String) -> String {
        String(decoding: name.utf8.map { ASCII.isLower($0) ? $0 - 32 : ASCII.isDigit($0) || ASCII.isUpper($0) ? $0 : UInt8(ascii: "_") }, as: UTF8.self)
    }
}
