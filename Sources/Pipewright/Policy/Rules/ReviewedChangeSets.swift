/// PW009: production changes only through a change set that an earlier job created and a person reviewed.
struct ReviewedChangeSets: PolicyRule {
    init() {}
    let id = "PW009"
    let name = "production-deploys-by-reviewed-change-set"
    let title = "Production deploys execute a change set created by an earlier job"
    let severity = Severity.error
    let tags = ["deployment", "policy"]
    let explanation = RuleExplanation(
        what: "Jobs bound to an environment the policy lists in `reviewedChangeSetEnvironments` (default `prod`, `production`; an environment chosen by an expression counts too): no direct stack change (`aws cloudformation deploy`, `create-stack`, `update-stack`, `cdk deploy` without `--method=prepare-change-set`, `sam deploy` without `--no-execute-changeset`, aws-cloudformation-github-deploy without `no-execute-changeset`), no change set created and executed in the same job, and an `execute-change-set` only when a job it needs (directly or not) created the change set. In the pipeline, such environments must deploy by reviewed change set (`\"strategy\": \"changeSet\"`, `.changeSet(review: true)`).",
        why: "A direct deploy applies an update before anyone can see what it does, such as replacing a database. A change set created in one job and executed in the next, behind the environment's required reviewers, lets a person read exactly what will change.",
        fix: "Deploy the environment by reviewed change set (`\"strategy\": \"changeSet\"` in pipewright.json, `strategy: .changeSet(review: true)` in Swift; Pipewright then writes a plan job and an approval-gated execute job), or split your own job into a create-change-set job and an execute job bound to the protected environment."
    )

    func check(_ audit: WorkflowAudit) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        let workflow = audit.workflow
        for job in workflow.jobs {
            guard let environment = job.environmentName,
                  job.hasDynamicEnvironment || audit.policy.requiresReviewedChangeSet(environment) else { continue }
            let operations = audit.stackOperations(of: job)
            for operation in operations where operation.kind == .direct {
                findings.append(finding(audit, at: WorkflowPath.step(job, operation.stepIndex) + ".run",
                                        "job \(job.id) deploys to \(environment) with \(operation.name), which applies changes without a reviewed change set"))
            }
            for (index, step) in job.steps.enumerated() where step.uses("aws-actions/aws-cloudformation-github-deploy") {
                if !["1", "true"].contains(step.input("no-execute-changeset") ?? "") {
                    findings.append(finding(audit, at: WorkflowPath.step(job, index), "job \(job.id) deploys to \(environment) with aws-cloudformation-github-deploy, which executes its change set at once"))
                }
            }
            guard let execute = operations.first(where: { $0.kind == .executeChangeSet }) else { continue }
            let path = WorkflowPath.step(job, execute.stepIndex) + ".run"
            if operations.contains(where: { $0.kind == .createChangeSet }) {
                findings.append(finding(audit, at: path, "job \(job.id) creates and executes its change set in the same job, so nobody reviews it before it runs"))
            } else if !workflow.ancestors(of: job).contains(where: { audit.stackOperations(of: $0).contains { $0.kind == .createChangeSet } }) {
                findings.append(finding(audit, at: path, "job \(job.id) executes a change set that no job it needs created"))
            }
        }
        return findings
    }

    func check(pipeline: Pipeline, policy: Policy, file: String) -> [Diagnostic] {
        pipeline.environments.enumerated().compactMap { index, environment in
            guard policy.requiresReviewedChangeSet(environment.name) || policy.requiresReviewedChangeSet(environment.githubEnvironment),
                  !environment.strategy.isReviewed else { return nil }
            return finding(file: file, at: "environments[\(index)].strategy", "environment \(environment.name) must deploy by reviewed change set, but its strategy is \(environment.strategy)",
                           fix: PipelineFix(json: "Set `environments[\(index)].strategy` to \"changeSet\": Pipewright then writes a plan job and an approval-gated execute job.",
                                            dsl: "Pass `strategy: .changeSet(review: true)` to `Environment(\"\(environment.name)\", …)`: Pipewright then writes a plan job and an approval-gated execute job."))
        }
    }
}
