/// Writes a ``JSONValue`` as indented JSON: the format of `pipewright.json` and of the schema.
///
/// - Two-space indentation, one member or element per line, `"key": value`; empty collections are `{}` and `[]`.
/// - Members in the value's order: the writer never sorts, so the caller decides the key order.
/// - Strings escape `"`, `\` and control characters (`\n`, `\r`, `\t`, the rest as `\u00XX`); everything else,
///   non-ASCII included, is written as UTF-8.
/// - The text ends with one line break unless asked otherwise.
package enum JSONWriter {
    /// Renders `value` as indented JSON.
    package static func write(_ value: JSONValue, trailingNewline: Bool = true) -> String {
        var out = ""
        out.reserveCapacity(256)
        append(value, indent: 0, to: &out)
        if trailingNewline { out.append("\n") }
        return out
    }

    /// A string as a JSON string literal, quotes included.
    package static func quoted(_ text: String) -> String {
        var out = ""
        appendString(text, to: &out)
        return out
    }

    private static func append(_ value: JSONValue, indent: Int, to out: inout String) {
        switch value {
        case .string(let text): appendString(text, to: &out)
        case .number(let text): out.append(text)
        case .bool(let flag): out.append(flag ? "true" : "false")
        case .null: out.append("null")
        case .array(let elements):
            guard !elements.isEmpty else { out.append("[]"); return }
            out.append("[\n")
            for index in elements.indices {
                if index > 0 { out.append(",\n") }
                appendSpaces(indent + 2, to: &out)
                append(elements[index], indent: indent + 2, to: &out)
            }
            out.append("\n")
            appendSpaces(indent, to: &out)
            out.append("]")
        case .object(let members):
            guard !members.isEmpty else { out.append("{}"); return }
            out.append("{\n")
            for index in members.indices {
                if index > 0 { out.append(",\n") }
                appendSpaces(indent + 2, to: &out)
                appendString(members[index].key, to: &out)
                out.append(": ")
                append(members[index].value, indent: indent + 2, to: &out)
            }
            out.append("\n")
            appendSpaces(indent, to: &out)
            out.append("}")
        }
    }

    private static func appendString(_ text: String, to out: inout String) {
        out.append("\"")
        // Most strings need no escape: copy them whole instead of scalar by scalar.
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 == 0x7F }) else {
            out.append(text)
            out.append("\"")
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x22: out.append("\\\"")
            case 0x5C: out.append("\\\\")
            case 0x0A: out.append("\\n")
            case 0x0D: out.append("\\r")
            case 0x09: out.append("\\t")
            case 0x00..<0x20, 0x7F:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out.append("\"")
    }

    private static let spaces = String(repeating: " ", count: 64)

    private static func appendSpaces(_ count: Int, to out: inout String) {
        // Slices of one long run of spaces: no allocation per line.
        var remaining = count
        while remaining > 0 {
            let chunk = min(remaining, 64)
            out.append(contentsOf: spaces.prefix(chunk))
            remaining -= chunk
        }
    }
}
