/// PW020: deploys target only the regions the policy allows.
struct AllowedRegions: PolicyRule {
    init() {}
    let id = "PW020"
    let name = "allowed-regions"
    let title = "AWS calls only in the regions the policy allows"
    let severity = Severity.error
    let tags = ["governance", "policy"]
    let explanation = RuleExplanation(
        what: "With `allowedRegions`: the literal `aws-region` of every configure-aws-credentials step, every literal `AWS_REGION`/`AWS_DEFAULT_REGION` in an `env:`, and every literal `--region` of an `aws` command; in the pipeline, each environment's region (and the default region when a job uses it).",
        why: "A template deployed to a region that lacks one of its services fails midway. Regions also carry data-residency and cost commitments: a stack in an unapproved region escapes the organization's controls (SCPs, logging, backups) and its compliance scope.",
        fix: "Deploy to one of the policy's regions: `region` or `environments[i].region` in pipewright.json, `Region(…)` or `Environment(…, region:)` in Swift."
    )

    func check(_ audit: WorkflowAudit) -> [Diagnostic] {
        let allowed = audit.policy.allowedRegions
        guard !allowed.isEmpty else { return [] }
        var findings: [Diagnostic] = []
        func inspect(_ region: String?, at path: String, _ what: String) {
            guard let region, !region.contains("$"), !allowed.contains(region) else { return }
            findings.append(finding(audit, at: path, "\(what) uses region \(region); the policy allows \(allowed.joined(separator: ", "))"))
        }
        func inspect(env: Mapping<WorkflowValue>, at base: String, _ what: String) {
            for key in ["AWS_REGION", "AWS_DEFAULT_REGION"] { inspect(env[key]?.text?.literalValue, at: base + "env." + key, what) }
        }
        inspect(env: audit.workflow.env, at: "", "the workflow")
        for job in audit.workflow.jobs {
            inspect(env: job.env, at: WorkflowPath.job(job) + ".", "job \(job.id)")
            for (index, step) in job.steps.enumerated() {
                let path = WorkflowPath.step(job, index)
                inspect(env: step.env, at: path + ".", "job \(job.id)")
                if step.uses("aws-actions/configure-aws-credentials") {
                    inspect(step.actionInputs["aws-region"]?.text?.literalValue, at: path + ".with.aws-region", "job \(job.id)")
                }
                for command in audit.commands(of: step) where command.program == "aws" {
                    inspect(command.values(of: "--region")?.first, at: path + ".run", "job \(job.id)")
                }
            }
        }
        return findings
    }

    func check(pipeline: Pipeline, policy: Policy, file: String) -> [Diagnostic] {
        let allowed = policy.allowedRegions
        guard !allowed.isEmpty else { return [] }
        var findings: [Diagnostic] = []
        let defaultUsed = pipeline.ciRole != nil || pipeline.environments.contains { $0.region == nil }
        let regions = allowed.joined(separator: ", ")
        if defaultUsed, !allowed.contains(pipeline.region) {
            findings.append(finding(file: file, at: "region", "the pipeline's region is \(pipeline.region); the policy allows \(regions)",
                                    fix: PipelineFix(json: "Set `region` to one of the policy's regions: \(regions).",
                                                     dsl: "Use one of the policy's regions (\(regions)) in `Region(…)`.")))
        }
        for (index, environment) in pipeline.environments.enumerated() {
            if let region = environment.region, !allowed.contains(region) {
                findings.append(finding(file: file, at: "environments[\(index)].region", "environment \(environment.name) deploys to \(region); the policy allows \(regions)",
                                        fix: PipelineFix(json: "Set `environments[\(index)].region` to one of the policy's regions: \(regions).",
                                                         dsl: "Pass one of the policy's regions (\(regions)) as `Environment(\"\(environment.name)\", region:)`.")))
            }
        }
        return findings
    }
}
