/// Flow collections: `[a, b]` and `{a: 1, b: 2}`, nested freely, over one line or several.
///
/// Lines inside a flow collection may be indented as the author likes: YAML asks for more indentation than
/// the enclosing block, but loaders (libyaml, ruamel) accept less, and so does this reader: the brackets
/// already say where the collection ends.
extension YAMLParser {
    /// Reads a flow sequence or mapping at the cursor (`[` or `{`) up to its closing bracket.
    mutating func parseFlowCollection() throws(YAMLReadError) -> YAMLSourceNode {
        let isSequence = current == UInt8(ascii: "[")
        let closer = isSequence ? UInt8(ascii: "]") : UInt8(ascii: "}")
        let kind = isSequence ? "flow sequence" : "flow mapping"
        let open = index
        let nodeLine = line, nodeColumn = column(of: index)
        try enterCollection(at: index)
        index += 1
        var items: [YAMLSourceNode] = []
        var pairs: [YAMLSourcePair] = []
        var keys = KeyIndex()
        while true {
            try skipFlowSeparation(open: open, kind: kind)
            if current == closer {
                index += 1
                break
            }
            if current == UInt8(ascii: ",") {
                throw error("expected an entry or '\(Character(Unicode.Scalar(closer)))' in the \(kind), found ','", at: index)
            }
            if current == UInt8(ascii: "?") && (Self.isWhitespaceOrEnd(next) || Self.isFlowIndicator(next)) {
                throw error("explicit keys ('? ') are not supported inside a flow collection; write 'key: value'", at: index)
            }
            if current == UInt8(ascii: ":") && (Self.isWhitespaceOrEnd(next) || Self.isFlowIndicator(next)) {
                throw error("expected a key before ':' in the \(kind)", at: index)
            }
            let entryStart = index
            let entryLine = line
            let first = try parseFlowNode(open: open, kind: kind, closer: closer)
            try skipFlowSeparation(open: open, kind: kind)
            // After a quoted scalar or a collection (a JSON-like key), `:` needs no space after it.
            let isJSONLike = first.node.scalar.map { $0.style != .plain } ?? true
            if current == UInt8(ascii: ":") && (Self.isWhitespaceOrEnd(next) || Self.isFlowIndicator(next) || isJSONLike) {
                guard let keyScalar = first.node.scalar else {
                    throw error("a mapping key must be a scalar, not \(first.node.sequence != nil ? "a sequence" : "a mapping")", at: entryStart)
                }
                if isSequence {
                    // A pair in a sequence (`[a: 1]`) has an implicit key: one line, 1024 characters at most.
                    if line != entryLine {
                        throw error("an implicit key must be on one line; if the \(kind) that starts at \(nodeLine):\(nodeColumn) should end before it, it lacks its ']'", at: entryStart)
                    }
                    let characters = column(of: index) - column(of: entryStart)
                    if characters > YAMLReader.implicitKeyCharacterLimit {
                        throw error("an implicit key is limited to \(YAMLReader.implicitKeyCharacterLimit) characters and this one has \(characters)", at: entryStart)
                    }
                }
                try checkKeyLength(keyScalar, at: entryStart)
                let valueLine = line, valueColumn = column(of: index + 1)
                index += 1
                try skipFlowSeparation(open: open, kind: kind)
                let value = current == UInt8(ascii: ",") || current == closer
                    ? emptyNode(line: valueLine, column: valueColumn)
                    : try parseFlowNode(open: open, kind: kind, closer: closer).node
                let pair = YAMLSourcePair(key: first.node, value: value)
                if isSequence {
                    try checkNotMergeKey(first.node)
                    nodeCount += 1
                    items.append(YAMLSourceNode(line: first.node.line, column: first.node.column, content: .mapping([pair])))
                } else {
                    try append(pair, to: &pairs, keys: &keys)
                }
            } else if isSequence {
                items.append(first.node)
            } else {
                guard first.node.scalar != nil else {
                    throw error("a mapping key must be a scalar, not \(first.node.sequence != nil ? "a sequence" : "a mapping")", at: entryStart)
                }
                let value = emptyNode(line: line, column: column(of: index))
                try append(YAMLSourcePair(key: first.node, value: value), to: &pairs, keys: &keys)
            }
            try skipFlowSeparation(open: open, kind: kind)
            if current == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if current == closer {
                index += 1
                break
            }
            throw error("expected ',' or '\(Character(Unicode.Scalar(closer)))' after an entry of the \(kind) that starts at \(nodeLine):\(nodeColumn), found \(describe(at: index))", at: index)
        }
        depth -= 1
        nodeCount += 1
        return YAMLSourceNode(line: nodeLine, column: nodeColumn, content: isSequence ? .sequence(items) : .mapping(pairs))
    }

