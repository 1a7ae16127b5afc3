@testable import Pipewright

/// One template deployed as several stacks, and the questions AWS would answer about the result.
///
/// ```swift
/// let deployment = try IAMDeployment(template: yaml, stacks: [
///     IAMStack(account: "111111111111", parameters: ["GitHubRepository": "acme/app", "CreateSharedResources": "true"]),
///     IAMStack(account: "222222222222", parameters: ["GitHubRepository": "acme/app", "CreateSharedResources": "false"]),
/// ])
/// let roles = deployment.rolesReachable(by: GitHubToken(sub: "repo:acme/app:environment:dev"))
/// let deploys = try deployment.may(roles[0], "cloudformation:ExecuteChangeSet", on: stackARN)
/// ```
struct IAMDeployment {
    let roles: [IAMRole]
    let keys: [IAMKey]
    let providers: [IAMOIDCProvider]
    /// Policies by ARN: the AWS managed ones of the table, those the stacks create, and those passed in.
    let managedPolicies: [String: IAMPolicyDocument]

    /// Deploys a template read from YAML or JSON text.
    init(template text: String, stacks: [IAMStack], managedPolicies: [String: IAMPolicyDocument] = [:]) throws {
        let document: YAMLSourceDocument
        do { document = try YAMLReader.read(text) } catch { throw IAMModelError(path: "template", message: error.description) }
        try self.init(template: document.root.yamlNode, stacks: stacks, managedPolicies: managedPolicies)
    }

    /// Deploys a template tree, as `BootstrapTemplate.template(for:)` returns it.
    init(template: YAMLNode, stacks: [IAMStack], managedPolicies extraPolicies: [String: IAMPolicyDocument] = [:]) throws {
        var roles: [IAMRole] = [], keys: [IAMKey] = [], providers: [IAMOIDCProvider] = []
        var policies = extraPolicies
        var createdPolicyARNs: [String] = []
        for stack in stacks {
            let instance = try CloudFormationInstance(template: template, stack: stack)
            let built = try Self.collect(instance)
            roles += built.roles
            keys += built.keys
            providers += built.providers
            createdPolicyARNs += built.policies.keys.sorted()
            policies.merge(built.policies) { _, created in created }
            if stack.hasExistingGitHubProvider {
                providers.append(IAMOIDCProvider(
                    arn: "arn:\(stack.partition):iam::\(stack.account):oidc-provider/\(GitHubToken.issuer)", account: stack.account,
                    url: "https://" + GitHubToken.issuer, clientIDs: ["sts.amazonaws.com"]))
            }
        }
        // IAM names are unique in an account: a second stack creating the same one fails to deploy.
        for arns in [roles.map(\.arn), providers.map(\.arn), createdPolicyARNs] {
            var seen: Set<String> = []
            if let duplicate = arns.first(where: { !seen.insert($0).inserted }) {
                throw IAMModelError(path: duplicate, message: "created twice in one account; the second stack would fail")
            }
        }
        for role in roles {
            for arn in role.managedPolicyARNs + [role.permissionsBoundaryARN].compactMap({ $0 })
            where policies[arn] == nil && AWSManagedPolicies.policy(forARN: arn) == nil {
                throw IAMModelError(path: role.arn, message: "managed policy \(arn) is unknown to the model; add it to AWSManagedPolicies or pass it in")
            }
        }
        self.roles = roles.sorted { $0.arn < $1.arn }
        self.keys = keys.sorted { $0.arn < $1.arn }
        self.providers = providers
        self.managedPolicies = policies
    }

