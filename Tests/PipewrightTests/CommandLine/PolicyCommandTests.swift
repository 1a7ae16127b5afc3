import Foundation
import Testing
@testable import PipewrightCommands

/// The policy on the command line: a gate on generation that every command applies the same way.
@Suite struct PolicyGateCommandTests {
    /// A region outside the policy's list used to generate, pass `--check`, and only fail `audit`.
    @Test func aViolationStopsGenerateAndCheckAndWritesNothing() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        #expect(scratch.run("init").code == 0)
        try scratch.write(#"{"allowedRegions": ["eu-west-1"]}"#, to: "pipewright-policy.json")
        let before = scratch.snapshot()
        let expected = """
        pipewright.json breaks the policy; nothing was written:
          error: pipewright.json:5:3: region: PW020 (allowed-regions) the pipeline's region is us-east-1; the policy allows eu-west-1
            Set `region` to one of the policy's regions: eu-west-1.
        """
        for arguments in [["generate"], ["generate", "--check"], ["generate", "--force"]] {
            let result = scratch.run(arguments)
            #expect(result.code == 2, "\(arguments)")
            #expect(result.stderr.contains(expected), "\(arguments): \(result.stderr)")
            #expect(result.stdout == "")
        }
        #expect(scratch.snapshot() == before)
        #expect(scratch.run("audit").code == 1)
    }
}

