/// The reason behind each permission Pipewright grants, rendered next to the grant.
enum Reason {
    static let checkout = "check out the repository"
    static let assumeCIRole = "OIDC token to assume the CI role"
    static let assumeDeployRole = "OIDC token to assume the deploy role"
    static let assumePlanRole = "OIDC token to assume the plan role (no execute)"
    static let assumeDestroyRole = "OIDC token to assume the destroy role"
    static let assumeDriftRole = "OIDC token to assume the read-only drift role"
    static let assumeVerifyRole = "OIDC token to assume the read-only verify role"
}
