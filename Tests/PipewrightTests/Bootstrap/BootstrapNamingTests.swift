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
}
