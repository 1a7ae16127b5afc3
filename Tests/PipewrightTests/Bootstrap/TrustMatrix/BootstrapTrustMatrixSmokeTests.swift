import Testing
@testable import Pipewright
import PipewrightBlueprints

/// Today's default blueprint instantiates in the model. The trust matrix's design assertions live elsewhere;
/// this only proves the model reads the template the library renders.
@Test func theDefaultBlueprintsBootstrapInstantiatesInThreeAccounts() throws {
    let pipeline = try #require(BlueprintCatalog.named(BlueprintCatalog.defaultName)).pipeline()
    let deployment = try IAMDeployment(template: BootstrapTemplate.yaml(for: pipeline), stacks: [
        IAMStack(account: "111111111111", parameters: ["GitHubRepository": "acme/app", "CreateSharedResources": "true"]),
        IAMStack(account: "222222222222", parameters: ["GitHubRepository": "acme/app", "CreateSharedResources": "false"]),
        IAMStack(account: "333333333333", parameters: ["GitHubRepository": "acme/app", "CreateSharedResources": "false"]),
    ])
    #expect(!deployment.roles.isEmpty)
    #expect(!deployment.rolesReachable(by: GitHubToken(sub: "repo:acme/app:environment:dev")).isEmpty)
}
