@testable import Pipewright

/// An IAM policy document: identity policy, trust policy or key policy.
struct IAMPolicyDocument: Hashable, Sendable {
    let statements: [IAMStatement]

    init(statements: [IAMStatement]) {
        self.statements = statements
    }

    /// Reads a resolved policy document; `Statement` may be one statement or a list.
    init(_ node: YAMLNode, at path: String) throws {
        guard case .mapping(let entries) = node else { throw IAMModelError(path: path, message: "a policy document must be a mapping") }
        for entry in entries where !["Version", "Id", "Statement"].contains(entry.key) {
            throw IAMModelError(path: path, message: "unknown policy element \(entry.key)")
        }
        switch node.member("Statement") {
        case .sequence(let items)?:
            statements = try items.enumerated().map { try IAMStatement($1, at: "\(path).Statement[\($0)]") }
        case let single?:
            statements = [try IAMStatement(single, at: path + ".Statement")]
        case nil:
            throw IAMModelError(path: path, message: "a policy document needs a Statement")
        }
    }
}

/// One statement. `Action`/`NotAction` and `Resource`/`NotResource` are pattern lists with IAM's wildcards.
struct IAMStatement: Hashable, Sendable {
    enum Effect: String, Hashable, Sendable { case allow = "Allow", deny = "Deny" }

    let sid: String?
    let effect: Effect
    /// `nil` in identity policies, which have no `Principal`.
    let principal: IAMPrincipal?
    let actions: IAMPatterns
    /// `nil` when the statement has neither `Resource` nor `NotResource`, as in trust policies.
    let resources: IAMPatterns?
    let conditions: [IAMCondition]

    init(sid: String? = nil, effect: Effect, principal: IAMPrincipal? = nil, actions: IAMPatterns, resources: IAMPatterns?,
         conditions: [IAMCondition] = []) {
        self.sid = sid
        self.effect = effect
        self.principal = principal
        self.actions = actions
        self.resources = resources
        self.conditions = conditions
    }

    /// An Allow of `actions` on every resource, as the managed policy table writes them.
    static func allow(_ actions: [String], except: Bool = false) -> IAMStatement {
        IAMStatement(effect: .allow, actions: IAMPatterns(actions, negated: except), resources: IAMPatterns(["*"]))
    }

    init(_ node: YAMLNode, at path: String) throws {
        guard case .mapping(let entries) = node else { throw IAMModelError(path: path, message: "a statement must be a mapping") }
        let known = ["Sid", "Effect", "Principal", "Action", "NotAction", "Resource", "NotResource", "Condition"]
        for entry in entries where !known.contains(entry.key) {
            throw IAMModelError(path: path, message: entry.key == "NotPrincipal"
                ? "NotPrincipal is not modeled; use a condition on aws:PrincipalArn"
                : "unknown statement element \(entry.key)")
        }
        sid = try node.member("Sid").map { try $0.policyString(at: path + ".Sid") }
        switch try node.member("Effect")?.policyString(at: path + ".Effect") {
        case "Allow": effect = .allow
        case "Deny": effect = .deny
        case let other: throw IAMModelError(path: path + ".Effect", message: "expected Allow or Deny, found \(other ?? "nothing")")
        }
        principal = try node.member("Principal").map { try IAMPrincipal($0, at: path + ".Principal") }
        guard let actions = try IAMPatterns(node, "Action", "NotAction", at: path) else {
            throw IAMModelError(path: path, message: "a statement needs Action or NotAction")
        }
        self.actions = actions
        resources = try IAMPatterns(node, "Resource", "NotResource", at: path)
        conditions = try node.member("Condition").map { try IAMCondition.conditions($0, at: path + ".Condition") } ?? []
    }
}

/// A list of patterns with `*` and `?`, possibly negated (`NotAction`, `NotResource`).
struct IAMPatterns: Hashable, Sendable {
    let patterns: [String]
    let negated: Bool

