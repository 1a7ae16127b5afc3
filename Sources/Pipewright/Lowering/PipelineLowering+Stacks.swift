/// A pipeline of several stacks: per environment, still one deploy job (or one plan and one execute job), with
/// one step per stack in deploy order.
///
/// One job per environment, not one per stack: the trust design is per environment (one role per purpose, one
/// GitHub environment, one approval, one concurrency group), and a stack's outputs reach the stacks that read
/// them inside the job, read with `describe-stacks`, never through job outputs, which GitHub drops when they hold
/// a masked value such as an account id. Independent stacks therefore deploy one after another.
extension PipelineLowering {
    /// The stack name of one of several stacks: `<prefix>-<environment>[-<suffix>]-<stack>`, from the job's
    /// `prepare` step.
    func stackName(of stack: Stack) -> WorkflowText {
        WorkflowText(segments: [.expression(.steps("prepare", output: "stack-name")), .literal("-" + stack.name)])
    }

    /// The stacks in deploy order.
    var orderedStacks: [Stack] { pipeline.stacksInDeployOrder }

    /// A stack's template inside the bundle: `stacks/<name>.<extension of the source>`.
    func bundledTemplate(of stack: Stack) -> String {
        "stacks/" + stack.name + "." + Self.fileExtension(stack.template.path)
    }

    /// The part after the last `.` of a path's last component, or `yaml`.
    static func fileExtension(_ path: String) -> String {
        let name = path.split(separator: "/").last ?? Substring(path)
        let parts = name.split(separator: ".")
        return parts.count > 1 ? String(parts.last!) : "yaml"
    }

    /// The parameters one stack receives in one environment: its own, with the environment's `<stack>.<Key>`
    /// values replacing or adding to them.
    func parameters(of stack: Stack, in environment: Environment) -> [Parameter] {
        var result = stack.parameters
        for parameter in environment.parameters where parameter.key.hasPrefix(stack.name + ".") {
            let key = String(parameter.key.dropFirst(stack.name.utf8.count + 1))
            let own = Parameter(key, parameter.source)
            if let index = result.firstIndex(where: { $0.key == key }) { result[index] = own } else { result.append(own) }
        }
        return result
    }

    /// The environment of a step that creates one stack's change set: the stack's name, template, capabilities,
    /// tags and parameters; `OUTPUT_PARAMETER_<key>` holds `<stack name> <output key>` for each output it reads.
    func changeSetEnvironment(for environment: Environment, stack: Stack) -> Mapping<WorkflowValue> {
        var tags = environment
        tags.tags += stack.tags
        var env: Mapping<WorkflowValue> = [
            "STACK_NAME": .text(stackName(of: stack)),
            "STACK_LABEL": .text(WorkflowText(stack.name)),
            "TEMPLATE_FILE": .text(WorkflowText("artifact/bundle/" + bundledTemplate(of: stack))),
            "CAPABILITIES": .text(WorkflowText(stack.template.capabilities.map(\.rawValue).joined(separator: " "))),
            "STACK_TAGS": .text(stackTags(for: tags)),
            "CFN_EXECUTION_ROLE_ARN": .text(WorkflowText(BootstrapNaming.executionRoleARN(pipeline, environment))),
        ]
        let parameters = parameters(of: stack, in: environment)
        for (key, value) in stackParameters(parameters.filter { !$0.isOutput }, image: false) { env[key] = value }
        for (key, value) in outputParameters(parameters) { env[key] = value }
        return env
    }

    /// `OUTPUT_PARAMETER_KEYS` and `OUTPUT_PARAMETER_<key>` (`<stack name> <output key>`) for the parameters that
    /// read other stacks' outputs; nothing when there are none.
    func outputParameters(_ parameters: [Parameter]) -> Mapping<WorkflowValue> {
        var env = Mapping<WorkflowValue>()
        var keys: [String] = []
        for parameter in parameters {
            guard case .output(let name, let output) = parameter.source, let source = pipeline.stacks.first(where: { $0.name == name }) else { continue }
            env["OUTPUT_PARAMETER_" + parameter.key] = .text(WorkflowText(segments: stackName(of: source).segments + [.literal(" " + output)]))
            keys.append(parameter.key)
        }
        guard !keys.isEmpty else { return env }
        var result: Mapping<WorkflowValue> = ["OUTPUT_PARAMETER_KEYS": .text(WorkflowText(keys.joined(separator: " ")))]
        for (key, value) in env { result[key] = value }
        return result
    }

    // MARK: - Jobs

