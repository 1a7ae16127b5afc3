/// The pipeline of stages, composed in one place:
/// `Pipeline ──lower──▶ [GeneratedWorkflow] ──encode──▶ YAML text ──wrap──▶ RenderedFile`.
///
/// Encoding writes each job straight into the YAML writer through the same entries `yamlNode` builds a
/// tree from, so a workflow of thousands of jobs never exists as one tree; the text is byte for byte what
/// emitting `yamlNode` gives. Every stage is a pure function: nothing here reads files, the clock or the
/// environment, so the same pipeline always renders to the same bytes. Lowering leaves each workflow
/// staged, its jobs still to build; ``stream(_:into:)`` builds, checks and writes them a few environments
/// at a time, on all cores for large pipelines, with the same result.
public struct Generator: Sendable {
    /// The pins used for every `uses:`.
    public let pins: PinTable
    /// The file named in headers as the source to edit, e.g. `pipewright.json`.
    public let source: String
    /// The organization's policy, applied to every pipeline before lowering; `nil` lowers pipelines as given.
    public let policy: Policy?

    /// Creates a generator that lowers pipelines as given.
    public init(pins: PinTable = .verified, source: String = "pipewright.json") {
        self.pins = pins
        self.source = source
        self.policy = nil
    }

    /// Creates a generator whose defaults come from a policy: pins, retention, timeouts, tags, reviewed
    /// change sets, protected environments and egress control.
    public init(policy: Policy, source: String = "pipewright.json") {
        self.pins = policy.pinTable()
        self.source = source
        self.policy = policy
    }

    /// The pipeline as it is lowered: with the policy's defaults applied.
    public func effectivePipeline(_ pipeline: Pipeline) -> Pipeline {
        policy?.apply(to: pipeline) ?? pipeline
    }

    /// Lowers a pipeline into hardened workflow models.
    public func lower(_ pipeline: Pipeline) -> [GeneratedWorkflow] {
        PipelineLowering(pipeline: effectivePipeline(pipeline), pins: pins).workflows()
    }

    /// Lowers, validates and renders a pipeline's workflows.
    public func render(_ pipeline: Pipeline) throws(ValidationErrors) -> [RenderedFile] {
        var files = InMemoryFiles()
        do {
            try stream(pipeline, into: &files)
        } catch let errors as ValidationErrors {
            throw errors
        } catch {
            preconditionFailure("files kept in memory cannot fail to be written: \(error)")
        }
        return files.files
    }

    /// Lowers, validates and renders a pipeline's workflows piece by piece into `sink`, each file's text in
    /// order and its header last (the header holds the digest of the text).
    ///
    /// The jobs of each workflow are built, checked and written a few environments at a time and freed
    /// as soon as they are written, so memory stays flat however many environments there are; the text is
    /// byte for byte what ``render(_:)`` returns. When a workflow fails validation, this throws
    /// ``ValidationErrors`` before finishing that file, with the errors ``Workflow/validationErrors()``
    /// reports for every workflow; what `sink` received for it must then be discarded. Errors `sink` throws are passed on.
    public func stream(_ pipeline: Pipeline, into sink: inout some RenderedFileSink) throws {
        let header = GeneratedHeader(source: source)
        for staged in PipelineLowering(pipeline: effectivePipeline(pipeline), pins: pins).stagedWorkflows() {
            let path = ".github/workflows/" + staged.fileName
            try sink.begin(path: path, headerByteCount: header.byteCount)
            var digest = XXH64()
            let jobs = try YAMLWriter.stream(staged) { bytes in
                digest.update(bytes)
                try sink.write(bytes)
            }
            if jobs.hasJobErrors || Workflow.hasCrossJobErrors(ids: jobs.ids, needs: jobs.needs) || !staged.frame.validationErrors().isEmpty {
                // Rare, and worth lowering everything again: the report names every problem of every
                // workflow, in document order.
                throw ValidationErrors(errors: lower(pipeline).flatMap { generated in
                    generated.workflow.validationErrors().map { ValidationError(path: generated.fileName + ": " + $0.path, message: $0.message) }
                })
            }
            try sink.finish(header: header.bytes(digest: digest.finalize()))
        }
    }

