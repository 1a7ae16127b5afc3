import Testing
import Pipewright

/// What a library user gets from `Generator.render`: the command line's checks, in the DSL's terms.
@Suite struct GeneratorTests {
    /// The README's DSL example, with `prod` following an environment that does not exist.
    static func readmePipeline(name: String = "Infrastructure", prodAfter: String = "staging") -> Pipeline {
        Pipeline(name, project: "payments") {
            CloudFormationTemplate(path: "infra/template.yaml", capabilities: [.namedIAM, .autoExpand])
            StackNaming(prefix: "payments", suffix: "main")
            Region("eu-west-1")
            CIRole(.variable("AWS_CI_ROLE_ARN"))
            Environment("dev", account: "111111111111", role: .variable("AWS_ROLE_ARN_DEV"), branch: "develop")
            Environment("staging", account: "222222222222", role: .variable("AWS_ROLE_ARN_STAGING"), branch: "main")
            Environment("prod", account: "333333333333", role: .variable("AWS_ROLE_ARN_PROD"), branch: "main",
                        after: prodAfter, strategy: .changeSet(review: true), production: true)
            DriftDetection(schedule: ["17 6 * * 1-5"])
            DestroySettings(allowProduction: false)
            Notify.slack(webhookSecret: "SLACK_WEBHOOK_URL")
            Tags(["CostCenter": "platform"])
            ArtifactEncryption(kmsKey: "alias/payments-artifacts")
        }
    }

    @Test func theReadmeExampleRenders() throws {
        let files = try Generator().render(Self.readmePipeline())
        #expect(files.map(\.path) == [".github/workflows/infrastructure.yml", ".github/workflows/infrastructure-drift.yml"])
    }

    @Test func anAfterNamingAMissingEnvironmentIsAnErrorAtAfter() {
        #expect(throws: GenerationError.invalidPipeline([ValidationError(
            path: "environments[2].after",
            message: "\"stagnig\" is not an environment; expected one of dev, staging — did you mean \"staging\"?"
        )])) {
            try Generator().render(Self.readmePipeline(prodAfter: "stagnig"))
        }
    }

    @Test func aBadPipelineNameIsAnErrorAtNameNotAboutExpressions() throws {
        let error = try #require(throws: GenerationError.self) {
            try Generator().render(Self.readmePipeline(name: "Deploy ${{ github.token }}"))
        }
        guard case .invalidPipeline(let errors) = error else {
            Issue.record("expected an invalid pipeline, got \(error)")
            return
        }
        #expect(errors.map(\.path) == ["name"])
        #expect(!errors[0].message.contains("expected expressions to be built with Expression"), "\(errors[0].message)")
    }

    @Test func aHandBuiltWorkflowIsValidatedBeforeItRenders() {
        let workflow = Workflow(name: "CI", on: Triggers(push: EventFilter()), jobs: [
            Job(id: "build", needs: ["tset"], runsOn: "ubuntu-latest", steps: [.run("Build", "swift build")]),
            Job(id: "test", runsOn: "ubuntu-latest", steps: [.run("Test", "swift test")]),
        ])
        #expect(throws: GenerationError.invalidWorkflow([ValidationError(
            path: "ci.yml: jobs.build.needs[0]",
            message: "\"tset\" is not a job of this workflow; expected one of test — did you mean \"test\"?"
        )])) {
            try Generator().render(GeneratedWorkflow(fileName: "ci.yml", workflow: workflow))
        }
    }
}
