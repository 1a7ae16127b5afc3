import Testing
import PipewrightBlueprints
@testable import Pipewright

@Suite struct PolicyDecodingTests {
    static let example = #"""
    {
      "requiredTags": { "CostCenter": ["platform", "data"], "Owner": [] },
      "allowedRegions": ["us-east-1", "eu-west-1"],
      "allowedAccounts": { "prod": ["333333333333"] },
      "reviewedChangeSetEnvironments": ["prod"],
      "neverDestroyEnvironments": ["prod"],
      "minimumRetentionDays": 30,
      "requireArtifactEncryption": true,
      "hardenRunner": { "egressPolicy": "block", "allowedEndpoints": ["api.github.com:443"] },
      "allowedRunnerLabels": ["ubuntu-24.04"],
      "actionPins": { "actions/checkout": { "version": "v6.1.0-mirror", "sha": "0123456789abcdef0123456789abcdef01234567" } },
      "maxJobTimeoutMinutes": 60
    }
    """#

    @Test func decodesEveryField() throws {
        let policy = try Policy.decode(Self.example)
        #expect(policy == Policy(
            requiredTags: ["CostCenter": ["platform", "data"], "Owner": []], allowedRegions: ["us-east-1", "eu-west-1"],
            allowedAccounts: ["prod": ["333333333333"]], reviewedChangeSetEnvironments: ["prod"], neverDestroyEnvironments: ["prod"],
            minimumRetentionDays: 30, requireArtifactEncryption: true,
            hardenRunner: HardenRunnerRequirement(egressPolicy: .block, allowedEndpoints: ["api.github.com:443"]),
            allowedRunnerLabels: ["ubuntu-24.04"],
            actionPins: [PinTable.Pin(repository: "actions/checkout", version: "v6.1.0-mirror", commit: "0123456789abcdef0123456789abcdef01234567")],
            maxJobTimeoutMinutes: 60
        ))
    }

    @Test func missingKeysKeepTheDefaults() throws {
        #expect(try Policy.decode("{}") == .default)
        #expect(try Policy.decode(configSection: #"{"name": "x", "environments": []}"#) == .default)
        #expect(try Policy.decode(configSection: #"{"name": "x", "policy": {"minimumRetentionDays": 10}}"#).minimumRetentionDays == 10)
    }

    /// Policy files are read with `pipewright.json`'s reader and contract: every problem, each naming its
    /// JSON path (from `policy`), the bad value and what is expected, in the config errors' words.
    @Test(arguments: [
        (#"{"requiredTag": {}}"#, ["policy.requiredTag: unknown key — did you mean \"requiredTags\"?"]),
        (#"{"hardenRunner": {"egressPolicy": "blok"}}"#, ["policy.hardenRunner.egressPolicy: \"blok\" is not one of audit, block — did you mean \"block\"?"]),
        (#"{"hardenRunner": {"egressPolicy": "block", "allowedEndpoint": []}}"#, ["policy.hardenRunner.allowedEndpoint: unknown key — did you mean \"allowedEndpoints\"?"]),
        (#"{"hardenRunner": {"allowedEndpoints": []}}"#, ["policy.hardenRunner: missing required key \"egressPolicy\""]),
        (#"{"allowedAccounts": {"prod": ["3333"]}}"#, ["policy.allowedAccounts.prod[0]: \"3333\" is not an AWS account id; expected exactly 12 digits"]),
        (#"{"actionPins": {"actions/checkout": {"version": "v6", "sha": "v6"}}}"#, ["policy.actionPins[\"actions/checkout\"].sha: \"v6\" is not a commit; expected 40 lowercase hex digits"]),
        (#"{"actionPins": {"checkout": {"version": "v6", "sha": "v6"}}}"#, [
            "policy.actionPins.checkout: \"checkout\" is not a repository; expected owner/repo",
            "policy.actionPins.checkout.sha: \"v6\" is not a commit; expected 40 lowercase hex digits",
        ]),
        (#"{"minimumRetentionDays": 400}"#, ["policy.minimumRetentionDays: 400 is out of range; expected 1-90 days — GitHub keeps artifacts at most 90 days"]),
        (#"{"maxJobTimeoutMinutes": 0}"#, ["policy.maxJobTimeoutMinutes: 0 is out of range; expected at least 1 minute"]),
        (#"{"minimumRetentionDays": "30"}"#, ["policy.minimumRetentionDays: \"30\" is a string; expected an integer"]),
        (#"{"allowedRegions": "us-east-1"}"#, ["policy.allowedRegions: \"us-east-1\" is a string; expected an array of strings"]),
        (#"{"extends": "/etc/org-policy.json"}"#, [#"policy.extends: "/etc/org-policy.json" is not a relative path; expected a file relative to pipewright.json, such as "../org-policy.json", that every clone of the repository has"#]),
        ("[]", ["policy: [] is an array; expected an object"]),
        ("{", ["policy:1:2: expected a string key or '}', found the end of the file"]),
    ])
    func errorsNameThePathAndTheFix(_ text: String, _ messages: [String]) {
        #expect(throws: PolicyDecodingError.self) { try Policy.decode(text) }
        do { _ = try Policy.decode(text) } catch { #expect(error.messages == messages) }
    }

    /// Every problem is reported, not just the first: the shape in document order, then the rules in key order.
    @Test func reportsEveryProblem() {
        let text = #"""
        {
          "minimumRetentionDays": 0,
          "allowedRegions": ["us-east-1", 2],
          "hardenRunner": {"egressPolicy": "block", "allowedEndpoints": ["github.com"], "mode": "strict"},
          "requireArtifactEncryption": "yes",
          "maxJobTimeoutMinutes": null
        }
        """#
        let shape = [
            "policy.allowedRegions[1]: 2 is a number; expected a string",
            "policy.hardenRunner.mode: unknown key; expected one of egressPolicy, allowedEndpoints",
            "policy.requireArtifactEncryption: \"yes\" is a string; expected true or false",
        ]
        do { _ = try Policy.decode(text); Issue.record("decoded") } catch { #expect(error.messages == shape) }
        let rules = text.replacing(", 2]", with: "]").replacing(#", "mode": "strict""#, with: "").replacing(#""yes""#, with: "true")
        do {
            _ = try Policy.decode(rules)
            Issue.record("decoded")
        } catch {
            #expect(error.messages == [
                "policy.minimumRetentionDays: 0 is out of range; expected 1-90 days — GitHub keeps artifacts at most 90 days",
                "policy.hardenRunner.allowedEndpoints[0]: \"github.com\" is not a host:port endpoint; expected a host name and a port such as github.com:443 or *.amazonaws.com:443",
            ])
        }
    }

    /// A block with no endpoint of its own is accepted, in `pipewright.json` and in a policy alike: the
    /// lowering adds the endpoints the generated jobs need.
    @Test func blockWithoutEndpointsIsAccepted() throws {
        let config = ConfigFixtures.base(adding: #""runtime": {"hardenRunner": {"policy": "block"}}"#)
        #expect(try PipewrightConfig.decode(config).pipeline.runtime.hardenRunner == HardenRunner(policy: .block))
        for text in [#"{"hardenRunner": {"egressPolicy": "block"}}"#, #"{"hardenRunner": {"egressPolicy": "block", "allowedEndpoints": null}}"#, #"{"hardenRunner": {"egressPolicy": "block", "allowedEndpoints": []}}"#] {
            #expect(try Policy.decode(text).hardenRunner == HardenRunnerRequirement(egressPolicy: .block), "\(text)")
        }
        #expect(try Policy.decode(#"{"hardenRunner": {"egressPolicy": "audit"}}"#).hardenRunner == HardenRunnerRequirement(egressPolicy: .audit))
    }
}

@Suite struct PolicyLoweringTests {
    static let policy = Policy(
        requiredTags: ["CostCenter": ["platform"], "Owner": ["infra", "data"], "Project": []],
        reviewedChangeSetEnvironments: ["staging", "prod"], neverDestroyEnvironments: ["staging"], minimumRetentionDays: 60,
        hardenRunner: HardenRunnerRequirement(egressPolicy: .block, allowedEndpoints: ["github.com:443"]),
        allowedRunnerLabels: ["ubuntu-22.04"], maxJobTimeoutMinutes: 40
    )

    @Test func appliesTheDefaults() {
        let original = Blueprint.cloudFormation.pipeline()
        let applied = Self.policy.apply(to: original)
        #expect(applied.build.retentionDays == 60)
        #expect(applied.runtime.hardenRunner == HardenRunner(policy: .block, allowedEndpoints: ["github.com:443"]))
        #expect(applied.environments.map(\.strategy) == [.direct, .changeSet(review: true), .changeSet(review: true)])
        #expect(applied.environments.map(\.production) == [false, true, true])
        #expect(applied.destroy == DestroySettings(allowProduction: false))
        #expect(applied.tags == [Tag("CostCenter", "platform"), Tag("Owner", "infra")])
        #expect(applied.runtime.jobTimeoutMinutes == 15 && applied.runtime.deployTimeoutMinutes == 40)
        #expect(applied.runtime.runner == "ubuntu-22.04")
        #expect(Auditor(policy: Self.policy).auditLowered(original) == [])
    }

    @Test func keepsWhatIsAlreadyStricterOrChosen() {
        var pipeline = Blueprint.cloudFormation.pipeline()
        pipeline.build.retentionDays = 90
        pipeline.runtime = RuntimeSettings(runner: "self-hosted", jobTimeoutMinutes: 10, deployTimeoutMinutes: 20,
                                           hardenRunner: HardenRunner(policy: .block, allowedEndpoints: ["example.com:443"]))
        let applied = Self.policy.apply(to: pipeline)
        #expect(applied.build.retentionDays == 90)
        #expect(applied.runtime == pipeline.runtime)
        let findings = Auditor(policy: Self.policy).audit(pipeline: applied).map { Found($0.ruleID, $0.location.path, $0.message) }
        #expect(findings == [
            Found("PW017", "runtime.hardenRunner.allowedEndpoints", "the pipeline allows egress to example.com:443, which the policy does not allow"),
            Found("PW018", "runtime.runner", "the pipeline runs on self-hosted; the policy allows ubuntu-22.04"),
            // A self-hosted pipeline runs pull requests on GitHub's runner unless told otherwise: the policy sees that too.
            Found("PW018", "runtime.pullRequestRunner", "the pipeline runs on ubuntu-24.04; the policy allows ubuntu-22.04"),
        ])
    }

    @Test func neverInventsAKMSKey() {
        var pipeline = Blueprint.cloudFormation.pipeline()
        pipeline.artifactEncryption = nil
        let policy = Policy(requireArtifactEncryption: true)
        #expect(policy.apply(to: pipeline).artifactEncryption == nil)
        let findings = Auditor(policy: policy).auditLowered(pipeline)
        #expect(findings.map(\.ruleID) == Array(repeating: "PW012", count: 6))
        #expect(findings.map(\.location.path) == [
            "artifactEncryption", "jobs.build.steps[3]", "jobs.validate.steps[1]", "jobs.deploy-dev.steps[2]", "jobs.deploy-staging.steps[2]", "jobs.plan-prod.steps[2]",
        ])
    }

    @Test func pinOverridesReachTheLowering() {
        let mirror = PinTable.Pin(repository: "actions/checkout", version: "v6.1.0-mirror", commit: String(repeating: "c", count: 40))
        let policy = Policy(actionPins: [mirror])
        #expect(policy.pinTable().reference("actions/checkout").ref == mirror.commit)
        #expect(policy.pinTable().reference("actions/upload-artifact") == PinTable.verified.reference("actions/upload-artifact"))
        #expect(Auditor(policy: policy).auditLowered(Blueprint.cloudFormation.pipeline()) == [])
        let unpatched = Auditor(policy: policy).audit(Generator().lower(Blueprint.cloudFormation.pipeline()))
        // The checkouts of the pull-request and build jobs.
        #expect(unpatched.map(\.ruleID) == ["PW004", "PW004"])
    }
}