    /// Renders one workflow with the generated-file header.
    public func render(_ generated: GeneratedWorkflow) -> RenderedFile {
        let body = YAMLEmitter.emitUTF8(generated.workflow)
        return RenderedFile(path: ".github/workflows/" + generated.fileName, utf8Parts: GeneratedHeader(source: source).wrap(parts: body))
    }
}

/// Where ``Generator/stream(_:into:)`` puts the files it renders: each file is begun, its text written in
/// pieces, in order, then finished with its header, which belongs before the text.
public protocol RenderedFileSink {
    /// A file starts; its header will be `headerByteCount` bytes long.
    mutating func begin(path: String, headerByteCount: Int) throws
    /// The next piece of the file's text, after the header. The bytes are lent for the call only: a sink
    /// that keeps them copies them. Lending them saves a copy of every piece on the way to the file.
    mutating func write(_ bytes: UnsafeRawBufferPointer) throws
    /// The file's header, `headerByteCount` bytes, which goes before all of its text; the file is complete.
    mutating func finish(header: [UInt8]) throws
}

/// Keeps rendered files in memory, their text in the pieces it was written in.
struct InMemoryFiles: RenderedFileSink {
    private(set) var files: [RenderedFile] = []
    private var path = ""
    private var parts: [[UInt8]] = []

    mutating func begin(path: String, headerByteCount: Int) {
        self.path = path
        parts = [[]]
    }

    mutating func write(_ bytes: UnsafeRawBufferPointer) {
        if !bytes.isEmpty { parts.append(Array(bytes)) }
    }

    mutating func finish(header: [UInt8]) {
        parts[0] = header
        files.append(RenderedFile(path: path, utf8Parts: parts))
        parts = []
    }
}

/// A rendered file and where it belongs, relative to the repository root.
///
/// The text is kept as the UTF-8 parts it was written in: a workflow of 1,000 environments is 16 MB,
/// and joining it into one `String` only to write it out cost a copy, a UTF-8 check and fresh pages.
public struct RenderedFile: Sendable, Hashable {
    /// The path relative to the repository root.
    public let path: String
    /// The full text as UTF-8; the text is the parts' concatenation.
    public let utf8Parts: [[UInt8]]

    /// The full text.
    public var contents: String {
        utf8Parts.count == 1 ? String(decoding: utf8Parts[0], as: UTF8.self) : String(decoding: utf8Parts.joined(), as: UTF8.self)
    }

    /// The length of the text in UTF-8 bytes.
    public var utf8Count: Int { utf8Parts.reduce(0) { $0 + $1.count } }

    /// Creates a rendered file.
    public init(path: String, contents: String) {
        self.init(path: path, utf8Parts: [Array(contents.utf8)])
    }

    /// Creates a rendered file from the UTF-8 parts of its text, which must together be valid UTF-8.
    init(path: String, utf8Parts: [[UInt8]]) {
        self.path = path
        self.utf8Parts = utf8Parts
    }

    /// Whether the text is exactly `text`, compared byte by byte without joining the parts.
    public func hasContents(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count == utf8Count else { return false }
            var offset = 0
            for part in utf8Parts {
                guard part.elementsEqual(bytes[offset..<(offset + part.count)]) else { return false }
                offset += part.count
            }
            return true
        }
    }

    /// Files are equal when their paths and texts are, however the texts are split into parts.
    public static func == (lhs: RenderedFile, rhs: RenderedFile) -> Bool {
        lhs.path == rhs.path && lhs.utf8Count == rhs.utf8Count && lhs.utf8Parts.joined().elementsEqual(rhs.utf8Parts.joined())
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(path)
        hasher.combine(utf8Count)
    }
}

/// The comment block at the top of every generated file: what made it, how to regenerate it, and a
/// digest of the body that tells a hand edit from Pipewright's own output.
public struct GeneratedHeader: Sendable {
    /// The file named as the source to edit.
    public let source: String

    static let marker = "# pipewright-digest: xxh64:"

    /// Creates a header.
    public init(source: String = "pipewright.json") { self.source = source }

    /// The body with the header in front.
    public func wrap(_ body: String) -> String {
        String(decoding: wrap(parts: [Array(body.utf8)]).joined(), as: UTF8.self)
    }

