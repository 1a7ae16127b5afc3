/// PW027: a job that changes stacks with AWS credentials is bound to a GitHub environment.
struct DeployJobsNeedEnvironment: PolicyRule {
    init() {}
    let id = "PW027"
    let name = "deploy-jobs-need-environment"
    let title = "Jobs that deploy to AWS are bound to an environment"
    let severity = Severity.error
    let tags = ["deployment", "security"]
    let explanation = RuleExplanation(
        what: "A job without `environment:` that uses aws-actions/configure-aws-credentials and changes a stack: `aws cloudformation deploy`, `create-stack`, `update-stack` or `execute-change-set`, `cdk deploy` (without `--method=prepare-change-set`), `sam deploy` (without `--no-execute-changeset`), or aws-cloudformation-github-deploy. Creating a change set for review is not a deploy; deleting a stack is PW024's.",
        why: "A GitHub environment is where a deploy is gated: required reviewers, the branches allowed to deploy, a wait timer, the environment's own secrets, and an OIDC subject (`repo:OWNER/REPO:environment:prod`) that a role's trust policy can require. A deploying job bound to none runs on whatever triggered it with nobody's approval, and can only assume a role trusted for the whole repository or branch. Hand-written workflows often have one `deploy` job for every environment, chosen by an input, and so no gate at all.",
        fix: "Give each deploying job `environment: <name>` (one job per environment, so each carries its own reviewers, secrets and role), set protection rules on the environment in the repository settings, and trust the role only from `repo:OWNER/REPO:environment:<name>`; Pipewright's deploy jobs do all of this."
    )

    func check(_ audit: WorkflowAudit) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        for job in audit.workflow.jobs where job.environment == nil && job.steps.contains(where: { $0.uses("aws-actions/configure-aws-credentials") }) {
            let operation = audit.stackOperations(of: job).first { $0.kind == .direct || $0.kind == .executeChangeSet }
            if let operation {
                findings.append(finding(audit, at: WorkflowPath.step(job, operation.stepIndex) + ".run", "job \(job.id) deploys with \(operation.name) but is bound to no environment"))
            } else if let index = job.steps.firstIndex(where: { $0.uses("aws-actions/aws-cloudformation-github-deploy") && !["1", "true"].contains($0.input("no-execute-changeset") ?? "") }) {
                findings.append(finding(audit, at: WorkflowPath.step(job, index), "job \(job.id) deploys with aws-cloudformation-github-deploy but is bound to no environment"))
            }
        }
        return findings
    }
}
