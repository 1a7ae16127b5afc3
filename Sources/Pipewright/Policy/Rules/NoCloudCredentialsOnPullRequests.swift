/// PW023: no job a pull request can run may mint an OIDC token or configure AWS credentials.
struct NoCloudCredentialsOnPullRequests: PolicyRule {
    init() {}
    let id = "PW023"
    let name = "no-cloud-credentials-on-pull-requests"
    let title = "Jobs that can run on `pull_request` or `pull_request_target` neither request `id-token: write` nor configure AWS credentials"
    let severity = Severity.error
    let tags = ["security", "permissions"]
    let explanation = RuleExplanation(
        what: "In a workflow triggered by `pull_request` or `pull_request_target`, every job that can run on such an event — its `if:` does not rule the event out by comparing `github.event_name`, and, unless the condition calls a status function, every job it needs can run too — must not grant `id-token: write` (its own permissions or, inherited, the workflow's) and must not use aws-actions/configure-aws-credentials.",
        why: "Whoever opens a pull request chooses the code a `pull_request` run executes, and `pull_request_target` runs with the base repository's privileges one checkout away from it. A token minted there is a credential for every cloud whose trust admits the pull request's subject; a role trusted too broadly (`repo:OWNER/REPO:*`) hands AWS to the pull request. Pipewright's design validates pull requests offline: no role trusts a pull request, and no pull-request job should ask.",
        fix: "Validate pull requests without AWS (cfn-lint, cdk synth, unit tests). Give `id-token: write` and configure-aws-credentials only to jobs that cannot run on a pull request: add `if: github.event_name == 'push'` (or `!= 'pull_request'`) to the job, or move it to a workflow that pull requests do not trigger."
    )

    static let events = ["pull_request", "pull_request_target"]

    func check(_ audit: WorkflowAudit) -> [Diagnostic] {
        let workflow = audit.workflow
        let events = Self.events.filter(workflow.on.eventNames.contains)
        guard !events.isEmpty else { return [] }
        var findings: [Diagnostic] = []
        for job in workflow.jobs {
            guard let event = events.first(where: { workflow.canRun(job, on: $0) }) else { continue }
            if job.effectivePermissions(in: workflow)?.level(of: .idToken) == .write {
                findings.append(finding(audit, at: OIDCTokenScope.grantPath(of: job, in: workflow),
                                        "job \(job.id) can run on \(event) and can mint an OIDC token (id-token: write)"))
            }
            for (index, step) in job.steps.enumerated() where step.uses("aws-actions/configure-aws-credentials") {
                findings.append(finding(audit, at: WorkflowPath.step(job, index), "job \(job.id) can run on \(event) and configures AWS credentials"))
            }
        }
        return findings
    }
}
