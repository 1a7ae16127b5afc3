/// PW024: stacks are deleted only by jobs bound to a `-destroy` environment.
struct DestroyOnlyInDestroyEnvironments: PolicyRule {
    init() {}
    let id = "PW024"
    let name = "destroy-only-in-destroy-environments"
    let title = "Stack deletion only in jobs bound to a `-destroy` environment"
    let severity = Severity.error
    let tags = ["deployment", "security"]
    let explanation = RuleExplanation(
        what: "A job that runs `aws cloudformation delete-stack`, `cdk destroy` or `sam delete` must be bound to a GitHub environment whose name ends in `-destroy` (an expression counts when its text does).",
        why: "Deleting a stack deletes its resources, and the data of those without retention policies. The bootstrap trusts its destroy roles only from the `<env>-destroy` environments, which carry required reviewers, so a person approves every destroy; a delete elsewhere runs without that approval, with a role that was never meant to delete, or fails in AWS after the run has started.",
        fix: "Delete stacks only in a job bound to the environment's `-destroy` GitHub environment, with required reviewers on it: Pipewright's `destroy-<env>` jobs (`destroy` in pipewright.json, `DestroySettings()` in Swift); for a workflow Pipewright generated, undo the hand edit with `pipewright generate`."
    )

    func check(_ audit: WorkflowAudit) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        for job in audit.workflow.jobs {
            let environment = job.environmentName
            guard !(environment?.hasSuffix("-destroy") ?? false) else { continue }
            let place = environment.map { "in \($0), which is not a -destroy environment" } ?? "in a job bound to no environment"
            for operation in audit.stackOperations(of: job) where operation.kind == .delete {
                findings.append(finding(audit, at: WorkflowPath.step(job, operation.stepIndex) + ".run",
                                        "job \(job.id) runs \(operation.name) \(place)"))
            }
        }
        return findings
    }
}