    /// The header's bytes followed by the body's parts, unjoined; the digest is taken over the parts in turn.
    func wrap(parts body: [[UInt8]]) -> [[UInt8]] {
        var digest = XXH64()
        for part in body { part.withUnsafeBytes { digest.update($0) } }
        return [bytes(digest: digest.finalize())] + body
    }

    /// The length of the header in UTF-8 bytes: the same for every digest.
    var byteCount: Int { text(digest: ContentDigest.hex(UInt64(0))).utf8.count }

    /// The header for a body with this digest, as UTF-8.
    func bytes(digest: UInt64) -> [UInt8] { Array(text(digest: ContentDigest.hex(digest)).utf8) }

    /// The header's text, ending in the blank line that separates it from the body.
    private func text(digest: String) -> String {
        "# Generated by Pipewright from \(source). Do not edit this file: edit \(source) instead.\n"
            + "# Regenerate with: pipewright generate\n"
            + Self.marker + digest + "\n\n"
    }

    /// What an existing file is, as far as overwriting it goes.
    public enum Provenance: Sendable, Equatable {
        /// Written by Pipewright and unchanged since.
        case generated
        /// Written by Pipewright, then edited by hand.
        case editedByHand
        /// Not written by Pipewright.
        case foreign
    }

    /// Reads a file's header and checks its digest against its body.
    public static func provenance(of contents: String) -> Provenance {
        var reader = ProvenanceReader()
        var contents = contents
        contents.withUTF8 { reader.read(UnsafeRawBufferPointer($0)) }
        return reader.provenance()
    }

    /// Works out a file's ``Provenance`` from its bytes, read in pieces of any size, so a large file is never
    /// held whole.
    ///
    /// The header is the file's leading run of comment lines, and the first digest line among them names
    /// the digest. The body starts after that run and one blank line; its digest must match.
    public struct ProvenanceReader: Sendable {
        /// The header lines read so far that are not complete yet, or not known to end the header.
        private var pending: [UInt8] = []
        /// The digest the header names, once its line is read.
        private var claimed: [UInt8]?
        /// The digest of the body so far, once the header is over.
        private var body: XXH64?

        /// A reader that has read nothing.
        public init() {}

        /// Reads the next piece of the file.
        public mutating func read(_ bytes: UnsafeRawBufferPointer) {
            if body != nil {
                body!.update(bytes)
                return
            }
            pending += bytes
            readHeader(atEnd: false)
        }

        /// The file's provenance, once all of it has been read.
        public mutating func provenance() -> Provenance {
            if body == nil { readHeader(atEnd: true) }
            guard let claimed, let body else { return .foreign }
            return ContentDigest.hex(body.finalize()).utf8.elementsEqual(claimed) ? .generated : .editedByHand
        }

        /// Takes complete comment lines off `pending`; once the header is over, starts the body's digest with
        /// what is left. At the end of the file, a last line without a line break is complete too.
        private mutating func readHeader(atEnd: Bool) {
            var cursor = 0
            while cursor < pending.count, pending[cursor] == UInt8(ascii: "#") {
                guard let lineEnd = pending[cursor...].firstIndex(of: UInt8(ascii: "\n")) else {
                    guard atEnd else { break }
                    take(line: pending[cursor...])
                    cursor = pending.count
                    break
                }
                take(line: pending[cursor..<lineEnd])
                cursor = lineEnd + 1
            }
            let headerOver = cursor < pending.count && pending[cursor] != UInt8(ascii: "#")
            guard headerOver || atEnd else {
                pending.removeFirst(cursor)
                return
            }
            // Without a digest line the body is never looked at.
            guard claimed != nil else {
                pending = []
                body = XXH64()
                return
            }
            if cursor < pending.count, pending[cursor] == UInt8(ascii: "\n") { cursor += 1 }
            var digest = XXH64()
            pending[cursor...].withUnsafeBytes { digest.update($0) }
            body = digest
            pending = []
        }

        private mutating func take(line: ArraySlice<UInt8>) {
            guard claimed == nil, line.starts(with: GeneratedHeader.marker.utf8) else { return }
            claimed = Array(line.dropFirst(GeneratedHeader.marker.utf8.count))
        }
    }
}
