/// PW004: every `uses:` is pinned to a full commit SHA (and to the policy's override where one exists).
struct PinnedActions: PolicyRule {
    init() {}
    let id = "PW004"
    let name = "actions-pinned-to-sha"
    let title = "Every `uses:` pinned to a 40-hex commit SHA"
    let severity = Severity.error
    let tags = ["security", "supply-chain"]
    let explanation = RuleExplanation(
        what: "Each step's `uses:` and each job's reusable-workflow `uses:`: a repository reference must end in `@` and 40 lowercase hex digits; a `docker://` image must be pinned by `@sha256:` digest; local `./` references are exempt. When the policy overrides a repository's pin, the ref must be that commit.",
        why: "A tag such as `actions/checkout@v4` or a branch is mutable: whoever controls the action's repository (or steals its maintainer's token, as in the tj-actions/changed-files compromise of March 2025) can move it to code that reads the job's secrets and OIDC token.",
        fix: "Replace the tag with the commit it points to and keep the tag as a trailing comment: `uses: actions/checkout@<sha> # v6.1.0`. Pipewright's pin table, or the policy's `actionPins`, gives the verified commit."
    )

    func check(_ audit: WorkflowAudit) -> [Diagnostic] {
        let overrides = Dictionary(audit.policy.actionPins.map { ($0.repository.lowercased(), $0) }, uniquingKeysWith: { _, later in later })
        var findings: [Diagnostic] = []
        func inspect(_ reference: ActionReference, at path: String) {
            if reference.path.hasPrefix("./") { return }
            if reference.path.hasPrefix("docker://") {
                if !reference.path.containsBytes("@sha256:") {
                    findings.append(finding(audit, at: path, "\(reference.rendered) is not pinned to an image digest",
                                            hint: "Pin the image by digest: docker://image@sha256:<digest>."))
                }
                return
            }
            guard reference.isPinnedToCommit else {
                findings.append(finding(audit, at: path, "\(reference.rendered) is not pinned to a commit SHA"))
                return
            }
            if let repository = reference.repository?.lowercased(), let pin = overrides[repository], reference.ref != pin.commit {
                findings.append(finding(audit, at: path, "\(reference.rendered) is not the policy's pin for \(repository), \(pin.commit) (\(pin.version))",
                                        hint: "Use \(repository)@\(pin.commit) # \(pin.version), as the policy's actionPins require."))
            }
        }
        for job in audit.workflow.jobs {
            if let call = job.call { inspect(call.workflow, at: WorkflowPath.job(job) + ".uses") }
            for (index, step) in job.steps.enumerated() {
                if let reference = step.usedAction { inspect(reference, at: WorkflowPath.step(job, index) + ".uses") }
            }
        }
        return findings
    }
}
