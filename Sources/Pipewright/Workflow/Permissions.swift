/// The `permissions:` of a workflow or job: what the `GITHUB_TOKEN` may do.
///
/// ```swift
/// let deploy: Permissions = .grants(
///     .read(.contents, because: "to check out the template"),
///     .write(.idToken, because: "to assume the deploy role through OIDC")
/// )
/// ```
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
    /// The scope granted, e.g. ``PermissionScope/idToken``.
    public var scope: PermissionScope
    /// The access granted.
    public var level: PermissionLevel
    /// Why the job needs it, written after the grant as a `# comment` for reviewers.
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
    /// Read access.
    case read
    /// Read and write access.
    case write
    /// No access, written out; leaving the scope out of a ``Permissions/scopes(_:)`` list denies it too.
    case none
}

/// A permission scope. Open, because GitHub adds scopes: use ``custom(_:)`` for one the model lacks.
public struct PermissionScope: RawRepresentable, Sendable, Hashable, Comparable, ExpressibleByStringLiteral {
    /// The scope's key under `permissions:`, e.g. `id-token`.
    public let rawValue: String
    /// Creates a scope from its YAML key.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// A string literal is the scope's YAML key.
    public init(stringLiteral value: String) { self.rawValue = value }
    /// A scope the model does not name.
    public static func custom(_ key: String) -> PermissionScope { PermissionScope(rawValue: key) }
    /// Orders scopes by key, so output is deterministic.
    public static func < (lhs: PermissionScope, rhs: PermissionScope) -> Bool { lhs.rawValue < rhs.rawValue }

    /// `actions`: workflow runs, artifacts and caches.
    public static let actions: PermissionScope = "actions"
    /// `attestations`: artifact attestations, such as build provenance.
    public static let attestations: PermissionScope = "attestations"
    /// `checks`: check runs and check suites.
    public static let checks: PermissionScope = "checks"
    /// `contents`: the repository's files, commits, branches, tags and releases; `actions/checkout` needs `read`.
    public static let contents: PermissionScope = "contents"
    /// `deployments`: deployments and their statuses.
    public static let deployments: PermissionScope = "deployments"
    /// `discussions`: GitHub Discussions.
    public static let discussions: PermissionScope = "discussions"
    /// `id-token`: requesting an OIDC token; assuming an AWS role through OIDC needs `write`.
    public static let idToken: PermissionScope = "id-token"
    /// `issues`: issues and their comments.
    public static let issues: PermissionScope = "issues"
    /// `models`: calling GitHub Models.
    public static let models: PermissionScope = "models"
    /// `packages`: GitHub Packages, including container images on ghcr.io.
    public static let packages: PermissionScope = "packages"
    /// `pages`: GitHub Pages builds and deployments.
    public static let pages: PermissionScope = "pages"
    /// `pull-requests`: pull requests, their reviews, comments and labels.
    public static let pullRequests: PermissionScope = "pull-requests"
    /// `security-events`: code scanning alerts; uploading SARIF needs `write`.
    public static let securityEvents: PermissionScope = "security-events"
    /// `statuses`: commit statuses.
    public static let statuses: PermissionScope = "statuses"
}
