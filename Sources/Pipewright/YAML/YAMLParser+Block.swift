/// Block structure: what follows an indicator, block mappings with implicit and explicit keys, block sequences.
extension YAMLParser {
    /// What introduced a block node; it decides what may start on the same line and where a sequence may stand.
    enum NodeContext: Equatable {
        /// The top of a document without `---`: the node starts a line.
        case root
        /// After `---`, on its line or below it.
        case documentStart
        /// After `key:`.
        case mappingValue
        /// After `-`.
        case sequenceItem
        /// After `?`.
        case explicitKey
        /// After the `:` of an explicit entry.
        case explicitValue

        /// Whether a sequence or mapping may start on the indicator's line (`- - a`, `- key: value`).
        var allowsCompactCollection: Bool {
            self == .sequenceItem || self == .explicitKey || self == .explicitValue
        }

        /// Whether a sequence may stand at the indentation of the mapping it is a value of (`key:` then `- a`).
        var allowsSequenceAtParentIndent: Bool {
            self == .mappingValue || self == .explicitValue
        }

        /// The indicator, for messages.
        var indicator: String {
            switch self {
            case .root, .documentStart: "'---'"
            case .mappingValue: "its key"
            case .sequenceItem: "'-'"
            case .explicitKey: "'?'"
            case .explicitValue: "':'"
            }
        }
    }

    /// A node read from the cursor's line: complete, except that a plain scalar in block context may go on.
    struct InlineNode {
        var node: YAMLSourceNode
        /// For a plain scalar in block context, the first line's text, which following lines may continue.
        var plainFirstLine: [UInt8]?
        /// What the node is, for a message.
        var kind: Kind

        enum Kind {
            case plain, quoted, flowSequence, flowMapping, alias, empty
        }

        /// The node for a message: `"text"`, `the quoted scalar "text"`, `the flow sequence`; made only for one.
        var description: String {
            switch kind {
            case .plain: YAMLParser.quote(node.scalar?.text ?? "")
            case .quoted: "the quoted scalar \(YAMLParser.quote(node.scalar?.text ?? ""))"
            case .flowSequence: "the flow sequence"
            case .flowMapping: "the flow mapping"
            case .alias: "the alias"
            case .empty: "the empty node"
            }
        }
    }

    @inline(__always)
    var isAtSequenceEntry: Bool { current == UInt8(ascii: "-") && Self.isWhitespaceOrEnd(next) }

    @inline(__always)
    var isAtExplicitKey: Bool { current == UInt8(ascii: "?") && Self.isWhitespaceOrEnd(next) }

    @inline(__always)
    var isAtMappingIndicator: Bool { current == UInt8(ascii: ":") && Self.isWhitespaceOrEnd(next) }

    // MARK: After an indicator

    /// Reads the node after an indicator at the cursor (`key:`, `-`, `?`, `:` or `---`, already passed): on the
    /// rest of the line, on the lines below, or empty. `parentIndent` is the indentation of the collection the
    /// node belongs to, -1 for the document's root.
    mutating func parseNodeAfterIndicator(parentIndent: Int, context: NodeContext) throws(YAMLReadError) -> (node: YAMLSourceNode, trailingComment: String?) {
        let emptyLine = line, emptyColumn = column(of: index)
        skipBlanks()
        let properties = try parseProperties(inFlow: false)
        if current == UInt8(ascii: "#") || Self.isBreakOrEnd(current) {
            let trailing = try skipToContent()
            let below = try parseNodeBelow(parentIndent: parentIndent, properties: properties, context: context, emptyLine: emptyLine, emptyColumn: emptyColumn)
            return (below.node, trailing ?? below.trailingComment)
        }
        return try parseNodeOnLine(parentIndent: parentIndent, properties: properties, context: context)
    }

