import Foundation
import Testing
@testable import PipewrightCommands

/// The five seed reviews (`../shared/seeds`) hold the flawed pipelines Pipewright is meant to prevent. Two of them
/// review GitHub Actions workflows; those are rebuilt from the reviews' snippets and words in `Audit/Seeds/`
/// (each line says where it comes from) and audited as `pipewright audit FILE` audits a file on disk. Each
/// finding is pinned by rule and line, and tied to the review's item it reports, or marked as beyond the review
/// (Pipewright's baseline asks more than the review did).
///
/// What the reviews list that the audit does not report, and why:
///
/// | seed | item | why the audit does not report it |
/// |---|---|---|
/// | 000 | 1.3 no CDK-NAG / security scan | left: visible (no such step), no rule; the generated pipeline runs cfn-lint (and cdk-nag for CDK) |
/// | 000 | 2.1, 2.2, 2.3, 2.4 no build, artifact, validate jobs, no job chain | left: visible (one job), no rule; these are what Pipewright generates, not what a rule can demand of any workflow |
/// | 000 | 2.6 no checksum verification | nothing to verify: the workflow passes no artifact (PW011 checks each download) |
/// | 000 | 3.1, 3.2, 3.3 triggers, inputs, branch conditions | left: a choice of the pipeline's author, no rule |
/// | 000 | 4.1 no env block, 4.4 stack naming, 8.1 job outputs, 8.2 metadata, 8.3 region input | left: conventions, no rule (PW020 checks regions only against a policy's list) |
/// | 000 | 4.2 template path that does not exist | not in the YAML: it depends on the repository's files |
/// | 000 | 5.1 no Slack, 5.2 no drift detection, 6.2 no destroy, 6.3 no stack outputs | left: missing features, no rule |
/// | 000 | 6.1 no change set for production | not decidable: the job's environment is a run-time input; PW009 checks jobs bound to a production environment |
/// | 000 | 7.1 no CAPABILITY_AUTO_EXPAND | left: whether a template needs it is in the template, not the workflow |
/// | 001 | 4 cross-account role without `role-chaining: true` | left: visible, no rule; PW002 reports the same steps for their missing OIDC token |
/// | 001 | 5 hard-coded stack name, 6 no retries, 7 no rollback | left: reliability, no rule |
/// | 001 | 8 no `set -euo pipefail` | left: visible, no rule (GitHub's default bash runs with -e, not pipefail) |
/// | 002 | all 7 and the later list | not a workflow: a CloudFormation template (secrets, naming, cfn-lint, regions, engine versions, tests) |
/// | 003 | all 6 | not a workflow: a CloudFormation CodePipeline (ECS resources, CodeDeploy, OAuth source, IAM wildcards, tags, buildspec) |
/// | 004 | all 13 | not a workflow: a CDK CodePipeline (KMS key, IAM, ECS, scanning, alarms, logging, ECR, outputs) |
@Suite struct SeedAuditTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Seeds").path

    /// One finding: its rule and line, and the review item it reports (or why it is beyond the review).
    struct Expected: CustomStringConvertible {
        let rule: String
        let line: Int
        let reason: String
        init(_ rule: String, _ line: Int, _ reason: String) { (self.rule, self.line, self.reason) = (rule, line, reason) }
        var description: String { "\(rule) line \(line)" }
    }

    /// Runs `pipewright audit ARGUMENTS` in the seeds folder: (rule, line) of every finding in order, and the exit code.
    static func audit(_ arguments: [String]) -> (findings: [String], code: Int32, output: String) {
        let console = CapturingConsole()
        let code = PipewrightTool(console: console, currentDirectory: folder).run(["audit"] + arguments)
        let findings = console.stdout.split(separator: "\n").compactMap { line -> String? in
            // file:LINE:COLUMN: SEVERITY PWnnn [path] message
            let parts = line.split(separator: " ", maxSplits: 3)
            guard parts.count == 4, parts[2].hasPrefix("PW") else { return nil }
            let location = parts[0].split(separator: ":")
            return "\(parts[2]) line \(location[1])"
        }
        return (findings, code, console.stdout + console.stderr)
    }

    static let beyond = "beyond the review"

    @Test func seed000CloudFormationDeploy() {
        let expected = [
            Expected("PW003", 5, "1.2 no permissions block: every job gets the default token"),
            Expected("PW026", 14, "1.4 db_password asked for as a workflow input"),
            Expected("PW008", 20, Self.beyond + ": no timeout-minutes"),
            Expected("PW004", 23, "4.3 actions/checkout@v2 (Pipewright asks for a commit SHA, the review for v4)"),
            Expected("PW007", 23, Self.beyond + ": checkout keeps the token in .git/config"),
            Expected("PW028", 23, "4.3 actions/checkout@v2 runs on a retired runtime"),
            Expected("PW004", 25, "4.3 configure-aws-credentials@v1"),
            Expected("PW028", 25, "4.3 configure-aws-credentials@v1 runs on a retired runtime"),
            Expected("PW001", 27, "1.1 static access key"),
            Expected("PW006", 27, "2.5 secrets read by a job bound to no environment (no approval gate)"),
            Expected("PW001", 28, "1.1 static secret key"),
            Expected("PW006", 28, "2.5 secrets read by a job bound to no environment (no approval gate)"),
            Expected("PW010", 30, "7.2 minimal tags: the deploy action is given no `tags`"),
            Expected("PW027", 30, "2.5 one deploy job for every environment, bound to none"),
            Expected("PW004", 31, "4.3 aws-cloudformation-github-deploy@v1"),
        ]
        let result = Self.audit(["seed-000-cloudformation-deploy.yml"])
        #expect(result.findings == expected.map(\.description), "\(result.output)")
        #expect(result.code == 1)
    }

    /// Audited under a policy that requires KMS-encrypted artifacts, as the review's task did ("as required by PROMPT.md:23").
    @Test func seed001CDKCrossAccount() {
        let keys = "1 static keys instead of OIDC"
        let encrypt = "2 artifact uploaded without KMS encryption"
        let decrypt = "3 artifact downloaded, never decrypted"
        let pins = Self.beyond + ": tags, not commit SHAs (the review's own fixes use @v4)"
        let checkout = Self.beyond + ": checkout keeps the token in .git/config"
        let node20 = Self.beyond + ": v4 runs on Node 20, which GitHub retires (the review's own fixes use it)"
        let timeout = Self.beyond + ": no timeout-minutes"
        let npx = Self.beyond + ": npx without --no-install"
        let tags = Self.beyond + ": cdk deploy without the required tags"
        let checksums = Self.beyond + ": artifact used before its checksums are verified"
        let expected = [
            Expected("PW003", 6, Self.beyond + ": no top-level permissions (the review does not show them)"),
            Expected("PW008", 10, timeout), Expected("PW004", 16, pins), Expected("PW007", 16, checkout), Expected("PW028", 16, node20), Expected("PW004", 18, pins), Expected("PW028", 18, node20),
            Expected("PW006", 20, Self.beyond + ": the role ARN read from a secret in a job bound to no environment (the secret is not in the review)"),
            Expected("PW008", 22, timeout), Expected("PW004", 26, pins), Expected("PW007", 26, checkout), Expected("PW028", 26, node20), Expected("PW004", 28, pins), Expected("PW028", 28, node20),
            Expected("PW001", 30, keys), Expected("PW006", 30, Self.beyond + ": key secrets in the build job, bound to no environment"),
            Expected("PW001", 31, keys), Expected("PW006", 31, Self.beyond + ": key secrets in the build job, bound to no environment"),
            Expected("PW015", 34, npx), Expected("PW012", 37, encrypt), Expected("PW004", 38, pins), Expected("PW028", 38, node20),
            Expected("PW008", 42, timeout), Expected("PW004", 47, pins), Expected("PW007", 47, checkout), Expected("PW028", 47, node20), Expected("PW004", 49, pins), Expected("PW028", 49, node20),
            Expected("PW001", 51, keys), Expected("PW001", 52, keys), Expected("PW012", 54, decrypt), Expected("PW004", 55, pins), Expected("PW028", 55, node20),
            Expected("PW011", 59, checksums), Expected("PW010", 61, tags), Expected("PW015", 61, npx),
            Expected("PW008", 72, timeout), Expected("PW004", 77, pins), Expected("PW007", 77, checkout), Expected("PW028", 77, node20), Expected("PW004", 79, pins), Expected("PW028", 79, node20),
            Expected("PW001", 81, keys), Expected("PW001", 82, keys),
            Expected("PW002", 84, "4 cross-account role assumed with the keys, not through OIDC (no id-token: write)"),
            Expected("PW004", 85, pins), Expected("PW028", 85, node20), Expected("PW012", 89, decrypt), Expected("PW004", 90, pins), Expected("PW028", 90, node20),
            Expected("PW011", 94, checksums), Expected("PW010", 95, tags), Expected("PW015", 95, npx),
            Expected("PW008", 99, timeout), Expected("PW004", 104, pins), Expected("PW007", 104, checkout), Expected("PW028", 104, node20), Expected("PW004", 106, pins), Expected("PW028", 106, node20),
            Expected("PW001", 108, keys), Expected("PW001", 109, keys),
            Expected("PW002", 111, "4 cross-account role assumed with the keys, not through OIDC (no id-token: write)"),
            Expected("PW004", 112, pins), Expected("PW028", 112, node20), Expected("PW012", 116, decrypt), Expected("PW004", 117, pins), Expected("PW028", 117, node20),
            Expected("PW011", 121, checksums),
            Expected("PW009", 122, Self.beyond + ": production deployed by cdk deploy, not by a reviewed change set"),
            Expected("PW010", 122, tags), Expected("PW015", 122, npx),
        ]
        let result = Self.audit(["--policy", "seed-001-policy.json", "seed-001-cdk-cross-account.yml"])
        #expect(result.findings == expected.map(\.description), "\(result.output)")
        #expect(result.code == 1)
        // Under the default policy, which does not require encryption, 2 and 3 are not findings.
        let unencrypted = Self.audit(["seed-001-cdk-cross-account.yml"])
        #expect(unencrypted.findings == expected.filter { $0.rule != "PW012" }.map(\.description), "\(unencrypted.output)")
    }
}
