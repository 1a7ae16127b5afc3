/// The block-style layout behind ``YAMLEmitter``: appends one document to a single growing byte buffer.
///
/// Bytes rather than a `String`: appending to a `String` costs a capacity and ASCII-flag check per call,
/// a quarter of a large `generate`, while appending to an array of bytes is a copy. The text becomes a
/// `String` once, at the end (``output``).
///
/// Indentation is two spaces per level; a sequence under a key is indented two more than the key and a
/// mapping inside a sequence item starts on the dash line, the way GitHub's documentation writes workflows.
struct YAMLWriter: YAMLEntrySink {
    /// The UTF-8 bytes written so far; only whole scalars are ever appended, so they are always valid UTF-8.
    private var buffer: ByteBuffer
    /// The bytes written so far, as an array.
    var bytes: [UInt8] { buffer.array() }
    /// How many bytes are written so far.
    var byteCount: Int { buffer.count }

    /// Calls `body` with the bytes written so far, without copying them.
    func withBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try buffer.withUnsafeBufferPointer { try body(UnsafeRawBufferPointer($0)) }
    }
    /// Bytes written before ``bytes``, in order, when jobs were written in parallel chunks (``writeWorkflow(_:)``).
    private var earlierParts: [[UInt8]] = []
    /// Everything written, in order: the text is their concatenation.
    var parts: [[UInt8]] { earlierParts + [bytes] }
    /// The text written so far.
    var output: String { String(decoding: parts.joined(), as: UTF8.self) }
    /// Whether the last line written belongs to a `|+` block scalar, whose trailing empty lines are content:
    /// a blank separator line written after it would be read as one more line break of the scalar.
    private var endsInKeptBlockScalar = false
    /// Where each YAML path starts, when asked for (``YAMLEmitter/emitRecordingLines(_:)``); `nil` costs nothing.
    var lineRecorder: YAMLLineRecorder?
    /// Long strings met before, by storage: a workflow with many environments repeats the same scripts in
    /// every deploy job, and laying each out once is most of the saving on a large `generate`.
    var repeats = RepeatedText()
    /// The jobs ``writeWorkflow(_:)`` writes in place of the root's `jobs` stand-in.
    private var pendingJobs: [Job]?
    /// Whether the root's `jobs` is left empty, for jobs streamed in after it (``stream(_:deliver:)``).
    var leavesOutJobs = false
    /// Where the entries a model encodes into the writer go (``YAMLEntrySink``): their indentation, and
    /// whether the next one continues the current line after a dash.
    private var sinkIndent = 0
    private var sinkContinuesLine = false

    /// Creates a writer whose buffer is sized for `capacity` bytes.
    init(capacity: Int) {
        buffer = ByteBuffer(capacity: capacity)
    }

    /// Makes room for `capacity` bytes in all, so a writer whose size is foreseen copies nothing as it grows.
    mutating func reserveCapacity(_ capacity: Int) {
        buffer.reserveCapacity(capacity)
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

    // MARK: Workflows

    /// Writes a workflow exactly as ``writeDocument(_:)`` writes `YAMLDocument(root: workflow.yamlNode)`,
    /// without building the tree of its jobs: each job encodes its entries straight into the writer
    /// (``YAMLEntrySink``). A workflow with many jobs is written in chunks on all cores; every job's text
    /// depends on that job alone, so the bytes are the same either way.
    mutating func writeWorkflow(_ workflow: Workflow) {
        guard !workflow.jobs.isEmpty else {
            writeDocument(YAMLDocument(root: workflow.yamlNode))
            return
        }
        // A one-entry stand-in keeps the root's blank-line rule seeing `jobs` as a non-empty block.
        pendingJobs = workflow.jobs
        writeDocument(YAMLDocument(root: workflow.rootNode(jobs: .mapping([YAMLEntry("", .null)]))))
    }

    /// Writes the entries of `jobs:` at `indent`; many jobs are written in parallel chunks, each by a
    /// writer of its own whose bytes become one part of the text.
    private mutating func writeJobs(_ jobs: [Job], indent: Int) {
        guard jobs.count >= ParallelChunks.minimumCount else {
            for job in jobs { writeJob(job, indent: indent) }
            return
        }
        let chunks = ParallelChunks.map(count: jobs.count) { range in
            var writer = YAMLWriter(capacity: 64 * 1024)
            for index in range {
                writer.writeJob(jobs[index], indent: indent)
                // Jobs of a large workflow are mostly alike: size the buffer from the first rather than by
                // doubling, generously, since pages reserved but never written cost nothing.
                if index == range.lowerBound {
                    writer.reserveCapacity(writer.byteCount * range.count * 2)
                }
            }
            return writer
        }
        earlierParts.append(bytes)
        for chunk in chunks { earlierParts += chunk.parts }
        buffer = ByteBuffer()
        endsInKeptBlockScalar = chunks.last!.endsInKeptBlockScalar
    }

    /// Writes `id:` and the job below it, exactly as its tree would be written, straight from the model:
    /// building and freeing the trees of thousands of steps was most of a large workflow's writing time.
    mutating func writeJob(_ job: Job, indent: Int) {
        appendIndentation(indent)
        writeKey(job.id, indent: indent)
        endsInKeptBlockScalar = false
        writeEntries(indent: indent + 2, continuesLine: false) { job.encode(into: &$0) }
    }

    // MARK: Entries straight from the model (YAMLEntrySink)

    /// Writes the entries `encode` adds as the value of the key just written, at `indent`; with
    /// `continuesLine`, the first goes on the current line (after a dash). No entries at all make `{}`.
    private mutating func writeEntries(indent: Int, continuesLine: Bool, _ encode: (inout YAMLWriter) -> Void) {
        let outer = (sinkIndent, sinkContinuesLine)
        if !continuesLine { append(ascii: "\n") }
        let start = buffer.count
        (sinkIndent, sinkContinuesLine) = (indent, continuesLine)
        encode(&self)
        (sinkIndent, sinkContinuesLine) = outer
        if buffer.count == start {
            if !continuesLine { buffer.removeLast() }
            append(continuesLine ? "{}\n" : " {}\n")
        }
    }

    /// Starts an entry: indentation unless it continues the current line, then the key.
    private mutating func beginEntry(_ key: String) {
        if sinkContinuesLine {
            sinkContinuesLine = false
        } else {
            appendIndentation(sinkIndent)
        }
        writeKey(key, indent: sinkIndent)
        endsInKeptBlockScalar = false
    }

    mutating func add(_ key: String, _ value: YAMLNode?) {
        guard let value else { return }
        beginEntry(key)
        writeValue(value, separator: " ", comment: nil, indent: sinkIndent, inSequence: false)
    }

    mutating func add(_ key: String, text: String?, comment: String?) {
        guard let text else { return }
        beginEntry(key)
        writeString(text, style: style(of: text), separator: " ", comment: comment, indent: sinkIndent)
    }

    mutating func add(_ key: String, rendering text: WorkflowText?) {
        guard let text else { return }
        beginEntry(key)
        writeText(text, indent: sinkIndent)
    }

    mutating func add(_ key: String, condition: Expression?) {
        guard let condition else { return }
        beginEntry(key)
        writeRendered(indent: sinkIndent) { condition.appendSource(to: &$0) }
    }

    mutating func add(_ key: String, action: ActionReference) {
        beginEntry(key)
        writeRendered(comment: action.version, indent: sinkIndent) { out in
            out.append(action.path)
            if let ref = action.ref {
                out.append(UInt8(ascii: "@"))
                out.append(ref)
            }
        }
    }

    mutating func add(_ key: String, values: Mapping<WorkflowValue>) {
        addScalars(key, values) { writer, value, indent in
            if case .text(let text) = value {
                writer.writeText(text, indent: indent)
            } else {
                writer.writeValue(value.node, separator: " ", comment: nil, indent: indent, inSequence: false)
            }
        }
    }

    mutating func add(_ key: String, texts: Mapping<WorkflowText>) {
        addScalars(key, texts) { writer, text, indent in writer.writeText(text, indent: indent) }
    }

    /// A mapping of scalars, each written by `write` after its key, as the tree's mapping would write it;
    /// no tree is built. An empty mapping is left out.
    private mutating func addScalars<Value>(_ key: String, _ mapping: Mapping<Value>, _ write: (inout YAMLWriter, Value, Int) -> Void) {
        guard !mapping.isEmpty else { return }
        beginEntry(key)
        append(ascii: "\n")
        let indent = sinkIndent + 2
        for (key, value) in mapping {
            appendIndentation(indent)
            writeKey(key, indent: indent)
            write(&self, value, indent)
        }
    }

    mutating func add(_ key: String, mapping encode: (inout YAMLWriter) -> Void) {
        beginEntry(key)
        writeEntries(indent: sinkIndent + 2, continuesLine: false, encode)
    }

    mutating func add(_ key: String, steps: [Step]) {
        guard !steps.isEmpty else { return }
        beginEntry(key)
        append(ascii: "\n")
        let dashIndent = sinkIndent + 2
        for step in steps {
            appendIndentation(dashIndent)
            append("- ")
            // A step many jobs share is laid out once, at each indentation, and its text copied after that.
            guard let shared = step.shared, lineRecorder == nil else {
                writeEntries(indent: dashIndent + 2, continuesLine: true) { step.encode(into: &$0) }
                continue
            }
            let key = RepeatedText.identity(of: shared).at(indent: dashIndent)
            if let known = repeats.steps[key] {
                buffer.append(known.bytes)
                endsInKeptBlockScalar = known.endsInKeptBlockScalar
                continue
            }
            let start = buffer.count
            writeEntries(indent: dashIndent + 2, continuesLine: true) { step.encode(into: &$0) }
            repeats.steps[key] = (shared, buffer.array(from: start), endsInKeptBlockScalar)
        }
    }

    mutating func add(extra: [YAMLEntry]) {
        guard !extra.isEmpty else { return }
        writeMapping(extra, indent: sinkIndent, continuesLine: sinkContinuesLine, isRoot: false)
        sinkContinuesLine = false
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
            if isRoot, entry.key == "jobs", leavesOutJobs {
                append(ascii: "\n")
                continue
            }
            if isRoot, entry.key == "jobs", let jobs = pendingJobs {
                pendingJobs = nil
                append(ascii: "\n")
                writeJobs(jobs, indent: indent + 2)
                continue
            }
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
            writeString(text, style: style(of: text), separator: separator, comment: comment, indent: indent)
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

    /// The style of a value string; the style of a long string is worked out once per storage (see ``repeats``).
    private mutating func style(of text: String) -> YAMLScalarStyle {
        guard let identity = RepeatedText.identity(of: text) else { return YAMLScalarStyle(for: text, allowingLiteral: true) }
        if let known = repeats.styles[identity] { return known.style }
        let style = YAMLScalarStyle(for: text, allowingLiteral: true)
        repeats.styles[identity] = (text, style)
        return style
    }

    /// Writes text after `key:`, as the tree writes its rendering: plain text as it is, so a long script
    /// keeps the storage its layout is remembered by, and text with expressions straight into the buffer.
    private mutating func writeText(_ text: WorkflowText, indent: Int) {
        endsInKeptBlockScalar = false
        if let literal = text.literalValue {
            writeString(literal, style: style(of: literal), separator: " ", comment: nil, indent: indent)
        } else {
            writeRendered(indent: indent) { text.render(into: &$0) }
        }
    }

    /// Writes a string value after `key:` that `render` appends straight to the buffer, sparing the `String`
    /// a rendering would otherwise become: most rendered values, such as `${{ steps.prepare.outputs.name }}`,
    /// are plain scalars and stay as written. A value that needs quotes is taken back out and written in its style.
    private mutating func writeRendered(comment: String? = nil, indent: Int, _ render: (inout ByteBuffer) -> Void) {
        endsInKeptBlockScalar = false
        append(ascii: " ")
        let start = buffer.count
        render(&buffer)
        let style = buffer.withUnsafeBufferPointer { YAMLScalarStyle(utf8: UnsafeBufferPointer(rebasing: $0[start...]), allowingLiteral: true) }
        switch style {
        case .plain:
            break
        case .singleQuoted:
            // Conditions such as `!cancelled() && …` are single-quoted: the rendering is copied out once and
            // written back between quotes, each quote doubled.
            let rendered = buffer.array(from: start)
            buffer.truncate(to: start)
            rendered.withUnsafeBufferPointer { appendSingleQuoted($0) }
        case .doubleQuoted, .literal:
            let text = buffer.withUnsafeBufferPointer { String(decoding: $0[start...], as: UTF8.self) }
            buffer.truncate(to: start)
            writeString(text, style: style, separator: "", comment: comment, indent: indent)
            return
        }
        appendTrailingComment(comment)
        append(ascii: "\n")
    }

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
        // A script every deploy job shares was laid out already: copy those bytes instead of cutting lines again.
        let identity = RepeatedText.identity(of: text)
        let key = identity?.at(indent: indent)
        if let key, let known = repeats.blocks[key] {
            buffer.append(known.bytes)
            if chomping == .keep { endsInKeptBlockScalar = true }
            return
        }
        let blockStart = buffer.count
        defer { if let key { repeats.blocks[key] = (text, buffer.array(from: blockStart)) } }
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

/// What the writer remembers about long strings it has written, keyed by the address of their UTF-8 storage.
///
/// An address names one text only while that text's storage is alive: freed, the address can come back
/// holding another text of the same length. So every entry keeps its string, and with it the storage,
/// alive for as long as the writer remembers it; a text written straight from the model (a rendering that
/// is freed right after) would otherwise lend its address to the next job's different text. A `String`'s
/// storage is never changed once shared, so a live address always holds the same bytes.
struct RepeatedText {
    /// A long string's storage (its address and length) or a shared step's mark (its address), and the
    /// indentation a layout was made at.
    ///
    /// One key type for every table here and in ``CheckedScripts``: the first dictionary of each key type
    /// has the runtime look up that type's `Hashable` conformance, a search through every conformance in
    /// the binary that cost a small `generate` a twentieth of its time per key type.
    struct Identity: Hashable {
        let address: UInt
        let count: Int
        /// The indentation of a layout; 0 where none applies.
        var indent = 0

        /// The same text or step laid out at `indent`.
        func at(indent: Int) -> Identity {
            Identity(address: address, count: count, indent: indent)
        }
    }

    var styles: [Identity: (text: String, style: YAMLScalarStyle)] = [:]
    /// Block scalars' bodies, by the text's identity at the indentation they were laid out at.
    var blocks: [Identity: (text: String, bytes: [UInt8])] = [:]
    /// The text after `- ` of each shared step written, by ``identity(of:)-(SharedStep)`` at the dash's
    /// indentation; the mark is kept, and with it the identity.
    var steps: [Identity: (mark: SharedStep, bytes: [UInt8], endsInKeptBlockScalar: Bool)] = [:]

    /// A shared step's mark; a count of -1 sets it apart from any text.
    static func identity(of step: SharedStep) -> Identity {
        Identity(address: UInt(bitPattern: ObjectIdentifier(step)), count: -1)
    }

    /// Shorter strings are cheaper to scan than to look up, and small strings have no storage of their own.
    static let minimumLength = 256

    /// The storage of a long native string, or `nil` for short strings and strings without contiguous UTF-8.
    static func identity(of text: String) -> Identity? {
        let count = text.utf8.count
        guard count >= minimumLength else { return nil }
        return text.utf8.withContiguousStorageIfAvailable { Identity(address: UInt(bitPattern: $0.baseAddress), count: count) }
    }
}
