/// A JSON value as written: objects keep their members in document order, numbers keep their literal text.
///
/// Ordered members (never a bare `Dictionary`) let `pipewright.json` round-trip in a fixed key order and
/// let decoding report problems in the order they appear in the file.
///
/// ```
/// let value = try JSONReader.read("{\"version\": 1}")
/// value["version"]   // .number("1")
/// ```
package enum JSONValue: Sendable, Hashable {
    /// An object's members, in document order; keys are unique.
    case object([JSONMember])
    /// An array's elements.
    case array([JSONValue])
    /// A string, unescaped.
    case string(String)
    /// A number's literal text as written, e.g. `30` or `-1.5e3`, so no precision is lost.
    case number(String)
    /// `true` or `false`.
    case bool(Bool)
    /// `null`.
    case null

    /// An integer number.
    package static func int(_ value: Int) -> JSONValue { .number(String(value)) }

    /// An object from key-value pairs, in the given order.
    package static func object(_ pairs: KeyValuePairs<String, JSONValue>) -> JSONValue {
        .object(pairs.map { JSONMember($0.key, $0.value) })
    }

    /// The value of an object's member, if this is an object that has it.
    package subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The number as an `Int`, if it is an integer literal that fits.
    package var intValue: Int? {
        guard case .number(let text) = self else { return nil }
        return Int(text)
    }

    /// The kind of value with an article, for messages: `an object`, `a string`, `null`.
    package var kindDescription: String {
        switch self {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .bool: "a boolean"
        case .null: "null"
        }
    }

    /// The value as compact JSON for messages: scalars in full, containers as `{…}` and `[…]`.
    package var excerpt: String {
        switch self {
        case .object(let members): members.isEmpty ? "{}" : "{…}"
        case .array(let elements): elements.isEmpty ? "[]" : "[…]"
        default: JSONWriter.write(self, trailingNewline: false)
        }
    }
}

/// One member of a JSON object.
package struct JSONMember: Sendable, Hashable {
    /// The member's key.
    package var key: String
    /// The member's value.
    package var value: JSONValue

    /// Creates a member.
    package init(_ key: String, _ value: JSONValue) {
        self.key = key
        self.value = value
    }
}
