import Testing
@testable import Pipewright
import PipewrightBlueprints

/// `runner` takes a label, a label set or a runner group, per pipeline and per environment; labels GitHub does
/// not host are declared to actionlint in `.github/actionlint.yaml`, which is kept current like a workflow.
@Suite struct RunnerConfigTests {
    static func decode(_ runtimeRunner: String, prodRunner: String? = nil) throws(ConfigError) -> Pipeline {
        var text = ConfigFixtures.base(adding: "\"runtime\": {\"runner\": \(runtimeRunner)}")
        if let prodRunner {
            text = text.replacingOccurrences(of: "\"account\": \"333333333333\"", with: "\"account\": \"333333333333\", \"runner\": \(prodRunner)")
        }
        return try PipewrightConfig.decode(text).pipeline
    }

    @Test func eachFormReadsWritesAndLowers() throws {
        let pipeline = try Self.decode(#"["self-hosted", "linux", "deployers"]"#, prodRunner: #"{"group": "prod-runners", "labels": ["linux"]}"#)
        #expect(pipeline.runtime.runner == Runner(["self-hosted", "linux", "deployers"]))
        #expect(pipeline.environments[2].runner == Runner(["linux"], group: "prod-runners"))
        let text = PipewrightConfig.encode(pipeline)
        #expect(text.contains("\"runner\": [\n      \"self-hosted\",\n      \"linux\",\n      \"deployers\"\n    ]"))
        #expect(text.contains("\"runner\": {\n        \"group\": \"prod-runners\",\n        \"labels\": [\n          \"linux\"\n        ]\n      }"))
        #expect(try PipewrightConfig.decode(text).pipeline == pipeline)

        let workflow = try #require(Generator().lower(pipeline).first).workflow
        #expect(workflow[job: "build"]?.runsOn == .labels(["self-hosted", "linux", "deployers"]))
        #expect(workflow[job: "deploy-dev"]?.runsOn == .labels(["self-hosted", "linux", "deployers"]))
        #expect(workflow[job: "plan-prod"]?.runsOn == .group("prod-runners", labels: ["linux"]))
        #expect(workflow[job: "deploy-prod"]?.runsOn == .group("prod-runners", labels: ["linux"]))
        let yaml = YAMLEmitter.emit(YAMLDocument(root: workflow.yamlNode))
        #expect(yaml.contains("    runs-on:\n      group: prod-runners\n      labels:\n        - linux\n"))
    }

    @Test func aSingleLabelStaysAString() throws {
        let pipeline = try Self.decode(#""ubuntu-24.04""#)
        #expect(pipeline.runtime.runner == .ubuntu24)
        #expect(!PipewrightConfig.encode(pipeline).contains("\"runner\": ["))
    }

    @Test func badRunnersAreNamed() {
        for (value, message) in [
            (#"[]"#, "runtime.runner: [] is empty; expected at least one label"),
            (#"{"labels": ["linux"]}"#, "runtime.runner: missing required key \"group\""),
            (#"42"#, "runtime.runner: 42 is a number; expected a runner label, an array of labels, or {\"group\": NAME, \"labels\": [...]}"),
        ] {
            do {
                _ = try Self.decode(value)
                Issue.record("\(value) was accepted")
            } catch {
                #expect(error.messages.contains { $0.hasPrefix(message) }, "\(value): \(error.messages)")
            }
        }
    }

    @Test func customLabelsAreDeclaredToActionlint() throws {
        var pipeline = Blueprint.cloudFormation.pipeline()
        let hosted = try Generator().render(pipeline)
        #expect(!hosted.contains { $0.path == ".github/actionlint.yaml" }, "GitHub's labels need no declaration")
        pipeline.runtime.runner = Runner(["self-hosted", "linux", "deployers"])
        pipeline.environments[2].runner = Runner(["prod-deployers"], group: "production")
        let files = try Generator().render(pipeline)
        let linter = try #require(files.first { $0.path == ".github/actionlint.yaml" })
        #expect(linter.contents.hasSuffix("self-hosted-runner:\n  labels:\n    - deployers\n    - prod-deployers\n"))
        #expect(GeneratedHeader.provenance(of: linter.contents) == .generated)
    }

    @Test func pullRequestsRunOnGitHubsRunnerUnlessOptedIn() throws {
        var pipeline = Blueprint.cloudFormation.pipeline()
        func pullRequestRunner() throws -> RunsOn? {
            try #require(Generator().lower(pipeline).first).workflow[job: "pull-request"]?.runsOn
        }
        // A hosted runner is the pipeline's choice for every job, pull requests included.
        pipeline.runtime.runner = "ubuntu-22.04"
        #expect(try pullRequestRunner() == .label("ubuntu-22.04"))
        // A self-hosted runner or group keeps what a job leaves behind: a pull request's code does not run there unasked.
        pipeline.runtime.runner = Runner(["self-hosted", "linux", "deployers"])
        #expect(try pullRequestRunner() == .label("ubuntu-24.04"))
        #expect(try #require(Generator().lower(pipeline).first).workflow[job: "build"]?.runsOn == .labels(["self-hosted", "linux", "deployers"]))
        pipeline.runtime.runner = Runner(["linux"], group: "deployers")
        #expect(try pullRequestRunner() == .label("ubuntu-24.04"))
        pipeline.runtime.runner = "deployers"
        #expect(try pullRequestRunner() == .label("ubuntu-24.04"))
        // Opting in is explicit, and reads back from the config.
        pipeline.runtime.pullRequestRunner = Runner(["self-hosted", "linux", "ephemeral"])
        #expect(try pullRequestRunner() == .labels(["self-hosted", "linux", "ephemeral"]))
        let text = PipewrightConfig.encode(pipeline)
        #expect(text.contains("\"pullRequestRunner\": [\n      \"self-hosted\",\n      \"linux\",\n      \"ephemeral\"\n    ]"))
        #expect(try PipewrightConfig.decode(text).pipeline == pipeline)
    }

    @Test func selfHostedRunnersAreDeclaredToZizmorFileByFile() throws {
        var pipeline = Blueprint.cloudFormation.pipeline()
        #expect(try !Generator().render(pipeline).contains { $0.path == ".github/zizmor.yml" }, "GitHub's runners need no ignore")
        // A custom label without self-hosted is not what zizmor's audit flags; the pull-request job moved off it anyway.
        pipeline.runtime.runner = "deployers"
        #expect(try !Generator().render(pipeline).contains { $0.path == ".github/zizmor.yml" })

        pipeline.runtime.runner = "ubuntu-24.04"
        pipeline.environments[2].runner = Runner(["linux"], group: "production")
        let files = try Generator().render(pipeline)
        let zizmor = try #require(files.first { $0.path == ".github/zizmor.yml" })
        // The drift workflow runs prod's drift job on prod's runner too; the deploy workflow has prod's plan and deploy.
        #expect(zizmor.contents == GeneratedHeader().wrap("""
            # These workflows run jobs on the self-hosted runners pipewright.json names on purpose (runtime.runner,
            # environments[].runner). zizmor's self-hosted-runner audit flags every such job; it is ignored in these
            # files only, and every other audit stays on. The pull-request job, which runs a pull request's code,
            # runs on GitHub's hosted runner unless runtime.pullRequestRunner names another.

            rules:
              self-hosted-runner:
                ignore:
                  - infrastructure.yml
                  - infrastructure-drift.yml

            """))
        #expect(GeneratedHeader.provenance(of: zizmor.contents) == .generated)
    }
}
