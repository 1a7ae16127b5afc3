/// A node as ``YAMLReader`` read it from YAML text: where it starts, and what it holds.
///
/// Every node and every key carries its 1-based line and column (columns count Unicode scalars), so a finding
/// about a committed workflow can point at the text. Scalars keep both the text as written (after unescaping
/// and folding) and the value the YAML 1.2 core schema resolves it to; mappings are ordered pairs.
///
/// An alias (`*name`) reads as a copy of its anchored node, positioned at the alias; the nodes inside the copy
/// keep the positions where they are written, under the anchor.
///
/// ```swift
/// let document = try YAMLReader.read("on: push\njobs: {}\n")
/// document.root["on"]?.scalar?.value   // .string("push")
/// document.root["on"]?.line             // 1
/// ```
public struct YAMLSourceNode: Sendable, Hashable {
    /// The 1-based line the node starts on.
    public let line: Int
    /// The 1-based column the node starts at, in Unicode scalars.
    public let column: Int
    /// The node's content.
    public let content: Content

    /// What a node holds.
    public enum Content: Sendable, Hashable {
        /// A scalar: its text, style and resolved value.
        case scalar(YAMLScalar)
        /// A sequence, in order.
        case sequence([YAMLSourceNode])
        /// A mapping, as ordered pairs; keys are scalars and unique.
        case mapping([YAMLSourcePair])
    }

    /// Creates a node.
    public init(line: Int, column: Int, content: Content) {
        self.line = line
        self.column = column
        self.content = content
    }

    /// The scalar, if the node is one.
    public var scalar: YAMLScalar? {
        if case .scalar(let scalar) = content { scalar } else { nil }
    }

    /// The items, if the node is a sequence.
    public var sequence: [YAMLSourceNode]? {
        if case .sequence(let items) = content { items } else { nil }
    }

    /// The pairs, if the node is a mapping.
    public var mapping: [YAMLSourcePair]? {
        if case .mapping(let pairs) = content { pairs } else { nil }
    }

    /// The value of the first pair whose key is written `key`, if the node is a mapping that has one.
    ///
    /// Keys match by their text, as GitHub reads keys: `node["true"]` finds the key `true:`, which YAML 1.2
    /// resolves to a boolean.
    public subscript(key: String) -> YAMLSourceNode? {
        mapping?.first { $0.key.scalar?.text == key }?.value
    }
}

/// A scalar as written: its text after unescaping and folding, its style, and its resolved value.
public struct YAMLScalar: Sendable, Hashable {
    /// The scalar's content: quotes and escapes resolved, lines folded, block indentation removed.
    /// For a plain `3.10` it is `3.10`, while ``value`` is the float 3.1.
    public let text: String
    /// How the scalar is written.
    public let style: Style
    /// The value: for a plain scalar, what the YAML 1.2 core schema resolves ``text`` to; any other style is a string.
    public let value: YAMLScalarValue

    /// Creates a scalar.
    public init(text: String, style: Style, value: YAMLScalarValue) {
        self.text = text
        self.style = style
        self.value = value
    }

    /// The five ways YAML writes a scalar.
    public enum Style: Sendable, Hashable {
        /// Unquoted: the only style whose text can resolve to a number, a boolean or null.
        case plain
        /// Between `'…'`.
        case singleQuoted
        /// Between `"…"`, with backslash escapes.
        case doubleQuoted
        /// A literal block scalar, `|`.
        case literal
        /// A folded block scalar, `>`.
        case folded
    }
}

/// A scalar's resolved value under the YAML 1.2 core schema.
public enum YAMLScalarValue: Sendable, Hashable {
    /// A string: every quoted and block scalar, and every plain scalar that is not one of the others.
    case string(String)
    /// An integer: `12`, `-3`, `+4`, `0o17`, `0x1F`.
    case int(Int)
    /// A float: `1.5`, `.5`, `1e3`, `-.inf`, `.nan`.
    case float(Double)
    /// `true`, `True`, `TRUE`, `false`, `False` or `FALSE`; not `yes`, `on` or `y`, which are strings.
    case bool(Bool)
    /// `null`, `Null`, `NULL`, `~`, or nothing at all.
    case null
}

/// One pair of a mapping, with the comments that ``YAMLEntry`` can carry.
public struct YAMLSourcePair: Sendable, Hashable {
    /// The key: a scalar node.
    public let key: YAMLSourceNode
    /// The value.
    public let value: YAMLSourceNode
    /// Whole-line comments between the previous node and this key, without `#` and one following space.
    public let leadingComments: [String]
    /// The comment after a scalar value on its last line, or after `key:` when the value starts on the next line.
    public let trailingComment: String?

    /// Creates a pair.
    public init(key: YAMLSourceNode, value: YAMLSourceNode, leadingComments: [String] = [], trailingComment: String? = nil) {
        self.key = key
        self.value = value
        self.leadingComments = leadingComments
        self.trailingComment = trailingComment
    }
}

/// A YAML document as read: the comment lines above its content, and its root node.
public struct YAMLSourceDocument: Sendable, Hashable {
    /// Comment lines at the top of the file that are not directly above the first key (a blank line or `---`
    /// separates them from it), without `#` and one following space: the block ``YAMLEmitter`` writes as
    /// ``YAMLDocument/header``.
    public let header: [String]
    /// The root node; a document with no content has a null root.
    public let root: YAMLSourceNode

    /// Creates a document.
    public init(header: [String], root: YAMLSourceNode) {
        self.header = header
        self.root = root
    }
}
