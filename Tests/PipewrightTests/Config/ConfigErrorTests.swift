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

    @Test func baseFixtureIsValid() throws {
        let decoded = try PipewrightConfig.decode(ConfigFixtures.base)
        #expect(decoded.pipeline.environments.map(\.name) == ["dev", "staging", "prod"])
        #expect(decoded.pipeline.environments[2].strategy == .changeSet(review: true))
        #expect(decoded.policy == nil)
    }

    /// A region newer than this build's list is accepted once the pipeline lists it, in the file and in the DSL.
    @Test func additionalRegionsAdmitARegionNewerThanTheList() throws {
        let decoded = try PipewrightConfig.decode(ConfigFixtures.base(adding: "\"region\": \"eu-west-4\", \"additionalRegions\": [\"eu-west-4\"]"))
        #expect(decoded.pipeline.region == "eu-west-4")
        var pipeline = ConfigFixtures.blueprint
        pipeline.environments[1].region = "ap-southeast-9"
        #expect(pipeline.configurationErrors().map(\.path) == ["environments[1].region"])
        pipeline.additionalRegions = ["ap-southeast-9"]
        #expect(pipeline.configurationErrors() == [])
        #expect(PipewrightConfig.encode(pipeline).contains("\"additionalRegions\": [\n    \"ap-southeast-9\"\n  ]"))
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

    /// Problems in many environments come in document order, exactly as one environment at a time reports them.
    @Test func problemsInManyEnvironmentsAreReportedInDocumentOrder() {
        let broken: [Int: String] = [
            3: "\"production\": \"yes\"",
            64: "\"colour\": \"red\"",
            65: "\"strategy\": \"sideways\"",
            199: "\"account\": 7",
        ]
        let environments = (0..<200).map { index in
            let account = broken[index].map { $0.hasPrefix("\"account\"") ? $0 : "\"account\": \"111111111111\", " + $0 } ?? "\"account\": \"111111111111\""
            return "{\"name\": \"env\(index)\", \(account), \"role\": {\"variable\": \"AWS_ROLE_ARN_\(index)\"}, \"branch\": \"main\"}"
        }
        let messages = Self.problems(ofEnvironments: environments)
        #expect(Self.paths(messages) == ["environments[3].production", "environments[64].colour", "environments[65].strategy", "environments[199].account"], "\(messages)")
    }

    /// The messages of a config with these environments, which must not decode.
    static func problems(ofEnvironments environments: [String]) -> [String] {
        let text = """
        {"version": 1, "name": "Many", "project": "many",
         "infrastructure": {"kind": "cloudformation", "template": "template.yaml"},
         "environments": [\(environments.joined(separator: ",\n"))]}
        """
        do {
            _ = try PipewrightConfig.decode(text)
            Issue.record("decoded without errors")
            return []
        } catch {
            return error.messages
        }
    }

    /// The path each message starts with.
    static func paths(_ messages: [String]) -> [String] {
        messages.compactMap { $0.split(separator: ":").first.map(String.init) }
    }

    /// Names, `after` and every other rule are judged across 200 environments, with the problems in document order.
    @Test func environmentRulesAcrossManyEnvironmentsAreReportedInDocumentOrder() {
        let environments = (0..<200).map { index in
            var name = "env\(index)", account = "111111111111", branch = "main", after = ""
            switch index {
            case 5: name = "env2"  // repeats an earlier name
            case 70: account = "7"
            case 100: after = ", \"after\": \"env150\""  // a later environment
            case 130: after = ", \"after\": \"env129\""; branch = "release"  // another branch
            case 131: after = ", \"after\": \"env2\""  // an earlier one, on the same branch: fine
            case 199: branch = "a..b"
            default: break
            }
            return "{\"name\": \"\(name)\", \"account\": \"\(account)\", \"role\": {\"variable\": \"AWS_ROLE_ARN_\(index)\"}, \"branch\": \"\(branch)\"\(after)}"
        }
        let messages = Self.problems(ofEnvironments: environments)
        #expect(Self.paths(messages) == ["environments[5].name", "environments[70].account", "environments[100].after",
                                         "environments[130].after", "environments[199].branch"], "\(messages)")
        #expect(messages.first?.contains("is already the name of environments[2]") == true, "\(messages)")
    }

    @Test func policyIsPassedThroughRaw() throws {
        let text = ConfigFixtures.base(adding: "\"$schema\": \"./schema.json\", \"policy\": {\"rules\": {\"x\": [1, true, null]}}")
        let decoded = try PipewrightConfig.decode(text)
        #expect(decoded.policy == .object(["rules": .object(["x": .array([.int(1), .bool(true), .null])])]))
    }
}
