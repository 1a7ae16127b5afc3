/// Combining two policies, such as a repository's own `policy` section and the organization's file it
/// extends: field by field, the stricter value wins, so neither can loosen what the other requires.
///
/// | Field | Merged value |
/// |---|---|
/// | `requiredTags` | every key of both; a key in both allows the values both allow (an empty list allows any) |
/// | `allowedRegions`, `allowedRunnerLabels` | the values both allow (an empty list allows any) |
/// | `allowedAccounts` | every environment of both; one in both may use the accounts both allow |
/// | `reviewedChangeSetEnvironments`, `neverDestroyEnvironments` | every environment of both |
/// | `minimumRetentionDays` | the higher |
/// | `requireArtifactEncryption` | required if either requires it |
/// | `hardenRunner` | `block` beats `audit` beats none; the endpoints both allow (an empty list allows any) |
/// | `actionPins` | every pin of both; the same action pinned to two commits is a conflict |
/// | `maxJobTimeoutMinutes` | the lower |
///
/// Two lists that each allow something but share nothing leave nothing allowed: that is a conflict, reported
/// with both lists rather than read as "any".
///
/// ```swift
/// let own = Policy(allowedRegions: ["eu-west-1", "us-east-1"], minimumRetentionDays: 30)
/// let organization = Policy(allowedRegions: ["eu-west-1"], minimumRetentionDays: 60)
/// let effective = try own.merged(with: organization, named: "org-policy.json")
/// // effective.allowedRegions == ["eu-west-1"], effective.minimumRetentionDays == 60
/// ```
extension Policy {
    /// This policy and `other`, the stricter value of each field winning; `name` says where `other` comes
    /// from in a conflict's message (`org-policy.json`). Throws every field on which the two share no value.
    public func merged(with other: Policy, named name: String = "the other policy") throws(ValidationErrors) -> Policy {
        var merge = PolicyMerge(otherName: name)
        let result = Policy(
            requiredTags: merge.lists(requiredTags, other.requiredTags, at: "policy.requiredTags", emptyAllowsAny: true),
            allowedRegions: merge.allowed(allowedRegions, other.allowedRegions, at: "policy.allowedRegions"),
            allowedAccounts: merge.lists(allowedAccounts, other.allowedAccounts, at: "policy.allowedAccounts", emptyAllowsAny: false),
            reviewedChangeSetEnvironments: PolicyMerge.union(reviewedChangeSetEnvironments, other.reviewedChangeSetEnvironments),
            neverDestroyEnvironments: PolicyMerge.union(neverDestroyEnvironments, other.neverDestroyEnvironments),
            minimumRetentionDays: PolicyMerge.stricter(minimumRetentionDays, other.minimumRetentionDays, by: max),
            requireArtifactEncryption: requireArtifactEncryption || other.requireArtifactEncryption,
            hardenRunner: merge.hardenRunner(hardenRunner, other.hardenRunner),
            allowedRunnerLabels: merge.allowed(allowedRunnerLabels, other.allowedRunnerLabels, at: "policy.allowedRunnerLabels"),
            actionPins: merge.pins(actionPins, other.actionPins),
            maxJobTimeoutMinutes: PolicyMerge.stricter(maxJobTimeoutMinutes, other.maxJobTimeoutMinutes, by: min)
        )
        guard merge.conflicts.isEmpty else { throw ValidationErrors(errors: merge.conflicts) }
        return result
    }
}

/// The field rules of ``Policy/merged(with:named:)``, collecting every conflict.
private struct PolicyMerge {
    let otherName: String
    var conflicts: [ValidationError] = []

    /// Both lists' values, the first's order first.
    static func union(_ first: [String], _ second: [String]) -> [String] {
        first + second.filter { !first.contains($0) }
    }

    /// The stricter of two optional limits; a missing one sets none.
    static func stricter(_ first: Int?, _ second: Int?, by pick: (Int, Int) -> Int) -> Int? {
        guard let first else { return second }
        guard let second else { return first }
        return pick(first, second)
    }

    /// What both allow, where an empty list allows any.
    mutating func allowed(_ first: [String], _ second: [String], at path: String) -> [String] {
        if first.isEmpty { return second }
        if second.isEmpty { return first }
        return shared(first, second, at: path)
    }

    /// The values in both, in the first's order; none in common is a conflict.
    mutating func shared(_ first: [String], _ second: [String], at path: String) -> [String] {
        let both = first.filter(second.contains)
        if both.isEmpty {
            conflicts.append(ValidationError(path: path, message: "this policy allows \(Self.list(first)) and \(otherName) allows \(Self.list(second)); no value satisfies both — keep one of \(otherName)'s"))
        }
        return both
    }

    /// Keys of both; a key in both gets what both allow.
    mutating func lists(_ first: [String: [String]], _ second: [String: [String]], at path: String, emptyAllowsAny: Bool) -> [String: [String]] {
        var result = first
        for key in second.keys.sorted() {
            guard let mine = first[key], let theirs = second[key] else {
                result[key] = second[key]
                continue
            }
            if emptyAllowsAny {
                result[key] = allowed(mine, theirs, at: path + "." + key)
            } else {
                result[key] = mine.isEmpty || theirs.isEmpty ? [] : shared(mine, theirs, at: path + "." + key)
            }
        }
        return result
    }

    /// `block` over `audit` over none; with both, the endpoints both allow.
    mutating func hardenRunner(_ first: HardenRunnerRequirement?, _ second: HardenRunnerRequirement?) -> HardenRunnerRequirement? {
        guard let first else { return second }
        guard let second else { return first }
        let policy: HardenRunner.Policy = first.egressPolicy == .block || second.egressPolicy == .block ? .block : .audit
        return HardenRunnerRequirement(egressPolicy: policy, allowedEndpoints: allowed(first.allowedEndpoints, second.allowedEndpoints, at: "policy.hardenRunner.allowedEndpoints"))
    }

    /// Every pin of both, by repository; one action pinned to two commits is a conflict.
    mutating func pins(_ first: [PinTable.Pin], _ second: [PinTable.Pin]) -> [PinTable.Pin] {
        var result = first
        for pin in second {
            guard let mine = first.first(where: { $0.repository == pin.repository }) else {
                result.append(pin)
                continue
            }
            if mine.commit != pin.commit {
                conflicts.append(ValidationError(path: "policy.actionPins[\(JSONWriter.quoted(pin.repository))]", message: "this policy pins \(mine.version) (\(mine.commit)) and \(otherName) pins \(pin.version) (\(pin.commit)); expected one pin — remove this policy's"))
            }
        }
        return result.sorted { $0.repository < $1.repository }
    }

    private static func list(_ values: [String]) -> String {
        values.map(JSONWriter.quoted).joined(separator: ", ")
    }
}