    /// Reads a node whose content starts on a later line than its indicator, or an empty node if the next
    /// content is not indented under the indicator.
    private mutating func parseNodeBelow(parentIndent: Int, properties: Properties, context: NodeContext, emptyLine: Int, emptyColumn: Int) throws(YAMLReadError) -> (node: YAMLSourceNode, trailingComment: String?) {
        let indent = blockIndent
        if indent > parentIndent {
            return try parseNodeAtLineStart(indent: indent, parentIndent: parentIndent, properties: properties, context: context)
        }
        if indent == parentIndent && context.allowsSequenceAtParentIndent && isAtSequenceEntry {
            return try parseBlockSequence(indent: indent, properties: properties, endsAtOtherContent: true)
        }
        let node = emptyNode(line: emptyLine, column: emptyColumn)
        register(node, for: properties)
        return (node, nil)
    }

    /// Reads a node whose content is the first on its line, at `indent`; `properties` were read on an earlier line.
    mutating func parseNodeAtLineStart(indent: Int, parentIndent: Int, properties: Properties, context: NodeContext) throws(YAMLReadError) -> (node: YAMLSourceNode, trailingComment: String?) {
        if isAtSequenceEntry {
            return try parseBlockSequence(indent: indent, properties: properties, endsAtOtherContent: false)
        }
        if isAtExplicitKey {
            return try parseBlockMapping(indent: indent, properties: properties, firstKey: nil)
        }
        if isAtMappingIndicator {
            throw error("expected a mapping key before ':'", at: index)
        }
        let propertiesStart = index
        let lineProperties = try parseProperties(inFlow: false)
        if current == UInt8(ascii: "#") || Self.isBreakOrEnd(current) {
            // Properties alone on their line: they belong to the node below them.
            let merged = try merging(properties, lineProperties)
            let emptyLine = line, emptyColumn = column(of: propertiesStart)
            try skipToContent()
            return try parseNodeBelow(parentIndent: parentIndent, properties: merged, context: context, emptyLine: emptyLine, emptyColumn: emptyColumn)
        }
        if current == UInt8(ascii: "|") || current == UInt8(ascii: ">") {
            return try parseBlockScalar(parentIndent: parentIndent, properties: merging(properties, lineProperties))
        }
        let keyStart = lineProperties.start ?? index
        let inline = try parseInlineNode(properties: lineProperties)
        skipBlanks()
        if isAtMappingIndicator {
            let key = try implicitKey(inline, start: keyStart)
            register(key, for: lineProperties)
            return try parseBlockMapping(indent: indent, properties: properties, firstKey: key)
        }
        return try completeInlineValue(inline, properties: merging(properties, lineProperties), parentIndent: parentIndent,
                                       keyCheck: (indent: indent, start: keyStart))
    }

    /// Reads a node whose content starts on its indicator's line.
    private mutating func parseNodeOnLine(parentIndent: Int, properties: Properties, context: NodeContext) throws(YAMLReadError) -> (node: YAMLSourceNode, trailingComment: String?) {
        if isAtSequenceEntry || isAtExplicitKey {
            let what = isAtSequenceEntry ? "a sequence" : "an explicit key ('?')"
            guard context.allowsCompactCollection else {
                throw error("\(what) cannot start on the same line as \(context.indicator); start it on the next line", at: index)
            }
            if properties.anchor != nil {
                throw error("\(what) on the same line as \(context.indicator) cannot have an anchor; start it on the next line, below the anchor", at: index)
            }
            let indent = try compactIndent(of: index)
            return isAtSequenceEntry
                ? try parseBlockSequence(indent: indent, properties: Properties(), endsAtOtherContent: false)
                : try parseBlockMapping(indent: indent, properties: Properties(), firstKey: nil)
        }
        if current == UInt8(ascii: "|") || current == UInt8(ascii: ">") {
            return try parseBlockScalar(parentIndent: parentIndent, properties: properties)
        }
        let keyStart = properties.start ?? index
        let inline = try parseInlineNode(properties: properties)
        skipBlanks()
        if isAtMappingIndicator {
            guard context.allowsCompactCollection else {
                if context == .documentStart {
                    throw error("a mapping cannot start on the '---' line; start it on the next line", at: index)
                }
                throw error("unexpected ': ' after \(inline.description); a value on its key's line cannot be a mapping — quote the value, or start the mapping on the next line", at: index)
            }
            let indent = try compactIndent(of: keyStart)
            let key = try implicitKey(inline, start: keyStart)
            register(key, for: properties)
            return try parseBlockMapping(indent: indent, properties: Properties(), firstKey: key)
        }
        return try completeInlineValue(inline, properties: properties, parentIndent: parentIndent, keyCheck: nil)
    }

