/// PW019: artifacts are kept at least as long as the policy asks.
struct ArtifactRetention: PolicyRule {
    init() {}
    let id = "PW019"
    let name = "artifact-retention"
    let title = "Artifacts kept at least the policy's minimum retention days"
    let severity = Severity.error
    let tags = ["governance", "policy"]
    let explanation = RuleExplanation(
        what: "With `minimumRetentionDays`: every actions/upload-artifact step sets `retention-days` to at least that many days (without it, the repository's default applies, which may be shorter); the pipeline's retention (`build.retentionDays`, `BuildSettings(retentionDays:)`) too.",
        why: "Without kept artifacts and their metadata, nobody can prove later which template and commit reached production; audits and incident reviews need the exact artifact that was deployed.",
        fix: "Set `retention-days` to at least the policy's minimum; for a Pipewright pipeline, `build.retentionDays` (pipewright.json) or `BuildSettings(retentionDays:)` (Swift). Applying the policy raises it."
    )

    func check(_ audit: WorkflowAudit) -> [Diagnostic] {
        guard let minimum = audit.policy.minimumRetentionDays else { return [] }
        var findings: [Diagnostic] = []
        for job in audit.workflow.jobs {
            for (index, step) in job.steps.enumerated() where step.uses("actions/upload-artifact") {
                let path = WorkflowPath.step(job, index)
                switch step.actionInputs["retention-days"] {
                case nil:
                    findings.append(finding(audit, at: path, "job \(job.id) uploads an artifact without retention-days; the policy requires at least \(minimum)"))
                case .int(let days)? where days < minimum:
                    findings.append(finding(audit, at: path + ".with.retention-days", "job \(job.id) keeps an artifact \(days) days; the policy requires at least \(minimum)"))
                case .text(let text)? where Int(text.literalValue ?? "").map({ $0 < minimum }) ?? false:
                    findings.append(finding(audit, at: path + ".with.retention-days", "job \(job.id) keeps an artifact \(text.rendered) days; the policy requires at least \(minimum)"))
                default:
                    break
                }
            }
        }
        return findings
    }

    func check(pipeline: Pipeline, policy: Policy, file: String) -> [Diagnostic] {
        guard let minimum = policy.minimumRetentionDays, pipeline.build.retentionDays < minimum else { return [] }
        return [finding(file: file, at: "build.retentionDays", "artifacts are kept \(pipeline.build.retentionDays) days; the policy requires at least \(minimum)",
                        fix: PipelineFix(json: "Set `build.retentionDays` to at least \(minimum).",
                                         dsl: "Set `BuildSettings(retentionDays:)` to at least \(minimum)."))]
    }
}
