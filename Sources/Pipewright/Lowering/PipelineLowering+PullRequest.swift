/// The pull-request check: what can be checked without AWS, under no role.
extension PipelineLowering {
    /// Checks a pull request offline: the build commands, the CDK synth, cfn-lint over the template from its
    /// hash lock, and the validation commands. It has no `id-token` permission and assumes no role, since the
    /// CI role trusts only pushes to the deploy branches; packaging, encryption and CloudFormation's own
    /// validation need AWS and run on the push. It runs on GitHub's hosted runner unless the pipeline's runner
    /// is one or `runtime.pullRequestRunner` says otherwise (``RuntimeSettings/pullRequestJobRunner``).
    func pullRequestJob() -> Job {
        var steps = hardenRunnerSteps + [checkoutStep] + toolchainSteps(installScripts: true) + buildCommandSteps
        switch pipeline.infrastructure {
        case .cdk(let app):
            steps.append(synthStep(app))
            steps += cfnLintSteps(version: pipeline.validation.cfnLintVersion, synthesizedIn: app.directory == "." ? "cdk.out" : FilePaths.appending("cdk.out", to: app.directory))
        case .cloudFormation where !pipeline.stacks.isEmpty:
            steps += cfnLintSteps(version: pipeline.validation.cfnLintVersion, templateFiles: pipeline.stacksInDeployOrder.map(\.template.path))
        case .cloudFormation(let template):
            steps += cfnLintSteps(version: pipeline.validation.cfnLintVersion, templateFile: .text(WorkflowText(template.path)))
        case .containerService(let service):
            steps += cfnLintSteps(version: pipeline.validation.cfnLintVersion, templateFile: .text(WorkflowText(service.template.path)))
        case .sam(let app):
            // cfn-lint reads the Serverless transform itself, so the source template is linted without `sam build`.
            steps += cfnLintSteps(version: pipeline.validation.cfnLintVersion, templateFile: .text(WorkflowText(app.template)))
        }
        steps += validationCommandSteps
        return Job(
            id: "pull-request",
            name: "Check the pull request (offline)",
            condition: isPullRequest,
            runsOn: pipeline.runtime.pullRequestJobRunner.runsOn,
            permissions: permissions(checkout: true, assume: nil),
            timeoutMinutes: pipeline.runtime.jobTimeoutMinutes,
            steps: steps
        )
    }
}
