/// PW028: no action at a major version that runs on a Node.js runtime GitHub has retired.
struct NoRetiredActionRuntimes: PolicyRule {
    init() {}
    let id = "PW028"
    let name = "no-retired-action-runtimes"
    let title = "No action version whose runtime GitHub has retired"
    let severity = Severity.warning
    let tags = ["maintenance", "supply-chain"]
    let explanation = RuleExplanation(
        what: "Each step's `uses:` whose ref names a major version (`v3`, `v3.6.0`) that Pipewright knows runs on a retired runtime, read from each release's `action.yml`: actions/checkout and actions/setup-node v1–v4, actions/upload-artifact v1–v5, actions/download-artifact v1–v6 and aws-actions/configure-aws-credentials v1–v5 (`using: node12`, `node16` or `node20`). A ref pinned to a commit SHA is matched by the version in its trailing comment (`@<sha> # v3.6.0`), and is not checked without one. Only the actions in this table are known.",
        why: "GitHub retired Node 12 for actions in 2023 and Node 16 in 2024, and deprecated Node 20, scheduling its removal from the runners for September 2026. Runners force such actions onto a Node they were never tested with, or refuse them, and these versions get no fixes, security fixes included. Artifact actions v1–v3 also talk to an artifact service GitHub shut down on 30 January 2025, so a job using them fails. Workflows copied from older examples keep these versions for years.",
        fix: "Move to a major version on Node 24 (actions/checkout and setup-node v5 or later, upload-artifact v6, download-artifact v7, configure-aws-credentials v6), pinned to its commit SHA with the tag as a comment: `uses: actions/checkout@<sha> # v6.1.0`; `pipewright pins` shows Pipewright's."
    )

    /// Per action, the last major version on each retired runtime, oldest first: a version is matched by the
    /// first entry whose last major it does not exceed.
    static let retired: [String: [(lastMajor: Int, reason: String)]] = [
        "actions/checkout": [(3, "Node 12 and 16"), (4, node20)],
        "actions/setup-node": [(3, "Node 12 and 16"), (4, node20)],
        "actions/upload-artifact": [(3, "Node 12 and 16, and an artifact service shut down in January 2025"), (5, node20)],
        "actions/download-artifact": [(3, "Node 12 and 16, and an artifact service shut down in January 2025"), (6, node20)],
        "aws-actions/configure-aws-credentials": [(3, "Node 12 and 16"), (5, node20)],
    ]
    static let node20 = "Node 20, whose removal GitHub scheduled for September 2026"

    func check(_ audit: WorkflowAudit) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        for job in audit.workflow.jobs {
            for (index, step) in job.steps.enumerated() {
                guard let reference = step.usedAction, let repository = reference.repository?.lowercased(),
                      let known = Self.retired[repository],
                      let version = reference.isPinnedToCommit ? reference.version : reference.ref,
                      let major = Self.majorVersion(version), let match = known.first(where: { major <= $0.lastMajor }) else { continue }
                let named = reference.isPinnedToCommit ? reference.rendered + " # " + version : reference.rendered
                findings.append(finding(audit, at: WorkflowPath.step(job, index) + ".uses",
                                        "\(named) runs on a runtime GitHub has retired (\(match.reason)); use v\(known.last!.lastMajor + 1) or later"))
            }
        }
        return findings
    }

    /// The major version a ref names: `v3`, `v3.6.0`, `3` give 3; a branch or a commit SHA gives `nil`.
    static func majorVersion(_ ref: String) -> Int? {
        var digits = Substring(ref)
        if digits.first == "v" || digits.first == "V" { digits = digits.dropFirst() }
        let major = digits.prefix { $0.isASCII && $0.isNumber }
        guard !major.isEmpty, major.count <= 3 else { return nil }
        let rest = digits.dropFirst(major.count)
        guard rest.isEmpty || rest.first == "." else { return nil }
        return Int(major)
    }
}
