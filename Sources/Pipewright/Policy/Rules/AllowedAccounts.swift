/// PW021: each environment deploys only to the AWS accounts the policy allows for it.
struct AllowedAccounts: PolicyRule {
    init() {}
    let id = "PW021"
    let name = "allowed-accounts"
    let title = "Each environment deploys only to its allowed AWS accounts"
    let severity = Severity.error
    let tags = ["security", "policy"]
    let explanation = RuleExplanation(
        what: "With `allowedAccounts`: in the pipeline, each listed environment's account and the account of each literal role ARN it assumes; in a workflow, the account of each literal `role-to-assume` ARN in jobs bound to a listed environment.",
        why: "A cross-account deploy with the wrong role or account id either fails late or, worse, deploys staging code into the production account. Pinning accounts per environment turns a copy-paste slip into an audit error.",
        fix: "Use the account the policy lists for the environment (`environments[i].account` in pipewright.json, `Environment(…, account:)` in Swift) and a role in that account."
    )

    func check(_ audit: WorkflowAudit) -> [Diagnostic] {
        let allowedByEnvironment = audit.policy.allowedAccounts
        guard !allowedByEnvironment.isEmpty else { return [] }
        var findings: [Diagnostic] = []
        for job in audit.workflow.jobs {
            guard let environment = job.environmentName, let allowed = allowedByEnvironment[environment] else { continue }
            for (index, step) in job.steps.enumerated() where step.uses("aws-actions/configure-aws-credentials") {
                guard let arn = step.actionInputs["role-to-assume"]?.text?.literalValue, let account = Self.account(ofARN: arn), !allowed.contains(account) else { continue }
                findings.append(finding(audit, at: WorkflowPath.step(job, index) + ".with.role-to-assume",
                                        "job \(job.id) assumes a role in account \(account); the policy allows \(allowed.joined(separator: ", ")) for \(environment)"))
            }
        }
        return findings
    }

    func check(pipeline: Pipeline, policy: Policy, file: String) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        for (index, environment) in pipeline.environments.enumerated() {
            guard let allowed = policy.allowedAccounts[environment.name] ?? policy.allowedAccounts[environment.githubEnvironment] else { continue }
            let accounts = allowed.joined(separator: ", ")
            if !allowed.contains(environment.account) {
                findings.append(finding(file: file, at: "environments[\(index)].account", "environment \(environment.name) deploys to account \(environment.account); the policy allows \(accounts)",
                                        fix: PipelineFix(json: "Set `environments[\(index)].account` to an account the policy allows: \(accounts).",
                                                         dsl: "Pass an account the policy allows (\(accounts)) as `Environment(\"\(environment.name)\", account:)`.")))
            }
            let roles: [(String, RoleReference?)] = [("role", environment.role), ("chainedRole", environment.chainedRole), ("driftRole", environment.driftRole)]
            for (field, role) in roles {
                guard case .arn(let arn)? = role, let account = Self.account(ofARN: arn), !allowed.contains(account) else { continue }
                findings.append(finding(file: file, at: "environments[\(index)].\(field)", "environment \(environment.name) assumes a role in account \(account); the policy allows \(accounts)",
                                        fix: PipelineFix(json: "Set `environments[\(index)].\(field)` to a role in an account the policy allows: \(accounts).",
                                                         dsl: "Pass a role in an account the policy allows (\(accounts)) as `Environment(\"\(environment.name)\", \(field):)`.")))
            }
        }
        return findings
    }

    /// The account id of an ARN: its fifth field.
    static func account(ofARN arn: String) -> String? {
        let fields = arn.split(separator: ":", omittingEmptySubsequences: false)
        return fields.count >= 6 && fields[0] == "arn" && !fields[4].isEmpty ? String(fields[4]) : nil
    }
}
