/// PW011: a downloaded artifact is checked against the build's checksums before anything uses it.
struct ArtifactChecksum: PolicyRule {
    init() {}
    let id = "PW011"
    let name = "artifact-checksum-verified"
    let title = "Artifact checksums verified right after download, before use"
    let severity = Severity.error
    let tags = ["security", "integrity"]
    let explanation = RuleExplanation(
        what: "In each job, after a step that uses actions/download-artifact, the first later step that can touch files must be a `run:` step that runs `sha256sum --check` (or `-c`, or `shasum -a 256 -c`). Steps that cannot touch the artifact may come between: further downloads, aws-actions/configure-aws-credentials and step-security/harden-runner. A download that no later step follows is not a finding.",
        why: "A deploy job that uses the downloaded template without checking it deploys whatever replaced the artifact between jobs (a compromised step with `actions: write`, or a poisoned cache), with production credentials.",
        fix: "Publish the manifest's digest as a build-job output, and make the step right after the download compare it and run `sha256sum --check --strict SHA256SUMS` (Pipewright's artifact steps do both)."
    )

    static let neutralActions = ["actions/download-artifact", "aws-actions/configure-aws-credentials", "step-security/harden-runner"]

    func check(_ audit: WorkflowAudit) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        for job in audit.workflow.jobs {
            var index = 0
            while index < job.steps.count {
                guard job.steps[index].uses("actions/download-artifact") else { index += 1; continue }
                let download = index
                var next = index + 1
                while next < job.steps.count, Self.neutralActions.contains(where: job.steps[next].uses) { next += 1 }
                if next < job.steps.count, !Self.verifiesChecksums(audit.commands(of: job.steps[next])) {
                    findings.append(finding(audit, at: WorkflowPath.step(job, next),
                                            "job \(job.id) uses the artifact downloaded in step \(download) before verifying its checksums"))
                }
                index = max(next, index + 1)
            }
        }
        return findings
    }

    static func verifiesChecksums(_ commands: [ScriptCommand]) -> Bool {
        commands.contains { command in
            (command.program == "sha256sum" && (command.has("--check") || command.has("-c")))
                || (command.program == "shasum" && command.values(of: "-a")?.first == "256" && (command.has("--check") || command.has("-c")))
        }
    }
}
