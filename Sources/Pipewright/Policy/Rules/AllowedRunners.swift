/// PW018: jobs run only on runner labels the policy allows.
struct AllowedRunners: PolicyRule {
    init() {}
    let id = "PW018"
    let name = "allowed-runner-labels"
    let title = "Jobs run only on the runner labels the policy allows"
    let severity = Severity.error
    let tags = ["security", "policy"]
    let explanation = RuleExplanation(
        what: "With `allowedRunnerLabels`: every label of every job's `runs-on` is in the list (a label given by an expression cannot be checked and is a finding); the pipeline's runners (`runtime.runner` and the pull-request job's `runtime.pullRequestRunner`, `RuntimeSettings(runner:pullRequestRunner:)`) too.",
        why: "Runners differ in trust: a self-hosted runner inside the network keeps state between jobs and reaches internal systems, and a public repository's pull requests must never reach one. The organization decides which runners deploy code.",
        fix: "Use one of the policy's labels in `runs-on`; for a Pipewright pipeline, in `runtime.runner` (pipewright.json) or `RuntimeSettings(runner:)` (Swift). The pull-request job runs a pull request's code on GitHub's `ubuntu-24.04` when the pipeline's runner is self-hosted; a policy that allows only self-hosted labels needs `runtime.pullRequestRunner` set to one of them, ideally an ephemeral runner."
    )

    func check(_ audit: WorkflowAudit) -> [Diagnostic] {
        let allowed = audit.policy.allowedRunnerLabels
        guard !allowed.isEmpty else { return [] }
        var findings: [Diagnostic] = []
        for job in audit.workflow.jobs {
            for label in job.runsOn?.allLabels ?? [] where !allowed.contains(label.rawValue) {
                findings.append(finding(audit, at: WorkflowPath.job(job) + ".runs-on", "job \(job.id) runs on \(label.rawValue); the policy allows \(allowed.joined(separator: ", "))"))
            }
        }
        return findings
    }

    func check(pipeline: Pipeline, policy: Policy, file: String) -> [Diagnostic] {
        guard !policy.allowedRunnerLabels.isEmpty else { return [] }
        let labels = policy.allowedRunnerLabels.joined(separator: ", ")
        var runners = [("runtime.runner", pipeline.runtime.runner)]
        // The pull-request job runs on GitHub's runner by default when the pipeline's runner is self-hosted.
        if pipeline.runtime.pullRequestJobRunner != pipeline.runtime.runner {
            runners.append(("runtime.pullRequestRunner", pipeline.runtime.pullRequestJobRunner))
        }
        for (index, environment) in pipeline.environments.enumerated() {
            if let runner = environment.runner { runners.append(("environments[\(index)].runner", runner)) }
        }
        return runners.flatMap { path, runner in
            runner.labels.filter { !policy.allowedRunnerLabels.contains($0.rawValue) }.map { label in
                finding(file: file, at: path, "the pipeline runs on \(label.rawValue); the policy allows \(labels)",
                        fix: PipelineFix(json: "Set `\(path)` to the policy's labels: \(labels).",
                                         dsl: "Use the policy's labels (\(labels)) in `RuntimeSettings(runner:)` or `Environment(runner:)`."))
            }
        }
    }
}
