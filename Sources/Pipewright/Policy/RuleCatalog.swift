/// Every audit rule, by id, and the text of `pipewright explain RULE`.
public enum RuleCatalog {
    /// The rules in id order. Ids are stable: a retired rule's id is never given to another.
    public static let all: [any PolicyRule] = [
        NoStaticAWSKeys(), OIDCTokenScope(), ReadOnlyWorkflowPermissions(), PinnedActions(), NoExpressionsInRun(),
        SecretsNeedEnvironment(), CheckoutWithoutCredentials(), JobTimeout(), ReviewedChangeSets(), RequiredTags(),
        ArtifactChecksum(), ArtifactKMSEncryption(), UntrustedCheckout(), NoCurlPipeShell(), PinnedToolInstalls(),
        ProtectedFromDestroy(), HardenRunnerRequired(), AllowedRunners(), ArtifactRetention(), AllowedRegions(),
        AllowedAccounts(), PlanJobsNeverExecute(), NoCloudCredentialsOnPullRequests(), DestroyOnlyInDestroyEnvironments(),
        GeneratedWorkflowsCurrent(), NoSecretInputs(), DeployJobsNeedEnvironment(), NoRetiredActionRuntimes(),
    ]

    /// The rule with an id (`pw005`, `PW005`) or name (`no-expressions-in-run`), case-insensitively.
    public static func rule(_ idOrName: String) -> (any PolicyRule)? {
        let wanted = idOrName.lowercased()
        return all.first { $0.id.lowercased() == wanted || $0.name == wanted }
    }

    /// What `pipewright explain RULE` prints: the rule, what it checks, why, and how to fix a finding.
    public static func explain(_ idOrName: String) throws(UnknownRuleError) -> String {
        guard let rule = rule(idOrName) else {
            throw UnknownRuleError(requested: idOrName, suggestion: Suggestion.closest(to: idOrName, in: all.map(\.id) + all.map(\.name)))
        }
        return """
        \(rule.id) \(rule.name) (\(rule.severity.rawValue))
        \(rule.title)

        What it checks:
          \(rule.explanation.what)

        Why:
          \(rule.explanation.why)

        How to fix:
          \(rule.explanation.fix)

        """
    }
}

/// `explain` was asked about a rule that does not exist.
public struct UnknownRuleError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was asked for.
    public let requested: String
    /// The closest rule id or name, if one is close.
    public let suggestion: String?

    /// `"PW05" is not a rule; rules are PW001 to PW028 — did you mean "PW005"?`
    public var description: String {
        let ids = RuleCatalog.all.map(\.id)
        return "\"\(requested)\" is not a rule; rules are \(ids.first ?? "") to \(ids.last ?? "")"
            + (suggestion.map { " — did you mean \"\($0)\"?" } ?? "")
    }
}