    /// Direct strategy: each stack's change set created and executed in turn, its outputs captured.
    func directStacksDeployJob(for environment: Environment) -> Job {
        let entry = entry(for: environment)
        var steps = changeSetJobSteps(for: environment, purpose: .deploy)
        var outputs: Mapping<WorkflowText> = ["stack-name": WorkflowText(.steps("prepare", output: "stack-name"))]
        for stack in orderedStacks {
            steps.append(.run("Deploy stack \(stack.name) with a change set", id: "deploy-" + stack.name,
                              env: changeSetEnvironment(for: environment, stack: stack), WorkflowText(Scripts.deployStackDirect)))
            steps.append(captureOutputsStep(for: environment, stack: stack))
            outputs["status-" + stack.name] = WorkflowText(.steps("deploy-" + stack.name, output: "status"))
            outputs["stack-status-" + stack.name] = WorkflowText(.steps("outputs-" + stack.name, output: "stack-status"))
        }
        steps.append(uploadOutputsStep(for: environment))
        steps.append(deleteBundleStep)
        steps += notifySteps("Deploy of")
        return environmentJob(deployJobID(environment), "Deploy \(environment.name)", for: environment, purpose: .deploy,
                              needs: entry.needs, condition: entry.condition, outputs: outputs, steps: steps)
    }

    func captureOutputsStep(for environment: Environment, stack: Stack) -> Step {
        .run("Capture the outputs of stack \(stack.name)", id: "outputs-" + stack.name, env: [
            "STACK_NAME": .text(stackName(of: stack)),
            "STACK_LABEL": .text(WorkflowText(stack.name)),
            "ENVIRONMENT_NAME": .text(WorkflowText(environment.name)),
        ], WorkflowText(Scripts.captureStackOutputs))
    }

    /// Reviewed strategy, first job: every stack's change set, created in deploy order against the current
    /// outputs of the stacks it reads, and one summary of them all.
    func stacksPlanJob(for environment: Environment) -> Job {
        let entry = entry(for: environment)
        var steps = changeSetJobSteps(for: environment, purpose: .plan)
        var outputs: Mapping<WorkflowText> = [
            "stack-name": WorkflowText(.steps("prepare", output: "stack-name")),
            "has-changes": WorkflowText(.steps("summary", output: "has-changes")),
        ]
        var results: [WorkflowText.Segment] = []
        for stack in orderedStacks {
            let id = "plan-" + stack.name
            steps.append(.run("Create the change set of stack \(stack.name)", id: id,
                              env: changeSetEnvironment(for: environment, stack: stack), WorkflowText(Scripts.planStackChangeSet)))
            for name in ["has-changes", "pending", "change-set-arn", "change-set-sha256", "change-set-type", "inputs-sha256"] {
                outputs[name + "-" + stack.name] = WorkflowText(.steps(id, output: name))
            }
            if !results.isEmpty { results.append(.literal(" ")) }
            results.append(.expression(.steps(id, output: "has-changes")))
        }
        steps.append(.run("Summarize the change sets", id: "summary", env: [
            "ENVIRONMENT_NAME": .text(WorkflowText(environment.name)),
            "STACK_LABELS": .text(WorkflowText(orderedStacks.map(\.name).joined(separator: " "))),
            "STACK_RESULTS": .text(WorkflowText(segments: results)),
        ], WorkflowText(Scripts.summarizeChangeSets)))
        steps.append(uploadChangeSetStep(for: environment, "Upload the change set descriptions"))
        steps.append(deleteBundleStep)
        return environmentJob(planJobID(environment), "Plan \(environment.name) (change sets)", for: environment, purpose: .plan,
                              needs: entry.needs, condition: entry.condition, outputs: outputs, steps: steps)
    }

