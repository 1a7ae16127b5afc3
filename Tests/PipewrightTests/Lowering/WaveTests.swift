import Testing
@testable import Pipewright

/// Waves: environments that deploy as one decision. Both members share one GitHub environment, both plans run
/// before either execute job starts, so both execute jobs wait for approval at the same moment; what comes after
/// a member waits for the whole wave; the config refuses a wave whose members would not start together.
@Suite struct WaveTests {
    static func pipeline(prodEUAfter: String? = "staging", prodEUBranch: String = "main", review: Bool = true) -> Pipeline {
        Pipeline("Waves", project: "shop") {
            Environment("staging", account: "111111111111", role: .variable("ROLE_STAGING"), branch: "main")
            Environment("prod-us", account: "222222222222", region: "us-east-1", role: .variable("ROLE_PROD_US"), wave: "prod", branch: "main",
                        after: "staging", strategy: .changeSet(review: true), production: true)
            Environment("prod-eu", account: "333333333333", region: "eu-west-1", role: .variable("ROLE_PROD_EU"), wave: "prod", branch: prodEUBranch,
                        after: prodEUAfter, strategy: .changeSet(review: review), production: true)
            Environment("dr", account: "444444444444", region: "eu-central-1", role: .variable("ROLE_DR"), branch: "main", after: "prod-eu")
        }
    }

    func job(_ id: String, in pipeline: Pipeline = pipeline()) throws -> Job {
        let workflow = try #require(Generator().lower(pipeline).first).workflow
        return try #require(workflow.jobs.first { $0.id == id })
    }

    @Test func membersShareOneGitHubEnvironmentNamedAfterTheWave() throws {
        let pipeline = Self.pipeline()
        #expect(pipeline.configurationErrors() == [])
        #expect(pipeline.environments.map(\.githubEnvironment) == ["staging", "prod", "prod", "dr"])
        #expect(try job("deploy-prod-us").environment?.name.rendered == "prod")
        #expect(try job("deploy-prod-eu").environment?.name.rendered == "prod")
        #expect(try job("plan-prod-eu").environment?.name.rendered == "prod-plan")
    }

    /// GitHub approves the jobs waiting on an environment together, but only those waiting at the same moment:
    /// each execute job needs every member's plan, so none starts waiting before the last plan is done.
    @Test func everyExecuteJobNeedsEveryPlanOfTheWave() throws {
        for member in ["prod-us", "prod-eu"] {
            let execute = try job("deploy-" + member)
            #expect(execute.needs == ["plan-prod-us", "plan-prod-eu"])
            let condition = try #require(execute.condition).source
            #expect(condition == "!cancelled() && !failure() && ((github.event_name == 'push' && github.ref == 'refs/heads/main') || (github.event_name == 'workflow_dispatch' && inputs.environment == '\(member)')) && needs.plan-\(member).result == 'success' && needs.plan-\(member).outputs.has-changes == 'true'")
        }
        // The plans themselves start together: both after staging.
        #expect(try job("plan-prod-us").needs == ["build", "validate", "deploy-staging"])
        #expect(try job("plan-prod-eu").needs == ["build", "validate", "deploy-staging"])
    }

    @Test func whatComesAfterAMemberWaitsForTheWholeWave() throws {
        let dr = try job("deploy-dr")
        #expect(dr.needs == ["build", "validate", "plan-prod-us", "deploy-prod-us", "plan-prod-eu", "deploy-prod-eu"])
        let condition = try #require(dr.condition).source
        #expect(condition.contains("(needs.deploy-prod-us.result == 'success' || (needs.plan-prod-us.result == 'success' && needs.plan-prod-us.outputs.has-changes == 'false'))"))
        #expect(condition.contains("(needs.deploy-prod-eu.result == 'success' || (needs.plan-prod-eu.result == 'success' && needs.plan-prod-eu.outputs.has-changes == 'false'))"))
    }

    @Test func anEnvironmentOutsideAWaveKeepsOneExecuteNeed() throws {
        let pipeline = Pipeline("One", project: "shop") {
            Environment("prod", account: "222222222222", role: .variable("ROLE_PROD"), branch: "main", strategy: .changeSet(review: true), production: true)
        }
        let execute = try job("deploy-prod", in: pipeline)
        #expect(execute.needs == ["plan-prod"])
        #expect(try #require(execute.condition).source == "needs.plan-prod.outputs.has-changes == 'true'")
    }

    @Test func membersThatWouldNotStartTogetherAreRefused() {
        #expect(Self.pipeline(prodEUAfter: nil).configurationErrors().map(\.description) == [
            #"environments[2].wave: "prod" is also the wave of environments[1] ("prod-us"), whose "after" is "staging", this environment's absent; expected one "after" for every environment of a wave — it deploys as one"#,
        ])
        #expect(Self.pipeline(prodEUAfter: "prod-us").configurationErrors().map(\.path) == ["environments[2].wave"])
        #expect(Self.pipeline(review: false).configurationErrors().map(\.description) == [
            #"environments[2].wave: "prod" is also the wave of environments[1] ("prod-us"), whose review is reviewed, this environment's not reviewed; expected one review for every environment of a wave — it deploys as one"#,
        ])
        let branches = Self.pipeline(prodEUAfter: nil, prodEUBranch: "release")
        #expect(branches.configurationErrors().map(\.description).contains(
            #"environments[2].wave: "prod" is also the wave of environments[1] ("prod-us"), whose branch is "main", this environment's "release"; expected one branch for every environment of a wave — it deploys as one"#
        ))
    }

    @Test func aWaveMayNotShareItsGitHubEnvironmentWithAnOutsider() {
        var pipeline = Self.pipeline()
        pipeline.environments[0].githubEnvironment = "prod"
        #expect(pipeline.configurationErrors().map(\.description) == [
            #"environments[1].wave: "prod" deploys in GitHub environment "prod", which environments[0] ("staging") also uses outside the wave, so the wave's one approval would release it too; expected a wave name no other environment's GitHub environment has"#,
        ])
        var later = Self.pipeline()
        later.environments[3].githubEnvironment = "prod"
        #expect(later.configurationErrors().map(\.description) == [
            #"environments[1].wave: "prod" deploys in GitHub environment "prod", which environments[3] ("dr") also uses outside the wave, so the wave's one approval would release it too; expected a wave name no other environment's GitHub environment has"#,
        ])
    }

    @Test func theConfigReadsAndWritesTheWave() throws {
        let pipeline = Self.pipeline()
        let text = PipewrightConfig.encode(pipeline)
        #expect(text.contains(#""wave": "prod""#))
        #expect(!text.contains(#""githubEnvironment""#), "the wave names the GitHub environment; nothing else to write")
        #expect(try PipewrightConfig.decode(text).pipeline == pipeline)
    }

    @Test func theNextStepsNameTheWavesEnvironmentOnce() {
        let text = BootstrapTemplate.nextSteps(for: Self.pipeline())
        let rules = text.split(separator: "\n").filter { $0.hasPrefix("   - prod:") }
        #expect(rules == ["   - prod: required reviewers; wave prod: prod-us, prod-eu wait on it together, so one approval deploys them all; deployment branches: main"])
        #expect(text.components(separatedBy: "environments/prod-plan --input").count == 2, "the plan environment's rule is written once")
    }
}
