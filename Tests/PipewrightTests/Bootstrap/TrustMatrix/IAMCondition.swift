@testable import Pipewright

/// One condition of a statement: an operator, a key and the policy's values for it.
///
/// Operators, as IAM defines them: `StringEquals`, `StringNotEquals`, `StringEqualsIgnoreCase`,
/// `StringNotEqualsIgnoreCase`, `StringLike`, `StringNotLike` (`*` and `?`, case-sensitive), `ArnEquals`,
/// `ArnLike`, `ArnNotEquals`, `ArnNotLike` (each of the six `:`-separated parts matched on its own, with
/// wildcards), `Bool` and `Null`; each may carry the `ForAnyValue:` or `ForAllValues:` prefix and the
/// `IfExists` suffix. Any other operator is an error when the policy is read.
///
/// Semantics: a condition holds when some request value matches some policy value (for a negated operator:
/// when none does). A key missing from the request makes a positive operator false and a negated one true;
/// `IfExists` makes it true; `ForAllValues:` is true over no values and `ForAnyValue:` false. Keys match
/// case-insensitively, values as the operator says. All conditions of a statement must hold.
struct IAMCondition: Hashable, Sendable {
    enum Comparison: String, Hashable, Sendable, CaseIterable {
        case stringEquals = "StringEquals", stringNotEquals = "StringNotEquals"
        case stringEqualsIgnoreCase = "StringEqualsIgnoreCase", stringNotEqualsIgnoreCase = "StringNotEqualsIgnoreCase"
        case stringLike = "StringLike", stringNotLike = "StringNotLike"
        case arnEquals = "ArnEquals", arnNotEquals = "ArnNotEquals", arnLike = "ArnLike", arnNotLike = "ArnNotLike"
        case bool = "Bool", null = "Null"

        var isNegated: Bool { [.stringNotEquals, .stringNotEqualsIgnoreCase, .stringNotLike, .arnNotEquals, .arnNotLike].contains(self) }

        /// Whether a request value matches a policy value, before negation.
        func matches(policy: String, request: String) -> Bool {
            switch self {
            case .stringEquals, .stringNotEquals: policy == request
            case .stringEqualsIgnoreCase, .stringNotEqualsIgnoreCase: policy.lowercased() == request.lowercased()
            case .stringLike, .stringNotLike: IAMWildcard.matches(policy, request, caseSensitive: true)
            case .arnEquals, .arnNotEquals, .arnLike, .arnNotLike: IAMWildcard.matchesARN(policy, request)
            case .bool: policy.lowercased() == request.lowercased()
            case .null: false
            }
        }
    }

    enum SetQualifier: String, Hashable, Sendable { case single = "", forAnyValue = "ForAnyValue:", forAllValues = "ForAllValues:" }

    let qualifier: SetQualifier
    let comparison: Comparison
    let ifExists: Bool
    /// The key as written; looked up case-insensitively.
    let key: String
    let values: [String]

    init(_ operatorName: String, key: String, values: [String], at path: String = "Condition") throws {
        var name = Substring(operatorName)
        var qualifier = SetQualifier.single
        for candidate in [SetQualifier.forAnyValue, .forAllValues] where name.hasPrefix(candidate.rawValue) {
            qualifier = candidate
            name = name.dropFirst(candidate.rawValue.count)
        }
        let ifExists = name.hasSuffix("IfExists") && name != "IfExists"
        if ifExists { name = name.dropLast("IfExists".count) }
        guard let comparison = Comparison(rawValue: String(name)), !(ifExists && comparison == .null) else {
            throw IAMModelError(path: path, message: "condition operator \(operatorName) is not modeled; the model knows "
                + Comparison.allCases.map(\.rawValue).joined(separator: ", ") + ", with ForAnyValue:/ForAllValues: and IfExists")
        }
        self.qualifier = qualifier
        self.comparison = comparison
        self.ifExists = ifExists
        self.key = key
        self.values = values
    }

    /// Reads a `Condition` block: operators, each with keys, each with one value or a list.
    static func conditions(_ node: YAMLNode, at path: String) throws -> [IAMCondition] {
        guard case .mapping(let operators) = node else { throw IAMModelError(path: path, message: "a Condition must be a mapping of operators") }
        return try operators.flatMap { block in
            guard case .mapping(let keys) = block.value else {
                throw IAMModelError(path: path + "." + block.key, message: "an operator must map condition keys to values")
            }
            return try keys.map { key in
                try IAMCondition(block.key, key: key.key, values: key.value.policyStrings(at: "\(path).\(block.key).\(key.key)"),
                                 at: path + "." + block.key)
            }
        }
    }

    /// Whether the condition holds for a request.
    func holds(in context: IAMRequestContext) -> Bool {
        let requested = context.values(for: key)
        if comparison == .null {
            let absent = requested?.isEmpty ?? true
            return values.contains { ($0.lowercased() == "true") == absent }
        }
        guard let requested, !requested.isEmpty else {
            if ifExists { return true }
            switch qualifier {
            case .single: return comparison.isNegated
            case .forAnyValue: return false
            case .forAllValues: return true
            }
        }
        let matchesSome = { (request: String) in values.contains { comparison.matches(policy: $0, request: request) } }
        switch (qualifier, comparison.isNegated) {
        case (.single, false), (.forAnyValue, false): return requested.contains(where: matchesSome)
        case (.single, true): return !requested.contains(where: matchesSome)
        case (.forAnyValue, true): return requested.contains { !matchesSome($0) }
        case (.forAllValues, false): return requested.allSatisfy(matchesSome)
        case (.forAllValues, true): return !requested.contains(where: matchesSome)
        }
    }
}

/// The request's condition keys and their values; keys are case-insensitive, as IAM's are.
struct IAMRequestContext: Hashable, Sendable {
    private var storage: [String: [String]] = [:]

    init(_ values: [String: [String]] = [:]) {
        for (key, value) in values { storage[key.lowercased()] = value }
    }

    func values(for key: String) -> [String]? { storage[key.lowercased()] }

    /// This context with `other`'s keys added, `other` winning.
    func merging(_ other: [String: [String]]) -> IAMRequestContext {
        var merged = self
        for (key, value) in other { merged.storage[key.lowercased()] = value }
        return merged
    }
}

/// IAM's wildcards: `*` matches any run of characters (also none), `?` exactly one.
enum IAMWildcard {
    static func matches(_ pattern: String, _ value: String, caseSensitive: Bool) -> Bool {
        let pattern = Array(caseSensitive ? pattern : pattern.lowercased())
        let value = Array(caseSensitive ? value : value.lowercased())
        var (p, v) = (0, 0)
        // Where the last `*` was, and how much of the value it has taken so far, for backtracking.
        var star: (pattern: Int, value: Int)?
        while v < value.count {
            if p < pattern.count, pattern[p] == "*" {
                star = (p, v)
                p += 1
            } else if p < pattern.count, pattern[p] == "?" || pattern[p] == value[v] {
                p += 1
                v += 1
            } else if let last = star {
                p = last.pattern + 1
                v = last.value + 1
                star = (last.pattern, last.value + 1)
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }

    /// `ArnEquals`/`ArnLike`: each of an ARN's six parts matched separately, so `*` never crosses a `:` before
    /// the resource part; a lone `*` matches any ARN.
    static func matchesARN(_ pattern: String, _ value: String) -> Bool {
        if pattern == "*" { return true }
        let patternParts = pattern.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        let valueParts = value.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard patternParts.count == 6, valueParts.count == 6 else { return false }
        return zip(patternParts, valueParts).allSatisfy { matches(String($0), String($1), caseSensitive: true) }
    }
}