    /// Finishes a value read inline: a plain scalar goes on over the lines indented under `parentIndent`; then
    /// only a comment may follow on its last line. `keyCheck` is where the value starts a line: a next line at
    /// the same indentation holding `key:` shows that this line was meant as a key.
    private mutating func completeInlineValue(_ inline: InlineNode, properties: Properties, parentIndent: Int, keyCheck: (indent: Int, start: Int)?) throws(YAMLReadError) -> (node: YAMLSourceNode, trailingComment: String?) {
        var node = inline.node
        if let firstLine = inline.plainFirstLine {
            var text = firstLine
            if try continuePlain(&text, minimumIndent: parentIndent + 1, inFlow: false, keyCheck: keyCheck, scalarLine: node.line, scalarColumn: node.column) {
                node = try plainScalar(text, line: node.line, column: node.column, start: index)
            }
        }
        register(node, for: properties)
        let trailing = try finishLine(after: inline.description)
        return (node, trailing)
    }

    /// The indentation of a collection that starts mid-line at `position` (`- key: v`, `- - a`): its column,
    /// which only spaces and indicators may precede.
    private func compactIndent(of position: Int) throws(YAMLReadError) -> Int {
        var scan = lineStart
        while scan < position {
            if bytes[scan] == 0x09 { throw error("a tab in indentation; YAML indents with spaces only", at: scan) }
            scan += 1
        }
        return position - lineStart
    }

    /// One set of properties from two: a node written `&a` on one line and `&b` on the next has two anchors.
    private func merging(_ earlier: Properties, _ later: Properties) throws(YAMLReadError) -> Properties {
        guard later.anchor != nil else { return earlier }
        guard earlier.anchor == nil else { throw error("a node has at most one anchor; found a second '&'", at: later.anchorIndex) }
        return later
    }

    // MARK: Inline nodes and keys

    /// Reads the node at the cursor as far as its line allows: a flow collection or a quoted scalar (each
    /// possibly over several lines), an alias, or the first line of a plain scalar.
    mutating func parseInlineNode(properties: Properties) throws(YAMLReadError) -> InlineNode {
        let nodeLine = line, nodeColumn = column(of: index)
        switch current {
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            let isSequence = current == UInt8(ascii: "[")
            let node = try parseFlowCollection()
            return InlineNode(node: node, plainFirstLine: nil, kind: isSequence ? .flowSequence : .flowMapping)
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            let isDouble = current == UInt8(ascii: "\"")
            let text = try parseQuoted(double: isDouble)
            nodeCount += 1
            let node = YAMLSourceNode(line: nodeLine, column: nodeColumn,
                                      content: .scalar(YAMLScalar(text: text, style: isDouble ? .doubleQuoted : .singleQuoted, value: .string(text))))
            return InlineNode(node: node, plainFirstLine: nil, kind: .quoted)
        case UInt8(ascii: "*"):
            let node = try parseAlias(properties: properties)
            return InlineNode(node: node, plainFirstLine: nil, kind: .alias)
        default:
            guard isPlainStart(inFlow: false) else { throw invalidValueStart() }
            let start = index
            let range = scanPlainLine(inFlow: false)
            let text = Array(UnsafeBufferPointer(rebasing: bytes[range]))
            nodeCount += 1
            let node = try plainScalar(text, line: nodeLine, column: nodeColumn, start: start)
            return InlineNode(node: node, plainFirstLine: text, kind: .plain)
        }
    }

    /// The error for a character that cannot start a value.
    func invalidValueStart() -> YAMLReadError {
        switch current {
        case UInt8(ascii: "@"), UInt8(ascii: "`"):
            error("\(describe(at: index)) is reserved in YAML and cannot start a plain scalar; quote the value", at: index)
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"):
            error("\(describe(at: index)) followed by \(describe(at: index + 1)) cannot start a value here; quote the value", at: index)
        default:
            error("\(describe(at: index)) cannot start a plain scalar; quote the value", at: index)
        }
    }

