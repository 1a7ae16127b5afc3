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
        // One JSON layout and one string escaper for the whole library: the config writer's.
        JSONWriter.write(JSONValue(node))
    }
}

extension JSONValue {
    /// The JSON value a YAML 1.2 loader reads from a node: comments dropped, order kept.
    init(_ node: YAMLNode) {
        switch node {
        case .string(let text): self = .string(text)
        case .int(let value): self = .number(String(value))
        case .bool(let value): self = .bool(value)
        case .null: self = .null
        case .sequence(let items): self = .array(items.map(JSONValue.init))
        case .mapping(let entries): self = .object(entries.map { JSONMember($0.key, JSONValue($0.value)) })
        }
    }
}
