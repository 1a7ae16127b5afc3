import Testing
@testable import Pipewright

/// Small hand-written templates, one per rule of the model.
@Suite struct IAMDeploymentTests {
    static let provider = #"{"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:oidc-provider/token.actions.githubusercontent.com"}"#
    static let lambdaTrust = "{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}"

    /// A role resource: `trust` and `statements` are flow-style statements.
    static func role(_ id: String, name: String, condition: String? = nil, trust: [String] = [lambdaTrust], statements: [String] = [],
                     extra: [String] = []) -> String {
        var lines = ["  \(id):", "    Type: AWS::IAM::Role"]
        if let condition { lines.append("    Condition: \(condition)") }
        lines += ["    Properties:", "      RoleName: \(name)", "      AssumeRolePolicyDocument: {Statement: [\(trust.joined(separator: ", "))]}"]
        if !statements.isEmpty {
            lines.append("      Policies: [{PolicyName: p, PolicyDocument: {Statement: [\(statements.joined(separator: ", "))]}}]")
        }
        return (lines + extra.map { "      " + $0 }).joined(separator: "\n")
    }

    static let hubTemplate = """
    Parameters:
      GitHubRepository: {Type: String}
      Hub: {Type: String, AllowedValues: ["true", "false"], Default: "false"}
      HubAccount: {Type: String, Default: "111111111111"}
      CreateProvider: {Type: String, Default: "true"}
    Conditions:
      IsHub: {"Fn::Equals": [{"Ref": Hub}, "true"]}
      NotHub: {"Fn::Not": [{Condition: IsHub}]}
      MakeProvider: {"Fn::Equals": [{"Ref": CreateProvider}, "true"]}
    Resources:
      Provider:
        Type: AWS::IAM::OIDCProvider
        Condition: MakeProvider
        Properties: {Url: "https://token.actions.githubusercontent.com", ClientIdList: [sts.amazonaws.com]}
    \(role("HubRole", name: "hub", condition: "IsHub", trust: [
        #"{Effect: Allow, Principal: {Federated: \#(provider)}, Action: [sts:AssumeRoleWith*], Condition: {StringEquals: {"token.actions.githubusercontent.com:aud": sts.amazonaws.com}, StringLike: {"token.actions.githubusercontent.com:sub": {"Fn::Sub": "repo:${GitHubRepository}:environment:*"}}}}"#,
        #"{Effect: Deny, Principal: {Federated: \#(provider)}, Action: sts:AssumeRoleWithWebIdentity, Condition: {StringEquals: {"token.actions.githubusercontent.com:sub": {"Fn::Sub": "repo:${GitHubRepository}:environment:blocked"}}}}"#,
    ], statements: [#"{Effect: Allow, Action: sts:AssumeRole, Resource: "arn:aws:iam::*:role/target-*"}"#]))
    \(role("WorkflowRole", name: "workflow-pinned", condition: "IsHub", trust: [
        #"{Effect: Allow, Principal: {Federated: \#(provider)}, Action: sts:AssumeRoleWithWebIdentity, Condition: {StringEquals: {"token.actions.githubusercontent.com:job_workflow_ref": "acme/workflows/.github/workflows/deploy.yml@refs/heads/main"}}}"#,
    ]))
    \(role("TargetByARN", name: "target-by-arn", condition: "NotHub", trust: [
        #"{Effect: Allow, Principal: {AWS: {"Fn::Sub": "arn:aws:iam::${HubAccount}:role/hub"}}, Action: sts:AssumeRole}"#,
    ]))
    \(role("TargetByAccount", name: "target-by-account", condition: "NotHub", trust: [
        #"{Effect: Allow, Principal: {AWS: {"Ref": HubAccount}}, Action: sts:AssumeRole, Condition: {ArnEquals: {"aws:PrincipalArn": {"Fn::Sub": "arn:aws:iam::${HubAccount}:role/hub"}}}}"#,
    ]))
    \(role("TargetOfAnother", name: "target-of-another", condition: "NotHub", trust: [
        #"{Effect: Allow, Principal: {AWS: {"Fn::Sub": "arn:aws:iam::${HubAccount}:root"}}, Action: sts:AssumeRole, Condition: {ArnEquals: {"aws:PrincipalArn": {"Fn::Sub": "arn:aws:iam::${HubAccount}:role/other"}}}}"#,
    ]))
    \(role("Unlisted", name: "unlisted", condition: "NotHub", trust: [
        #"{Effect: Allow, Principal: {AWS: {"Fn::Sub": "arn:aws:iam::${HubAccount}:role/hub"}}, Action: sts:AssumeRole}"#,
    ]))
    \(role("TargetOfService", name: "target-of-service", condition: "NotHub", trust: [
        "{Effect: Allow, Principal: {Service: cloudformation.amazonaws.com}, Action: sts:AssumeRole}",
    ]))
    \(role("LocalGitHub", name: "local", condition: "NotHub", trust: [
        #"{Effect: Allow, Principal: {Federated: \#(provider)}, Action: sts:AssumeRoleWithWebIdentity, Condition: {StringEquals: {"token.actions.githubusercontent.com:sub": "repo:acme/app:environment:local"}}}"#,
    ]))
    """

