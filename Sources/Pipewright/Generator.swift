/// The stages of generation, composed in one place:
///
/// ```
/// Pipeline ─check─▶ Pipeline ─apply policy─▶ Pipeline ─check policy─▶ Pipeline ─lower─▶ [GeneratedWorkflow]
///          ─validate─▶ ─encode─▶ YAMLNode ─emit─▶ String ─wrap─▶ RenderedFile
/// ```
///
/// Every stage is a pure function: nothing here reads files, the clock or the environment, so the same
/// pipeline always renders to the same bytes. Every public way to render checks what it renders: the
/// pipeline against its configuration rules, in the terms of the DSL and of `pipewright.json`
/// (`environments[2].after`), and each lowered workflow against GitHub's rules.
///
/// ```swift
/// let files = try Generator().render(pipeline)
/// for file in files { print(file.path, file.contents, separator: "\n") }
/// ```
public struct Generator: Sendable {
    /// The pins used for every `uses:`.
    public let pins: PinTable
    /// The file named in headers as the source to edit, e.g. `pipewright.json`.
    public let source: String
    /// The command headers tell a reader to run to regenerate, e.g. `pipewright generate --config infra/pipewright.json`.
    public let command: String
    /// The organization's policy, applied to every pipeline before lowering; `nil` lowers pipelines as given.
    public let policy: Policy?

    /// Creates a generator that lowers pipelines as given.
    public init(pins: PinTable = .verified, source: String = "pipewright.json", command: String = "pipewright generate") {
        self.pins = pins
        self.source = source
        self.command = command
        self.policy = nil
    }

    /// Creates a generator whose defaults come from a policy: pins, retention, timeouts, tags, reviewed
    /// change sets, protected environments and egress control.
    public init(policy: Policy, source: String = "pipewright.json", command: String = "pipewright generate") {
        self.pins = policy.pinTable()
        self.source = source
        self.command = command
        self.policy = policy
    }

    /// Checks, lowers, validates and renders a pipeline's workflows.
    ///
    /// Throws ``GenerationError/invalidPipeline(_:)`` when the pipeline breaks a configuration rule
    /// (``Pipeline/configurationErrors()``), and ``GenerationError/policyViolation(_:)`` when, with the
    /// policy applied, it still breaks one of the policy's error rules (``policyFindings(_:)``): both before
    /// anything is lowered.
    public func render(_ pipeline: Pipeline) throws(GenerationError) -> [RenderedFile] {
        try checkBeforeLowering(pipeline)
        let workflows = lower(pipeline)
        var files = try workflows.map { generated throws(GenerationError) in try render(generated) }
        if let linter = actionlintConfiguration(for: workflows) { files.append(linter) }
        return files
    }

    /// The configuration rules, then the policy's error rules with the policy applied.
    func checkBeforeLowering(_ pipeline: Pipeline) throws(GenerationError) {
        try check(pipeline)
        let violations = policyFindings(pipeline).filter { $0.severity == .error }
        guard violations.isEmpty else { throw .policyViolation(violations) }
    }

    /// The path of actionlint's configuration, which Pipewright writes when jobs run on the organization's own
    /// runner labels.
    public static let actionlintConfigurationPath = ".github/actionlint.yaml"

    /// actionlint's configuration naming the runner labels that are the organization's own, so actionlint
    /// knows them in the user's repository; `nil` when every job runs on labels GitHub hosts.
    func actionlintConfiguration(for workflows: [GeneratedWorkflow]) -> RenderedFile? {
        var labels: [String] = []
        for job in workflows.flatMap(\.workflow.jobs) {
            for label in job.runsOn?.allLabels ?? [] where !Runner.knownLabels.contains(label.rawValue) && !labels.contains(label.rawValue) {
                labels.append(label.rawValue)
            }
        }
        guard !labels.isEmpty else { return nil }
        let root = YAMLNode.mapping([YAMLEntry("self-hosted-runner", .mapping([YAMLEntry("labels", .sequence(labels.map(YAMLNode.string)))]))])
        let body = YAMLEmitter.emit(YAMLDocument(root: root))
        return RenderedFile(path: Self.actionlintConfigurationPath, contents: GeneratedHeader(source: source, command: command).wrap(body))
    }

    /// What the policy's rules find in the pipeline once the policy is applied: what the policy could not
    /// fill in itself, such as a region it does not allow; none without a policy. Findings name the setting
    /// in the terms of ``source`` (`pipewright.json` keys for a `.json` file, DSL names otherwise). Errors stop
    /// ``render(_:)-(Pipeline)``; warnings are for the caller to show.
    public func policyFindings(_ pipeline: Pipeline) -> [Diagnostic] {
        guard let policy else { return [] }
        return Auditor(policy: policy).audit(pipeline: policy.apply(to: pipeline), file: source)
    }

