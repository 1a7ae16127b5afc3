/// Scalars: plain (with line folding), single- and double-quoted, literal and folded block scalars.
extension YAMLParser {
    // MARK: Plain

    /// Whether the cursor can start a plain scalar: not an indicator, except `-`, `?` and `:` before a
    /// character that is not a space (nor, in a flow collection, a flow indicator).
    func isPlainStart(inFlow: Bool) -> Bool {
        switch current {
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"):
            let following = next
            return !Self.isWhitespaceOrEnd(following) && !(inFlow && Self.isFlowIndicator(following))
        case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"),
             UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"),
             UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"),
             UInt8(ascii: "`"), 0x20, 0x09, 0x0A, 0:
            return false
        default:
            return true
        }
    }

    /// Scans plain text on the cursor's line and returns its range without trailing blanks. Stops before
    /// `: ` (or `:` at the end of the line), ` #`, the end of the line and, in a flow collection, a flow
    /// indicator or a `:` before one.
    mutating func scanPlainLine(inFlow: Bool) -> Range<Int> {
        let start = index
        var end = index
        while true {
            let byte = current
            if byte == 0x0A || byte == 0 { break }
            if byte == UInt8(ascii: ":") {
                let following = next
                if Self.isWhitespaceOrEnd(following) || (inFlow && Self.isFlowIndicator(following)) { break }
            } else if byte == UInt8(ascii: "#") {
                if index > start && Self.isBlank(bytes[index - 1]) { break }
            } else if Self.isBlank(byte) {
                index += 1
                continue
            } else if inFlow && Self.isFlowIndicator(byte) {
                break
            }
            index += 1
            end = index
        }
        return start..<end
    }

