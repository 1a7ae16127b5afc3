import Testing
import PipewrightSamples
@testable import Pipewright
import PipewrightBlueprints

@Suite struct ConfigRoundTripTests {
    @Test func blueprintRoundTrips() throws {
        let pipeline = ConfigFixtures.blueprint
        let text = PipewrightConfig.encode(pipeline)
        #expect(try PipewrightConfig.decode(text).pipeline == pipeline)
        #expect(PipewrightConfig.encode(pipeline) == text)
        #expect(text.hasSuffix("}\n") && !text.hasSuffix("\n\n"))
    }

    @Test func everyFieldRoundTrips() throws {
        let pipeline = ConfigFixtures.everyField
        #expect(pipeline.configurationErrors() == [])
        let policy = JSONValue.object(["severity": .string("error")])
        let decoded = try PipewrightConfig.decode(PipewrightConfig.encode(pipeline, policy: policy))
        #expect(decoded.pipeline == pipeline)
        #expect(decoded.policy == policy)
    }

    @Test(arguments: ConfigFixtures.otherKinds)
    func otherKindsRoundTrip(_ pipeline: Pipeline) throws {
        #expect(pipeline.configurationErrors() == [])
        #expect(try PipewrightConfig.decode(PipewrightConfig.encode(pipeline)).pipeline == pipeline)
    }

    /// The blueprint's file, word for word: what `init` writes, with the documented key order and omissions.
    @Test func blueprintText() {
        let text = PipewrightConfig.encode(ConfigFixtures.blueprint)
        let expectedStart = """
        {
          "version": 1,
          "name": "Infrastructure",
          "project": "myapp",
          "region": "us-east-1",
          "stackNaming": {
            "prefix": "myapp",
            "suffix": "main"
          },
          "infrastructure": {
            "kind": "cloudformation",
            "template": "infrastructure/template.yaml",
            "capabilities": [
              "CAPABILITY_NAMED_IAM",
              "CAPABILITY_AUTO_EXPAND"
            ]
          },
          "ciRole": {
            "variable": "AWS_CI_ROLE_ARN"
          },
          "pipelineAccount": "000000000000",
          "build": {
            "retentionDays": 30,
            "commands": []
          },
          "validation": {
            "validateTemplate": true,
            "cfnLintVersion": "1.51.0",
            "commands": []
          },
          "environments": [
            {
              "name": "dev",
              "account": "111111111111",
              "role": {
                "variable": "AWS_ROLE_ARN_DEV"
              },
              "driftRole": {
                "variable": "AWS_DRIFT_ROLE_ARN_DEV"
              },
              "destroyRole": {
                "variable": "AWS_DESTROY_ROLE_ARN_DEV"
              },
              "branch": "develop",
              "parameters": {
                "EnvironmentName": "dev"
              },
              "strategy": "direct",
              "production": false
            },
        """
        #expect(text.hasPrefix(expectedStart))
        let expectedEnd = """
          "manualDispatch": true,
          "drift": {
            "schedule": [
              "17 6 * * 1-5"
            ],
            "githubEnvironment": "drift-detection"
          },
          "destroy": {
            "allowProduction": false
          },
          "notify": {
            "slack": {
              "webhookSecret": "SLACK_WEBHOOK_URL"
            }
          },
          "tags": {
            "CostCenter": "platform"
          },
          "artifactEncryption": {
            "kmsKey": "alias/myapp-pipeline-artifacts"
          },
          "runtime": {
            "runner": "ubuntu-24.04",
            "jobTimeoutMinutes": 15,
            "deployTimeoutMinutes": 60,
            "hardenRunner": {
              "policy": "audit",
              "allowedEndpoints": []
            }
          }
        }

        """
        #expect(text.hasSuffix(expectedEnd))
    }

    /// Reordering the members of every object changes nothing.
    @Test(arguments: [1, 2, 3, 4, 5])
    func keyOrderDoesNotMatter(seed: UInt64) throws {
        let pipeline = ConfigFixtures.everyField
        let document = PipewrightConfig.document(pipeline, policy: .object(["a": .int(1), "b": .int(2)]))
        var generator = SeededGenerator(seed: seed)
        let shuffled = JSONShuffle.shuffled(document, using: &generator)
        #expect(shuffled != document)
        #expect(try PipewrightConfig.decode(JSONWriter.write(shuffled)).pipeline == pipeline)
        let blueprint = ConfigFixtures.blueprint
        let blueprintShuffled = JSONShuffle.shuffled(PipewrightConfig.document(blueprint), using: &generator)
        #expect(try PipewrightConfig.decode(JSONWriter.write(blueprintShuffled)).pipeline == blueprint)
    }

    @Test func absentOptionalsTakeTheDSLDefaults() throws {
        let decoded = try PipewrightConfig.decode(ConfigFixtures.base).pipeline
        let dsl = Pipeline("Infrastructure", project: "myapp") {
            CloudFormationTemplate(path: "infrastructure/template.yaml")
            StackNaming(prefix: "myapp", suffix: "main")
            CIRole(.variable("AWS_CI_ROLE_ARN"))
            Environment("dev", account: "111111111111", role: .variable("AWS_ROLE_ARN_DEV"), branch: "develop")
            Environment("staging", account: "222222222222", role: .variable("AWS_ROLE_ARN_STAGING"), branch: "main")
            Environment("prod", account: "333333333333", role: .variable("AWS_ROLE_ARN_PROD"), branch: "main", after: "staging", strategy: .changeSet(review: true), production: true)
        }
        #expect(decoded == dsl)
    }

    @Test func nullMeansNone() throws {
        let text = ConfigFixtures.base(adding: "\"validation\": {\"cfnLintVersion\": null}, \"drift\": null, \"ciRole\": null")
        let decoded = try PipewrightConfig.decode(text.replacing("  \"ciRole\": {\"variable\": \"AWS_CI_ROLE_ARN\"},\n", with: "")).pipeline
        #expect(decoded.validation.cfnLintVersion == nil)
        #expect(decoded.drift == nil)
        #expect(decoded.ciRole == nil)
    }

    @Test func thousandEnvironmentsDecodeWhole() throws {
        var pipeline = ConfigFixtures.blueprint
        pipeline.environments = (0..<1000).map { index in
            Environment(
                "env\(index)", account: "111111111111", role: .variable("ROLE_\(index)"), driftRole: .variable("DRIFT_\(index)"),
                branch: "main", after: index == 0 ? nil : "env\(index - 1)", parameters: [.value("EnvironmentName", "env\(index)")],
                strategy: index % 2 == 0 ? .direct : .changeSet(review: true), tags: [Tag("Index", "\(index)")]
            )
        }
        let text = PipewrightConfig.encode(pipeline)
        // Speed is pipewright-bench's to measure; a timed assertion here would flake on a busy machine.
        #expect(try PipewrightConfig.decode(text).pipeline == pipeline)
    }
}