    /// Validates and renders one lowered or hand-built workflow with the generated-file header.
    public func render(_ generated: GeneratedWorkflow) throws(GenerationError) -> RenderedFile {
        let errors = generated.workflow.validationErrors()
        guard errors.isEmpty else {
            throw .invalidWorkflow(errors.map { ValidationError(path: generated.fileName + ": " + $0.path, message: $0.message) })
        }
        let body = YAMLEmitter.emit(YAMLDocument(root: generated.workflow.yamlNode))
        return RenderedFile(path: ".github/workflows/" + generated.fileName, contents: GeneratedHeader(source: source, command: command).wrap(body))
    }

    /// The pipeline's configuration errors as a thrown error, or nothing when it has none.
    public func check(_ pipeline: Pipeline) throws(GenerationError) {
        let errors = pipeline.configurationErrors()
        guard errors.isEmpty else { throw .invalidPipeline(errors) }
    }

    /// The pipeline as it is lowered: with the policy's defaults applied.
    public func effectivePipeline(_ pipeline: Pipeline) -> Pipeline {
        policy?.apply(to: pipeline) ?? pipeline
    }

    /// Lowers a pipeline into hardened workflow models, without checking either; ``render(_:)-(Pipeline)``
    /// checks both.
    public func lower(_ pipeline: Pipeline) -> [GeneratedWorkflow] {
        PipelineLowering(pipeline: effectivePipeline(pipeline), pins: pins).workflows()
    }
}

/// Why a pipeline or workflow could not be rendered; every problem is reported, in document order.
public enum GenerationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The pipeline breaks a configuration rule; each error's path names the field in `pipewright.json`
    /// and DSL terms (`environments[2].after`).
    case invalidPipeline([ValidationError])
    /// A workflow breaks one of GitHub's rules; each error's path starts with its file name
    /// (`infrastructure.yml: jobs.deploy-prod.needs[1]`).
    case invalidWorkflow([ValidationError])
    /// With the policy applied, the pipeline still breaks the policy: each finding names the rule, the
    /// setting (`environments[1].region`) and, in its hint, the values the policy allows.
    case policyViolation([Diagnostic])

    /// The problems, in document order; a policy violation's path is the setting, its message starts with the rule.
    public var errors: [ValidationError] {
        switch self {
        case .invalidPipeline(let errors), .invalidWorkflow(let errors): errors
        case .policyViolation(let findings): findings.map { ValidationError(path: $0.location.path, message: $0.ruleID + " " + $0.message) }
        }
    }

    /// One problem per line.
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// A rendered file and where it belongs, relative to the repository root.
public struct RenderedFile: Sendable, Hashable {
    /// The path relative to the repository root.
    public let path: String
    /// The full text.
    public let contents: String

    /// Creates a rendered file.
    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}

/// The comment block at the top of every generated file: what made it, how to regenerate it, and a
/// digest of the body that tells a hand edit from Pipewright's own output.
public struct GeneratedHeader: Sendable {
    /// The file named as the source to edit.
    public let source: String
    /// The command that regenerates the file.
    public let command: String

    static let marker = "# pipewright-digest: xxh64:"

    /// Creates a header.
    public init(source: String = "pipewright.json", command: String = "pipewright generate") {
        self.source = source
        self.command = command
    }

    /// The body with the header in front.
    public func wrap(_ body: String) -> String {
        "# Generated by Pipewright from \(source). Do not edit this file: edit \(source) instead.\n"
            + "# Regenerate with: \(command)\n"
            + Self.marker + ContentDigest.hex(body) + "\n\n"
            + body
    }

    /// The source a generated file's header names (`pipewright.json` in `# Generated by Pipewright from
    /// pipewright.json. …`), or `nil` for a file without Pipewright's header.
    public static func source(of contents: String) -> String? {
        let prefix = "# Generated by Pipewright from "
        for line in header(of: contents).lines {
            guard line.hasPrefix(prefix), let end = line.firstRange(of: ". Do not edit this file: edit ") else { continue }
            return String(line[line.index(line.startIndex, offsetBy: prefix.count)..<end.lowerBound])
        }
        return nil
    }

    /// A text's leading run of comment lines, and the body after them and one blank line. Only the header's
    /// lines are looked at, byte by byte: a large workflow's body is never split.
    private static func header(of contents: String) -> (lines: [Substring], body: Substring) {
        let utf8 = contents.utf8
        var lines: [Substring] = []
        var index = utf8.startIndex
        while index < utf8.endIndex, utf8[index] == UInt8(ascii: "#") {
            let end = utf8[index...].firstIndex(of: UInt8(ascii: "\n")) ?? utf8.endIndex
            lines.append(contents[index..<end])
            index = end == utf8.endIndex ? end : utf8.index(after: end)
        }
        if index < utf8.endIndex, utf8[index] == UInt8(ascii: "\n") { index = utf8.index(after: index) }
        return (lines, contents[index...])
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
    ///
    /// The header is the file's leading run of comment lines, and the first digest line among them names
    /// the digest. The body starts after that run and one blank line; its digest must match.
    public static func provenance(of contents: String) -> Provenance {
        let (lines, body) = header(of: contents)
        guard let claimed = lines.first(where: { $0.hasPrefix(marker) })?.dropFirst(marker.count) else { return .foreign }
        var bytes = body
        return bytes.withUTF8(ContentDigest.hex) == claimed ? .generated : .editedByHand
    }
}
