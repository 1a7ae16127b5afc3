/// Runs every rule over workflows and pipelines, and places each finding on a line of the emitted file.
///
/// ```swift
/// let auditor = Auditor(policy: policy)
/// let findings = auditor.auditLowered(pipeline)          // what `pipewright audit` does
/// let inSwift = auditor.auditLowered(pipeline, configFile: "Sources/Infra/Pipeline.swift")   // hints in DSL names
/// let mine = auditor.audit(handMadeWorkflow, file: ".github/workflows/ci.yml")
/// let committed = try auditor.audit(file: ".github/workflows/ci.yml", contents: "on: push\njobs: {}\n")   // the file as it is
/// ```
public struct Auditor: Sendable {
    /// The organization's rules the audit checks against: tags, regions, accounts, pins, timeouts …
    public let policy: Policy
    /// The rules run, in id order.
    public let rules: [any PolicyRule]

    /// Creates an auditor with a policy and, by default, every rule.
    public init(policy: Policy = .default, rules: [any PolicyRule] = RuleCatalog.all) {
        self.policy = policy
        self.rules = rules
    }

    /// The full audit of a pipeline as Pipewright generates it: the pipeline checked with the policy applied,
    /// then lowered by the same generator `generate` uses and every workflow checked.
    ///
    /// `configFile` names where the pipeline is defined. For a `.json` file the pipeline's findings hint in
    /// `pipewright.json` keys (`build.retentionDays`); for any other, such as the Swift file that builds the
    /// pipeline, in DSL names (`BuildSettings(retentionDays:)`).
    public func auditLowered(_ pipeline: Pipeline, configFile: String = "pipewright.json") -> [Diagnostic] {
        let generator = Generator(policy: policy, source: configFile)
        return audit(pipeline: generator.effectivePipeline(pipeline), file: configFile) + audit(generator.lower(pipeline))
    }

    /// Audits generated workflows; locations name `.github/workflows/<file>` and lines of the file as
    /// ``Generator`` renders it, header included.
    public func audit(_ workflows: [GeneratedWorkflow]) -> [Diagnostic] {
        let headerLines = GeneratedHeader().wrap("").utf8.filter { $0 == 0x0A }.count
        return workflows.flatMap { audit($0.workflow, file: ".github/workflows/" + $0.fileName, lineOffset: headerLines) }
    }

    /// Audits one workflow, hand-made or lowered; lines are those of its emitted YAML, moved down by
    /// `lineOffset` lines of header.
    public func audit(_ workflow: Workflow, file: String, lineOffset: Int = 0) -> [Diagnostic] {
        let context = WorkflowAudit(workflow: workflow, file: file, policy: policy)
        let findings = rules.flatMap { $0.check(context) }
        // Lines are worked out by writing the whole workflow, so only when there is a finding to place.
        guard !findings.isEmpty else { return [] }
        let lines = YAMLEmitter.emitRecordingLines(YAMLDocument(root: workflow.yamlNode)).lines
        let placed = findings.map { diagnostic in
            var placed = diagnostic
            placed.location.line = Self.line(of: diagnostic.location.path, in: lines).map { $0 + lineOffset }
            return placed
        }
        return Self.sorted(placed)
    }

    /// Audits a workflow file as committed: reads it (``SourceWorkflow/read(_:limits:)``), runs every rule on
    /// what it says, and places each finding at the line and column of its path in the file.
    ///
    /// - Throws: ``WorkflowReadError`` when the file is not valid YAML or not a workflow GitHub would run.
    public func audit(file: String, contents: String) throws(WorkflowReadError) -> [Diagnostic] {
        audit(try SourceWorkflow.read(contents), file: file)
    }

    /// Audits a workflow read from a file; locations are the positions of the paths in that file.
    public func audit(_ source: SourceWorkflow, file: String) -> [Diagnostic] {
        let context = WorkflowAudit(workflow: source.workflow, file: file, policy: policy)
        return Self.sorted(rules.flatMap { $0.check(context) }.map { diagnostic in
            var placed = diagnostic
            let position = source.positions.nearest(diagnostic.location.path)
            placed.location.line = position?.line
            placed.location.column = position?.column
            return placed
        })
    }

    /// Checks the pipeline itself against the policy: regions, accounts, tags, retention, KMS, runners,
    /// harden-runner, reviewed change sets, destroy protection and timeouts. Paths name the pipeline's settings;
    /// hints name them as `pipewright.json` keys when `file` ends in `.json`, as DSL names otherwise.
    public func audit(pipeline: Pipeline, file: String = "pipewright.json") -> [Diagnostic] {
        rules.flatMap { $0.check(pipeline: pipeline, policy: policy, file: file) }
    }

    /// The line of a path, or of its nearest ancestor that was written (a missing key points at its parent).
    static func line(of path: String, in lines: [String: Int]) -> Int? {
        SourcePositions.nearest(path, in: lines) ?? (lines.isEmpty ? nil : 1)
    }

    static func sorted(_ findings: [Diagnostic]) -> [Diagnostic] {
        findings.enumerated().sorted { a, b in
            let (x, y) = (a.element.location, b.element.location)
            if x.file != y.file { return x.file < y.file }
            if (x.line ?? 0) != (y.line ?? 0) { return (x.line ?? 0) < (y.line ?? 0) }
            if (x.column ?? 0) != (y.column ?? 0) { return (x.column ?? 0) < (y.column ?? 0) }
            if a.element.ruleID != b.element.ruleID { return a.element.ruleID < b.element.ruleID }
            return a.offset < b.offset
        }.map(\.element)
    }
}
