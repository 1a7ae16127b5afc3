/// The block-style layout behind ``YAMLEmitter``: appends one document to a single growing byte buffer.
///
/// Bytes rather than a `String`: appending to a `String` costs a capacity and ASCII-flag check per call,
/// a quarter of a large `generate`, while appending to an array of bytes is a copy. The text becomes a
/// `String` once, at the end (``output``).
///
/// Indentation is two spaces per level; a sequence under a key is indented two more than the key and a
/// mapping inside a sequence item starts on the dash line, the way GitHub's documentation writes workflows.
struct YAMLWriter {
    /// The UTF-8 bytes written so far; only whole scalars are ever appended, so they are always valid UTF-8.
    private var buffer: ByteBuffer
    /// The text written so far.
    var output: String { buffer.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) } }
    /// Whether the last line written belongs to a `|+` block scalar, whose trailing empty lines are content:
    /// a blank separator line written after it would be read as one more line break of the scalar.
    private var endsInKeptBlockScalar = false
    /// Where each YAML path starts, when asked for (``YAMLEmitter/emitRecordingLines(_:)``); `nil` costs nothing.
    var lineRecorder: YAMLLineRecorder?

    /// Creates a writer whose buffer is sized for `capacity` bytes.
    init(capacity: Int) {
        buffer = ByteBuffer(capacity: capacity)
    }

    /// Writes the header comments, a blank line if there were any, then the root.
    mutating func writeDocument(_ document: YAMLDocument) {
        for line in document.header { writeCommentLine(line, indent: 0) }
        if !document.header.isEmpty { append(ascii: "\n") }
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
                append(ascii: "\n")
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
            append(ascii: "-")
            writeValue(item, separator: " ", comment: nil, indent: indent, inSequence: true)
            if lineRecorder != nil { lineRecorder!.leave() }
        }
    }

    /// Writes `key:`, or the explicit `? key` / `:` form for a key too long to be an implicit key.
    private mutating func writeKey(_ key: String, indent: Int) {
        // GitHub documents the trigger key as a plain `on:`; every YAML 1.2 loader reads it as the string.
        // The length is checked first: comparing every key of every job with "on" took a call into the runtime.
        if key.utf8.count == 2 && key == "on" {
            append("on:")
            return
        }
        let style = YAMLScalarStyle(for: key, allowingLiteral: false)
        // YAML limits implicit keys to 1024 characters; an escape takes at most 4 characters per byte.
        if key.utf8.count * 4 + 2 > 1000 {
            var rendered = YAMLWriter(capacity: key.utf8.count + 2)
            rendered.appendInlineScalar(key, style: style)
            if rendered.output.unicodeScalars.count > 1000 {
                append("? ")
                rendered.buffer.withUnsafeBufferPointer { buffer.append($0) }
                append(ascii: "\n")
                appendIndentation(indent)
                append(ascii: ":")
                return
            }
        }
        appendInlineScalar(key, style: style)
        append(ascii: ":")
    }

    /// Writes what follows `key:` or `-`, up to and including the end of its last line.
    private mutating func writeValue(_ node: YAMLNode, separator: String, comment: String?, indent: Int, inSequence: Bool) {
        endsInKeptBlockScalar = false
        switch node {
        case .string(let text):
            writeString(text, style: YAMLScalarStyle(for: text, allowingLiteral: true), separator: separator, comment: comment, indent: indent)
            return
        case .int(let value):
            append(separator)
            append(String(value))
        case .bool(let value):
            append(separator)
            append(value ? "true" : "false")
        case .null:
            append(separator)
            append("null")
        case .mapping(let entries) where entries.isEmpty:
            append(separator)
            append("{}")
        case .sequence(let items) where items.isEmpty:
            append(separator)
            append("[]")
        case .mapping(let entries):
            if inSequence {
                append(separator)
                writeMapping(entries, indent: indent + 2, continuesLine: true, isRoot: false)
            } else {
                appendTrailingComment(comment)
                append(ascii: "\n")
                writeMapping(entries, indent: indent + 2, continuesLine: false, isRoot: false)
            }
            return
        case .sequence(let items):
            if inSequence {
                append(separator)
                writeSequence(items, indent: indent + 2, continuesLine: true)
            } else {
                appendTrailingComment(comment)
                append(ascii: "\n")
                writeSequence(items, indent: indent + 2, continuesLine: false)
            }
            return
        }
        appendTrailingComment(comment)
        append(ascii: "\n")
    }

    // MARK: Scalars

    /// Writes a string value in `style`; a block scalar's lines are indented two more than `indent`.
    private mutating func writeString(_ text: String, style: YAMLScalarStyle, separator: String, comment: String?, indent: Int) {
        append(separator)
        guard case .literal(let chomping, let needsIndicator) = style else {
            appendInlineScalar(text, style: style)
            appendTrailingComment(comment)
            append(ascii: "\n")
            return
        }
        append(needsIndicator ? "|2" : "|")
        append(chomping.indicator)
        appendTrailingComment(comment)
        append(ascii: "\n")
        // Lines are cut by byte offsets and copied as byte ranges: scripts are most of a workflow's bytes.
        var trailingBreaks = 0
        text.withUTF8Bytes { utf8 in
            var end = utf8.count
            while end > 0 && utf8[end - 1] == 0x0A { end -= 1 }
            trailingBreaks = utf8.count - end
            var lineStart = 0
            while true {
                var lineEnd = lineStart
                while lineEnd < end && utf8[lineEnd] != 0x0A { lineEnd += 1 }
                // Empty lines stay truly empty: trailing spaces would be noise, and any loader reads them the same.
                if lineStart < lineEnd {
                    appendIndentation(indent + 2)
                    buffer.append(UnsafeBufferPointer(rebasing: utf8[lineStart..<lineEnd]))
                }
                buffer.append(0x0A)
                if lineEnd == end { break }
                lineStart = lineEnd + 1
            }
        }
        if chomping == .keep {
            for _ in 1..<trailingBreaks { buffer.append(0x0A) }
            endsInKeptBlockScalar = true
        }
    }

    /// Appends a single-line scalar in `style` (never a block scalar).
    private mutating func appendInlineScalar(_ text: String, style: YAMLScalarStyle) {
        switch style {
        case .plain:
            append(text)
        case .singleQuoted:
            text.withUTF8Bytes { appendSingleQuoted($0) }
        case .doubleQuoted, .literal:
            appendDoubleQuoted(text)
        }
    }

    /// Appends `'text'`. `'` is ASCII and never part of a longer UTF-8 sequence: the runs between quotes
    /// are copied whole, and each quote is doubled.
    private mutating func appendSingleQuoted(_ utf8: UnsafeBufferPointer<UInt8>) {
        append(ascii: "'")
        var runStart = 0
        for index in utf8.indices where utf8[index] == UInt8(ascii: "'") {
            buffer.append(UnsafeBufferPointer(rebasing: utf8[runStart...index]))
            buffer.append(UInt8(ascii: "'"))
            runStart = index + 1
        }
        buffer.append(UnsafeBufferPointer(rebasing: utf8[runStart...]))
        append(ascii: "'")
    }

    /// Appends `"text"` with every character that is not printable, or is a line break to any YAML version, escaped.
    private mutating func appendDoubleQuoted(_ text: String) {
        append(ascii: "\"")
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x22: append("\\\"")
            case 0x5C: append("\\\\")
            case 0x0A: append("\\n")
            case 0x09: append("\\t")
            case 0x0D: append("\\r")
            case 0x00..<0x20, 0x7F...0x9F:
                append("\\x")
                appendHex(scalar.value, digits: 2)
            case 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF:
                append("\\u")
                appendHex(scalar.value, digits: 4)
            default:
                appendScalar(scalar)
            }
        }
        append(ascii: "\"")
    }

    private mutating func appendHex(_ value: UInt32, digits: Int) {
        let hex = String(value, radix: 16, uppercase: true)
        for _ in hex.count..<digits { append(ascii: "0") }
        append(hex)
    }

    // MARK: Line recording

    /// Records that the path one component below the current one starts on the line being written.
    private mutating func recordLine(entering component: YAMLLineRecorder.Component) {
        buffer.withUnsafeBufferPointer { lineRecorder!.advance(over: $0) }
        lineRecorder!.enter(component)
    }

    // MARK: Comments and indentation

    private mutating func writeCommentLine(_ text: String, indent: Int) {
        appendIndentation(indent)
        append(ascii: "#")
        if !text.isEmpty {
            append(ascii: " ")
            appendCommentText(text)
        }
        append(ascii: "\n")
    }

    private mutating func appendTrailingComment(_ text: String?) {
        guard let text else { return }
        append(" #")
        if !text.isEmpty {
            append(ascii: " ")
            appendCommentText(text)
        }
    }

    /// Appends comment text with line breaks and unprintable characters turned into spaces:
    /// a line break would end the comment and let the rest be read as YAML.
    private mutating func appendCommentText(_ text: String) {
        let scan = text.withUTF8Bytes { ScalarScan(of: $0) }
        guard scan.hasUnprintable || scan.hasLineBreak else {
            append(text)
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09: appendScalar(scalar)
            case 0x00..<0x20, 0x7F...0x9F, 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF: append(ascii: " ")
            default: appendScalar(scalar)
            }
        }
    }

    private mutating func appendIndentation(_ width: Int) {
        // A slice of ready spaces is one copy; appending `repeatElement` went byte by byte.
        if width <= Self.spaces.count {
            Self.spaces.withUnsafeBufferPointer { buffer.append(UnsafeBufferPointer(rebasing: $0[..<width])) }
        } else {
            for _ in 0..<width { buffer.append(UInt8(ascii: " ")) }
        }
    }

    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 64)

    // MARK: Bytes

    private mutating func append(_ text: String) {
        buffer.append(text)
    }

    private mutating func append(ascii character: Unicode.Scalar) {
        buffer.append(UInt8(ascii: character))
    }

    private mutating func appendScalar(_ scalar: Unicode.Scalar) {
        UTF8.encode(scalar) { buffer.append($0) }
    }
}
