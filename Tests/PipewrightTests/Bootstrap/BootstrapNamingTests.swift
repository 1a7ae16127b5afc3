import Testing
@testable import Pipewright

/// Role names and ARNs that the workflows and the bootstrap template must agree on.
@Suite struct BootstrapNamingTests {
    @Test func roleNamesKeepIAMsCharactersAndAtMost64() {
        #expect(BootstrapNaming.roleName("myapp", "prod", "deploy") == "myapp-prod-deploy")
        #expect(BootstrapNaming.roleName("my app", "a/b", "x+=,.@_-y") == "my-app-a-b-x+=,.@_-y")
        let long = String(repeating: "a", count: 70)
        #expect(BootstrapNaming.roleName(long, "prod") == String(repeating: "a", count: 64))
        // Not ASCII: each character that IAM refuses becomes one dash.
        #expect(BootstrapNaming.roleName("café", "prod") == "caf--prod")
    }

    @Test func executionRoleARNNamesThePartitionTheAccountAndTheRole() {
        let pipeline = Pipeline("App", project: "myapp") {
            CloudFormationTemplate(path: "template.yaml")
            Region("us-east-1")
            Environment("prod", account: "123456789012", role: .variable("AWS_ROLE_ARN"), branch: "main")
            Environment("china", account: "210987654321", region: "cn-north-1", role: .variable("AWS_ROLE_ARN"), branch: "main")
        }
        #expect(BootstrapNaming.executionRoleARN(pipeline, pipeline.environments[0]) == "arn:aws:iam::123456789012:role/myapp-prod-cfn-exec")
        #expect(BootstrapNaming.executionRoleARN(pipeline, pipeline.environments[1]) == "arn:aws-cn:iam::210987654321:role/myapp-china-cfn-exec")
    }

    /// A chained environment's first hops live in the pipeline account, its drift and verify roles in its own
    /// (they never chain): roles derived from ARNs must say so, or the jobs would assume roles that do not exist.
    @Test func derivedRolesOfAChainedEnvironmentLiveWhereTheBootstrapCreatesThem() {
        let environment = Environment(
            "prod", account: "333333333333", role: .arn("arn:aws:iam::000000000000:role/myapp-prod-deploy"),
            chainedRole: .arn("arn:aws:iam::333333333333:role/myapp-prod-target"), branch: "main"
        )
        #expect(environment.role(for: .plan) == .arn("arn:aws:iam::000000000000:role/myapp-prod-plan"))
        #expect(environment.role(for: .destroy) == .arn("arn:aws:iam::000000000000:role/myapp-prod-destroy"))
        #expect(environment.role(for: .drift) == .arn("arn:aws:iam::333333333333:role/myapp-prod-drift"))
        #expect(environment.role(for: .verify) == .arn("arn:aws:iam::333333333333:role/myapp-prod-verify"))
        #expect(environment.chainedRole(for: .plan) == .arn("arn:aws:iam::333333333333:role/myapp-prod-plan-target"))
        // Not chained, the role is the environment's own: every derived role stays in its account.
        let direct = Environment("dev", account: "111111111111", role: .arn("arn:aws:iam::111111111111:role/myapp-dev-deploy"), branch: "main")
        #expect(direct.role(for: .drift) == .arn("arn:aws:iam::111111111111:role/myapp-dev-drift"))
    }
}
