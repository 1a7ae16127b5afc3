/// The read tree as the ``YAMLNode`` tree the rest of the library renders and encodes.
///
/// ``YAMLNode`` has no float, and gets none: every node the library writes is a string, an integer, a boolean
/// or null, and a float in a workflow is almost always a version number that YAML has already damaged
/// (`python-version: 3.10` is 3.1). A float therefore converts to the string of its text as written, `3.10`,
/// which is what the author meant and what a finding should quote; the float itself stays available as
/// ``YAMLScalarValue/float(_:)`` on the read tree for a rule that wants to flag it.
///
/// Keys convert to their text (a plain `1:` becomes the key `"1"`). Comments convert where ``YAMLEntry`` holds
/// them: whole-line comments above a key, a comment after a scalar value or after `key:`; comments anywhere
/// else (after a sequence item, inside a flow collection, at the end of the file) are dropped.
extension YAMLSourceNode {
    /// The node as a ``YAMLNode``: floats become their text, keys their text, comments what entries can hold.
    public var yamlNode: YAMLNode {
        switch content {
        case .scalar(let scalar):
            scalar.yamlNode
        case .sequence(let items):
            .sequence(items.map(\.yamlNode))
        case .mapping(let pairs):
            .mapping(pairs.map { pair in
                YAMLEntry(pair.key.scalar?.text ?? "", pair.value.yamlNode,
                          comment: pair.trailingComment, leadingComments: pair.leadingComments)
            })
        }
    }
}

extension YAMLScalar {
    /// The scalar as a ``YAMLNode``: a float becomes the string of its text.
    public var yamlNode: YAMLNode {
        switch value {
        case .string(let text): .string(text)
        case .int(let number): .int(number)
        case .float: .string(text)
        case .bool(let flag): .bool(flag)
        case .null: .null
        }
    }
}

extension YAMLSourceDocument {
    /// The document as a ``YAMLDocument``: its header comments and its root as a ``YAMLNode``.
    public var yamlDocument: YAMLDocument {
        YAMLDocument(header: header, root: root.yamlNode)
    }
}
