/// A small model of AWS IAM, enough to ask of a bootstrap template what AWS would answer once it is deployed:
/// which roles a GitHub OIDC token reaches (directly and by chaining `sts:AssumeRole`), what each role may do,
/// and whether it may use a KMS key.
///
/// What it models:
///
/// - Instantiating a CloudFormation template in one account and region (``CloudFormationInstance``):
///   parameters (defaults, `AllowedValues`, `AllowedPattern`, list types), `Conditions`, resource conditions,
///   `Ref`, `Fn::Sub`, `Fn::GetAtt`, `Fn::If` with `AWS::NoValue`, `Fn::Join`, `Fn::Select`, `Fn::Split`.
///   Any other intrinsic, pseudo parameter or attribute is a thrown error naming it, never ignored.
/// - A deployment of one template in several accounts (``IAMDeployment``): its roles (trust policy, inline
///   policies, `AWS::IAM::Policy` and `AWS::IAM::ManagedPolicy` resources attached to them, managed policy
///   ARNs, permissions boundary), its KMS keys and its OIDC providers.
/// - `sts:AssumeRoleWithWebIdentity` from a GitHub token: the provider must exist in the role's account and
///   list the token's audience; the trust policy must allow the provider and no statement may deny.
/// - `sts:AssumeRole` between roles, and KMS key use, as resource-based access: the resource's policy must
///   grant the caller; across accounts the caller's identity policies must allow too; within one account a
///   grant naming the role's ARN suffices (bar an explicit deny or the role's permissions boundary), while a
///   grant to the account (`:root` or the bare id) delegates to the identity policies.
/// - Identity-based evaluation: Allow/Deny, Action/NotAction, Resource/NotResource with IAM's wildcards,
///   conditions (see ``IAMCondition``), explicit deny wins, permissions boundaries intersect.
/// - AWS managed policies by a small named table that approximates them (``AWSManagedPolicies``).
///
/// What it does not model: SCPs and RCPs, session policies and session tags, resource-based policies other
/// than trust and key policies (bucket, repository, secret policies…), `NotPrincipal`, KMS grants, policy
/// variables (`${aws:username}`), the roles a trust policy names having to exist when the stack is created,
/// stack outputs and exports beyond checking that they resolve, and CloudFormation's YAML short forms
/// (`!Ref`), which ``YAMLReader`` refuses as tags.

/// Why a template could not be instantiated or a question not answered: where, and what.
struct IAMModelError: Error, Equatable, CustomStringConvertible {
    /// Where, e.g. `Resources.DeployRole.Properties.RoleName.Fn::Sub`, or the role or key asked about.
    let path: String
    /// What is wrong.
    let message: String

    var description: String { "\(path): \(message)" }
}

/// The claims of a GitHub Actions OIDC token that trust policies can test.
struct GitHubToken: Hashable, Sendable {
    /// GitHub's issuer: condition keys are `token.actions.githubusercontent.com:<claim>`.
    static let issuer = "token.actions.githubusercontent.com"

    /// The subject, e.g. `repo:acme/app:environment:prod`.
    let sub: String
    /// The audience; `aws-actions/configure-aws-credentials` asks for `sts.amazonaws.com`.
    let aud: String
    /// Other claims, e.g. `job_workflow_ref`, `repository_owner`.
    let claims: [String: String]
    /// The session name the job asks for; configure-aws-credentials defaults to `GitHubActions`.
    let sessionName: String

    init(sub: String, aud: String = "sts.amazonaws.com", claims: [String: String] = [:], sessionName: String = "GitHubActions") {
        self.sub = sub
        self.aud = aud
        self.claims = claims
        self.sessionName = sessionName
    }
}

/// One stack of the deployment: the template instantiated in an account and region with parameter values.
struct IAMStack: Hashable, Sendable {
    let account: String
    let region: String
    let parameters: [String: String]
    let partition: String
    let stackName: String
    /// Whether the account already has GitHub's OIDC provider (with audience `sts.amazonaws.com`) from
    /// outside this deployment, as when the stack is deployed with `CreateOIDCProvider=false`.
    let hasExistingGitHubProvider: Bool

    init(account: String, region: String = "us-east-1", parameters: [String: String] = [:], partition: String = "aws",
         stackName: String = "pipewright-bootstrap", hasExistingGitHubProvider: Bool = false) {
        self.account = account
        self.region = region
        self.parameters = parameters
        self.partition = partition
        self.stackName = stackName
        self.hasExistingGitHubProvider = hasExistingGitHubProvider
    }
}

/// A policy with its name, as a role holds inline policies.
struct IAMNamedPolicy: Hashable, Sendable {
    let name: String
    let document: IAMPolicyDocument
}

/// A role as deployed.
struct IAMRole: Hashable, Sendable {
    let arn: String
    let account: String
    let partition: String
    let name: String
    /// The `AssumeRolePolicyDocument`.
    let trustPolicy: IAMPolicyDocument
    /// Its inline policies, and the `AWS::IAM::Policy` resources of its stack that name it.
    let inlinePolicies: [IAMNamedPolicy]
    /// Its `ManagedPolicyArns`, and the `AWS::IAM::ManagedPolicy` resources of its stack that name it.
    let managedPolicyARNs: [String]
    /// The managed policy ARN of its permissions boundary, if any.
    let permissionsBoundaryARN: String?
}

/// A KMS key as deployed.
struct IAMKey: Hashable, Sendable {
    let arn: String
    let account: String
    let policy: IAMPolicyDocument
}

/// An OIDC identity provider as deployed: its ARN and the audiences it accepts.
struct IAMOIDCProvider: Hashable, Sendable {
    let arn: String
    let account: String
    let url: String
    let clientIDs: [String]
}
