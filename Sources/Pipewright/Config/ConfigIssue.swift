/// One problem in a `pipewright.json` document, at a JSON path such as `environments[2].strategy`.
///
/// Every message names the place, the bad value (JSON-encoded) and what is expected:
///
/// - `environments[0].acount: unknown key — did you mean "account"?`
/// - `environments[1]: missing required key "account"`
/// - `build.retentionDays: "30" is a string; expected an integer`
/// - `environments[2].strategy: "chageset" is not one of direct, changeSet — did you mean "changeSet"?`
/// - `environments[0].account: "12345" is not an AWS account id; expected exactly 12 digits`
public enum ConfigIssue: Error, Sendable, Hashable, CustomStringConvertible {
    /// A key the object does not have; `path` ends with the key.
    case unknownKey(path: String, key: String, allowed: [String])
    /// A required key is absent from the object at `path`.
    case missingKey(path: String, key: String)
    /// A value of the wrong JSON type; `value` is its excerpt, `found` its kind (`a string`).
    case wrongType(path: String, value: String, found: String, expected: String)
    /// A value outside a fixed set of strings.
    case notOneOf(path: String, value: String, allowed: [String])
    /// A value of the right type that breaks a rule: a pattern, a range, a reference.
    case invalid(ValidationError)

    /// Where the problem is, e.g. `environments[2].strategy`; `(top level)` for the document itself.
    public var path: String {
        switch self {
        case .unknownKey(let path, _, _), .missingKey(let path, _), .wrongType(let path, _, _, _), .notOneOf(let path, _, _): path
        case .invalid(let error): error.path
        }
    }

    /// What is wrong, without the path.
    public var message: String {
        switch self {
        case .unknownKey(_, let key, let allowed):
            if let suggestion = Suggestion.closest(to: key, in: allowed) { return "unknown key — did you mean \"\(suggestion)\"?" }
            return allowed.isEmpty ? "unknown key; this object takes no keys" : "unknown key; expected one of " + allowed.joined(separator: ", ")
        case .missingKey(_, let key):
            return "missing required key \"\(key)\""
        case .wrongType(_, let value, let found, let expected):
            return found == "null" ? "null is not allowed here; expected \(expected)" : "\(value) is \(found); expected \(expected)"
        case .notOneOf(_, let value, let allowed):
            let word: String = if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { String(value.dropFirst().dropLast()) } else { value }
            return "\(value) is not one of " + allowed.joined(separator: ", ") + Suggestion.hint(for: word, in: allowed)
        case .invalid(let error):
            return error.message
        }
    }

    /// `path: message`.
    public var description: String { path + ": " + message }
}

/// Why a `pipewright.json` document or a policy was refused: a JSON syntax error, or every problem found
/// in a well-formed document.
public enum ConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text is not JSON; decoding stopped at the first syntax error.
    case syntax(JSONSyntaxError)
    /// The JSON does not describe a valid pipeline: every problem found, in document order.
    case invalid([ConfigIssue])

    /// One message per problem.
    public var messages: [String] {
        switch self {
        case .syntax(let error): [error.description]
        case .invalid(let issues): issues.map(\.description)
        }
    }

    /// The messages, one per line.
    public var description: String { messages.joined(separator: "\n") }
}
