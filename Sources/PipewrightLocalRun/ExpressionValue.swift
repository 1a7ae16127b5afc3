import Pipewright
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

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
            let trimmed = Self.trimmingSpaces(value)
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

    /// The text without leading and trailing tabs, space separators (Unicode category Zs) and zero-width spaces
    /// (U+200B, once a Zs itself); line breaks stay.
    static func trimmingSpaces(_ text: String) -> String {
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            scalar == "\t" || scalar == "\u{200B}" || scalar.properties.generalCategory == .spaceSeparator
        }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }), let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(scalars[first...last])
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
            case let c where c.value < 0x20:
                let hex = String(c.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Parses JSON text into a value, as `fromJSON` does.
    ///
    /// Fragments (`2`, `"text"`, `null`) are values too. The rules are the ones `fromJSON` has always had:
    /// a trailing comma is accepted, a repeated key keeps its last value, nesting may go 512 levels deep, and
    /// a number that is infinite as a `Double` (`1e400`) is not JSON.
    public static func parseJSON(_ text: String) throws(ExpressionError) -> ExpressionValue {
        guard let json = try? JSONReader.readLikeFromJSON(text),
              let value = from(json: json)
        else { throw ExpressionError.invalidJSON(text) }
        return value
    }

    private static func from(json: JSONValue) -> ExpressionValue? {
        switch json {
        case .null: return .null
        case .bool(let flag): return .bool(flag)
        case .string(let text): return .string(text)
        case .number(let literal): return jsonNumber(literal).map(ExpressionValue.number)
        case .array(let elements):
            var values: [ExpressionValue] = []
            values.reserveCapacity(elements.count)
            for element in elements {
                guard let value = from(json: element) else { return nil }
                values.append(value)
            }
            return .array(values)
        case .object(let members):
            var values: [String: ExpressionValue] = [:]
            for member in members {
                guard let value = from(json: member.value) else { return nil }
                values[member.key] = value
            }
            return .object(values)
        }
    }

    /// A JSON number literal as a `Double`, or `nil` when it does not fit.
    ///
    /// Integers that fit 64 bits convert exactly; a literal of more than 17 characters (before any `e`)
    /// goes through `Decimal` and keeps that conversion's rounding; anything else is `Double(literal)`.
    /// Only a lowercase `e` counts as an exponent here, so `1E2` takes the `Double` route.
    static func jsonNumber(_ literal: String) -> Double? {
        let decimalPoint = literal.firstIndex(of: ".")
        let exponentMark = literal.firstIndex(of: "e")
        let characters = literal[..<(exponentMark ?? literal.endIndex)].count
        if decimalPoint == nil, exponentMark == nil {
            if literal.hasPrefix("-") {
                if characters <= 19, let integer = Int64(literal) { return Double(integer) }
            } else if characters <= 20, let integer = UInt64(literal) {
                return Double(integer)
            }
        }
        let exponent = exponentMark.flatMap { Int(literal[literal.index(after: $0)...]) } ?? 0
        if characters > 17, (-128...127).contains(exponent), let decimal = Decimal(string: literal), decimal.isFinite {
            return approximateDouble(decimal)
        }
        if let double = Double(literal), double.isFinite { return double }
        return nil
    }

    /// A `Decimal` as a `Double` the way `NSDecimalNumber.doubleValue` computes it: the mantissa's 16-bit
    /// words from the top, `value * 65536 + word`, then one multiplication or division by ten per unit of
    /// exponent.
    private static func approximateDouble(_ decimal: Decimal) -> Double {
        // The mantissa is the significand's digits (at most 38, so 128 bits); rebuild its words from them.
        var words = [UInt16](repeating: 0, count: 8)
        for digit in decimal.significand.description.utf8 where digit >= UInt8(ascii: "0") && digit <= UInt8(ascii: "9") {
            var carry = UInt32(digit - UInt8(ascii: "0"))
            for index in words.indices {
                let product = UInt32(words[index]) * 10 + carry
                words[index] = UInt16(truncatingIfNeeded: product)
                carry = product >> 16
            }
        }
        var value = 0.0
        for word in words.reversed() { value = value * 65536 + Double(word) }
        if decimal.exponent < 0 {
            for _ in decimal.exponent..<0 { value /= 10 }
        } else {
            for _ in 0..<decimal.exponent { value *= 10 }
        }
        return decimal.isSignMinus ? -value : value
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
    /// The expression was read from a file as text (``Pipewright/Expression/raw(_:)``), which the evaluator does not parse.
    case unparsed(String)

    public var description: String {
        switch self {
        case .unparsed(let text): "the expression '\(text.prefix(80))' was read from a file as text; run-local evaluates only expressions built with the library"
        case .invalidJSON(let text): "fromJSON: '\(text.prefix(80))' is not valid JSON"
        case .arity(let function, let expected, let got): "\(function)() takes \(expected) arguments, got \(got)"
        case .invalidFormat(let template): "format: '\(template)' has an unbalanced brace or a placeholder without an argument"
        }
    }
}