    /// Reviewed strategy, second job, after one approval: every reviewed change set verified first, then each
    /// executed in deploy order, refused if the outputs it reads changed since the plan.
    func stacksExecuteJob(for environment: Environment) -> Job {
        let plan = planJobID(environment)
        var steps = executeJobSetUp(for: environment)
        var reviewed: [WorkflowText.Segment] = []
        for stack in orderedStacks {
            reviewed += stackName(of: stack).segments + [.literal(" "), .expression(.needs(plan, output: "change-set-arn-" + stack.name)), .literal(" "),
                                                         .expression(.needs(plan, output: "change-set-sha256-" + stack.name)), .literal("\n")]
        }
        steps.append(.run("Verify every reviewed change set", env: ["REVIEWED_CHANGE_SETS": .text(WorkflowText(segments: reviewed))],
                          WorkflowText(Scripts.verifyReviewedChangeSets)))
        var outputs: Mapping<WorkflowText> = ["stack-name": WorkflowText(.steps("prepare", output: "stack-name"))]
        for stack in orderedStacks {
            var env: Mapping<WorkflowValue> = [
                "STACK_NAME": .text(stackName(of: stack)),
                "HAS_CHANGES": .expression(.needs(plan, output: "has-changes-" + stack.name)),
                "PENDING": .expression(.needs(plan, output: "pending-" + stack.name)),
                "CHANGE_SET_ARN": .expression(.needs(plan, output: "change-set-arn-" + stack.name)),
                "EXPECTED_CHANGE_SET_SHA256": .expression(.needs(plan, output: "change-set-sha256-" + stack.name)),
                "CHANGE_SET_TYPE": .expression(.needs(plan, output: "change-set-type-" + stack.name)),
                "EXPECTED_INPUTS_SHA256": .expression(.needs(plan, output: "inputs-sha256-" + stack.name)),
            ]
            for (key, value) in outputParameters(parameters(of: stack, in: environment)) { env[key] = value }
            steps.append(.run("Execute the reviewed change set of stack \(stack.name)", id: "deploy-" + stack.name, env: env,
                              WorkflowText(Scripts.executeStackChangeSet)))
            steps.append(captureOutputsStep(for: environment, stack: stack))
            outputs["status-" + stack.name] = WorkflowText(.steps("deploy-" + stack.name, output: "status"))
            outputs["stack-status-" + stack.name] = WorkflowText(.steps("outputs-" + stack.name, output: "stack-status"))
        }
        steps.append(uploadOutputsStep(for: environment))
        steps += notifySteps("Deploy of")
        let entry = executeEntry(for: environment)
        return environmentJob(deployJobID(environment), "Deploy \(environment.name) (reviewed change sets)", for: environment, purpose: .deploy,
                              needs: entry.needs, condition: entry.condition, outputs: outputs, steps: steps)
    }

    /// Deletes every stack of the environment, last deployed first, after the typed confirmation.
    func stacksDestroyStep() -> Step {
        var names: [WorkflowText.Segment] = []
        for stack in orderedStacks.reversed() {
            if !names.isEmpty { names.append(.literal(" ")) }
            names += stackName(of: stack).segments
        }
        return .run("Delete the stacks", id: "destroy", env: [
            "STACK_NAMES": .text(WorkflowText(segments: names)),
        ], WorkflowText(Scripts.destroyStacks))
    }

    /// Drift detection of each stack; a drifted stack does not stop the others' checks.
    func stacksDriftSteps() -> [Step] {
        orderedStacks.enumerated().map { index, stack in
            .run("Detect drift of stack \(stack.name)", id: "drift-" + stack.name, if: index == 0 ? nil : !.cancelled(),
                 env: ["STACK_NAME": .text(stackName(of: stack))], WorkflowText(Scripts.detectDrift))
        }
    }

    /// Copies each stack's template into the bundle.
    func stacksPackageStep() -> Step {
        let lines = orderedStacks.map { $0.template.path + " " + bundledTemplate(of: $0) + "\n" }.joined()
        return .run("Package the templates", id: "package", env: [
            "STACK_TEMPLATES": .text(WorkflowText(lines)),
            "ARTIFACT_PREFIX": .text(WorkflowText(pipeline.fileSlug)),
        ], WorkflowText(Scripts.packageStackTemplates))
    }

    /// CloudFormation's own validation of each stack's template, and cfn-lint over them all.
    func stacksValidationSteps(_ validation: ValidationSettings) -> [Step] {
        var steps: [Step] = []
        if validation.validateTemplate {
            for stack in orderedStacks {
                steps.append(.run("Validate the template of stack \(stack.name) with CloudFormation", env: [
                    "TEMPLATE_FILE": .text(WorkflowText("artifact/bundle/" + bundledTemplate(of: stack))),
                ], WorkflowText(Scripts.validateTemplate)))
            }
        }
        return steps + cfnLintSteps(version: validation.cfnLintVersion, templateFiles: orderedStacks.map { "artifact/bundle/" + bundledTemplate(of: $0) })
    }

    /// cfn-lint from its hash lock over several templates, when a version is set.
    func cfnLintSteps(version: String?, templateFiles: [String]) -> [Step] {
        guard let version, let lock = ToolLocks.cfnLint[version] else { return [] }
        return [.run("Lint the templates with cfn-lint \(version)", env: [
            "TEMPLATE_FILES": .text(WorkflowText(templateFiles.joined(separator: " "))),
        ], WorkflowText(Scripts.cfnLintTemplates(lock: lock)))]
    }
}

extension Parameter {
    /// Whether the value is another stack's output.
    var isOutput: Bool {
        if case .output = source { true } else { false }
    }
}