    static func hub() throws -> IAMDeployment {
        try IAMDeployment(template: hubTemplate, stacks: [
            IAMStack(account: "111111111111", parameters: ["GitHubRepository": "acme/app", "Hub": "true"]),
            IAMStack(account: "222222222222", parameters: ["GitHubRepository": "acme/app"]),
            IAMStack(account: "333333333333", parameters: ["GitHubRepository": "acme/app", "CreateProvider": "false"]),
        ])
    }

    static func arn(_ account: String, _ name: String) -> String { "arn:aws:iam::\(account):role/\(name)" }

    // MARK: - Web identity

    @Test func aTokenAssumesTheRolesWhoseTrustItsClaimsSatisfy() throws {
        let deployment = try Self.hub()
        #expect(deployment.rolesAdmitting(GitHubToken(sub: "repo:acme/app:environment:dev")) == [Self.arn("111111111111", "hub")])
        // Another repository, another audience, or a subject a Deny names: nothing.
        #expect(deployment.rolesAdmitting(GitHubToken(sub: "repo:acme/other:environment:dev")).isEmpty)
        #expect(deployment.rolesAdmitting(GitHubToken(sub: "repo:acme/app:environment:dev", aud: "https://github.com/acme")).isEmpty)
        #expect(deployment.rolesAdmitting(GitHubToken(sub: "repo:acme/app:environment:blocked")).isEmpty)
        #expect(deployment.rolesAdmitting(GitHubToken(sub: "repo:acme/app:ref:refs/heads/main")).isEmpty)
        // Other claims are condition keys too.
        let pinned = GitHubToken(sub: "repo:acme/app:ref:refs/heads/main", claims: ["job_workflow_ref": "acme/workflows/.github/workflows/deploy.yml@refs/heads/main"])
        #expect(deployment.rolesAdmitting(pinned) == [Self.arn("111111111111", "workflow-pinned")])
    }

    @Test func aTokenNeedsGitHubsProviderInTheRolesAccount() throws {
        let local = GitHubToken(sub: "repo:acme/app:environment:local")
        // 333333333333 was deployed with CreateProvider=false and has no provider of its own.
        #expect(try Self.hub().rolesAdmitting(local) == [Self.arn("111111111111", "hub"), Self.arn("222222222222", "local")])
        let withExisting = try IAMDeployment(template: Self.hubTemplate, stacks: [
            IAMStack(account: "222222222222", parameters: ["GitHubRepository": "acme/app"]),
            IAMStack(account: "333333333333", parameters: ["GitHubRepository": "acme/app", "CreateProvider": "false"], hasExistingGitHubProvider: true),
        ])
        #expect(withExisting.rolesAdmitting(local) == [Self.arn("222222222222", "local"), Self.arn("333333333333", "local")])
    }

