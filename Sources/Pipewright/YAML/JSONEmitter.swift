/// Renders a ``YAMLNode`` as JSON: the value a YAML 1.2 loader must produce when it loads the emitted YAML.
///
/// The conformance checks load ``YAMLEmitter``'s output with real YAML loaders and compare it with this text,
/// so both emitters walk the same tree and this one stays simple enough to trust:
///
/// - Two-space indentation, one member or element per line, `"key": value`; empty collections are `{}` and `[]`.
/// - Keys in the node's order; comments are dropped.
/// - Strings escape `"`, `\`, and control characters (`\n`, `\r`, `\t`, the rest as `\u00XX`), per RFC 8259;
///   everything else, non-ASCII included, is written as UTF-8 as it is.
/// - The text ends with one line break.
///
/// ```swift
/// JSONEmitter.emit(.mapping([YAMLEntry("on", .sequence([.string("push")]))]))
/// // {
/// //   "on": [
/// //     "push"
/// //   ]
/// // }
/// ```
public enum JSONEmitter {
    /// Renders `node` as an indented JSON text ending with a line break.
    public static func emit(_ node: YAMLNode) -> String {
        var out = ""
        out.reserveCapacity(node.estimatedYAMLSize * 2)
        append(node, indent: 0, to: &out)
        out.append("\n")
        return out
    }

    private static func append(_ node: YAMLNode, indent: Int, to out: inout String) {
        switch node {
        case .string(let text):
            appendString(text, to: &out)
        case .int(let value):
            out.append(String(value))
        case .bool(let value):
            out.append(value ? "true" : "false")
        case .null:
            out.append("null")
        case .sequence(let items):
            guard !items.isEmpty else { out.append("[]"); return }
            out.append("[\n")
            for index in items.indices {
                if index > 0 { out.append(",\n") }
                appendSpaces(indent + 2, to: &out)
                append(items[index], indent: indent + 2, to: &out)
            }
            out.append("\n")
            appendSpaces(indent, to: &out)
            out.append("]")
        case .mapping(let entries):
            guard !entries.isEmpty else { out.append("{}"); return }
            out.append("{\n")
            for index in entries.indices {
                if index > 0 { out.append(",\n") }
                appendSpaces(indent + 2, to: &out)
                appendString(entries[index].key, to: &out)
                out.append(": ")
                append(entries[index].value, indent: indent + 2, to: &out)
            }
            out.append("\n")
            appendSpaces(indent, to: &out)
            out.append("}")
        }
    }

    private static func appendString(_ text: String, to out: inout String) {
        out.append("\"")
        // Most strings need no escape: copy them whole instead of scalar by scalar.
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
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
            case 0x00..<0x20:
                out.append("\\u00")
                out.append(scalar.value < 0x10 ? "0" : "1")
                out.append(String(scalar.value & 0xF, radix: 16, uppercase: true))
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        out.append("\"")
    }

    private static func appendSpaces(_ count: Int, to out: inout String) {
        var remaining = count
        while remaining > 0 {
            let chunk = min(remaining, indentations.count - 1)
            out.append(indentations[chunk])
            remaining -= chunk
        }
    }

    /// Runs of spaces by width: appending a ready-made string is much cheaper than one space at a time.
    private static let indentations: [String] = (0...64).map { String(repeating: " ", count: $0) }
}
