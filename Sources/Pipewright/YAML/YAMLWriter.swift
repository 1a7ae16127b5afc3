/// The block-style layout behind ``YAMLEmitter``: appends one document to a single growing string.
///
/// Indentation is two spaces per level; a sequence under a key is indented two more than the key and a
/// mapping inside a sequence item starts on the dash line, the way GitHub's documentation writes workflows.
struct YAMLWriter {
    /// The text written so far.
    private(set) var output = ""
    /// Runs of spaces by width, so indenting a line appends a ready string instead of building one.
    private var indentations: [String] = [""]
    /// Whether the last line written belongs to a `|+` block scalar, whose trailing empty lines are content:
    /// a blank separator line written after it would be read as one more line break of the scalar.
    private var endsInKeptBlockScalar = false
    /// Where each YAML path starts, when asked for (``YAMLEmitter/emitRecordingLines(_:)``); `nil` costs nothing.
    var lineRecorder: YAMLLineRecorder?

    /// Creates a writer whose buffer is sized for `capacity` bytes.
    init(capacity: Int) {
        output.reserveCapacity(capacity)
    }

    /// Writes the header comments, a blank line if there were any, then the root.
    mutating func writeDocument(_ document: YAMLDocument) {
        for line in document.header { writeCommentLine(line, indent: 0) }
        if !document.header.isEmpty { output.append("\n") }
        switch document.root {
        case .mapping(let entries) where !entries.isEmpty:
            writeMapping(entries, indent: 0, continuesLine: false, isRoot: true)
        case .sequence(let items) where !items.isEmpty:
            writeSequence(items, indent: 0, continuesLine: false)
        case .string(let text):
            var style = YAMLScalarStyle(for: text, allowingLiteral: true)
            // An indentation indicator on a root block scalar counts from indentation -1, which loaders
            // disagree about; double quotes sidestep the question.
            if case .literal(_, true) = style { style = .doubleQuoted }
            writeString(text, style: style, separator: "", comment: nil, indent: 0)
        default:
            writeValue(document.root, separator: "", comment: nil, indent: 0, inSequence: false)
        }
    }

    // MARK: Collections

    /// Writes mapping entries at `indent`; with `continuesLine`, the first key goes on the current line
    /// (after a dash) and its leading comments have already been written above that line.
    private mutating func writeMapping(_ entries: [YAMLEntry], indent: Int, continuesLine: Bool, isRoot: Bool) {
        for index in entries.indices {
            let entry = entries[index]
            let onCurrentLine = continuesLine && index == 0
            if isRoot && index > 0 && !endsInKeptBlockScalar
                && (entries[index - 1].value.isBlockCollection || entry.value.isBlockCollection) {
                output.append("\n")
            }
            if !onCurrentLine {
                for comment in entry.leadingComments { writeCommentLine(comment, indent: indent) }
                appendIndentation(indent)
            }
            if lineRecorder != nil { recordLine(entering: .key(entry.key)) }
            writeKey(entry.key, indent: indent)
            writeValue(entry.value, separator: " ", comment: entry.trailingComment, indent: indent, inSequence: false)
            if lineRecorder != nil { lineRecorder!.leave() }
        }
    }

    /// Writes sequence items with their dashes at `indent`; with `continuesLine`, the first dash goes on
    /// the current line (after an outer dash).
    private mutating func writeSequence(_ items: [YAMLNode], indent: Int, continuesLine: Bool) {
        for index in items.indices {
            let item = items[index]
            if !(continuesLine && index == 0) {
                // Comments of a mapping that starts on the dash line go above the dash, where a reader looks.
                for comment in item.firstLineComments { writeCommentLine(comment, indent: indent) }
                appendIndentation(indent)
            }
            if lineRecorder != nil { recordLine(entering: .index(index)) }
            output.append("-")
            writeValue(item, separator: " ", comment: nil, indent: indent, inSequence: true)
            if lineRecorder != nil { lineRecorder!.leave() }
        }
    }

    /// Writes `key:`, or the explicit `? key` / `:` form for a key too long to be an implicit key.
    private mutating func writeKey(_ key: String, indent: Int) {
        // GitHub documents the trigger key as a plain `on:`; every YAML 1.2 loader reads it as the string.
        if key == "on" {
            output.append("on:")
            return
        }
        let style = YAMLScalarStyle(for: key, allowingLiteral: false)
        // YAML limits implicit keys to 1024 characters; an escape takes at most 4 characters per byte.
        if key.utf8.count * 4 + 2 > 1000 {
            var rendered = YAMLWriter(capacity: key.utf8.count + 2)
            rendered.appendInlineScalar(key, style: style)
            if rendered.output.unicodeScalars.count > 1000 {
                output.append("? ")
                output.append(rendered.output)
                output.append("\n")
                appendIndentation(indent)
                output.append(":")
                return
            }
        }
        appendInlineScalar(key, style: style)
        output.append(":")
    }