    /// Continues a plain scalar whose last line ended at the cursor over the lines that carry on its text,
    /// folding each line break into a space and each empty line into a line feed. Returns whether any line
    /// was added. In block context a continuation line is indented at least `minimumIndent`.
    mutating func continuePlain(_ text: inout [UInt8], minimumIndent: Int, inFlow: Bool, keyCheck: (indent: Int, start: Int)?,
                                scalarLine: Int, scalarColumn: Int) throws(YAMLReadError) -> Bool {
        let firstLine = text
        var added = false
        while true {
            skipBlanks()
            guard current == 0x0A else { return added }
            let saved = (index: index, line: line, lineStart: lineStart)
            var emptyLines = 0
            var indent = 0
            consumeLineBreak()
            while true {
                indent = 0
                while current == 0x20 {
                    index += 1
                    indent += 1
                }
                skipBlanks()
                guard current == 0x0A else { break }
                emptyLines += 1
                consumeLineBreak()
            }
            let ends = isAtEnd || current == UInt8(ascii: "#")
                || isDocumentMarker("---", at: lineStart) || isDocumentMarker("...", at: lineStart)
                || (!inFlow && indent < minimumIndent)
                || (inFlow && Self.isFlowIndicator(current))
            let segmentStart = index
            let range = ends ? index..<index : scanPlainLine(inFlow: inFlow)
            if range.isEmpty {
                (index, line, lineStart) = saved
                return added
            }
            if !inFlow && isAtMappingIndicator {
                if let keyCheck, indent == keyCheck.indent {
                    throw error("expected ':' after the mapping key \(Self.quote(String(decoding: firstLine, as: UTF8.self)))", at: keyCheck.start)
                }
                let segment = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
                throw error("the plain scalar that starts at \(scalarLine):\(scalarColumn) goes on here, where ': ' is not allowed; indent \(Self.quote(segment)) like the keys above it, or quote the scalar", at: segmentStart)
            }
            if emptyLines == 0 {
                text.append(0x20)
            } else {
                text.append(contentsOf: repeatElement(0x0A, count: emptyLines))
            }
            text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range]))
            added = true
        }
    }

    /// A plain scalar node with its value resolved by the core schema; `start` locates an error.
    func plainScalar(_ text: [UInt8], line: Int, column: Int, start: Int) throws(YAMLReadError) -> YAMLSourceNode {
        let string = String(decoding: text, as: UTF8.self)
        guard let value = YAMLScalarValue(resolvingPlain: text, string) else {
            throw error("the integer \(string) does not fit in 64 bits; quote it to keep it as text", atLine: line, column: column)
        }
        return YAMLSourceNode(line: line, column: column, content: .scalar(YAMLScalar(text: string, style: .plain, value: value)))
    }

    // MARK: Quoted

    /// Reads a single- or double-quoted scalar at the cursor and returns its text: escapes resolved, each
    /// line break folded into a space (or, followed by empty lines, into one line feed per empty line), the
    /// blanks around a line break dropped.
    mutating func parseQuoted(double: Bool) throws(YAMLReadError) -> String {
        let open = index
        let quote = current
        index += 1
        var out: [UInt8] = []
        // Where a run of blanks written in the text (not escaped) began: dropped if a line break follows.
        var blankRun: Int?
        while true {
            let byte = current
            if byte == 0 {
                throw error("a \(double ? "double" : "single")-quoted scalar starts here and never ends; expected a closing \(double ? "'\"'" : "\"'\"")", at: open)
            }
            if byte == quote {
                if !double && next == quote {
                    out.append(quote)
                    index += 2
                    blankRun = nil
                    continue
                }
                index += 1
                return String(decoding: out, as: UTF8.self)
            }
            if byte == 0x0A {
                if let blankRun { out.removeSubrange(blankRun...) }
                blankRun = nil
                let emptyLines = try skipQuotedLineBreak(open: open)
                if emptyLines == 0 {
                    out.append(0x20)
                } else {
                    out.append(contentsOf: repeatElement(0x0A, count: emptyLines))
                }
                continue
            }
            if double && byte == UInt8(ascii: "\\") {
                blankRun = nil
                if next == 0x0A {
                    // An escaped line break joins the lines: nothing for the break, a line feed per empty line.
                    index += 1
                    let emptyLines = try skipQuotedLineBreak(open: open)
                    out.append(contentsOf: repeatElement(0x0A, count: emptyLines))
                    continue
                }
                try appendEscape(to: &out)
                continue
            }
            if Self.isBlank(byte) {
                if blankRun == nil { blankRun = out.count }
            } else {
                blankRun = nil
            }
            out.append(byte)
            index += 1
        }
    }

    /// Moves past the line feed at the cursor, the empty lines after it and the next line's leading blanks;
    /// returns how many empty lines there were.
    private mutating func skipQuotedLineBreak(open: Int) throws(YAMLReadError) -> Int {
        var emptyLines = 0
        consumeLineBreak()
        while true {
            if isDocumentMarker("---", at: index) || isDocumentMarker("...", at: index) {
                throw error("a document marker inside the quoted scalar that starts at \(location(of: open)); close the quote first", at: index)
            }
            skipBlanks()
            guard current == 0x0A else { return emptyLines }
            emptyLines += 1
            consumeLineBreak()
        }
    }

    /// `line:column` of `position`, for a message that points at a second place.
    func location(of position: Int) -> String {
        let place = error("", at: position)
        return "\(place.line):\(place.column)"
    }

    /// Reads the escape sequence at the cursor (at its `\`) and appends the character it stands for.
    private mutating func appendEscape(to out: inout [UInt8]) throws(YAMLReadError) {
        let escapeStart = index
        index += 1
        let code = current
        let simple: UInt32? = switch code {
        case UInt8(ascii: "0"): 0x00
        case UInt8(ascii: "a"): 0x07
        case UInt8(ascii: "b"): 0x08
        case UInt8(ascii: "t"), 0x09: 0x09
        case UInt8(ascii: "n"): 0x0A
        case UInt8(ascii: "v"): 0x0B
        case UInt8(ascii: "f"): 0x0C
        case UInt8(ascii: "r"): 0x0D
        case UInt8(ascii: "e"): 0x1B
        case 0x20: 0x20
        case UInt8(ascii: "\""): 0x22
        case UInt8(ascii: "/"): 0x2F
        case UInt8(ascii: "\\"): 0x5C
        case UInt8(ascii: "N"): 0x85
        case UInt8(ascii: "_"): 0xA0
        case UInt8(ascii: "L"): 0x2028
        case UInt8(ascii: "P"): 0x2029
        default: nil
        }
        var value: UInt32
        if let simple {
            value = simple
            index += 1
        } else {
            let digits = switch code {
            case UInt8(ascii: "x"): 2
            case UInt8(ascii: "u"): 4
            case UInt8(ascii: "U"): 8
            default: 0
            }
            guard digits > 0 else {
                if code == 0 || code == 0x0A { throw error("a double-quoted scalar cannot end in a lone '\\'", at: escapeStart) }
                throw error("invalid escape '\\\(String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<min(index + utf8Length(code), bytes.count)]), as: UTF8.self))'; expected one of \\0 \\a \\b \\t \\n \\v \\f \\r \\e \\<space> \\\" \\/ \\\\ \\N \\_ \\L \\P \\xXX \\uXXXX \\UXXXXXXXX", at: escapeStart)
            }
            index += 1
            value = 0
            for _ in 0..<digits {
                guard let digit = Self.hexValue(current) else {
                    throw error("expected \(digits) hexadecimal digits after '\\\(Character(Unicode.Scalar(code)))'", at: escapeStart)
                }
                value = value << 4 | digit
                index += 1
            }
        }
        guard let scalar = Unicode.Scalar(value) else {
            throw error("the escape '\(String(decoding: UnsafeBufferPointer(rebasing: bytes[escapeStart..<index]), as: UTF8.self))' is not a Unicode character (a surrogate, or beyond U+10FFFF)", at: escapeStart)
        }
        UTF8.encode(scalar) { out.append($0) }
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    // MARK: Block scalars

    /// Reads a literal (`|`) or folded (`>`) block scalar at the cursor, header and content lines. Content is
    /// indented more than `parentIndent`: by the indentation indicator, or as far as its first non-empty line.
    mutating func parseBlockScalar(parentIndent: Int, properties: Properties) throws(YAMLReadError) -> (node: YAMLSourceNode, trailingComment: String?) {
        let nodeLine = line, nodeColumn = column(of: index)
        let isLiteral = current == UInt8(ascii: "|")
        let indicator = isLiteral ? "'|'" : "'>'"
        index += 1
        var chomping: UInt8 = 0
        var explicitIndent: Int?
        for _ in 0..<2 {
            let byte = current
            if (byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")) && chomping == 0 {
                chomping = byte
            } else if byte >= UInt8(ascii: "1") && byte <= UInt8(ascii: "9") && explicitIndent == nil {
                explicitIndent = Int(byte - UInt8(ascii: "0"))
            } else if byte == UInt8(ascii: "0") && explicitIndent == nil {
                throw error("an indentation indicator is a digit from 1 to 9, not 0", at: index)
            } else {
                break
            }
            index += 1
        }
        let blankStart = index
        skipBlanks()
        if current == UInt8(ascii: "#") && index == blankStart {
            throw error("a comment needs a space before '#'", at: index)
        }
        if current != UInt8(ascii: "#") && !Self.isBreakOrEnd(current) {
            throw error("expected a chomping indicator ('-' or '+'), an indentation indicator (1-9), a comment or the end of the line after \(indicator), found \(describe(at: index))", at: index)
        }
        let trailing = try finishHeader()
        let contentIndent: Int
        if let explicitIndent {
            // At the top of a document YAML 1.2 counts from indentation -1, libyaml and ruamel from 0; the
            // loaders are followed, since they are what reads workflows (Pipewright never writes this case).
            contentIndent = max(parentIndent, 0) + explicitIndent
        } else {
            contentIndent = try detectBlockIndent(parentIndent: parentIndent)
        }

        var out: [UInt8] = []
        var breaks = 0
        var sawText = false
        var previousMoreIndented = false
        while !isAtEnd {
            if isDocumentMarker("---", at: index) || isDocumentMarker("...", at: index) { break }
            var spaces = 0
            while spaces < contentIndent && byte(at: index + spaces) == 0x20 { spaces += 1 }
            let after = byte(at: index + spaces)
            if after == 0x0A {
                // An empty line: only spaces, at most the content's indentation (more would be text).
                index += spaces
                breaks += 1
                consumeLineBreak()
                continue
            }
            if after == 0 {
                index += spaces
                break
            }
            // A line indented less, with text: it belongs to what follows the scalar.
            if spaces < contentIndent { break }
            index += spaces
            let moreIndented = Self.isBlank(after)
            if sawText && !isLiteral && !previousMoreIndented && !moreIndented {
                if breaks == 1 {
                    out.append(0x20)
                } else {
                    out.append(contentsOf: repeatElement(0x0A, count: breaks - 1))
                }
            } else {
                out.append(contentsOf: repeatElement(0x0A, count: breaks))
            }
            let textStart = index
            while !Self.isBreakOrEnd(current) { index += 1 }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[textStart..<index]))
            sawText = true
            previousMoreIndented = moreIndented
            breaks = 0
            if current == 0x0A {
                breaks = 1
                consumeLineBreak()
            }
        }
        switch chomping {
        case UInt8(ascii: "-"): break
        case UInt8(ascii: "+"): out.append(contentsOf: repeatElement(0x0A, count: breaks))
        default: if sawText && breaks > 0 { out.append(0x0A) }
        }
        let text = String(decoding: out, as: UTF8.self)
        nodeCount += 1
        let node = YAMLSourceNode(line: nodeLine, column: nodeColumn,
                                  content: .scalar(YAMLScalar(text: text, style: isLiteral ? .literal : .folded, value: .string(text))))
        register(node, for: properties)
        try skipToContent()
        return (node, trailing)
    }

    /// Reads the comment ending a block scalar's header line and moves to the start of the next line.
    private mutating func finishHeader() throws(YAMLReadError) -> String? {
        var trailing: String?
        if current == UInt8(ascii: "#") {
            index += 1
            if current == 0x20 { index += 1 }
            let start = index
            while !Self.isBreakOrEnd(current) { index += 1 }
            trailing = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        }
        if current == 0x0A { consumeLineBreak() }
        return trailing
    }

    /// The indentation of a block scalar without an indicator: that of its first non-empty line, which no
    /// empty line before it may exceed. With no such line indented under the parent, the longest empty line's.
    private func detectBlockIndent(parentIndent: Int) throws(YAMLReadError) -> Int {
        var scan = index
        var longestEmpty = 0
        var longestEmptyStart = index
        while scan < bytes.count {
            var spaces = 0
            while byte(at: scan + spaces) == 0x20 { spaces += 1 }
            let after = byte(at: scan + spaces)
            if after == 0x0A || after == 0 {
                if spaces > longestEmpty {
                    longestEmpty = spaces
                    longestEmptyStart = scan
                }
                if after == 0 { break }
                scan += spaces + 1
                continue
            }
            if isDocumentMarker("---", at: scan) || isDocumentMarker("...", at: scan) { break }
            guard spaces > parentIndent else { break }
            if longestEmpty > spaces {
                throw error("an empty line at the start of a block scalar has \(longestEmpty) spaces, more than the \(spaces) of its first line; remove them, or give the indentation with an indicator ('|\(min(9, max(1, spaces - parentIndent)))')",
                            at: longestEmptyStart)
            }
            return spaces
        }
        return max(longestEmpty, parentIndent + 1)
    }
}
