/// PW014: no script downloads code and runs it unseen.
struct NoCurlPipeShell: PolicyRule {
    init() {}
    let id = "PW014"
    let name = "no-curl-pipe-shell"
    let title = "No `curl | sh`: never run a downloaded script unverified"
    let severity = Severity.error
    let tags = ["security", "supply-chain"]
    let explanation = RuleExplanation(
        what: "Every `run:` script: a shell or interpreter (`sh`, `bash`, `zsh`, `dash`, `ksh`, `python`, `python3`, `perl`, `ruby`, `node`) reading from a pipe that `curl` or `wget` feeds, or running a `$(curl …)` / `<(curl …)` substitution.",
        why: "Whatever the server returns at that moment runs with the job's credentials; a compromised host, CDN or DNS answer changes it silently (the Codecov bash-uploader compromise of 2021 exfiltrated CI secrets for two months this way).",
        fix: "Download to a file, check it against a pinned SHA-256 (`echo \"<sha>  file\" | sha256sum --check`), then run it; better, install a pinned release from a package manager or a pinned action."
    )

    static let interpreters: Set<String> = ["sh", "bash", "zsh", "dash", "ksh", "python", "python3", "perl", "ruby", "node"]
    static let downloaders: Set<String> = ["curl", "wget"]

    func check(_ audit: WorkflowAudit) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        for job in audit.workflow.jobs {
            for (index, command) in audit.stepCommands(of: job) {
                guard let program = command.program, Self.interpreters.contains(program) else { continue }
                if let source = command.upstreamPrograms.first(where: Self.downloaders.contains) ?? command.substitutedPrograms.first(where: Self.downloaders.contains) {
                    findings.append(finding(audit, at: WorkflowPath.step(job, index) + ".run",
                                            "job \(job.id) runs what \(source) downloads with \(program), unverified (script line \(command.line))"))
                }
            }
        }
        return findings
    }
}
