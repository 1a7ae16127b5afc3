import Testing
import PipewrightBlueprints
@testable import Pipewright

/// What Pipewright itself writes must pass its own audit, under the default policy and a strict one.
@Suite struct BlueprintAuditTests {
    static let strict = Policy(
        requiredTags: ["CostCenter": ["platform", "data"], "Owner": ["team-infra"], "Environment": [], "Project": [], "ManagedBy": ["Pipewright"]],
        allowedRegions: ["us-east-1", "eu-west-1"],
        allowedAccounts: ["dev": ["111111111111"], "staging": ["222222222222"], "prod": ["333333333333"]],
        reviewedChangeSetEnvironments: ["prod", "production", "staging"], neverDestroyEnvironments: ["prod"],
        minimumRetentionDays: 45, requireArtifactEncryption: true,
        hardenRunner: HardenRunnerRequirement(egressPolicy: .block, allowedEndpoints: ["api.github.com:443", "sts.amazonaws.com:443"]),
        allowedRunnerLabels: ["ubuntu-24.04"],
        actionPins: [PinTable.Pin(repository: "actions/checkout", version: "v6.1.0", commit: "d23441a48e516b6c34aea4fa41551a30e30af803")],
        maxJobTimeoutMinutes: 45
    )

    /// Expects no findings, printing any there are.
    static func expectNoFindings(_ findings: [Diagnostic], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(findings == [], "\(AuditReport.text(findings))", sourceLocation: sourceLocation)
    }

    @Test(arguments: BlueprintCatalog.all.map(\.name))
    func blueprintHasNoFindingsUnderTheDefaultPolicy(_ name: String) {
        Self.expectNoFindings(Auditor().auditLowered(BlueprintCatalog.named(name)!.pipeline()))
    }

    @Test(arguments: BlueprintCatalog.all.map(\.name))
    func blueprintHasNoFindingsUnderAStrictPolicy(_ name: String) {
        Self.expectNoFindings(Auditor(policy: Self.strict).auditLowered(BlueprintCatalog.named(name)!.pipeline()))
    }

    @Test func blueprintWithOtherOptionsHasNoFindings() {
        let pipeline = Blueprint.cloudFormation.pipeline(BlueprintOptions(project: "pay", region: "eu-west-1", environments: ["test", "production"]))
        Self.expectNoFindings(Auditor().auditLowered(pipeline))
    }

    @Test func pipelineChecksNameTheSettingToChange() {
        var policy = Policy(allowedRegions: ["eu-west-1"], allowedAccounts: ["prod": ["444444444444"]], requireArtifactEncryption: true)
        policy.requiredTags["CostCenter"] = ["finance"]
        var pipeline = Blueprint.cloudFormation.pipeline()
        pipeline.artifactEncryption = nil
        let findings = Auditor(policy: policy).audit(pipeline: pipeline).map { Found($0.ruleID, $0.location.path, $0.message) }
        #expect(findings == [
            Found("PW010", "tags[0]", "the stacks of environment dev are tagged CostCenter=platform; the policy allows finance"),
            Found("PW010", "tags[0]", "the stacks of environment staging are tagged CostCenter=platform; the policy allows finance"),
            Found("PW010", "tags[0]", "the stacks of environment prod are tagged CostCenter=platform; the policy allows finance"),
            Found("PW012", "artifactEncryption", "the policy requires KMS encryption of artifacts, but the pipeline names no KMS key"),
            Found("PW020", "region", "the pipeline's region is us-east-1; the policy allows eu-west-1"),
            Found("PW021", "environments[2].account", "environment prod deploys to account 333333333333; the policy allows 444444444444"),
        ])
    }

    /// A finding's line is the line of its YAML path in the file as Generator renders it, header included.
    @Test func findingLinesPointAtTheRenderedFile() throws {
        let generator = Generator()
        let generated = generator.lower(Blueprint.cloudFormation.pipeline())
        let findings = Auditor(policy: Policy(allowedRegions: ["eu-west-1"])).audit(generated).filter { $0.ruleID == "PW020" }
        #expect(!findings.isEmpty)
        for finding in findings {
            let file = try #require(generated.first { ".github/workflows/" + $0.fileName == finding.location.file })
            let lines = try generator.render(file).contents.split(separator: "\n", omittingEmptySubsequences: false)
            let line = try #require(finding.location.line)
            #expect(lines[line - 1].trimmingPrefix(while: { $0 == " " }) == "aws-region: us-east-1", "\(finding.location.path)")
        }
    }
}

extension Substring {
    func trimmingPrefix(while predicate: (Character) -> Bool) -> Substring { drop(while: predicate) }
}