    /// The roles, keys, providers and managed policies of one stack.
    private static func collect(_ instance: CloudFormationInstance) throws
        -> (roles: [IAMRole], keys: [IAMKey], providers: [IAMOIDCProvider], policies: [String: IAMPolicyDocument]) {
        let stack = instance.stack
        var keys: [IAMKey] = [], providers: [IAMOIDCProvider] = [], policies: [String: IAMPolicyDocument] = [:]
        // Policies and managed policies that name roles attach to them by role name.
        var attachedInline: [String: [IAMNamedPolicy]] = [:], attachedManaged: [String: [String]] = [:]
        for resource in instance.resources {
            let path = "Resources.\(resource.logicalID).Properties"
            let properties = resource.properties
            switch resource.type {
            case "AWS::KMS::Key":
                guard let policy = properties.member("KeyPolicy") else { throw IAMModelError(path: path, message: "a key needs a KeyPolicy") }
                keys.append(IAMKey(arn: resource.arn ?? "", account: stack.account, policy: try IAMPolicyDocument(policy, at: path + ".KeyPolicy")))
            case "AWS::IAM::OIDCProvider":
                providers.append(IAMOIDCProvider(
                    arn: resource.arn ?? "", account: stack.account, url: try properties.member("Url")?.policyString(at: path + ".Url") ?? "",
                    clientIDs: try properties.member("ClientIdList")?.policyStrings(at: path + ".ClientIdList") ?? []))
            case "AWS::IAM::ManagedPolicy":
                let document = try IAMPolicyDocument(properties.member("PolicyDocument") ?? .null, at: path + ".PolicyDocument")
                policies[resource.arn ?? ""] = document
                for role in try properties.member("Roles")?.policyStrings(at: path + ".Roles") ?? [] {
                    attachedManaged[role, default: []].append(resource.arn ?? "")
                }
            case "AWS::IAM::Policy":
                let name = try properties.member("PolicyName")?.policyString(at: path + ".PolicyName") ?? resource.logicalID
                let document = try IAMPolicyDocument(properties.member("PolicyDocument") ?? .null, at: path + ".PolicyDocument")
                for role in try properties.member("Roles")?.policyStrings(at: path + ".Roles") ?? [] {
                    attachedInline[role, default: []].append(IAMNamedPolicy(name: name, document: document))
                }
            default:
                break
            }
        }
        var roles: [IAMRole] = []
        for resource in instance.resources where resource.type == "AWS::IAM::Role" {
            let path = "Resources.\(resource.logicalID).Properties"
            let properties = resource.properties
            let arn = resource.arn ?? ""
            let name = String(arn.split(separator: "/").last ?? "")
            guard let trust = properties.member("AssumeRolePolicyDocument") else {
                throw IAMModelError(path: path, message: "a role needs an AssumeRolePolicyDocument")
            }
            var inline: [IAMNamedPolicy] = []
            for (index, policy) in (properties.member("Policies")?.sequenceItems ?? []).enumerated() {
                let here = "\(path).Policies[\(index)]"
                inline.append(IAMNamedPolicy(name: try policy.member("PolicyName")?.policyString(at: here + ".PolicyName") ?? "",
                                             document: try IAMPolicyDocument(policy.member("PolicyDocument") ?? .null, at: here + ".PolicyDocument")))
            }
            roles.append(IAMRole(
                arn: arn, account: stack.account, partition: stack.partition, name: name,
                trustPolicy: try IAMPolicyDocument(trust, at: path + ".AssumeRolePolicyDocument"),
                inlinePolicies: inline + attachedInline[name, default: []],
                managedPolicyARNs: try (properties.member("ManagedPolicyArns")?.policyStrings(at: path + ".ManagedPolicyArns") ?? [])
                    + attachedManaged[name, default: []],
                permissionsBoundaryARN: try properties.member("PermissionsBoundary")?.policyString(at: path + ".PermissionsBoundary")))
        }
        return (roles, keys, providers, policies)
    }

    // MARK: - Lookups

    func role(_ arn: String) throws -> IAMRole {
        guard let role = roles.first(where: { $0.arn == arn }) else {
            throw IAMModelError(path: arn, message: "no such role; the deployment has " + roles.map(\.arn).joined(separator: ", "))
        }
        return role
    }

    func key(_ arn: String) throws -> IAMKey {
        guard let key = keys.first(where: { $0.arn == arn }) else {
            throw IAMModelError(path: arn, message: "no such key; the deployment has " + keys.map(\.arn).joined(separator: ", "))
        }
        return key
    }

    /// The policies a role's identity-based permissions come from: inline and managed.
    func identityPolicies(of role: IAMRole) -> [IAMPolicyDocument] {
        role.inlinePolicies.map(\.document) + role.managedPolicyARNs.compactMap(policy(forARN:))
    }

    private func policy(forARN arn: String) -> IAMPolicyDocument? {
        managedPolicies[arn] ?? AWSManagedPolicies.policy(forARN: arn)
    }
}

extension YAMLNode {
    /// A sequence's items; none for anything else.
    var sequenceItems: [YAMLNode] { if case .sequence(let items) = self { items } else { [] } }
}
