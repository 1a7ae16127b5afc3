import Testing
import PipewrightBlueprints
@testable import Pipewright

/// A policy error is an input error: `render` refuses the pipeline, naming the rule, the setting and the
/// values the policy allows, before anything is lowered.
@Suite struct PolicyGateTests {
    @Test func aRegionThePolicyDoesNotAllowStopsRendering() {
        let policy = Policy(allowedRegions: ["eu-west-1"])
        let pipeline = Blueprint.cloudFormation.pipeline()
        let error = #expect(throws: GenerationError.self) { try Generator(policy: policy).render(pipeline) }
        guard case .policyViolation(let findings)? = error else {
            Issue.record("expected a policy violation, got \(String(describing: error))")
            return
        }
        #expect(findings.map { Found($0.ruleID, $0.location.path, $0.message) } == [
            Found("PW020", "region", "the pipeline's region is us-east-1; the policy allows eu-west-1"),
        ])
        #expect(findings.map(\.hint) == ["Set `region` to one of the policy's regions: eu-west-1."])
        #expect(error?.errors == [ValidationError(path: "region", message: "PW020 the pipeline's region is us-east-1; the policy allows eu-west-1")])
    }

    @Test func whatThePolicyFillsInIsNotAViolation() throws {
        let policy = Policy(neverDestroyEnvironments: ["prod"], minimumRetentionDays: 60, hardenRunner: HardenRunnerRequirement(egressPolicy: .audit))
        let pipeline = Blueprint.cloudFormation.pipeline()
        #expect(Generator(policy: policy).policyFindings(pipeline) == [])
        #expect(try !Generator(policy: policy).render(pipeline).isEmpty)
    }

    @Test func aGeneratorWithoutAPolicyChecksNone() throws {
        #expect(Generator().policyFindings(Blueprint.cloudFormation.pipeline()) == [])
    }
}