/// The organization's policy is recorded in `pipewright.json` (`policy.extends`), so no command can forget it.
@Suite struct RecordedPolicyCommandTests {
    static let organization = #"""
    {
      "minimumRetentionDays": 60,
      "hardenRunner": {"egressPolicy": "block", "allowedEndpoints": ["github.com:443"]},
      "reviewedChangeSetEnvironments": ["staging", "prod"],
      "neverDestroyEnvironments": ["prod"]
    }
    """#

    @Test func initRecordsThePolicyAndPlainCommandsApplyIt() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write(Self.organization, to: "org-policy.json")
        #expect(scratch.run("init", "--policy", "org-policy.json").code == 0)
        let config = try #require(scratch.read("pipewright.json"))
        #expect(config.contains(#""policy": {"#) && config.contains(#""extends": "org-policy.json""#), "\(config)")
        let workflow = try #require(scratch.read(".github/workflows/infrastructure.yml"))
        #expect(workflow.contains("# Regenerate with: pipewright generate\n"))
        #expect(workflow.contains("retention-days: 60"))
        #expect(workflow.contains("egress-policy: block"))

        // A plain generate, with no --policy, keeps every setting of the organization's policy.
        let check = scratch.run("generate", "--check")
        #expect(check.code == 0, "\(check.stdout)\(check.stderr)")
        #expect(scratch.run("generate").stderr.contains("0 written"))
        #expect(scratch.run("audit").code == 0)
        // Naming the recorded file again changes nothing.
        #expect(scratch.run("generate", "--check", "--policy", "org-policy.json").code == 0)
    }

    @Test func anUnrecordedPolicyIsRefusedByGenerateWithHowToRecordIt() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        #expect(scratch.run("init").code == 0)
        try scratch.write(Self.organization, to: "org-policy.json")
        let before = scratch.snapshot()
        for arguments in [["generate", "--policy", "org-policy.json"], ["generate", "--check", "--policy", "org-policy.json"]] {
            let result = scratch.run(arguments)
            #expect(result.code == 2, "\(arguments)")
            #expect(result.stderr.contains(#"--policy org-policy.json is not recorded in pipewright.json, so a plain 'pipewright generate' would drop it. Record it: add "policy": {"extends": "org-policy.json"} to pipewright.json"#), "\(result.stderr)")
        }
        #expect(scratch.snapshot() == before)
        // audit writes nothing: it checks against the extra policy, and says the same.
        let audit = scratch.run("audit", "--policy", "org-policy.json")
        #expect(audit.stderr.hasPrefix("note: --policy org-policy.json is not recorded in pipewright.json"), "\(audit.stderr)")
    }

    @Test func aMissingRecordedPolicyFailsEveryCommandNamingThePath() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write(Self.organization, to: "policies/org.json")
        #expect(scratch.run("init", "--policy", "policies/org.json").code == 0)
        #expect(scratch.run("generate", "--check").code == 0)
        try FileManager.default.removeItem(atPath: scratch.root + "/policies/org.json")
        let before = scratch.snapshot()
        for arguments in [["generate"], ["generate", "--check"], ["audit"]] {
            let result = scratch.run(arguments)
            #expect(result.code == 2, "\(arguments)")
            #expect(result.stderr.contains(#"policy.extends: "policies/org.json" in pipewright.json: no such file ("#), "\(result.stderr)")
            #expect(result.stderr.contains("The workflows were generated under this policy; nothing was written. Restore the file, or remove policy.extends from pipewright.json to generate without it."))
        }
        #expect(scratch.snapshot() == before)
    }

    @Test func extendsIsRelativeToTheConfigFile() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write(#"{"minimumRetentionDays": 45}"#, to: "org-policy.json")
        try scratch.write(ConfigFixtures.base(adding: #""policy": {"extends": "../org-policy.json"}"#), to: "infra/pipewright.json")
        let result = scratch.run("generate", "--config", "infra/pipewright.json")
        #expect(result.code == 0, "\(result.stderr)")
        let workflow = try #require(scratch.read(".github/workflows/infrastructure.yml"))
        #expect(workflow.contains("# Regenerate with: pipewright generate --config infra/pipewright.json\n"))
        #expect(workflow.contains("retention-days: 45"))
    }
}

/// The config's own policy section and the file it extends combine, the stricter value winning.
@Suite struct MergedPolicyCommandTests {
    @Test func theSectionAndTheOrganizationFileMerge() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write(#"{"minimumRetentionDays": 60, "hardenRunner": {"egressPolicy": "audit"}}"#, to: "org-policy.json")
        try scratch.write(ConfigFixtures.base(adding: #""policy": {"extends": "org-policy.json", "minimumRetentionDays": 30, "maxJobTimeoutMinutes": 10}"#), to: "pipewright.json")
        #expect(scratch.run("generate").code == 0)
        let workflow = try #require(scratch.read(".github/workflows/infrastructure.yml"))
        #expect(workflow.contains("retention-days: 60"))
        #expect(workflow.contains("egress-policy: audit"))
        #expect(workflow.contains("timeout-minutes: 10"))
        #expect(!workflow.contains("retention-days: 30"))
    }

    @Test func conflictingListsAreAnErrorNamingBothFiles() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write(#"{"allowedRegions": ["eu-west-1"]}"#, to: "org-policy.json")
        try scratch.write(ConfigFixtures.base(adding: #""policy": {"extends": "org-policy.json", "allowedRegions": ["us-east-1"]}"#), to: "pipewright.json")
        let result = scratch.run("generate")
        #expect(result.code == 2)
        #expect(result.stderr.contains("""
        the policies of the policy section of pipewright.json, org-policy.json conflict; nothing was written:
          policy.allowedRegions: this policy allows "us-east-1" and org-policy.json allows "eu-west-1"; no value satisfies both — keep one of org-policy.json's
        """), "\(result.stderr)")
    }
}

/// `init --policy` checks the blueprint against the policy before writing, and a policy file cannot chain.
@Suite struct InitPolicyCommandTests {
    @Test func initUnderAPolicyTheBlueprintBreaksWritesNothing() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write(#"{"allowedRegions": ["eu-west-1"]}"#, to: "org-policy.json")
        let before = scratch.snapshot()
        let refused = scratch.run("init", "--policy", "org-policy.json")
        #expect(refused.code == 2)
        #expect(refused.stderr.contains("the init options break the policy; nothing was written:\n  error: region: PW020 (allowed-regions)"), "\(refused.stderr)")
        #expect(scratch.snapshot() == before)
        #expect(scratch.run("init", "--policy", "org-policy.json", "--region", "eu-west-1").code == 0)
    }

    @Test func aPolicyFileCannotExtendAnother() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write(#"{"extends": "base.json"}"#, to: "org-policy.json")
        let refused = scratch.run("init", "--policy", "org-policy.json")
        #expect(refused.code == 2)
        #expect(refused.stderr.contains(#"org-policy.json: policy.extends: "base.json" — a policy file cannot extend another; only the policy section of pipewright.json may."#), "\(refused.stderr)")
        #expect(scratch.read("pipewright.json") == nil)
    }
}

/// `pipewright audit` reads the workflow files on disk, generated and hand-written.
@Suite struct AuditFilesCommandTests {
    @Test func handEditsAndHandWrittenWorkflowsAreAuditedWhereTheyAre() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        #expect(scratch.run("init").code == 0)
        #expect(scratch.run("audit").code == 0)
        let file = ".github/workflows/infrastructure.yml"
        var lines = try #require(scratch.read(file)).components(separatedBy: "\n")
        let steps = try #require(lines.firstIndex { $0.trimmingCharacters(in: .whitespaces) == "steps:" })
        let indent = String(repeating: " ", count: lines[steps].prefix { $0 == " " }.count + 2)
        lines.insert(contentsOf: [indent + "- run: curl https://x | sh", indent + "- run: echo \"${{ github.event.pull_request.title }}\""], at: steps + 1)
        try scratch.write(lines.joined(separator: "\n"), to: file)
        try scratch.write(SourceAuditTests.handWrittenCI, to: ".github/workflows/ci.yml")

        let result = scratch.run("audit")
        #expect(result.code == 1)
        #expect(result.stdout.contains("\(file):\(steps + 2):1: error PW025 [file] the file was edited by hand"), "\(result.stdout)")
        #expect(result.stdout.contains("\(file):\(steps + 2):9: error PW014 [jobs.pull-request.steps[0].run]"), "\(result.stdout)")
        #expect(result.stdout.contains("\(file):\(steps + 3):9: error PW005 [jobs.pull-request.steps[1].run]"), "\(result.stdout)")
        #expect(result.stdout.contains(".github/workflows/ci.yml:13:11: error PW013"), "\(result.stdout)")

        // A PATH audits only that file.
        let one = scratch.run("audit", "--format", "json", ".github/workflows/ci.yml")
        #expect(one.code == 1)
        #expect(!one.stdout.contains("infrastructure.yml"))
        #expect(one.stdout.contains(#""line": 13"#) && one.stdout.contains(#""column": 11"#))
        let sarif = scratch.run("audit", "--format", "sarif", ".github/workflows")
        #expect(sarif.stdout.contains(#""startColumn": 9"#))
    }

    @Test func aFileThatIsNotYAMLExits2NamingLineAndColumn() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("on: push\njobs:\n  a: [\n", to: ".github/workflows/broken.yml")
        let result = scratch.run("audit")
        #expect(result.code == 2)
        #expect(result.stderr.contains(".github/workflows/broken.yml:3:6: the flow sequence that starts here never ends; expected ']'"), "\(result.stderr)")
        #expect(scratch.run("audit", "missing.yml").code == 2)
    }
}
