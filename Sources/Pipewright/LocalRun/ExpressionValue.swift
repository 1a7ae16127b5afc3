import Foundation

/// A value as GitHub's expression engine sees it: null, a boolean, a number, a string, an array or an object.
///
/// ```swift
/// let github: ExpressionValue = .object(["ref": "refs/heads/main", "run_id": "42"])
/// ```
public indirect enum ExpressionValue: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([ExpressionValue])
    /// An object; its keys are matched case-insensitively, as GitHub does.
    case object([String: ExpressionValue])

    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(arrayLiteral elements: ExpressionValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, ExpressionValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, later in later }))
    }

    /// An object of strings, e.g. `vars` or `secrets`.
    public static func strings(_ values: [String: String]) -> ExpressionValue {
        .object(values.mapValues { .string($0) })
    }

    /// GitHub's truthiness: `null`, `false`, `0`, `NaN` and `''` are falsy; arrays and objects are truthy.
    public var isTruthy: Bool {
        switch self {
        case .null: false
        case .bool(let value): value
        case .number(let value): value != 0 && !value.isNaN
        case .string(let value): !value.isEmpty
        case .array, .object: true
        }
    }

    /// The value as text, the way GitHub interpolates it into `${{ }}`: null is empty, numbers lose a
    /// trailing `.0`, arrays and objects are `Array` and `Object`.
    public var text: String {
        switch self {
        case .null: ""
        case .bool(let value): value ? "true" : "false"
        case .number(let value): Self.format(value)
        case .string(let value): value
        case .array: "Array"
        case .object: "Object"
        }
    }

    /// The value as a number for loose comparison: null is 0, booleans 1 and 0, strings parsed (empty is 0),
    /// anything else NaN.
    public var number: Double {
        switch self {
        case .null: return 0
        case .bool(let value): return value ? 1 : 0
        case .number(let value): return value
        case .string(let value):
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { return 0 }
            if trimmed.hasPrefix("0x"), let hex = Int(trimmed.dropFirst(2), radix: 16) { return Double(hex) }
            return Double(trimmed) ?? Double.nan
        case .array, .object: return Double.nan
        }
    }

    /// The member with a name, ignoring case; `null` when absent or when this is not an object.
    public subscript(member name: String) -> ExpressionValue {
        guard case .object(let members) = self else { return .null }
        if let exact = members[name] { return exact }
        let lowered = name.lowercased()
        return members.first { $0.key.lowercased() == lowered }?.value ?? .null
    }

    static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}

// MARK: - JSON

extension ExpressionValue {
    /// The value as JSON, pretty-printed with two spaces and sorted keys, as `toJSON` writes it.
    public var json: String {
        var out = ""
        writeJSON(into: &out, indent: "")
        return out
    }

    private func writeJSON(into out: inout String, indent: String) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .number(let value): out += Self.format(value)
        case .string(let value): out += Self.quoted(value)
        case .array(let elements):
            if elements.isEmpty { out += "[]"; return }
            out += "[\n"
            for (index, element) in elements.enumerated() {
                out += indent + "  "
                element.writeJSON(into: &out, indent: indent + "  ")
                out += index == elements.count - 1 ? "\n" : ",\n"
            }
            out += indent + "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{\n"
            let keys = members.keys.sorted()
            for (index, key) in keys.enumerated() {
                out += indent + "  " + Self.quoted(key) + ": "
                members[key]!.writeJSON(into: &out, indent: indent + "  ")
                out += index == keys.count - 1 ? "\n" : ",\n"
            }
            out += indent + "}"
        }
    }

    private static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20: out += String(format: "\\u%04x", c.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Parses JSON text into a value, as `fromJSON` does.
    public static func parseJSON(_ text: String) throws(ExpressionError) -> ExpressionValue {
        guard let data = text.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        else { throw ExpressionError.invalidJSON(text) }
        return from(foundation: object)
    }

    private static func from(foundation object: Any) -> ExpressionValue {
        switch object {
        case let string as String: return .string(string)
        case let number as NSNumber:
            // JSONSerialization hands booleans over as NSNumber; only booleans have the `c`/`B` encoding,
            // since JSON numbers parse as Int or Double.
            let encoding = String(cString: number.objCType)
            if encoding == "c" || encoding == "B" { return .bool(number.boolValue) }
            return .number(number.doubleValue)
        case let array as [Any]: return .array(array.map(from(foundation:)))
        case let dictionary as [String: Any]: return .object(dictionary.mapValues(from(foundation:)))
        default: return .null
        }
    }
}

/// Why an expression could not be evaluated.
public enum ExpressionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `fromJSON` was given text that is not JSON.
    case invalidJSON(String)
    /// A function was called with the wrong number of arguments.
    case arity(function: String, expected: String, got: Int)
    /// `format` met a placeholder without an argument, or an unbalanced brace.
    case invalidFormat(String)

    public var description: String {
        switch self {
        case .invalidJSON(let text): "fromJSON: '\(text.prefix(80))' is not valid JSON"
        case .arity(let function, let expected, let got): "\(function)() takes \(expected) arguments, got \(got)"
        case .invalidFormat(let template): "format: '\(template)' has an unbalanced brace or a placeholder without an argument"
        }
    }
}