    /// Checks that an inline node read at `start` can be the implicit key whose `:` is at the cursor.
    func implicitKey(_ inline: InlineNode, start: Int) throws(YAMLReadError) -> YAMLSourceNode {
        guard let scalar = inline.node.scalar else {
            throw error("a mapping key must be a scalar, not \(inline.node.sequence != nil ? "a sequence" : "a mapping")", at: start)
        }
        if inline.node.line != line {
            throw error("an implicit key must be on one line; write a longer key as an explicit key ('? key')", at: start)
        }
        let characters = column(of: index) - column(of: start)
        if characters > YAMLReader.implicitKeyCharacterLimit {
            throw error("an implicit key is limited to \(YAMLReader.implicitKeyCharacterLimit) characters and this one has \(characters); write it as an explicit key ('? key')", at: start)
        }
        try checkKeyLength(scalar, at: start)
        return inline.node
    }

    /// Checks a key against ``YAMLReader/Limits/maximumKeyBytes``.
    func checkKeyLength(_ scalar: YAMLScalar, at position: Int) throws(YAMLReadError) {
        let byteCount = scalar.text.utf8.count
        if byteCount > limits.maximumKeyBytes {
            throw error("a key of \(byteCount) bytes is longer than the \(limits.maximumKeyBytes) Pipewright reads (YAMLReader.Limits.maximumKeyBytes)", at: position)
        }
    }

    /// Refuses a merge key (a plain `<<`): YAML 1.2 has none, loaders that keep the YAML 1.1 type (ruamel) merge
    /// the aliased mapping in, and GitHub Actions does not, so the file would mean two things. A quoted `'<<'` is
    /// an ordinary key everywhere.
    func checkNotMergeKey(_ key: YAMLSourceNode) throws(YAMLReadError) {
        if let scalar = key.scalar, scalar.style == .plain, scalar.text == "<<" {
            throw error("merge keys ('<<') are not supported: GitHub Actions does not merge them; write the keys out, or quote '<<' to mean the text",
                        atLine: key.line, column: key.column)
        }
    }

    // MARK: Block collections

    /// Reads a block mapping whose keys stand at `indent`; `firstKey`, when given, was read already and the
    /// cursor is at its `:`.
    mutating func parseBlockMapping(indent: Int, properties: Properties, firstKey: YAMLSourceNode?) throws(YAMLReadError) -> (node: YAMLSourceNode, trailingComment: String?) {
        if let firstKey {
            try enterCollection(line: firstKey.line, column: firstKey.column)
        } else {
            try enterCollection(at: index)
        }
        var pairs: [YAMLSourcePair] = []
        var keys = KeyIndex()
        var givenKey = firstKey
        while true {
            let leadingComments = pendingComments
            pendingComments.removeAll(keepingCapacity: true)
            let key: YAMLSourceNode
            let entry: (node: YAMLSourceNode, trailingComment: String?)
            if let given = givenKey {
                givenKey = nil
                key = given
                index += 1
                entry = try parseNodeAfterIndicator(parentIndent: indent, context: .mappingValue)
            } else if isAtExplicitKey {
                let questionIndex = index
                let questionLine = line, questionColumn = column(of: index)
                index += 1
                key = try parseNodeAfterIndicator(parentIndent: indent, context: .explicitKey).node
                guard let scalar = key.scalar else {
                    throw error("a mapping key must be a scalar, not \(key.sequence != nil ? "a sequence" : "a mapping")", at: questionIndex)
                }
                try checkKeyLength(scalar, at: questionIndex)
                if blockIndent == indent && isAtMappingIndicator {
                    index += 1
                    entry = try parseNodeAfterIndicator(parentIndent: indent, context: .explicitValue)
                } else {
                    entry = (emptyNode(line: questionLine, column: questionColumn), nil)
                }
            } else {
                key = try parseBlockKey(indent: indent)
                index += 1
                entry = try parseNodeAfterIndicator(parentIndent: indent, context: .mappingValue)
            }
            try checkNotMergeKey(key)
            if let firstLine = keys.insert(key) {
                throw error("duplicate key \(Self.quote(key.scalar?.text ?? "")) (first at line \(firstLine)); each key may appear once",
                            atLine: key.line, column: key.column)
            }
            pairs.append(YAMLSourcePair(key: key, value: entry.node, leadingComments: leadingComments, trailingComment: entry.trailingComment))
            let next = blockIndent
            if next < indent { break }
            if next > indent {
                throw error("unexpected indentation: this line is indented more than the keys of its mapping (column \(indent + 1))", at: index)
            }
        }
        depth -= 1
        nodeCount += 1
        let first = pairs[0].key
        let node = YAMLSourceNode(line: first.line, column: first.column, content: .mapping(pairs))
        register(node, for: properties)
        return (node, nil)
    }