    /// Writes what follows `key:` or `-`, up to and including the end of its last line.
    private mutating func writeValue(_ node: YAMLNode, separator: String, comment: String?, indent: Int, inSequence: Bool) {
        endsInKeptBlockScalar = false
        switch node {
        case .string(let text):
            writeString(text, style: YAMLScalarStyle(for: text, allowingLiteral: true), separator: separator,
                        comment: comment, indent: indent)
            return
        case .int(let value):
            output.append(separator)
            output.append(String(value))
        case .bool(let value):
            output.append(separator)
            output.append(value ? "true" : "false")
        case .null:
            output.append(separator)
            output.append("null")
        case .mapping(let entries) where entries.isEmpty:
            output.append(separator)
            output.append("{}")
        case .sequence(let items) where items.isEmpty:
            output.append(separator)
            output.append("[]")
        case .mapping(let entries):
            if inSequence {
                output.append(separator)
                writeMapping(entries, indent: indent + 2, continuesLine: true, isRoot: false)
            } else {
                appendTrailingComment(comment)
                output.append("\n")
                writeMapping(entries, indent: indent + 2, continuesLine: false, isRoot: false)
            }
            return
        case .sequence(let items):
            if inSequence {
                output.append(separator)
                writeSequence(items, indent: indent + 2, continuesLine: true)
            } else {
                appendTrailingComment(comment)
                output.append("\n")
                writeSequence(items, indent: indent + 2, continuesLine: false)
            }
            return
        }
        appendTrailingComment(comment)
        output.append("\n")
    }

    // MARK: Scalars

    /// Writes a string value in `style`; a block scalar's lines are indented two more than `indent`.
    private mutating func writeString(_ text: String, style: YAMLScalarStyle, separator: String, comment: String?, indent: Int) {
        output.append(separator)
        guard case .literal(let chomping, let needsIndicator) = style else {
            appendInlineScalar(text, style: style)
            appendTrailingComment(comment)
            output.append("\n")
            return
        }
        output.append(needsIndicator ? "|2" : "|")
        output.append(chomping.indicator)
        appendTrailingComment(comment)
        output.append("\n")
        let trailingBreaks = text.utf8.reversed().prefix { $0 == 0x0A }.count
        // Lines are cut by byte offsets: scripts are most of a workflow's bytes, and the generic split was a
        // tenth of the time of a large `generate`.
        let utf8 = text.utf8
        let end = utf8.index(utf8.endIndex, offsetBy: -trailingBreaks)
        var lineStart = utf8.startIndex
        while true {
            let lineEnd = utf8[lineStart..<end].firstIndex(of: 0x0A) ?? end
            // Empty lines stay truly empty: trailing spaces would be noise, and any loader reads them the same.
            if lineStart < lineEnd {
                appendIndentation(indent + 2)
                output.append(contentsOf: text[lineStart..<lineEnd])
            }
            output.append("\n")
            if lineEnd == end { break }
            lineStart = utf8.index(after: lineEnd)
        }
        if chomping == .keep {
            for _ in 1..<trailingBreaks { output.append("\n") }
            endsInKeptBlockScalar = true
        }
    }

    /// Appends a single-line scalar in `style` (never a block scalar).
    private mutating func appendInlineScalar(_ text: String, style: YAMLScalarStyle) {
        switch style {
        case .plain:
            output.append(text)
        case .singleQuoted:
            output.append("'")
            if text.utf8.contains(UInt8(ascii: "'")) {
                for scalar in text.unicodeScalars {
                    if scalar == "'" { output.append("''") } else { output.unicodeScalars.append(scalar) }
                }
            } else {
                output.append(text)
            }
            output.append("'")
        case .doubleQuoted, .literal:
            appendDoubleQuoted(text)
        }
    }

    /// Appends `"text"` with every character that is not printable, or is a line break to any YAML version, escaped.
    private mutating func appendDoubleQuoted(_ text: String) {
        output.append("\"")
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x22: output.append("\\\"")
            case 0x5C: output.append("\\\\")
            case 0x0A: output.append("\\n")
            case 0x09: output.append("\\t")
            case 0x0D: output.append("\\r")
            case 0x00..<0x20, 0x7F...0x9F:
                output.append("\\x")
                appendHex(scalar.value, digits: 2)
            case 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF:
                output.append("\\u")
                appendHex(scalar.value, digits: 4)
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        output.append("\"")
    }

    private mutating func appendHex(_ value: UInt32, digits: Int) {
        let hex = String(value, radix: 16, uppercase: true)
        for _ in hex.count..<digits { output.append("0") }
        output.append(hex)
    }

    // MARK: Line recording

    /// Records that the path one component below the current one starts on the line being written.
    private mutating func recordLine(entering component: YAMLLineRecorder.Component) {
        output.withUTF8 { lineRecorder!.advance(over: $0) }
        lineRecorder!.enter(component)
    }

    // MARK: Comments and indentation

    private mutating func writeCommentLine(_ text: String, indent: Int) {
        appendIndentation(indent)
        output.append("#")
        if !text.isEmpty {
            output.append(" ")
            appendCommentText(text)
        }
        output.append("\n")
    }

    private mutating func appendTrailingComment(_ text: String?) {
        guard let text else { return }
        output.append(" #")
        if !text.isEmpty {
            output.append(" ")
            appendCommentText(text)
        }
    }

    /// Appends comment text with line breaks and unprintable characters turned into spaces:
    /// a line break would end the comment and let the rest be read as YAML.
    private mutating func appendCommentText(_ text: String) {
        var copy = text
        let scan = copy.withUTF8 { ScalarScan(of: $0) }
        guard scan.hasUnprintable || scan.hasLineBreak else {
            output.append(text)
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09: output.unicodeScalars.append(scalar)
            case 0x00..<0x20, 0x7F...0x9F, 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF: output.append(" ")
            default: output.unicodeScalars.append(scalar)
            }
        }
    }

    private mutating func appendIndentation(_ width: Int) {
        while indentations.count <= width {
            indentations.append(String(repeating: " ", count: indentations.count))
        }
        output.append(indentations[width])
    }
}
