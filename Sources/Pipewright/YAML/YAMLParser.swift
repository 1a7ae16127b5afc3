/// The state of one read: a cursor over the document's UTF-8 bytes, the anchors defined so far, and the
/// counters behind ``YAMLReader/Limits``.
///
/// A recursive-descent reader over bytes, in one pass without a token stream: block structure is decided by
/// indentation at the start of each line, and an implicit key is recognised by reading the node at the start
/// of a line and looking for `: ` after it. The parts live in extensions: this file holds the cursor and the
/// document; `+Block` the block collections; `+Flow` the flow collections; `+Scalars` the scalar styles.
///
/// Every read method leaves the cursor at the first character of the next content (after comments and line
/// breaks), or at the end; `blockIndent` then says where that content stands.
struct YAMLParser {
    /// The document's bytes, line breaks normalised to LF; read in place only while the read runs.
    let bytes: UnsafeBufferPointer<UInt8>
    let limits: YAMLReader.Limits
    /// The cursor.
    var index = 0
    /// The 1-based line of the cursor, and the index where that line starts.
    var line = 1
    var lineStart = 0
    /// How many collections enclose the cursor.
    var depth = 0
    /// Anchors defined so far, with how many nodes each stands for.
    var anchors: [String: Anchor] = [:]
    /// Nodes made so far, aliases counted as the nodes they repeat; an anchor's size is the difference.
    var nodeCount = 0
    /// Nodes added by aliases, the quantity ``YAMLReader/Limits/maximumAliasExpansion`` bounds.
    var aliasExpansion = 0
    /// Whole-line comments met since the last node; the next mapping key takes them.
    var pendingComments: [String] = []
    /// How many of ``pendingComments`` came before the last blank line: the split between a file's header and
    /// the comments above its first key.
    var commentsBeforeBlankLine = 0
    /// 3 when the text starts with a byte-order mark, which is skipped and not counted in columns.
    private var byteOrderMarkLength = 0

    struct Anchor {
        let node: YAMLSourceNode
        let size: Int
    }

    init(bytes: UnsafeBufferPointer<UInt8>, limits: YAMLReader.Limits) {
        self.bytes = bytes
        self.limits = limits
    }

    // MARK: The document

