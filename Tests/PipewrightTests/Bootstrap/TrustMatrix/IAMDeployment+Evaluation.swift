/// The questions: which roles a GitHub token reaches, what a role may do, whether it may use a key.
extension IAMDeployment {
    // MARK: - Trust

    /// The roles a token may assume directly with `sts:AssumeRoleWithWebIdentity`, by ARN.
    func rolesAdmitting(_ token: GitHubToken) -> [String] {
        roles.filter { admits($0, token) }.map(\.arn)
    }

    /// Every role a token reaches, directly or by chaining `sts:AssumeRole`, by ARN, sorted.
    func rolesReachable(by token: GitHubToken) -> [String] {
        chains(from: token).keys.sorted()
    }

    /// For every role a token reaches, the shortest chain of roles that reaches it, starting with the role the
    /// token assumes and ending with the role itself.
    func chains(from token: GitHubToken) -> [String: [String]] {
        var chains: [String: [String]] = [:]
        var queue: [IAMRole] = []
        for role in roles where admits(role, token) {
            chains[role.arn] = [role.arn]
            queue.append(role)
        }
        // Breadth first, each role visited once, so cycles of trust end and every chain is a shortest one.
        while !queue.isEmpty {
            let source = queue.removeFirst()
            for target in roles where chains[target.arn] == nil && assumes(source, target) {
                chains[target.arn] = (chains[source.arn] ?? []) + [target.arn]
                queue.append(target)
            }
        }
        return chains
    }

    /// Whether the token's session may assume the role: GitHub's provider exists in the role's account and
    /// accepts the token's audience, some Allow statement for that provider holds, and no Deny does.
    func admits(_ role: IAMRole, _ token: GitHubToken) -> Bool {
        let providerARN = "arn:\(role.partition):iam::\(role.account):oidc-provider/\(GitHubToken.issuer)"
        guard let provider = providers.first(where: { $0.arn == providerARN }), provider.clientIDs.contains(token.aud) else { return false }
        var context = ["sts:RoleSessionName": [token.sessionName], "aws:FederatedProvider": [providerARN]]
        let issuer = GitHubToken.issuer
        for (claim, value) in token.claims { context[issuer + ":" + claim] = [value] }
        context[issuer + ":sub"] = [token.sub]
        context[issuer + ":aud"] = [token.aud]
        let request = IAMRequestContext(context)
        var allowed = false
        for statement in role.trustPolicy.statements
        where statement.applies(action: "sts:AssumeRoleWithWebIdentity", resource: role.arn, context: request) {
            guard let principal = statement.principal, principal.everyone || principal.federated.contains(providerARN) else { continue }
            if statement.effect == .deny { return false }
            allowed = true
        }
        return allowed
    }

    /// Whether role `source` may assume role `target` with `sts:AssumeRole`.
    func canAssume(_ source: String, _ target: String) throws -> Bool {
        try assumes(role(source), role(target))
    }

    /// `sts:AssumeRole` as resource-based access to the target's trust policy; see ``resourceAccess``.
    func assumes(_ source: IAMRole, _ target: IAMRole) -> Bool {
        resourceAccess(caller: source, action: "sts:AssumeRole", resource: target.arn, resourceAccount: target.account,
                       policy: target.trustPolicy, context: principalContext(source))
    }

    // MARK: - Permissions

    /// Whether a role's identity-based policies allow an action on a resource, within its permissions
    /// boundary, with no explicit deny. `context` adds condition keys to `aws:PrincipalArn` and
    /// `aws:PrincipalAccount`, which the model sets.
    func may(_ roleARN: String, _ action: String, on resource: String, context: [String: [String]] = [:]) throws -> Bool {
        let caller = try role(roleARN)
        let verdict = identityVerdict(caller, action: action, resource: resource, context: principalContext(caller).merging(context))
        return verdict.allowed && verdict.withinBoundary && !verdict.denied
    }

