import Foundation
import Testing
@testable import Pipewright
import PipewrightBlueprints

/// `pipewright graph`: every blueprint's picture in both formats against a golden file read by a person, and
/// the facts the picture must carry checked on the graph itself.
@Suite struct PipelineGraphTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    @Test(arguments: BlueprintCatalog.all.map(\.name), PipelineGraph.Format.allCases)
    func matchesGolden(_ blueprint: String, _ format: PipelineGraph.Format) throws {
        let pipeline = try #require(BlueprintCatalog.named(blueprint)).pipeline()
        let text = try Generator().graph(pipeline).render(format)
        try GoldenWorkflowTests.compare(text, with: blueprint + (format == .mermaid ? ".mmd" : ".dot"), in: Self.directory)
    }

    /// The example of several stacks, verified after each deploy (`examples/configs/two-stacks.json`).
    static func twoStacks() throws -> Pipeline {
        let file = directory.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("examples/configs/two-stacks.json")
        return try PipewrightConfig.decode(String(contentsOf: file, encoding: .utf8)).pipeline
    }

    @Test(arguments: PipelineGraph.Format.allCases)
    func theTwoStacksExampleMatchesGolden(_ format: PipelineGraph.Format) throws {
        let text = try Generator().graph(try Self.twoStacks()).render(format)
        try GoldenWorkflowTests.compare(text, with: "example-two-stacks" + (format == .mermaid ? ".mmd" : ".dot"), in: Self.directory)
    }

    /// A verify job is drawn after its deploy, in its unprotected `-verify` environment, with the verify role,
    /// and the next environment's first job waits for it.
    @Test func verificationIsDrawnWithItsEnvironmentAndRole() throws {
        let graph = try Generator().graph(try Self.twoStacks())
        let verify = try Self.node("verify-staging", in: graph)
        #expect(verify.needs == ["deploy-staging"])
        #expect(verify.environment == "staging-verify")
        #expect(!verify.needsApproval)
        #expect(verify.roles == ["vars.AWS_ROLE_ARN_STAGING_VERIFY"])
        #expect(verify.events == ["push", "workflow_dispatch"])
        #expect(try Self.node("plan-prod-us", in: graph).needs.contains("verify-staging"))
        #expect(try Self.node("verify-prod-us", in: graph).needs == ["plan-prod-us", "deploy-prod-us"])
    }

    static func node(_ job: String, in graph: PipelineGraph) throws -> PipelineGraph.Node {
        try #require(graph.clusters.flatMap(\.nodes).first { $0.job == job }, "no job \(job)")
    }

    @Test func approvalsAreTheEnvironmentsThatNeedReviewers() throws {
        let graph = try Generator().graph(try #require(BlueprintCatalog.named("cloudformation")).pipeline())
        let approved = graph.clusters.flatMap(\.nodes).filter(\.needsApproval).map(\.job)
        // prod is reviewed; the plan job must not wait (its environment has no reviewers); destroys are approved.
        #expect(approved == ["deploy-prod", "destroy-dev", "destroy-staging"])
        #expect(try Self.node("plan-prod", in: graph).environment == "prod-plan")
    }

    @Test func chainedDeploysShowBothRolesInOrder() throws {
        let graph = try Generator().graph(try #require(BlueprintCatalog.named("cdk")).pipeline())
        #expect(try Self.node("deploy-dev", in: graph).roles == ["vars.AWS_ROLE_ARN_DEV", "vars.AWS_TARGET_ROLE_ARN_DEV"])
        #expect(try Self.node("build", in: graph).roles == ["vars.AWS_CI_ROLE_ARN"])
        #expect(try Self.node("pull-request", in: graph).roles == [])
    }

    @Test func eventsFollowTheJobsConditions() throws {
        let graph = try Generator().graph(try #require(BlueprintCatalog.named("cloudformation")).pipeline())
        #expect(try Self.node("pull-request", in: graph).events == ["pull_request"])
        #expect(try Self.node("destroy-dev", in: graph).events == ["workflow_dispatch"])
        #expect(try Self.node("deploy-prod", in: graph).events == ["push", "workflow_dispatch"])
        #expect(try Self.node("drift-prod", in: graph).events == ["schedule", "workflow_dispatch"])
    }

    @Test func aLiteralRoleARNIsShownAsWritten() throws {
        var pipeline = try #require(BlueprintCatalog.named("cloudformation")).pipeline()
        pipeline.environments[0].role = .arn("arn:aws:iam::111111111111:role/myapp-dev-deploy")
        let graph = try Generator().graph(pipeline)
        #expect(try Self.node("deploy-dev", in: graph).roles == ["arn:aws:iam::111111111111:role/myapp-dev-deploy"])
    }

    @Test func labelsAreEscapedForEachFormat() {
        #expect(PipelineGraph.mermaidEscaped(#"a "b" <c> #d"#) == "a #quot;b#quot; #lt;c#gt; #35;d")
        #expect(PipelineGraph.dotEscaped(#"a "b" \c"# + "\nd") == #"a \"b\" \\c\nd"#)
    }

    @Test func anInvalidPipelineDrawsNothing() throws {
        var pipeline = try #require(BlueprintCatalog.named("cloudformation")).pipeline()
        pipeline.environments[1].after = "nowhere"
        #expect(throws: GenerationError.self) { try Generator().graph(pipeline) }
    }
}