    mutating func parseDocument() throws(YAMLReadError) -> YAMLSourceDocument {
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
            byteOrderMarkLength = 3
            index = 3
            lineStart = 3
        }
        try checkCharacters()
        try skipToContent()
        if current == UInt8(ascii: "%") && index == lineStart {
            throw error("directives ('%YAML', '%TAG') are not supported; a workflow needs none — remove the line", at: index)
        }
        let header: [String]
        let root: YAMLSourceNode
        var rootIndent = -1
        if isDocumentMarker("---", at: index) {
            header = pendingComments
            pendingComments = []
            index += 3
            root = try parseNodeAfterIndicator(parentIndent: -1, context: .documentStart).node
        } else if isAtEnd || isDocumentMarker("...", at: index) {
            header = pendingComments
            root = emptyNode(line: line, column: column(of: index))
        } else {
            header = Array(pendingComments[..<commentsBeforeBlankLine])
            pendingComments.removeFirst(commentsBeforeBlankLine)
            rootIndent = blockIndent
            root = try parseNodeAtLineStart(indent: rootIndent, parentIndent: -1, properties: Properties(), context: .root).node
        }
        var endMarkerSeen = false
        while isDocumentMarker("...", at: index) {
            endMarkerSeen = true
            index += 3
            _ = try finishLine(after: "'...'")
        }
        if isDocumentMarker("---", at: index) || (endMarkerSeen && !isAtEnd) {
            throw error("a workflow file holds one YAML document; found a second one here", at: index)
        }
        if !isAtEnd {
            if blockIndent < rootIndent {
                throw error("this line is indented less than the document's first line (column \(rootIndent + 1)); expected the end of the document", at: index)
            }
            throw error("expected the end of the document, found \(describe(at: index)); a document has one top-level node", at: index)
        }
        return YAMLSourceDocument(header: header, root: root)
    }

    // MARK: Cursor

    var isAtEnd: Bool { index >= bytes.count }

    /// The byte at `position`, or 0 past the end; the text holds no NUL (``checkCharacters()``), so 0 means the end.
    @inline(__always)
    func byte(at position: Int) -> UInt8 {
        position < bytes.count ? bytes[position] : 0
    }

    @inline(__always)
    var current: UInt8 { byte(at: index) }

    @inline(__always)
    var next: UInt8 { byte(at: index + 1) }

    @inline(__always)
    static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    @inline(__always)
    static func isBreakOrEnd(_ byte: UInt8) -> Bool { byte == 0x0A || byte == 0 }

    @inline(__always)
    static func isWhitespaceOrEnd(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0 }

    @inline(__always)
    static func isFlowIndicator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]")
            || byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}")
    }

    /// Moves past the line feed at the cursor.
    mutating func consumeLineBreak() {
        index += 1
        line += 1
        lineStart = index
    }

    mutating func skipBlanks() {
        while Self.isBlank(current) { index += 1 }
    }

    /// Whether `marker` (`---` or `...`) starts a line at `position`, followed by whitespace or the end.
    func isDocumentMarker(_ marker: StaticString, at position: Int) -> Bool {
        guard position == byteOrderMarkLength || (position > 0 && position <= bytes.count && bytes[position - 1] == 0x0A) else { return false }
        let first = marker.utf8Start[0]
        return byte(at: position) == first && byte(at: position + 1) == first && byte(at: position + 2) == first
            && Self.isWhitespaceOrEnd(byte(at: position + 3))
    }

    /// The indentation of the content at the cursor, which is the first on its line; -1 at the end or at a
    /// document marker, which close every block.
    var blockIndent: Int {
        if isAtEnd || (index == lineStart && (isDocumentMarker("---", at: index) || isDocumentMarker("...", at: index))) { return -1 }
        return index - lineStart
    }

    /// The 1-based column of `position`, which is on the cursor's line.
    func column(of position: Int) -> Int {
        var column = 1
        var scan = lineStart
        while scan < position {
            if bytes[scan] & 0xC0 != 0x80 { column += 1 }
            scan += 1
        }
        return column
    }

    // MARK: Comments and separation

    /// Moves to the next content: past blanks, comments and line breaks. Returns the comment on the line the
    /// cursor started on, after content; whole-line comments become ``pendingComments``, replacing those before.
    @discardableResult
    mutating func skipToContent() throws(YAMLReadError) -> String? {
        pendingComments.removeAll(keepingCapacity: true)
        commentsBeforeBlankLine = 0
        var trailing: String?
        var crossedLine = false
        let startedAfterContent = hasContentBefore(index)
        var lineHasComment = false
        while true {
            skipBlanks()
            let byte = current
            if byte == UInt8(ascii: "#") {
                if !crossedLine && index > lineStart && !Self.isBlank(bytes[index - 1]) {
                    throw error("a comment needs a space before '#'", at: index)
                }
                let text = readComment()
                if !crossedLine && startedAfterContent { trailing = text } else { pendingComments.append(text) }
                lineHasComment = true
                continue
            }
            if byte == 0x0A {
                if crossedLine && !lineHasComment { commentsBeforeBlankLine = pendingComments.count }
                consumeLineBreak()
                crossedLine = true
                lineHasComment = false
                continue
            }
            if byte == 0 { return trailing }
            if crossedLine || !startedAfterContent {
                // The whitespace before the first content of a line is its indentation: spaces only.
                var scan = lineStart
                while scan < index {
                    if bytes[scan] == 0x09 {
                        throw error("a tab in indentation; YAML indents with spaces only", at: scan)
                    }
                    scan += 1
                }
            }
            return trailing
        }
    }

    /// Whether anything but blanks stands between the start of the line and `position`.
    private func hasContentBefore(_ position: Int) -> Bool {
        var scan = lineStart
        while scan < position {
            if !Self.isBlank(bytes[scan]) { return true }
            scan += 1
        }
        return false
    }

    /// Reads a comment from `#` to the end of its line, leaving the cursor at the line feed; the text drops
    /// the `#` and one space after it, the inverse of how ``YAMLEmitter`` writes comments.
    private mutating func readComment() -> String {
        index += 1
        if current == 0x20 { index += 1 }
        let start = index
        while !Self.isBreakOrEnd(current) { index += 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    /// After a node that ended mid-line: reads its trailing comment and moves to the next content, or throws
    /// if anything else follows on the line.
    mutating func finishLine(after what: @autoclosure () -> String) throws(YAMLReadError) -> String? {
        skipBlanks()
        if !Self.isBreakOrEnd(current) && current != UInt8(ascii: "#") {
            throw error("expected a comment or the end of the line after \(what()), found \(describe(at: index))", at: index)
        }
        return try skipToContent()
    }

    // MARK: Characters

    /// Refuses characters YAML does not allow in a document: controls other than tab and line feed, DEL,
    /// C1 controls other than NEL, U+FFFE and U+FFFF. A U+FEFF after the start is read as text, as libyaml and
    /// ruamel read it, although YAML 1.2 allows a byte-order mark only at the start: a stray one pasted into
    /// a script should not make a workflow unreadable to the audit.
    private func checkCharacters() throws(YAMLReadError) {
        var position = byteOrderMarkLength
        let count = bytes.count
        while position < count {
            let byte = bytes[position]
            if byte < 0x20 || byte == 0x7F {
                if byte != 0x09 && byte != 0x0A {
                    throw error("the control character U+\(hex(UInt32(byte), digits: 4)) is not allowed in YAML; write it as an escape inside double quotes", at: position)
                }
            } else if byte == 0xC2 && position + 1 < count && bytes[position + 1] >= 0x80 && bytes[position + 1] <= 0x9F
                        && bytes[position + 1] != 0x85 {
                throw error("the control character U+\(hex(UInt32(bytes[position + 1]), digits: 4)) is not allowed in YAML; write it as an escape inside double quotes", at: position)
            } else if byte == 0xEF && position + 2 < count {
                let second = bytes[position + 1], third = bytes[position + 2]
                if second == 0xBF && (third == 0xBE || third == 0xBF) {
                    throw error("the noncharacter U+FFF\(third == 0xBE ? "E" : "F") is not allowed in YAML; write it as an escape inside double quotes", at: position)
                }
            }
            position += 1
        }
    }

    // MARK: Nodes, anchors and limits

    /// What precedes a node's content: its anchor, where the properties start, and the node count then.
    struct Properties {
        var anchor: String?
        var start: Int?
        var anchorIndex = 0
        var countBefore = 0
    }

    /// Reads an anchor (`&name`) at the cursor, if any; refuses tags.
    mutating func parseProperties(inFlow: Bool) throws(YAMLReadError) -> Properties {
        var properties = Properties(countBefore: nodeCount)
        while true {
            if current == UInt8(ascii: "&") {
                if properties.anchor != nil {
                    throw error("a node has at most one anchor; found a second '&'", at: index)
                }
                properties.start = properties.start ?? index
                properties.anchorIndex = index
                properties.anchor = try readName(after: "&")
                skipBlanks()
            } else if current == UInt8(ascii: "!") {
                throw error("tags ('!') are not supported; a workflow needs none — remove the tag, or quote the value if '!' belongs to it", at: index)
            } else {
                return properties
            }
        }
    }

    /// Reads an anchor or alias name after its indicator: every character up to whitespace or a flow indicator.
    mutating func readName(after indicator: String) throws(YAMLReadError) -> String {
        let indicatorIndex = index
        index += 1
        let start = index
        while !Self.isWhitespaceOrEnd(current) && !Self.isFlowIndicator(current) { index += 1 }
        if index == start {
            throw error("expected a name after '\(indicator)'", at: indicatorIndex)
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    /// Records `node` under its anchor, if it has one.
    mutating func register(_ node: YAMLSourceNode, for properties: Properties) {
        guard let anchor = properties.anchor else { return }
        anchors[anchor] = Anchor(node: node, size: nodeCount - properties.countBefore)
    }

    /// Reads an alias at the cursor: a copy of its anchored node, positioned here.
    mutating func parseAlias(properties: Properties) throws(YAMLReadError) -> YAMLSourceNode {
        let start = index
        if let anchorIndex = properties.anchor.map({ _ in properties.anchorIndex }) {
            throw error("an alias cannot have an anchor of its own", at: anchorIndex)
        }
        let nodeLine = line, nodeColumn = column(of: start)
        let name = try readName(after: "*")
        guard let anchor = anchors[name] else {
            throw error("the alias '*\(name)' names no anchor defined before it", at: start)
        }
        aliasExpansion += anchor.size
        nodeCount += anchor.size
        if aliasExpansion > limits.maximumAliasExpansion {
            throw error("aliases expand to more than \(limits.maximumAliasExpansion) nodes (YAMLReader.Limits.maximumAliasExpansion); a document whose aliases repeat aliases grows exponentially", at: start)
        }
        return YAMLSourceNode(line: nodeLine, column: nodeColumn, content: anchor.node.content)
    }

    /// Enters a collection that starts at `position`, refusing nesting deeper than the limit.
    mutating func enterCollection(at position: Int) throws(YAMLReadError) {
        depth += 1
        if depth > limits.maximumDepth { throw error(tooDeep, at: position) }
    }

    /// Enters a collection that starts at a recorded position, refusing nesting deeper than the limit.
    mutating func enterCollection(line: Int, column: Int) throws(YAMLReadError) {
        depth += 1
        if depth > limits.maximumDepth { throw error(tooDeep, atLine: line, column: column) }
    }

    private var tooDeep: String {
        "collections nest deeper than \(limits.maximumDepth) levels (YAMLReader.Limits.maximumDepth)"
    }

    /// A null written as nothing.
    mutating func emptyNode(line: Int, column: Int) -> YAMLSourceNode {
        nodeCount += 1
        return YAMLSourceNode(line: line, column: column, content: .scalar(YAMLScalar(text: "", style: .plain, value: .null)))
    }

    // MARK: Errors

    /// An error at `position`, whose line and column are counted from the start: only a failing read pays for it.
    func error(_ message: String, at position: Int) -> YAMLReadError {
        var errorLine = 1, start = byteOrderMarkLength
        let end = min(position, bytes.count)
        var scan = byteOrderMarkLength
        while scan < end {
            if bytes[scan] == 0x0A {
                errorLine += 1
                start = scan + 1
            }
            scan += 1
        }
        var errorColumn = 1
        scan = start
        while scan < end {
            if bytes[scan] & 0xC0 != 0x80 { errorColumn += 1 }
            scan += 1
        }
        return YAMLReadError(line: errorLine, column: errorColumn, message: message)
    }

    /// An error at a node's recorded position.
    func error(_ message: String, atLine line: Int, column: Int) -> YAMLReadError {
        YAMLReadError(line: line, column: column, message: message)
    }

    /// The character at `position` for a message: `'x'`, or a name for the invisible ones.
    func describe(at position: Int) -> String {
        let byte = byte(at: position)
        switch byte {
        case 0: return "the end of the file"
        case 0x0A: return "the end of the line"
        case 0x09: return "a tab"
        case 0x20: return "a space"
        case 0x80...:
            let end = min(position + utf8Length(byte), bytes.count)
            return "'\(String(decoding: UnsafeBufferPointer(rebasing: bytes[position..<end]), as: UTF8.self))'"
        default: return "'\(Character(Unicode.Scalar(byte)))'"
        }
    }

    func utf8Length(_ lead: UInt8) -> Int {
        lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
    }

    /// `text` quoted for a message, shortened past 40 characters, with control characters escaped.
    static func quote(_ text: String) -> String {
        var out = "\""
        var count = 0
        for scalar in text.unicodeScalars {
            if count == 40 {
                out += "…"
                break
            }
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(scalar)
            }
            count += 1
        }
        return out + "\""
    }

    func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
