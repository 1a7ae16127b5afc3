import Testing
@testable import Pipewright

@Suite struct ConfigErrorTests {
    @Test(arguments: ConfigFixtures.errorCases)
    func reportsExactMessages(_ testCase: ConfigErrorCase) {
        do {
            let decoded = try PipewrightConfig.decode(testCase.input)
            Issue.record("\(testCase): decoded without errors: \(decoded.pipeline.name)")
        } catch {
            #expect(error.messages == testCase.expected, "\(testCase)")
        }
    }

    @Test func tableIsLargeEnough() {
        #expect(ConfigFixtures.errorCases.count >= 30)
    }

    @Test func baseFixtureIsValid() throws {
        let decoded = try PipewrightConfig.decode(ConfigFixtures.base)
        #expect(decoded.pipeline.environments.map(\.name) == ["dev", "staging", "prod"])
        #expect(decoded.pipeline.environments[2].strategy == .changeSet(review: true))
        #expect(decoded.policy == nil)
    }

    @Test func syntaxErrorsNameTheFile() {
        #expect(throws: ConfigError.syntax(JSONSyntaxError(fileName: "ci/pipewright.json", line: 1, column: 2, message: "expected a string key or '}', found 'x'"))) {
            try PipewrightConfig.decode("{x}", fileName: "ci/pipewright.json")
        }
    }

    @Test func rulesApplyToDSLPipelines() {
        var pipeline = ConfigFixtures.blueprint
        #expect(pipeline.configurationErrors() == [])
        pipeline.environments[0].account = "1"
        pipeline.ciRole = .secret("CI_ROLE")
        #expect(pipeline.configurationErrors().map(\.path) == ["ciRole", "environments[0].account"])
    }

    /// Many environments are read in chunks on all cores; the problems must still come in document order,
    /// exactly as one environment at a time reports them.
    @Test func problemsInManyEnvironmentsAreReportedInDocumentOrder() {
        let broken: [Int: String] = [
            3: "\"production\": \"yes\"",
            64: "\"colour\": \"red\"",
            65: "\"strategy\": \"sideways\"",
            199: "\"account\": 7",
        ]
        let environments = (0..<200).map { index in
            let account = broken[index].map { $0.hasPrefix("\"account\"") ? $0 : "\"account\": \"111111111111\", " + $0 } ?? "\"account\": \"111111111111\""
            return "{\"name\": \"env\(index)\", \(account), \"role\": {\"variable\": \"AWS_ROLE_ARN\"}, \"branch\": \"main\"}"
        }
        let text = """
        {"version": 1, "name": "Many", "project": "many",
         "infrastructure": {"kind": "cloudformation", "template": "template.yaml"},
         "environments": [\(environments.joined(separator: ",\n"))]}
        """
        do {
            _ = try PipewrightConfig.decode(text)
            Issue.record("decoded without errors")
        } catch {
            let paths = error.messages.compactMap { $0.split(separator: ":").first.map(String.init) }
            #expect(paths == ["environments[3].production", "environments[64].colour", "environments[65].strategy", "environments[199].account"], "\(error.messages)")
        }
    }

    @Test func policyIsPassedThroughRaw() throws {
        let text = ConfigFixtures.base(adding: "\"$schema\": \"./schema.json\", \"policy\": {\"rules\": {\"x\": [1, true, null]}}")
        let decoded = try PipewrightConfig.decode(text)
        #expect(decoded.policy == .object(["rules": .object(["x": .array([.int(1), .bool(true), .null])])]))
    }
}
