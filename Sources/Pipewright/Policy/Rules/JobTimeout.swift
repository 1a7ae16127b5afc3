/// PW008: every job has a timeout, within the policy's cap.
struct JobTimeout: PolicyRule {
    init() {}
    let id = "PW008"
    let name = "job-timeout"
    let title = "Every job has `timeout-minutes`, at most the policy's maximum"
    let severity = Severity.warning
    let tags = ["reliability", "policy"]
    let explanation = RuleExplanation(
        what: "Each job that runs steps must set `timeout-minutes`; when the policy sets `maxJobTimeoutMinutes`, no job may exceed it. In the pipeline, the job and deploy timeouts (`runtime.jobTimeoutMinutes` and `runtime.deployTimeoutMinutes`, `RuntimeSettings(jobTimeoutMinutes:deployTimeoutMinutes:)`) are checked against the same cap.",
        why: "Without a timeout GitHub waits 6 hours: a hung CloudFormation wait or an interactive prompt holds the runner, the deploy concurrency group and the OIDC session that long, and blocks every later deploy of the environment.",
        fix: "Set `timeout-minutes` on the job, within the policy's maximum; for a Pipewright pipeline, `runtime.jobTimeoutMinutes` and `runtime.deployTimeoutMinutes` (pipewright.json) or `RuntimeSettings(jobTimeoutMinutes:deployTimeoutMinutes:)` (Swift)."
    )

    func check(_ audit: WorkflowAudit) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        for job in audit.workflow.jobs where job.call == nil {
            guard let minutes = job.timeoutMinutes else {
                findings.append(finding(audit, at: WorkflowPath.job(job), "job \(job.id) has no timeout-minutes, so it may run for 6 hours"))
                continue
            }
            if let cap = audit.policy.maxJobTimeoutMinutes, minutes > cap {
                findings.append(finding(audit, at: WorkflowPath.job(job) + ".timeout-minutes", "job \(job.id) may run \(minutes) minutes; the policy allows at most \(cap)"))
            }
        }
        return findings
    }

    func check(pipeline: Pipeline, policy: Policy, file: String) -> [Diagnostic] {
        guard let cap = policy.maxJobTimeoutMinutes else { return [] }
        var findings: [Diagnostic] = []
        if pipeline.runtime.jobTimeoutMinutes > cap {
            findings.append(finding(file: file, at: "runtime.jobTimeoutMinutes", "the job timeout is \(pipeline.runtime.jobTimeoutMinutes) minutes; the policy allows at most \(cap)",
                                    fix: PipelineFix(json: "Set `runtime.jobTimeoutMinutes` to at most \(cap).",
                                                     dsl: "Set `RuntimeSettings(jobTimeoutMinutes:)` to at most \(cap).")))
        }
        if pipeline.runtime.deployTimeoutMinutes > cap {
            findings.append(finding(file: file, at: "runtime.deployTimeoutMinutes", "the deploy timeout is \(pipeline.runtime.deployTimeoutMinutes) minutes; the policy allows at most \(cap)",
                                    fix: PipelineFix(json: "Set `runtime.deployTimeoutMinutes` to at most \(cap).",
                                                     dsl: "Set `RuntimeSettings(deployTimeoutMinutes:)` to at most \(cap).")))
        }
        return findings
    }
}
