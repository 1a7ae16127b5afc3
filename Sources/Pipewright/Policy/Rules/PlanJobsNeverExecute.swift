/// PW022: a job bound to a plan environment (`<env>-plan`) creates the change set and never applies it.
struct PlanJobsNeverExecute: PolicyRule {
    init() {}
    let id = "PW022"
    let name = "plan-jobs-never-execute"
    let title = "Jobs bound to a `-plan` environment create change sets and never execute them"
    let severity = Severity.error
    let tags = ["deployment", "security"]
    let explanation = RuleExplanation(
        what: "Jobs bound to a GitHub environment whose name ends in `-plan` (an expression counts when its text does): no `aws cloudformation execute-change-set`, no direct stack change (`aws cloudformation deploy`, `create-stack`, `update-stack`, `cdk deploy` without `--no-execute` or `--method=prepare-change-set`, `sam deploy` without `--no-execute-changeset`), and no aws-cloudformation-github-deploy without `no-execute-changeset`.",
        why: "A reviewed deploy plans in `<env>-plan`, an environment without required reviewers so the change set is ready before anyone approves, and executes in `<env>`, behind the reviewers. A plan job that executes or deploys applies changes nobody approved. The bootstrap's plan role cannot execute, so such a job fails in AWS; the audit says so before it runs, and says so for roles that were not made by the bootstrap.",
        fix: "Keep the plan job to creating the change set (`aws cloudformation create-change-set`, `cdk deploy --method=prepare-change-set`, `sam deploy --no-execute-changeset`) and execute it in a later job bound to the protected environment; for a workflow Pipewright generated, undo the hand edit with `pipewright generate`."
    )

    func check(_ audit: WorkflowAudit) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        for job in audit.workflow.jobs {
            guard let environment = job.environmentName, environment.hasSuffix("-plan") else { continue }
            for operation in audit.stackOperations(of: job) where operation.kind == .executeChangeSet || operation.kind == .direct {
                let does = operation.kind == .direct ? "applies changes at once" : "executes the change set"
                findings.append(finding(audit, at: WorkflowPath.step(job, operation.stepIndex) + ".run",
                                        "job \(job.id) is bound to the plan environment \(environment) but runs \(operation.name), which \(does)"))
            }
            for (index, step) in job.steps.enumerated() where step.uses("aws-actions/aws-cloudformation-github-deploy") {
                if !["1", "true"].contains(step.input("no-execute-changeset") ?? "") {
                    findings.append(finding(audit, at: WorkflowPath.step(job, index),
                                            "job \(job.id) is bound to the plan environment \(environment) but runs aws-cloudformation-github-deploy, which executes its change set at once"))
                }
            }
        }
        return findings
    }
}