    /// Whether a role may call a KMS action on a key: the key policy must grant it, and the role's identity
    /// policies too unless the key policy names the role itself in the key's account (see ``resourceAccess``).
    /// The encryption context becomes `kms:EncryptionContext:<key>` and `kms:EncryptionContextKeys`.
    func kmsAllows(_ roleARN: String, _ action: String, on keyARN: String, encryptionContext: [String: String] = [:],
                   context: [String: [String]] = [:]) throws -> Bool {
        let caller = try role(roleARN)
        let key = try key(keyARN)
        var keys: [String: [String]] = ["kms:CallerAccount": [caller.account], "kms:EncryptionContextKeys": encryptionContext.keys.sorted()]
        for (name, value) in encryptionContext { keys["kms:EncryptionContext:" + name] = [value] }
        return resourceAccess(caller: caller, action: action, resource: key.arn, resourceAccount: key.account, policy: key.policy,
                              context: principalContext(caller).merging(keys).merging(context))
    }

    // MARK: - Evaluation

    /// The condition keys AWS sets for any request a role's session makes.
    func principalContext(_ role: IAMRole) -> IAMRequestContext {
        IAMRequestContext(["aws:PrincipalArn": [role.arn], "aws:PrincipalAccount": [role.account]])
    }

    /// Access through a resource-based policy (trust policy, key policy), as AWS evaluates it:
    ///
    /// - a Deny in the resource policy or the caller's identity policies or boundary that names the caller wins;
    /// - across accounts, the resource policy must grant the caller (its ARN or its account) and the caller's
    ///   identity policies must allow, within its boundary;
    /// - within one account, a grant naming the role's ARN suffices, still within the role's permissions
    ///   boundary (AWS limits grants to a role ARN, unlike grants to a session ARN, by the boundary); a grant
    ///   to the account only delegates to the identity policies, which must then allow.
    func resourceAccess(caller: IAMRole, action: String, resource: String, resourceAccount: String, policy: IAMPolicyDocument,
                        context: IAMRequestContext) -> Bool {
        var grant = IAMGrant.none
        for statement in policy.statements where statement.applies(action: action, resource: resource, context: context) {
            let named = statement.principal?.grant(toRole: caller.arn, account: caller.account, partition: caller.partition) ?? .none
            guard named != .none else { continue }
            if statement.effect == .deny { return false }
            grant = max(grant, named)
        }
        let identity = identityVerdict(caller, action: action, resource: resource, context: context)
        if identity.denied || grant == .none || !identity.withinBoundary { return false }
        return (grant == .role && caller.account == resourceAccount) || identity.allowed
    }

    /// What a role's identity policies and permissions boundary say about a request.
    func identityVerdict(_ role: IAMRole, action: String, resource: String, context: IAMRequestContext) -> IdentityVerdict {
        let applicable = identityPolicies(of: role).flatMap(\.statements).filter {
            $0.applies(action: action, resource: resource, context: context)
        }
        let boundary = role.permissionsBoundaryARN.map { arn in
            (managedPolicies[arn] ?? AWSManagedPolicies.policy(forARN: arn))?.statements.filter {
                $0.applies(action: action, resource: resource, context: context)
            } ?? []
        }
        return IdentityVerdict(
            denied: applicable.contains { $0.effect == .deny } || (boundary ?? []).contains { $0.effect == .deny },
            allowed: applicable.contains { $0.effect == .allow },
            withinBoundary: boundary.map { $0.contains { $0.effect == .allow } } ?? true)
    }
}

/// What identity-based policies say about one request.
struct IdentityVerdict: Hashable, Sendable {
    /// Some Deny statement of the identity policies or the boundary applies.
    let denied: Bool
    /// Some Allow statement of the identity policies applies.
    let allowed: Bool
    /// The role has no boundary, or an Allow statement of its boundary applies.
    let withinBoundary: Bool
}

extension IAMStatement {
    /// Whether the statement's action, resource and conditions all match a request; the principal is the
    /// caller's to check. A statement without `Resource` (a trust policy's) applies to any resource.
    func applies(action: String, resource: String, context: IAMRequestContext) -> Bool {
        actions.matches(action, caseSensitive: false)
            && (resources?.matches(resource, caseSensitive: true) ?? true)
            && conditions.allSatisfy { $0.holds(in: context) }
    }
}