    private func append(_ pair: YAMLSourcePair, to pairs: inout [YAMLSourcePair], keys: inout KeyIndex) throws(YAMLReadError) {
        try checkNotMergeKey(pair.key)
        if let firstLine = keys.insert(pair.key) {
            throw error("duplicate key \(Self.quote(pair.key.scalar?.text ?? "")) (first at line \(firstLine)); each key may appear once",
                        atLine: pair.key.line, column: pair.key.column)
        }
        pairs.append(pair)
    }

    /// Reads one node inside a flow collection.
    private mutating func parseFlowNode(open: Int, kind: String, closer: UInt8) throws(YAMLReadError) -> InlineNode {
        let properties = try parseProperties(inFlow: true)
        if properties.anchor != nil {
            try skipFlowSeparation(open: open, kind: kind)
        }
        let nodeLine = line, nodeColumn = column(of: index)
        let inline: InlineNode
        if properties.anchor != nil && (current == UInt8(ascii: ",") || current == closer) {
            let node = emptyNode(line: nodeLine, column: nodeColumn)
            register(node, for: properties)
            return InlineNode(node: node, plainFirstLine: nil, kind: .empty)
        }
        switch current {
        case UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "*"):
            inline = try parseInlineNode(properties: properties)
        case UInt8(ascii: "|"), UInt8(ascii: ">"):
            throw error("a block scalar ('|' or '>') cannot appear inside a flow collection; use a quoted scalar", at: index)
        default:
            if isAtSequenceEntry {
                throw error("a block sequence ('- ') cannot appear inside a flow collection; write the items between '[' and ']'", at: index)
            }
            guard isPlainStart(inFlow: true) else {
                if current == 0 { throw unclosed(open: open, kind: kind) }
                throw error("expected a value in the \(kind), found \(describe(at: index))", at: index)
            }
            let start = index
            let range = scanPlainLine(inFlow: true)
            var text = Array(UnsafeBufferPointer(rebasing: bytes[range]))
            _ = try continuePlain(&text, minimumIndent: 0, inFlow: true, keyCheck: nil, scalarLine: nodeLine, scalarColumn: nodeColumn)
            nodeCount += 1
            let node = try plainScalar(text, line: nodeLine, column: nodeColumn, start: start)
            inline = InlineNode(node: node, plainFirstLine: nil, kind: .plain)
        }
        register(inline.node, for: properties)
        return inline
    }

    /// Moves past blanks, line breaks and comments inside a flow collection; comments there are dropped.
    private mutating func skipFlowSeparation(open: Int, kind: String) throws(YAMLReadError) {
        while true {
            skipBlanks()
            switch current {
            case UInt8(ascii: "#"):
                if index > lineStart && !Self.isBlank(bytes[index - 1]) {
                    throw error("a comment needs a space before '#'", at: index)
                }
                while !Self.isBreakOrEnd(current) { index += 1 }
            case 0x0A:
                consumeLineBreak()
                if isDocumentMarker("---", at: index) || isDocumentMarker("...", at: index) {
                    throw error("a document marker inside the \(kind) that starts at \(location(of: open)); close the \(kind) first", at: index)
                }
            case 0:
                throw unclosed(open: open, kind: kind)
            default:
                return
            }
        }
    }

    private func unclosed(open: Int, kind: String) -> YAMLReadError {
        error("the \(kind) that starts here never ends; expected '\(kind == "flow sequence" ? "]" : "}")'", at: open)
    }
}