    /// Reads an implicit key at the start of a line inside a mapping at `indent`, leaving the cursor at its `:`.
    private mutating func parseBlockKey(indent: Int) throws(YAMLReadError) -> YAMLSourceNode {
        if isAtMappingIndicator {
            throw error("expected a mapping key before ':'", at: index)
        }
        if isAtSequenceEntry {
            throw error("expected a mapping key at column \(indent + 1), found a sequence item; a sequence belongs under a key", at: index)
        }
        let keyStart = index
        let keyProperties = try parseProperties(inFlow: false)
        let inline = try parseInlineNode(properties: keyProperties)
        skipBlanks()
        guard isAtMappingIndicator else {
            let name = inline.node.scalar.map { Self.quote($0.text) } ?? inline.description
            throw error("expected ':' after the mapping key \(name)", at: keyStart)
        }
        let key = try implicitKey(inline, start: keyStart)
        register(key, for: keyProperties)
        return key
    }

    /// Reads a block sequence whose dashes stand at `indent`. `endsAtOtherContent`: the sequence is the value
    /// of a mapping at the same indentation, whose next key ends it.
    mutating func parseBlockSequence(indent: Int, properties: Properties, endsAtOtherContent: Bool) throws(YAMLReadError) -> (node: YAMLSourceNode, trailingComment: String?) {
        try enterCollection(at: index)
        let nodeLine = line, nodeColumn = column(of: index)
        var items: [YAMLSourceNode] = []
        while true {
            index += 1
            items.append(try parseNodeAfterIndicator(parentIndent: indent, context: .sequenceItem).node)
            let next = blockIndent
            if next < indent { break }
            if next > indent {
                throw error("unexpected indentation: this line is indented more than the items of its sequence (column \(indent + 1))", at: index)
            }
            if isAtSequenceEntry { continue }
            if endsAtOtherContent { break }
            throw error("expected '- ' for the next item of the sequence at column \(indent + 1), found \(describe(at: index))", at: index)
        }
        depth -= 1
        nodeCount += 1
        let node = YAMLSourceNode(line: nodeLine, column: nodeColumn, content: .sequence(items))
        register(node, for: properties)
        return (node, nil)
    }
}

/// The keys of one mapping, to find a repeated one: a list while it is short, a dictionary when it grows.
struct KeyIndex {
    private var list: [(value: YAMLScalarValue, line: Int)] = []
    private var table: [YAMLScalarValue: Int] = [:]

    /// Adds a key; returns the line of an equal key added before, if any. Keys compare by resolved value,
    /// as YAML compares them: `true` and `True` are the same key, `1` and `"1"` are not.
    mutating func insert(_ key: YAMLSourceNode) -> Int? {
        guard let value = key.scalar?.value else { return nil }
        if table.isEmpty {
            if let earlier = list.first(where: { $0.value == value }) { return earlier.line }
            list.append((value, key.line))
            if list.count > 16 {
                for entry in list where table[entry.value] == nil { table[entry.value] = entry.line }
            }
            return nil
        }
        if let earlier = table[value] { return earlier }
        table[value] = key.line
        return nil
    }
}
