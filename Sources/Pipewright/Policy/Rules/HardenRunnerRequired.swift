/// PW017: when the policy requires it, every job starts with harden-runner at the required egress policy.
struct HardenRunnerRequired: PolicyRule {
    init() {}
    let id = "PW017"
    let name = "harden-runner-required"
    let title = "harden-runner first in every job, with the policy's egress policy and endpoints"
    let severity = Severity.error
    let tags = ["security", "egress", "policy"]
    let explanation = RuleExplanation(
        what: "With a `hardenRunner` requirement: the first step of each job that runs steps uses step-security/harden-runner, its `egress-policy` is the required one (`block` satisfies `audit`), and with `block` each entry of `allowed-endpoints` is one the policy allows (when it lists any) or one Pipewright derives for its own jobs (GitHub, the AWS services of a region, PyPI, npm, Slack). The pipeline's harden-runner setting (`runtime.hardenRunner`, `RuntimeSettings(hardenRunner:)`) is checked the same way.",
        why: "A compromised dependency or action exfiltrates secrets and OIDC tokens over the network (the tj-actions/changed-files compromise of 2025 was spotted by harden-runner's egress audit). Auditing shows where a job connects; blocking stops anything else. It must run first, before any other step can act.",
        fix: "Make step-security/harden-runner the first step of each job, with the policy's egress policy; for a Pipewright pipeline, set `runtime.hardenRunner` (pipewright.json) or `RuntimeSettings(hardenRunner: HardenRunner(policy: .block, allowedEndpoints: [...]))` (Swift), or apply the policy, which does so."
    )

    func check(_ audit: WorkflowAudit) -> [Diagnostic] {
        guard let required = audit.policy.hardenRunner else { return [] }
        var findings: [Diagnostic] = []
        for job in audit.workflow.jobs where !job.steps.isEmpty {
            let step = job.steps[0]
            let path = WorkflowPath.step(job, 0)
            guard step.uses("step-security/harden-runner") else {
                findings.append(finding(audit, at: path, "job \(job.id) does not start with step-security/harden-runner"))
                continue
            }
            let mode = step.input("egress-policy") ?? "audit"
            guard let policy = HardenRunner.Policy(rawValue: mode), required.accepts(policy) else {
                findings.append(finding(audit, at: path + ".with", "job \(job.id) runs harden-runner with egress-policy \(mode); the policy requires \(required.egressPolicy.rawValue)"))
                continue
            }
            if policy == .block, !required.allowedEndpoints.isEmpty {
                let endpoints = (step.input("allowed-endpoints") ?? "").split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "," }).map(String.init)
                // What Pipewright's own jobs need (GitHub, the AWS services of a region …) is not the policy's to list.
                let extra = endpoints.filter { !required.allowedEndpoints.contains($0) && !EgressEndpoints.isDerived($0) }
                if !extra.isEmpty {
                    findings.append(finding(audit, at: path + ".with.allowed-endpoints", "job \(job.id) allows egress to \(extra.joined(separator: ", ")), which the policy does not allow"))
                }
            }
        }
        return findings
    }

    func check(pipeline: Pipeline, policy: Policy, file: String) -> [Diagnostic] {
        guard let required = policy.hardenRunner else { return [] }
        guard let harden = pipeline.runtime.hardenRunner, required.accepts(harden.policy) else {
            let policyName = required.egressPolicy.rawValue
            return [finding(file: file, at: "runtime.hardenRunner", "the policy requires harden-runner with egress-policy \(policyName); the pipeline has \(pipeline.runtime.hardenRunner?.policy.rawValue ?? "none")",
                            fix: PipelineFix(json: "Set `runtime.hardenRunner.policy` to \"\(policyName)\".",
                                             dsl: "Use `RuntimeSettings(hardenRunner: HardenRunner(policy: .\(policyName)))`."))]
        }
        let extra = harden.policy == .block && !required.allowedEndpoints.isEmpty
            ? harden.allowedEndpoints.filter { !required.allowedEndpoints.contains($0) && !EgressEndpoints.isDerived($0) } : []
        let endpoints = extra.joined(separator: ", ")
        return extra.isEmpty ? [] : [finding(file: file, at: "runtime.hardenRunner.allowedEndpoints", "the pipeline allows egress to \(endpoints), which the policy does not allow",
                                             fix: PipelineFix(json: "Remove \(endpoints) from `runtime.hardenRunner.allowedEndpoints`, or have the policy allow them.",
                                                              dsl: "Remove \(endpoints) from `HardenRunner(allowedEndpoints:)`, or have the policy allow them."))]
    }
}
