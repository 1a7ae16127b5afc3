/// An ordered YAML node tree: the single intermediate form between the workflow model and text.
///
/// Mappings are ordered pairs, never a `Dictionary`, so the emitted text is deterministic.
/// The same tree renders as YAML (``YAMLEmitter``) and as JSON (``JSONEmitter``), which lets the
/// conformance checks prove that a YAML 1.2 loader reads exactly what the model meant.
public enum YAMLNode: Sendable, Equatable, Hashable {
    /// A string; the emitter decides whether it needs quotes.
    case string(String)
    /// An integer, written plain.
    case int(Int)
    /// A boolean, written `true` or `false`.
    case bool(Bool)
    /// An explicit null, written `null`.
    case null
    /// A sequence of nodes, in order.
    case sequence([YAMLNode])
    /// A mapping of string keys to nodes, in order, each entry possibly commented.
    case mapping([YAMLEntry])

    /// A mapping from entries given in order.
    public static func map(_ entries: [YAMLEntry]) -> YAMLNode { .mapping(entries) }
}

/// One key/value pair of a mapping, with the comments that belong to it.
public struct YAMLEntry: Sendable, Equatable, Hashable {
    /// The key; always a string in a workflow.
    public let key: String
    /// The value.
    public let value: YAMLNode
    /// Whole-line comments written above the key, one per line, without the `#`.
    public let leadingComments: [String]
    /// A comment written after a scalar value on the same line (`uses: a@sha # v5.1.0`),
    /// or after the key when the value is a collection.
    public let trailingComment: String?

    /// Creates an entry.
    public init(_ key: String, _ value: YAMLNode, comment trailingComment: String? = nil, leadingComments: [String] = []) {
        self.key = key
        self.value = value
        self.trailingComment = trailingComment
        self.leadingComments = leadingComments
    }
}

/// A YAML document: a header comment block and a root node.
public struct YAMLDocument: Sendable, Equatable {
    /// Comment lines written at the top of the file, without the `#`.
    public let header: [String]
    /// The root node, normally a mapping.
    public let root: YAMLNode

    /// Creates a document.
    public init(header: [String] = [], root: YAMLNode) {
        self.header = header
        self.root = root
    }
}
