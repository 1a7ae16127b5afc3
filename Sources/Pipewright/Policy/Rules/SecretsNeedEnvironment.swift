/// PW006: secrets are read only in jobs bound to a GitHub environment.
struct SecretsNeedEnvironment: PolicyRule {
    init() {}
    let id = "PW006"
    let name = "secrets-only-in-environment-jobs"
    let title = "Secrets only in jobs bound to an environment"
    let severity = Severity.error
    let tags = ["security", "secrets"]
    let explanation = RuleExplanation(
        what: "Every string of the workflow, escape-hatch keys included, for `secrets.<NAME>` inside `${{ }}` (`GITHUB_TOKEN` exempt): in the top-level `env:` or in a job without `environment:` it is a finding. `secrets: inherit` on a reusable-workflow call without an environment is one too.",
        why: "A deploy secret read in a job without an environment is unprotected: a repository secret reaches any job of any workflow, including one a pull request edits; an environment secret reaches only jobs bound to that environment, after its protection rules (required reviewers, branch filters) pass.",
        fix: "Store the secret in the GitHub environment and bind the job that reads it with `environment:`; prefer variables (`vars.`) for values that are not secret, such as role ARNs."
    )

    func check(_ audit: WorkflowAudit) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        let node = audit.workflow.yamlNode
        guard case .mapping(let entries) = node else { return [] }
        for entry in entries where entry.key != "jobs" {
            for (path, text) in entry.value.strings(under: entry.key) {
                if let name = Self.secretName(in: text) {
                    findings.append(finding(audit, at: path, "secrets.\(name) is read outside any job, so every job of the workflow sees it"))
                }
            }
        }
        for job in audit.workflow.jobs where job.environment == nil {
            if case .inherit? = job.call?.secrets {
                findings.append(finding(audit, at: WorkflowPath.job(job) + ".secrets", "job \(job.id) passes every secret to a reusable workflow without an environment"))
            }
            for (path, text) in job.yamlNode.strings(under: WorkflowPath.job(job)) {
                if let name = Self.secretName(in: text) {
                    findings.append(finding(audit, at: path, "job \(job.id) reads secrets.\(name) but is not bound to an environment"))
                }
            }
        }
        return findings
    }

    /// The first secret named inside a `${{ }}` of the text, other than `GITHUB_TOKEN`.
    static func secretName(in text: String) -> String? {
        var rest = Substring(text)
        while let open = rest.firstByteRange(of: "${{") {
            let body = rest[open.upperBound...]
            let close = body.firstByteRange(of: "}}")?.lowerBound ?? body.endIndex
            var expression = body[..<close]
            while let found = expression.firstByteRange(of: "secrets.") {
                let name = expression[found.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
                let before = expression[..<found.lowerBound].last
                if !name.isEmpty, name.uppercased() != "GITHUB_TOKEN", before.map({ !($0.isLetter || $0.isNumber || $0 == "_" || $0 == ".") }) ?? true {
                    return String(name)
                }
                expression = expression[found.upperBound...]
            }
            rest = close == body.endIndex ? "" : body[close...]
        }
        return nil
    }
}
