/// PW007: actions/checkout leaves no token behind in `.git/config`.
struct CheckoutWithoutCredentials: PolicyRule {
    init() {}
    let id = "PW007"
    let name = "checkout-without-persisted-credentials"
    let title = "actions/checkout with `persist-credentials: false`"
    let severity = Severity.error
    let tags = ["security", "credentials"]
    let explanation = RuleExplanation(
        what: "Every step that uses actions/checkout must set the input `persist-credentials` to false.",
        why: "By default checkout writes the job's GITHUB_TOKEN into `.git/config`, where every later step, and anything that uploads the workspace as an artifact, can read it (the \"ArtiPACKED\" leak of 2024).",
        fix: "Add `with: { persist-credentials: false }` to the checkout step; pass a token explicitly to the one step that must push, if any."
    )

    func check(_ audit: WorkflowAudit) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        for job in audit.workflow.jobs {
            for (index, step) in job.steps.enumerated() where step.uses("actions/checkout") {
                if step.input("persist-credentials") != "false" {
                    findings.append(finding(audit, at: WorkflowPath.step(job, index), "checkout in job \(job.id) leaves the token in .git/config (persist-credentials is not false)"))
                }
            }
        }
        return findings
    }
}