    init(_ patterns: [String], negated: Bool = false) {
        self.patterns = patterns
        self.negated = negated
    }

    init?(_ statement: YAMLNode, _ positive: String, _ negative: String, at path: String) throws {
        switch (statement.member(positive), statement.member(negative)) {
        case (let values?, nil): self.init(try values.policyStrings(at: path + "." + positive))
        case (nil, let values?): self.init(try values.policyStrings(at: path + "." + negative), negated: true)
        case (nil, nil): return nil
        case (_?, _?): throw IAMModelError(path: path, message: "a statement has either \(positive) or \(negative), not both")
        }
    }

    /// Actions match case-insensitively, resources case-sensitively, as IAM matches them.
    func matches(_ value: String, caseSensitive: Bool) -> Bool {
        let listed = patterns.contains { IAMWildcard.matches($0, value, caseSensitive: caseSensitive) }
        return listed != negated
    }
}

/// A statement's `Principal`: `"*"`, or lists of `AWS`, `Federated` and `Service` principals.
struct IAMPrincipal: Hashable, Sendable {
    let everyone: Bool
    let aws: [String]
    let federated: [String]
    let service: [String]

    init(everyone: Bool = false, aws: [String] = [], federated: [String] = [], service: [String] = []) {
        self.everyone = everyone
        self.aws = aws
        self.federated = federated
        self.service = service
    }

    init(_ node: YAMLNode, at path: String) throws {
        if case .string("*") = node {
            self.init(everyone: true)
            return
        }
        guard case .mapping(let entries) = node else { throw IAMModelError(path: path, message: "expected \"*\" or a mapping of principal types") }
        for entry in entries where !["AWS", "Federated", "Service"].contains(entry.key) {
            throw IAMModelError(path: path, message: "unknown principal type \(entry.key); the model knows AWS, Federated and Service")
        }
        let aws = try node.member("AWS")?.policyStrings(at: path + ".AWS") ?? []
        self.init(everyone: aws.contains("*"), aws: aws.filter { $0 != "*" },
                  federated: try node.member("Federated")?.policyStrings(at: path + ".Federated") ?? [],
                  service: try node.member("Service")?.policyStrings(at: path + ".Service") ?? [])
    }

    /// How this principal names a role: not at all, through the role's account, or by the role's own ARN.
    /// `Service` principals never name a role; `"*"` names everyone, as directly as the role's ARN.
    func grant(toRole arn: String, account: String, partition: String) -> IAMGrant {
        if everyone || aws.contains(arn) { return .role }
        if aws.contains(account) || aws.contains("arn:\(partition):iam::\(account):root") { return .account }
        return .none
    }
}

/// How a resource policy's principal names the caller.
enum IAMGrant: Int, Comparable, Sendable {
    /// Not at all.
    case none
    /// Through its account: the account's identity policies decide.
    case account
    /// By the role's ARN (or `"*"`).
    case role

    static func < (lhs: IAMGrant, rhs: IAMGrant) -> Bool { lhs.rawValue < rhs.rawValue }
}

// MARK: - Reading resolved nodes

extension YAMLNode {
    /// The value of a mapping's key, `nil` otherwise.
    func member(_ key: String) -> YAMLNode? {
        guard case .mapping(let entries) = self else { return nil }
        return entries.first { $0.key == key }?.value
    }

    /// A scalar as IAM reads it: strings as they are, numbers and booleans as their text.
    func policyString(at path: String) throws -> String {
        switch self {
        case .string(let text): text
        case .int(let number): String(number)
        case .bool(let flag): flag ? "true" : "false"
        default: throw IAMModelError(path: path, message: "expected a string")
        }
    }

    /// One string or a list of them.
    func policyStrings(at path: String) throws -> [String] {
        if case .sequence(let items) = self {
            return try items.enumerated().map { try $1.policyString(at: "\(path)[\($0)]") }
        }
        return [try policyString(at: path)]
    }
}
