import Testing
@testable import Pipewright

/// How several stacks lower: one job per environment, a step per stack in dependency order, parameters merged
/// from the stack and the environment, and the bootstrap's roles scoped to exactly the stacks' names.
@Suite struct StackLoweringTests {
    /// `app` is written first but depends on `network`.
    static let pipeline = Pipeline("Stacks", project: "shop") {
        Stack("app", template: "infra/app.yaml", dependsOn: ["network"],
              parameters: [.value("Size", "small"), .output("VpcId", stack: "network", output: "VpcId")])
        Stack("network", template: "infra/network.json")
        Environment("dev", account: "111111111111", role: .variable("ROLE_DEV"), branch: "main", parameters: [.value("app.Size", "large")])
        Environment("prod", account: "222222222222", role: .variable("ROLE_PROD"), branch: "main", after: "dev",
                    strategy: .changeSet(review: true), production: true)
    }

    func job(_ id: String) throws -> Job {
        let workflow = try #require(Generator().lower(Self.pipeline).first).workflow
        return try #require(workflow.jobs.first { $0.id == id })
    }

    func text(_ value: WorkflowValue?) -> String? {
        if case .text(let text)? = value { text.rendered } else { nil }
    }

    @Test func stacksDeployInDependencyOrderInOneJobPerEnvironment() throws {
        #expect(Self.pipeline.configurationErrors() == [])
        let workflow = try #require(Generator().lower(Self.pipeline).first).workflow
        #expect(workflow.jobs.map(\.id) == ["pull-request", "build", "validate", "deploy-dev", "plan-prod", "deploy-prod"])
        #expect(try job("deploy-dev").steps.compactMap(\.id).filter { $0.hasPrefix("deploy-") || $0.hasPrefix("outputs-") }
                == ["deploy-network", "outputs-network", "deploy-app", "outputs-app"])
        #expect(try job("plan-prod").steps.compactMap(\.id).filter { $0.hasPrefix("plan-") } == ["plan-network", "plan-app"])
        #expect(try job("deploy-prod").steps.compactMap(\.id).filter { $0.hasPrefix("deploy-") } == ["deploy-network", "deploy-app"])
    }

    @Test func aStackGetsItsOwnParametersTheEnvironmentsAndTheOutputsItReads() throws {
        let app = try #require(try job("deploy-dev").steps.first { $0.id == "deploy-app" })
        #expect(text(app.env["STACK_NAME"]) == "${{ steps.prepare.outputs.stack-name }}-app")
        #expect(text(app.env["TEMPLATE_FILE"]) == "artifact/bundle/stacks/app.yaml")
        #expect(text(app.env["PARAMETER_Size"]) == "large", "the environment's app.Size replaces the stack's")
        #expect(text(app.env["PARAMETER_KEYS"]) == "Size")
        #expect(text(app.env["OUTPUT_PARAMETER_KEYS"]) == "VpcId")
        #expect(text(app.env["OUTPUT_PARAMETER_VpcId"]) == "${{ steps.prepare.outputs.stack-name }}-network VpcId")
        let network = try #require(try job("deploy-dev").steps.first { $0.id == "deploy-network" })
        #expect(text(network.env["TEMPLATE_FILE"]) == "artifact/bundle/stacks/network.json")
        #expect(network.env["OUTPUT_PARAMETER_KEYS"] == nil)
    }

    @Test func theBootstrapScopesEachRoleToTheStacksNames() throws {
        let template = BootstrapTemplate.yaml(for: Self.pipeline)
        for name in ["shop-dev-network/*", "shop-dev-*-network/*", "shop-dev-app/*", "shop-dev-*-app/*"] {
            #expect(template.contains("stack/" + name), "\(name)")
        }
        #expect(!template.contains("stack/shop-dev/*") && !template.contains("stack/shop-dev-*/*"))
    }
}
