/// PW013: privileged triggers never check out code from a pull request.
struct UntrustedCheckout: PolicyRule {
    init() {}
    let id = "PW013"
    let name = "no-untrusted-checkout-on-privileged-triggers"
    let title = "No `pull_request_target` or `workflow_run` workflow that checks out untrusted refs"
    let severity = Severity.error
    let tags = ["security", "injection"]
    let explanation = RuleExplanation(
        what: "In a workflow triggered by `pull_request_target` or `workflow_run`: any checkout whose `ref` or `repository` input names the pull request's or triggering run's head (`github.event.pull_request.head.*`, `github.head_ref`, `github.event.workflow_run.head_*`, `refs/pull/…`, `merge_commit_sha`), and any script that fetches or checks out such a ref (`git fetch … pull/…`, `git checkout` of a head ref, `gh pr checkout`).",
        why: "These triggers run with the base repository's secrets and a write token even for a fork's pull request. Checking out and building the fork's code hands both to the attacker (the \"pwn request\" pattern GitHub Security Lab documented in 2021, behind many supply-chain compromises since).",
        fix: "Build untrusted code under `pull_request`, which has no secrets; if a privileged follow-up is needed, pass data (not code) through an artifact and treat it as untrusted input."
    )

    static let untrustedMarkers = [
        "github.event.pull_request.head.", "github.head_ref", "github.event.workflow_run.head_", "refs/pull/",
        "github.event.pull_request.merge_commit_sha", "github.event.workflow_run.pull_requests",
    ]

    func check(_ audit: WorkflowAudit) -> [Diagnostic] {
        let events = audit.workflow.on.eventNames.filter { $0 == "pull_request_target" || $0 == "workflow_run" }
        guard let event = events.first else { return [] }
        var findings: [Diagnostic] = []
        for job in audit.workflow.jobs {
            for (index, step) in job.steps.enumerated() {
                let path = WorkflowPath.step(job, index)
                if step.uses("actions/checkout"), let input = ["ref", "repository"].first(where: { Self.isUntrusted(step.input($0) ?? "") }) {
                    findings.append(finding(audit, at: path + ".with." + input, "a \(event) workflow checks out the untrusted ref \(step.input(input)!) in job \(job.id)"))
                }
                for command in audit.commands(of: step) where Self.fetchesUntrusted(command, scopes: [step.env, job.env, audit.workflow.env]) {
                    findings.append(finding(audit, at: path + ".run", "a \(event) workflow fetches untrusted pull request code in job \(job.id): \(command.words.joined(separator: " "))"))
                }
            }
            for entry in job.steps.enumerated().flatMap({ index, step in step.extra.map { (index, $0) } }) {
                for (path, text) in entry.1.value.strings(under: WorkflowPath.step(job, entry.0) + "." + entry.1.key) where Self.isUntrusted(text) {
                    findings.append(finding(audit, at: path, "a \(event) workflow passes the untrusted ref \(text) in job \(job.id)"))
                }
            }
        }
        return findings
    }

    static func isUntrusted(_ text: String) -> Bool { untrustedMarkers.contains { text.containsBytes($0) } }

    static func fetchesUntrusted(_ command: ScriptCommand, scopes: [Mapping<WorkflowValue>]) -> Bool {
        if command.program == "gh", command.arguments.starts(with: ["pr", "checkout"]) { return true }
        guard command.program == "git", let operation = command.arguments.first, ["fetch", "checkout", "pull", "switch"].contains(operation) else { return false }
        return command.arguments.dropFirst().contains { word in
            if isUntrusted(word) || word.containsBytes("pull/") { return true }
            return word.hasPrefix("$") && isUntrusted(ScriptCommand.resolve(word, in: scopes))
        }
    }
}
