/// The `permissions:` of a workflow or job: what the `GITHUB_TOKEN` may do.
public enum Permissions: Sendable, Hashable {
    /// `permissions: {}`: no scope at all. Not named `none`, which `Optional.none` would shadow: an
    /// optional `permissions: .none` would silently mean "no key", and so the default token.
    case empty
    /// `permissions: read-all`.
    case readAll
    /// `permissions: write-all`.
    case writeAll
    /// Individual scopes; unlisted scopes get no access.
    case scopes([PermissionGrant])

    /// Per-scope grants, each with the reason it is needed.
    public static func grants(_ grants: PermissionGrant...) -> Permissions { .scopes(grants) }

    /// The level granted for a scope, `nil` when the scope is not listed.
    public func level(of scope: PermissionScope) -> PermissionLevel? {
        switch self {
        case .empty: return nil
        case .readAll: return .read
        case .writeAll: return .write
        case .scopes(let grants): return grants.first { $0.scope == scope }?.level
        }
    }
}

/// One scope's level, with the reason it is granted, rendered as a trailing comment.
public struct PermissionGrant: Sendable, Hashable {
    public var scope: PermissionScope
    public var level: PermissionLevel
    public var reason: String?

    /// Creates a grant.
    public init(_ scope: PermissionScope, _ level: PermissionLevel, reason: String? = nil) {
        self.scope = scope
        self.level = level
        self.reason = reason
    }

    /// `scope: read`.
    public static func read(_ scope: PermissionScope, because reason: String? = nil) -> PermissionGrant {
        PermissionGrant(scope, .read, reason: reason)
    }

    /// `scope: write`.
    public static func write(_ scope: PermissionScope, because reason: String? = nil) -> PermissionGrant {
        PermissionGrant(scope, .write, reason: reason)
    }
}

/// The access a scope grants.
public enum PermissionLevel: String, Sendable, Hashable, CaseIterable {
    case read, write, none
}

/// A permission scope. Open, because GitHub adds scopes: use ``custom(_:)`` for one the model lacks.
public struct PermissionScope: RawRepresentable, Sendable, Hashable, Comparable, ExpressibleByStringLiteral {
    public let rawValue: String
    /// Creates a scope from its YAML key.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// A string literal is the scope's YAML key.
    public init(stringLiteral value: String) { self.rawValue = value }
    /// A scope the model does not name.
    public static func custom(_ key: String) -> PermissionScope { PermissionScope(rawValue: key) }
    /// Orders scopes by key, so output is deterministic.
    public static func < (lhs: PermissionScope, rhs: PermissionScope) -> Bool { lhs.rawValue < rhs.rawValue }

    public static let actions: PermissionScope = "actions"
    public static let attestations: PermissionScope = "attestations"
    public static let checks: PermissionScope = "checks"
    public static let contents: PermissionScope = "contents"
    public static let deployments: PermissionScope = "deployments"
    public static let discussions: PermissionScope = "discussions"
    public static let idToken: PermissionScope = "id-token"
    public static let issues: PermissionScope = "issues"
    public static let models: PermissionScope = "models"
    public static let packages: PermissionScope = "packages"
    public static let pages: PermissionScope = "pages"
    public static let pullRequests: PermissionScope = "pull-requests"
    public static let securityEvents: PermissionScope = "security-events"
    public static let statuses: PermissionScope = "statuses"
}
