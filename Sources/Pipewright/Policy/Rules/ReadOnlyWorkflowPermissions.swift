/// PW003: the workflow's own `permissions:` grant nothing that writes.
struct ReadOnlyWorkflowPermissions: PolicyRule {
    init() {}
    let id = "PW003"
    let name = "no-workflow-level-write"
    let title = "No write permissions at workflow level; grant them per job"
    let severity = Severity.error
    let tags = ["security", "permissions"]
    let explanation = RuleExplanation(
        what: "The top-level `permissions:`: it must be present, and must not be `write-all` or grant `write` to any scope.",
        why: "Without a top-level `permissions:` every job gets the repository's default token, which can be write-all; a write grant at the top (`id-token: write` included) reaches every job, including the ones that run third-party code on pull requests.",
        fix: "Write `permissions: {}` (or read-only scopes) at the top and grant each job only what it needs, with the reason, in the job's own `permissions:`."
    )

    func check(_ audit: WorkflowAudit) -> [Diagnostic] {
        switch audit.workflow.permissions {
        case nil:
            return [finding(audit, at: "on", "the workflow sets no top-level permissions, so every job gets the repository's default token, which may be write-all",
                            hint: "Add `permissions: {}` at the top and grant each job what it needs.")]
        case .writeAll?:
            return [finding(audit, at: "permissions", "the workflow grants write-all to every job")]
        case .scopes(let grants)?:
            return grants.filter { $0.level == .write }.sorted { $0.scope < $1.scope }.map {
                finding(audit, at: "permissions." + $0.scope.rawValue, "the workflow grants \($0.scope.rawValue): write to every job")
            }
        case .empty?, .readAll?:
            return []
        }
    }
}
