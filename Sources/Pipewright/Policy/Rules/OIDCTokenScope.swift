/// PW002: `id-token: write` exactly where a job assumes a role.
struct OIDCTokenScope: PolicyRule {
    init() {}
    let id = "PW002"
    let name = "oidc-token-only-where-assumed"
    let title = "`id-token: write` only in jobs that assume an AWS role (or sign an attestation), and in every job that assumes one"
    let severity = Severity.error
    let tags = ["security", "permissions"]
    let explanation = RuleExplanation(
        what: "For each job that runs steps, its effective permissions (its own, else the workflow's): a job that grants `id-token: write` must have a configure-aws-credentials step with `role-to-assume`, or a step that signs an attestation with the job's OIDC identity (actions/attest-build-provenance, actions/attest); a job with a configure-aws-credentials step must grant `id-token: write`.",
        why: "Without `id-token: write` a job cannot assume its role; granted workflow-wide, every job can. An OIDC token is a credential: any step of a job that can mint one (a compromised action, an injected script) can present it to every cloud that trusts the repository. Only jobs that assume a role should be able to.",
        fix: "Grant `id-token: write` in the `permissions:` of the jobs that assume a role or sign an attestation, and nowhere else; keep the workflow's top-level `permissions: {}`."
    )

    func check(_ audit: WorkflowAudit) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        for job in audit.workflow.jobs where job.call == nil && !job.steps.isEmpty {
            let grants = job.effectivePermissions(in: audit.workflow)?.level(of: .idToken) == .write
            let assumes = job.steps.contains(where: \.assumesRole)
            // Signing an attestation (Sigstore) needs the job's OIDC token as much as assuming a role does.
            if grants && !assumes && !job.steps.contains(where: \.signsWithOIDCIdentity) {
                findings.append(finding(audit, at: Self.grantPath(of: job, in: audit.workflow),
                                        "job \(job.id) can mint an OIDC token (id-token: write) but assumes no AWS role"))
            } else if assumes && !grants {
                let index = job.steps.firstIndex(where: \.assumesRole)!
                findings.append(finding(audit, at: WorkflowPath.step(job, index),
                                        "job \(job.id) assumes an AWS role but does not grant id-token: write, so it cannot get an OIDC token",
                                        hint: "Add `id-token: write` to the job's permissions."))
            }
        }
        return findings
    }

    /// Where the grant is written: the job's `permissions.id-token`, or the workflow's when the job inherits it.
    static func grantPath(of job: Job, in workflow: Workflow) -> String {
        let (base, permissions) = job.permissions.map { (WorkflowPath.job(job) + ".permissions", $0) } ?? ("permissions", workflow.permissions)
        if case .scopes? = permissions { return base + ".id-token" }
        return base
    }
}