    // MARK: - Chaining

    @Test func chainingNeedsTheCallersPolicyAndTheTargetsTrustAcrossAccounts() throws {
        let deployment = try Self.hub()
        let dev = GitHubToken(sub: "repo:acme/app:environment:dev")
        #expect(deployment.rolesReachable(by: dev) == [
            Self.arn("111111111111", "hub"),
            Self.arn("222222222222", "target-by-account"), Self.arn("222222222222", "target-by-arn"),
            Self.arn("333333333333", "target-by-account"), Self.arn("333333333333", "target-by-arn"),
        ])
        #expect(deployment.chains(from: dev)[Self.arn("222222222222", "target-by-arn")] == [Self.arn("111111111111", "hub"), Self.arn("222222222222", "target-by-arn")])
        // The trust admits the hub, but the hub's policy does not name the role.
        #expect(try !deployment.canAssume(Self.arn("111111111111", "hub"), Self.arn("222222222222", "unlisted")))
        // The hub's policy names the role, but its trust admits another role of the account, or a service.
        #expect(try !deployment.canAssume(Self.arn("111111111111", "hub"), Self.arn("222222222222", "target-of-another")))
        #expect(try !deployment.canAssume(Self.arn("111111111111", "hub"), Self.arn("222222222222", "target-of-service")))
        #expect(throws: IAMModelError.self) { try deployment.canAssume(Self.arn("111111111111", "nobody"), Self.arn("222222222222", "local")) }
    }

    static let sameAccountTemplate = """
    Resources:
      Provider:
        Type: AWS::IAM::OIDCProvider
        Properties: {Url: "https://token.actions.githubusercontent.com", ClientIdList: [sts.amazonaws.com]}
    \(role("Entry", name: "entry", trust: [#"{Effect: Allow, Principal: {Federated: {"Ref": Provider}}, Action: sts:AssumeRoleWithWebIdentity}"#]))
    \(role("Delegating", name: "delegating", statements: [#"{Effect: Allow, Action: "sts:*", Resource: "*"}"#]))
    \(role("Denying", name: "denying", statements: [#"{Effect: Deny, Action: sts:AssumeRole, Resource: "*"}"#]))
    \(role("Bounded", name: "bounded", extra: [#"PermissionsBoundary: {"Ref": Boundary}"#]))
    \(role("Direct", name: "direct", trust: [
        #"{Effect: Allow, Principal: {AWS: [{"Fn::GetAtt": [Entry, Arn]}, {"Fn::GetAtt": [Denying, Arn]}, {"Fn::GetAtt": [Bounded, Arn]}]}, Action: sts:AssumeRole}"#,
    ]))
    \(role("ViaRoot", name: "via-root", trust: [
        #"{Effect: Allow, Principal: {AWS: {"Fn::Sub": "arn:aws:iam::${AWS::AccountId}:root"}}, Action: sts:AssumeRole}"#,
    ]))
    \(role("LoopA", name: "loop-a", trust: [#"{Effect: Allow, Principal: {AWS: [{"Fn::GetAtt": [Direct, Arn]}, "arn:aws:iam::111111111111:role/loop-b"]}, Action: sts:AssumeRole}"#]))
    \(role("LoopB", name: "loop-b", trust: [#"{Effect: Allow, Principal: {AWS: {"Fn::GetAtt": [LoopA, Arn]}}, Action: sts:AssumeRole}"#]))
      Boundary:
        Type: AWS::IAM::ManagedPolicy
        Properties:
          ManagedPolicyName: boundary
          PolicyDocument: {Statement: [{Effect: Allow, Action: "s3:*", Resource: "*"}]}
    """

    @Test func withinOneAccountATrustNamingTheRoleSufficesAndOneNamingTheAccountDelegates() throws {
        let deployment = try IAMDeployment(template: Self.sameAccountTemplate, stacks: [IAMStack(account: "111111111111")])
        let arn = { Self.arn("111111111111", $0) }
        // Entry has no policies: the trust naming it is enough, the trust naming the account is not.
        #expect(try deployment.canAssume(arn("entry"), arn("direct")))
        #expect(try !deployment.canAssume(arn("entry"), arn("via-root")))
        #expect(try deployment.canAssume(arn("delegating"), arn("via-root")))
        // An explicit deny of the caller's, or its boundary, still stops it.
        #expect(try !deployment.canAssume(arn("denying"), arn("direct")))
        #expect(try !deployment.canAssume(arn("bounded"), arn("direct")))
        // A cycle of trust ends.
        #expect(deployment.rolesReachable(by: GitHubToken(sub: "repo:acme/app:pull_request")) == [arn("direct"), arn("entry"), arn("loop-a"), arn("loop-b")])
    }

    // MARK: - Permissions

    static let permissionsTemplate = """
    Resources:
    \(role("Custom", name: "custom", statements: [
        #"{Effect: Allow, Action: "cloudformation:*", Resource: "arn:aws:cloudformation:*:111111111111:stack/app-*/*"}"#,
        #"{Effect: Deny, Action: cloudformation:DeleteStack, Resource: "*"}"#,
        #"{Effect: Allow, Action: iam:PassRole, Resource: "arn:aws:iam::111111111111:role/exec", Condition: {StringEquals: {"iam:PassedToService": cloudformation.amazonaws.com}}}"#,
        #"{Effect: Allow, Action: "s3:*", NotResource: "arn:aws:s3:::secret/*"}"#,
    ]))
    \(role("Power", name: "power", extra: ["ManagedPolicyArns: [arn:aws:iam::aws:policy/PowerUserAccess]"]))
    \(role("Reader", name: "reader", extra: [#"ManagedPolicyArns: [{"Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/ReadOnlyAccess"}]"#]))
    \(role("Bounded", name: "bounded", extra: ["ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess]", #"PermissionsBoundary: {"Ref": Boundary}"#]))
    \(role("Attached", name: "attached"))
      Boundary:
        Type: AWS::IAM::ManagedPolicy
        Properties:
          PolicyDocument: {Statement: [{Effect: Allow, Action: ["cloudformation:Describe*", "s3:*"], Resource: "*"}, {Effect: Deny, Action: s3:DeleteBucket, Resource: "*"}]}
      Publish:
        Type: AWS::IAM::ManagedPolicy
        Properties:
          Roles: [{"Ref": Attached}]
          PolicyDocument: {Statement: [{Effect: Allow, Action: sns:Publish, Resource: "*"}]}
      Send:
        Type: AWS::IAM::Policy
        Properties:
          PolicyName: send
          Roles: [attached]
          PolicyDocument: {Statement: [{Effect: Allow, Action: sqs:SendMessage, Resource: "*"}]}
    """

    @Test func identityPoliciesAllowDenyAndIntersectWithTheBoundary() throws {
        let deployment = try IAMDeployment(template: Self.permissionsTemplate, stacks: [IAMStack(account: "111111111111")])
        let role = { Self.arn("111111111111", $0) }
        let stack = "arn:aws:cloudformation:us-east-1:111111111111:stack/app-prod/1"
        #expect(try deployment.may(role("custom"), "cloudformation:ExecuteChangeSet", on: stack))
        #expect(try deployment.may(role("custom"), "CloudFormation:executechangeset", on: stack))
        #expect(try !deployment.may(role("custom"), "cloudformation:ExecuteChangeSet", on: "arn:aws:cloudformation:us-east-1:111111111111:stack/other/1"))
        #expect(try !deployment.may(role("custom"), "cloudformation:DeleteStack", on: stack))
        #expect(try deployment.may(role("custom"), "iam:PassRole", on: role("exec"), context: ["iam:PassedToService": ["cloudformation.amazonaws.com"]]))
        #expect(try !deployment.may(role("custom"), "iam:PassRole", on: role("exec"), context: ["iam:PassedToService": ["lambda.amazonaws.com"]]))
        #expect(try !deployment.may(role("custom"), "iam:PassRole", on: role("exec")))
        #expect(try deployment.may(role("custom"), "s3:GetObject", on: "arn:aws:s3:::public/key"))
        #expect(try !deployment.may(role("custom"), "s3:GetObject", on: "arn:aws:s3:::secret/key"))

        #expect(try deployment.may(role("power"), "cloudformation:CreateStack", on: stack))
        #expect(try !deployment.may(role("power"), "iam:CreateRole", on: role("x")))
        #expect(try deployment.may(role("power"), "iam:ListRoles", on: "*"))
        #expect(try deployment.may(role("reader"), "s3:GetObject", on: "arn:aws:s3:::bucket/key"))
        #expect(try deployment.may(role("reader"), "ssm:GetParameter", on: "arn:aws:ssm:us-east-1:111111111111:parameter/x"))
        #expect(try !deployment.may(role("reader"), "secretsmanager:GetSecretValue", on: "arn:aws:secretsmanager:us-east-1:111111111111:secret:x"))
        #expect(try !deployment.may(role("reader"), "s3:PutObject", on: "arn:aws:s3:::bucket/key"))

        #expect(try deployment.may(role("bounded"), "s3:PutObject", on: "arn:aws:s3:::bucket/key"))
        #expect(try !deployment.may(role("bounded"), "s3:DeleteBucket", on: "arn:aws:s3:::bucket"))
        #expect(try !deployment.may(role("bounded"), "cloudformation:CreateStack", on: stack))

        #expect(try deployment.may(role("attached"), "sqs:SendMessage", on: "arn:aws:sqs:us-east-1:111111111111:q"))
        #expect(try deployment.may(role("attached"), "sns:Publish", on: "arn:aws:sns:us-east-1:111111111111:t"))
        #expect(try !deployment.may(role("attached"), "sns:Subscribe", on: "arn:aws:sns:us-east-1:111111111111:t"))
    }

    @Test func unknownManagedPoliciesAndRolesAreErrors() throws {
        let template = "Resources:\n" + Self.role("R", name: "r", extra: ["ManagedPolicyArns: [arn:aws:iam::aws:policy/AmazonS3FullAccess]"])
        #expect(throws: IAMModelError(path: "arn:aws:iam::111111111111:role/r",
                                      message: "managed policy arn:aws:iam::aws:policy/AmazonS3FullAccess is unknown to the model; add it to AWSManagedPolicies or pass it in")) {
            try IAMDeployment(template: template, stacks: [IAMStack(account: "111111111111")])
        }
        let full = IAMPolicyDocument(statements: [.allow(["s3:*"])])
        let deployment = try IAMDeployment(template: template, stacks: [IAMStack(account: "111111111111")],
                                           managedPolicies: ["arn:aws:iam::aws:policy/AmazonS3FullAccess": full])
        #expect(try deployment.may(Self.arn("111111111111", "r"), "s3:PutObject", on: "arn:aws:s3:::b/k"))
        #expect(throws: IAMModelError.self) { try deployment.may(Self.arn("111111111111", "nobody"), "s3:PutObject", on: "*") }
        #expect(throws: IAMModelError(path: "arn:aws:iam::111111111111:role/r", message: "created twice in one account; the second stack would fail")) {
            try IAMDeployment(template: template, stacks: [IAMStack(account: "111111111111"), IAMStack(account: "111111111111", stackName: "again")])
        }
    }

    // MARK: - KMS

    static let keyTemplate = """
    Parameters:
      KeyAccount: {Type: String, Default: "111111111111"}
    Conditions:
      HasKey: {"Fn::Equals": [{"Ref": "AWS::AccountId"}, {"Ref": KeyAccount}]}
      Remote: {"Fn::Not": [{Condition: HasKey}]}
    Resources:
      Key:
        Type: AWS::KMS::Key
        Condition: HasKey
        Properties:
          KeyPolicy:
            Statement:
              - {Effect: Allow, Principal: {AWS: {"Fn::Sub": "arn:aws:iam::${AWS::AccountId}:root"}}, Action: "kms:*", Resource: "*"}
              - {Effect: Allow, Principal: {AWS: [{"Fn::GetAtt": [Direct, Arn]}, "arn:aws:iam::222222222222:role/remote", "arn:aws:iam::222222222222:role/remote-bare"]}, Action: [kms:Decrypt, kms:GenerateDataKey], Resource: "*", Condition: {StringEquals: {"kms:EncryptionContext:repository": acme/app}}}
              - {Effect: Allow, Principal: {AWS: "222222222222"}, Action: kms:Decrypt, Resource: "*", Condition: {ArnLike: {"aws:PrincipalArn": "arn:aws:iam::222222222222:role/via-root*"}}}
              - {Effect: Deny, Principal: "*", Action: "kms:*", Resource: "*", Condition: {StringEquals: {"kms:EncryptionContext:repository": evil/app}}}
    \(role("Direct", name: "direct", condition: "HasKey"))
    \(role("Delegated", name: "delegated", condition: "HasKey", statements: [#"{Effect: Allow, Action: kms:Decrypt, Resource: {"Fn::GetAtt": [Key, Arn]}}"#]))
    \(role("Remote", name: "remote", condition: "Remote", statements: [#"{Effect: Allow, Action: "kms:*", Resource: "arn:aws:kms:*:111111111111:key/*"}"#]))
    \(role("RemoteBare", name: "remote-bare", condition: "Remote"))
    \(role("ViaRoot", name: "via-root-deploy", condition: "Remote", statements: [#"{Effect: Allow, Action: kms:Decrypt, Resource: "*"}"#]))
    \(role("Elsewhere", name: "elsewhere", condition: "Remote", statements: [#"{Effect: Allow, Action: kms:Decrypt, Resource: "*"}"#]))
    """

    @Test func keyPoliciesGrantDirectlyInTheirAccountAndWithTheIdentityPolicyAcrossAccounts() throws {
        let deployment = try IAMDeployment(template: Self.keyTemplate, stacks: [IAMStack(account: "111111111111"), IAMStack(account: "222222222222")])
        let key = "arn:aws:kms:us-east-1:111111111111:key/Key"
        let context = ["repository": "acme/app"]
        let local = { Self.arn("111111111111", $0) }, remote = { Self.arn("222222222222", $0) }
        // Same account: the key policy naming the role suffices; naming the account delegates to the role's policy.
        #expect(try deployment.kmsAllows(local("direct"), "kms:Decrypt", on: key, encryptionContext: context))
        #expect(try !deployment.kmsAllows(local("direct"), "kms:Decrypt", on: key, encryptionContext: ["repository": "acme/other"]))
        #expect(try !deployment.kmsAllows(local("direct"), "kms:Decrypt", on: key))
        #expect(try !deployment.kmsAllows(local("direct"), "kms:Encrypt", on: key, encryptionContext: context))
        #expect(try deployment.kmsAllows(local("delegated"), "kms:Decrypt", on: key))
        #expect(try !deployment.kmsAllows(local("delegated"), "kms:GenerateDataKey", on: key))
        // Across accounts both must allow; an account grant's conditions pick the roles.
        #expect(try deployment.kmsAllows(remote("remote"), "kms:GenerateDataKey", on: key, encryptionContext: context))
        #expect(try !deployment.kmsAllows(remote("remote-bare"), "kms:Decrypt", on: key, encryptionContext: context))
        #expect(try deployment.kmsAllows(remote("via-root-deploy"), "kms:Decrypt", on: key))
        #expect(try !deployment.kmsAllows(remote("elsewhere"), "kms:Decrypt", on: key))
        // A Deny in the key policy wins over every grant.
        #expect(try !deployment.kmsAllows(remote("via-root-deploy"), "kms:Decrypt", on: key, encryptionContext: ["repository": "evil/app"]))
        #expect(throws: IAMModelError.self) { try deployment.kmsAllows(local("direct"), "kms:Decrypt", on: "arn:aws:kms:us-east-1:111111111111:key/none") }
    }
}
