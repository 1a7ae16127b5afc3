import Testing
@testable import Pipewright

/// What `pipewright explain` and audit hints tell the user: plain reasons, and fixes in the user's own terms.
@Suite struct RuleTextTests {
    @Test func noRuleTextCitesInternalReviews() {
        for rule in RuleCatalog.all {
            for text in [rule.title, rule.explanation.what, rule.explanation.why, rule.explanation.fix] {
                #expect(!text.contains("Seed") && !text.contains("seed ") && !text.contains("§"), "\(rule.id): \(text)")
            }
        }
    }

    /// A pipeline that breaks every rule with a pipeline-level check.
    static let pipeline = Pipeline("Infrastructure", project: "payments") {
        CloudFormationTemplate(path: "infra/template.yaml")
        Region("ap-south-1")
        CIRole(.variable("AWS_CI_ROLE_ARN"))
        Environment("dev", account: "999999999999", role: .variable("AWS_ROLE_ARN_DEV"), branch: "develop")
        Environment("prod", account: "333333333333", role: .variable("AWS_ROLE_ARN_PROD"), branch: "main", production: true,
                    tags: [Tag("CostCenter", "marketing")])
        BuildSettings(retentionDays: 5)
        DestroySettings(allowProduction: true)
        RuntimeSettings(runner: .selfHosted, jobTimeoutMinutes: 90, deployTimeoutMinutes: 120)
    }

    static let policy = Policy(
        requiredTags: ["CostCenter": ["platform"], "Owner": ["infra"]], allowedRegions: ["eu-west-1"],
        allowedAccounts: ["dev": ["111111111111"]], reviewedChangeSetEnvironments: ["prod"], neverDestroyEnvironments: ["prod"],
        minimumRetentionDays: 30, requireArtifactEncryption: true, hardenRunner: HardenRunnerRequirement(egressPolicy: .block),
        allowedRunnerLabels: ["ubuntu-24.04"], maxJobTimeoutMinutes: 60
    )

    static func hints(file: String) -> [String: String] {
        Dictionary(Auditor(policy: policy).audit(pipeline: pipeline, file: file).map { ("\($0.ruleID) \($0.location.path)", $0.hint ?? "") },
                   uniquingKeysWith: { first, _ in first })
    }

    @Test func pipewrightJSONFindingsNameTheJSONKey() {
        let hints = Self.hints(file: "pipewright.json")
        #expect(hints["PW019 build.retentionDays"] == "Set `build.retentionDays` to at least 30.")
        #expect(hints["PW021 environments[0].account"] == "Set `environments[0].account` to an account the policy allows: 111111111111.")
        #expect(hints["PW009 environments[1].strategy"]
            == "Set `environments[1].strategy` to \"changeSet\": Pipewright then writes a plan job and an approval-gated execute job.")
        #expect(hints["PW010 environments[1].tags[0]"] == "In `environments[1].tags`, set CostCenter to a value the policy allows: platform.")
        #expect(hints["PW012 artifactEncryption"]
            == "Add `\"artifactEncryption\": {\"kmsKey\": \"alias/<key>\"}` with a key the CI and deploy roles may use.")
    }

    @Test func swiftFindingsNameTheDSL() {
        let hints = Self.hints(file: "Sources/Infrastructure/Pipeline.swift")
        #expect(hints["PW019 build.retentionDays"] == "Set `BuildSettings(retentionDays:)` to at least 30.")
        #expect(hints["PW021 environments[0].account"] == "Pass an account the policy allows (111111111111) as `Environment(\"dev\", account:)`.")
        #expect(hints["PW009 environments[1].strategy"]
            == "Pass `strategy: .changeSet(review: true)` to `Environment(\"prod\", …)`: Pipewright then writes a plan job and an approval-gated execute job.")
        #expect(hints["PW010 environments[1].tags[0]"]
            == "In `Environment(\"prod\", …, tags:)`, set CostCenter to a value the policy allows: platform.")
        #expect(hints["PW012 artifactEncryption"] == "Add `ArtifactEncryption(kmsKey: \"alias/<key>\")` with a key the CI and deploy roles may use.")
    }

    @Test func everyPipelineHintSpeaksOneLanguage() {
        let json = Self.hints(file: "pipewright.json")
        let swift = Self.hints(file: "Pipeline.swift")
        let rules = Set(json.keys.map { $0.prefix(5) })
        #expect(rules == ["PW009", "PW010", "PW012", "PW016", "PW017", "PW018", "PW019", "PW020", "PW021", "PW008"])
        #expect(json.keys.sorted() == swift.keys.sorted())
        let dslNames = ["Settings(", "Environment(", "Region(", "Tags(", "CIRole(", "ArtifactEncryption(", "HardenRunner(", "Pipeline("]
        let jsonKeys = ["`build.", "`runtime.", "`destroy.", "`environments[", "`region`", "`tags`", "`project`", "\"ciRole\"", "\"artifactEncryption\""]
        for (key, hint) in json {
            #expect(!hint.isEmpty && !dslNames.contains { hint.contains($0) }, "\(key): \(hint)")
        }
        for (key, hint) in swift {
            #expect(!hint.isEmpty && !jsonKeys.contains { hint.contains($0) }, "\(key): \(hint)")
        }
    }
}
