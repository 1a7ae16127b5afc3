/// PW016: environments the policy protects are never destroyed by the pipeline.
struct ProtectedFromDestroy: PolicyRule {
    init() {}
    let id = "PW016"
    let name = "protected-environments-not-destroyed"
    let title = "No stack deletion in environments the policy protects"
    let severity = Severity.error
    let tags = ["deployment", "policy"]
    let explanation = RuleExplanation(
        what: "Jobs bound to an environment in the policy's `neverDestroyEnvironments` (or to one chosen by an expression) must not run `aws cloudformation delete-stack`, `cdk destroy` or `sam delete`. In the pipeline, such an environment must not be destroyable: it must be production, and production must not be destroyable (`destroy.allowProduction`, `DestroySettings(allowProduction:)`).",
        why: "Without a guard, the same manual run that tears down a feature stack deletes production (and, for stacks without retention policies, its data) after one mistyped input.",
        fix: "Mark the environment as production and keep production destroy off (`environments[i].production: true` and `destroy.allowProduction: false` in pipewright.json, `Environment(…, production: true)` and `DestroySettings(allowProduction: false)` in Swift): Pipewright then writes a job that refuses the destroy instead of one that runs it."
    )

    func check(_ audit: WorkflowAudit) -> [Diagnostic] {
        guard !audit.policy.neverDestroyEnvironments.isEmpty else { return [] }
        var findings: [Diagnostic] = []
        for job in audit.workflow.jobs {
            guard let environment = job.environmentName, job.hasDynamicEnvironment || audit.policy.forbidsDestroy(environment) else { continue }
            for operation in audit.stackOperations(of: job) where operation.kind == .delete {
                findings.append(finding(audit, at: WorkflowPath.step(job, operation.stepIndex) + ".run",
                                        "job \(job.id) runs \(operation.name) in \(environment), which the policy protects from destroy"))
            }
        }
        return findings
    }

    func check(pipeline: Pipeline, policy: Policy, file: String) -> [Diagnostic] {
        guard let destroy = pipeline.destroy else { return [] }
        return pipeline.environments.enumerated().compactMap { index, environment in
            guard policy.forbidsDestroy(environment.name) || policy.forbidsDestroy(environment.githubEnvironment),
                  !environment.production || destroy.allowProduction else { return nil }
            let fix = environment.production
                ? PipelineFix(json: "Set `destroy.allowProduction` to false: Pipewright then writes a job that refuses the destroy.",
                              dsl: "Use `DestroySettings(allowProduction: false)`: Pipewright then writes a job that refuses the destroy.")
                : PipelineFix(json: "Set `environments[\(index)].production` to true, with `destroy.allowProduction` false: Pipewright then writes a job that refuses the destroy.",
                              dsl: "Pass `production: true` to `Environment(\"\(environment.name)\", …)`, with `DestroySettings(allowProduction: false)`: Pipewright then writes a job that refuses the destroy.")
            return finding(file: file, at: environment.production ? "destroy.allowProduction" : "environments[\(index)].production",
                           "environment \(environment.name) can be destroyed, but the policy protects it", fix: fix)
        }
    }
}
