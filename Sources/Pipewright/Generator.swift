/// The pipeline of stages, composed in one place:
/// `Pipeline ──lower──▶ [GeneratedWorkflow] ──encode──▶ YAML text ──wrap──▶ RenderedFile`.
///
/// Encoding writes each job straight into the YAML writer through the same entries `yamlNode` builds a
/// tree from, so a workflow of thousands of jobs never exists as one tree; the text is byte for byte what
/// emitting `yamlNode` gives. Every stage is a pure function: nothing here reads files, the clock or the
/// environment, so the same pipeline always renders to the same bytes. Pipelines of 64 jobs or more are
/// lowered, validated and written in chunks on all cores, with the same result.
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
        let workflows = lower(pipeline)
        let errors = workflows.flatMap { generated in
            generated.workflow.validationErrors().map { ValidationError(path: generated.fileName + ": " + $0.path, message: $0.message) }
        }
        if !errors.isEmpty { throw ValidationErrors(errors: errors) }
        let files = workflows.map(render)
        let jobCount = workflows.reduce(0) { $0 + $1.workflow.jobs.count }
        // Handed over, not shared, so the last reference, and with it the freeing, is the other thread's.
        ParallelChunks.releaseInBackground(consume workflows, items: jobCount)
        return files
    }

    /// Renders one workflow with the generated-file header.
    public func render(_ generated: GeneratedWorkflow) -> RenderedFile {
        let body = YAMLEmitter.emitUTF8(generated.workflow)
        return RenderedFile(path: ".github/workflows/" + generated.fileName, utf8Parts: GeneratedHeader(source: source).wrap(parts: body))
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
        return [Array(text(digest: ContentDigest.hex(digest.finalize())).utf8)] + body
    }

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
        // The header is the leading run of comment lines; the digest line must be among them.
        var rest = Substring(contents)
        while rest.hasPrefix("#") {
            let lineEnd = rest.firstIndex(of: "\n") ?? rest.endIndex
            let line = rest[..<lineEnd]
            rest = lineEnd == rest.endIndex ? "" : rest[rest.index(after: lineEnd)...]
            guard line.hasPrefix(marker) else { continue }
            let digest = line.dropFirst(marker.count)
            var body = rest
            while body.hasPrefix("#") {
                let end = body.firstIndex(of: "\n") ?? body.endIndex
                body = end == body.endIndex ? "" : body[body.index(after: end)...]
            }
            if body.hasPrefix("\n") { body = body.dropFirst() }
            return ContentDigest.hex(String(body)) == digest ? .generated : .editedByHand
        }
        return .foreign
    }
}
