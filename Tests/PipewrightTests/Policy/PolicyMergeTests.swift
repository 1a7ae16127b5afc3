import Testing
@testable import Pipewright

/// Merging a repository's policy with the organization's: per field, the stricter value wins.
@Suite struct PolicyMergeTests {
    static func merged(_ own: Policy, _ organization: Policy) throws -> Policy {
        try own.merged(with: organization, named: "org-policy.json")
    }

    @Test func retentionTakesTheHigherAndTimeoutTheLower() throws {
        let merged = try Self.merged(Policy(minimumRetentionDays: 30, maxJobTimeoutMinutes: 60), Policy(minimumRetentionDays: 60, maxJobTimeoutMinutes: 90))
        #expect(merged.minimumRetentionDays == 60)
        #expect(merged.maxJobTimeoutMinutes == 60)
        #expect(try Self.merged(Policy(), Policy(minimumRetentionDays: 60)).minimumRetentionDays == 60)
        #expect(try Self.merged(Policy(maxJobTimeoutMinutes: 20), Policy()).maxJobTimeoutMinutes == 20)
    }

    @Test func regionsAndRunnersAreThoseBothAllow() throws {
        let merged = try Self.merged(Policy(allowedRegions: ["us-east-1", "eu-west-1"], allowedRunnerLabels: ["ubuntu-24.04"]),
                                     Policy(allowedRegions: ["eu-west-1", "eu-central-1"], allowedRunnerLabels: []))
        #expect(merged.allowedRegions == ["eu-west-1"])
        #expect(merged.allowedRunnerLabels == ["ubuntu-24.04"])
        #expect(try Self.merged(Policy(), Policy(allowedRegions: ["eu-west-1"])).allowedRegions == ["eu-west-1"])
    }

    @Test func listsThatShareNothingAreAConflictNotAnyValue() {
        #expect(throws: ValidationErrors(errors: [
            ValidationError(path: "policy.allowedRegions", message: #"this policy allows "us-east-1" and org-policy.json allows "eu-west-1"; no value satisfies both — keep one of org-policy.json's"#),
            ValidationError(path: "policy.allowedAccounts.prod", message: #"this policy allows "111111111111" and org-policy.json allows "333333333333"; no value satisfies both — keep one of org-policy.json's"#),
        ])) {
            try Self.merged(Policy(allowedRegions: ["us-east-1"], allowedAccounts: ["prod": ["111111111111"]]),
                            Policy(allowedRegions: ["eu-west-1"], allowedAccounts: ["prod": ["333333333333"]]))
        }
    }

    @Test func reviewAndDestroyProtectionCoverEveryEnvironmentOfBoth() throws {
        let merged = try Self.merged(Policy(reviewedChangeSetEnvironments: ["prod"], neverDestroyEnvironments: []),
                                     Policy(reviewedChangeSetEnvironments: ["staging", "prod"], neverDestroyEnvironments: ["prod"]))
        #expect(merged.reviewedChangeSetEnvironments == ["prod", "staging"])
        #expect(merged.neverDestroyEnvironments == ["prod"])
    }

    @Test func tagsAndAccountsKeepEveryKeyAndNarrowSharedOnes() throws {
        let merged = try Self.merged(Policy(requiredTags: ["CostCenter": [], "Owner": ["a", "b"]], allowedAccounts: ["dev": ["111111111111"], "prod": ["333333333333", "444444444444"]]),
                                     Policy(requiredTags: ["CostCenter": ["platform"], "Owner": ["b", "c"], "Team": []], allowedAccounts: ["prod": ["444444444444"]]))
        #expect(merged.requiredTags == ["CostCenter": ["platform"], "Owner": ["b"], "Team": []])
        #expect(merged.allowedAccounts == ["dev": ["111111111111"], "prod": ["444444444444"]])
    }

    @Test func encryptionIsRequiredIfEitherRequiresIt() throws {
        #expect(try Self.merged(Policy(requireArtifactEncryption: false), Policy(requireArtifactEncryption: true)).requireArtifactEncryption)
        #expect(try Self.merged(Policy(requireArtifactEncryption: true), Policy()).requireArtifactEncryption)
    }

    @Test func blockBeatsAuditAndEndpointsAreThoseBothAllow() throws {
        let audit = HardenRunnerRequirement(egressPolicy: .audit, allowedEndpoints: ["a.example:443", "b.example:443"])
        let block = HardenRunnerRequirement(egressPolicy: .block, allowedEndpoints: ["b.example:443", "c.example:443"])
        #expect(try Self.merged(Policy(hardenRunner: audit), Policy(hardenRunner: block)).hardenRunner
            == HardenRunnerRequirement(egressPolicy: .block, allowedEndpoints: ["b.example:443"]))
        #expect(try Self.merged(Policy(hardenRunner: nil), Policy(hardenRunner: audit)).hardenRunner == audit)
        #expect(try Self.merged(Policy(hardenRunner: block), Policy(hardenRunner: HardenRunnerRequirement(egressPolicy: .audit))).hardenRunner == block)
    }

    @Test func pinsOfBothAreKeptAndTwoCommitsForOneActionConflict() throws {
        let checkout = PinTable.Pin(repository: "actions/checkout", version: "v6-mirror", commit: String(repeating: "a", count: 40))
        let upload = PinTable.Pin(repository: "actions/upload-artifact", version: "v4-mirror", commit: String(repeating: "b", count: 40))
        #expect(try Self.merged(Policy(actionPins: [upload]), Policy(actionPins: [checkout, upload])).actionPins == [checkout, upload])
        let other = PinTable.Pin(repository: "actions/checkout", version: "v5", commit: String(repeating: "c", count: 40))
        #expect(throws: ValidationErrors(errors: [ValidationError(
            path: #"policy.actionPins["actions/checkout"]"#,
            message: "this policy pins v5 (\(other.commit)) and org-policy.json pins v6-mirror (\(checkout.commit)); expected one pin — remove this policy's"
        )])) {
            try Self.merged(Policy(actionPins: [other]), Policy(actionPins: [checkout]))
        }
    }

    @Test func mergingAPolicyWithItselfChangesNothing() throws {
        let organization = try Policy.decode(PolicyDecodingTests.example)
        #expect(try Self.merged(organization, organization) == organization)
    }
}
