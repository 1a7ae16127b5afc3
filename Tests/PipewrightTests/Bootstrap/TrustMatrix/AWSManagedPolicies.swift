/// The AWS managed policies the model knows, by name: approximations of AWS's own, small enough to read.
///
/// They approximate, not copy: the real ReadOnlyAccess lists hundreds of actions service by service; here it
/// is every `List*` and `Describe*`, and `Get*` of the services a pipeline touches — notably not
/// `secretsmanager:GetSecretValue`, which the real policy leaves out too. PowerUserAccess and
/// AdministratorAccess are as AWS writes them. A template attaching any other AWS managed policy fails to
/// instantiate until a policy is added here or passed to ``IAMDeployment``.
enum AWSManagedPolicies {
    static let byName: [String: IAMPolicyDocument] = [
        "AdministratorAccess": IAMPolicyDocument(statements: [.allow(["*"])]),
        "PowerUserAccess": IAMPolicyDocument(statements: [
            .allow(["iam:*", "organizations:*", "account:*"], except: true),
            .allow([
                "account:GetAccountInformation", "account:GetPrimaryEmail", "account:ListRegions", "iam:CreateServiceLinkedRole",
                "iam:DeleteServiceLinkedRole", "iam:ListRoles", "organizations:DescribeOrganization",
            ]),
        ]),
        "ReadOnlyAccess": IAMPolicyDocument(statements: [
            .allow(["*:List*", "*:Describe*"]),
            .allow([
                "cloudformation:Get*", "cloudformation:Detect*", "cloudformation:Estimate*", "cloudwatch:Get*", "dynamodb:BatchGetItem",
                "dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan", "ec2:Get*", "ecr:BatchGetImage", "ecr:Get*", "iam:Get*",
                "kms:Get*", "lambda:Get*", "logs:Get*", "s3:Get*", "secretsmanager:GetResourcePolicy", "sns:Get*", "sqs:Get*",
                "ssm:Get*", "sts:GetCallerIdentity",
            ]),
        ]),
    ]

    /// The policy an ARN `arn:<partition>:iam::aws:policy/<name>` names, if the table has it.
    static func policy(forARN arn: String) -> IAMPolicyDocument? {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[2] == "iam", parts[4] == "aws", parts[5].hasPrefix("policy/") else { return nil }
        return byName[String(parts[5].dropFirst("policy/".count))]
    }
}
