/// PW025: every workflow the config generates is committed exactly as the config renders it now.
///
/// It compares files, not a workflow model, so ``check(_:)`` finds nothing: ``Auditor/freshness(of:rendered:source:)``
/// reports its findings. (PW022 to PW024 are left to the rules being added beside this one.)
struct GeneratedWorkflowsCurrent: PolicyRule {
    init() {}
    let id = "PW025"
    let name = "generated-workflows-current"
    let title = "Generated workflows are committed exactly as the config renders them"
    let severity = Severity.error
    let tags = ["security", "drift"]
    let explanation = RuleExplanation(
        what: "Every workflow the config renders: the committed file under `.github/workflows/` must be byte for byte what `pipewright generate` writes today. A file whose Pipewright header no longer matches its body was edited by hand; one whose header matches but whose text differs is stale; one the config renders that is missing, or that was generated from the config but is no longer rendered, is reported too. The rules still run on each file as it is.",
        why: "The config is what reviewers read and the policy checks; a hand edit to a generated file (an added step, a widened permission) bypasses both, and the next `pipewright generate --force` silently reverts it, while a stale file runs yesterday's hardening.",
        fix: "Move the edit into the config and run `pipewright generate` (with `--force` to replace a hand-edited file), then commit the result; `pipewright generate --check` in CI keeps it so."
    )

    func check(_ audit: WorkflowAudit) -> [Diagnostic] { [] }

    func finding(_ file: String, line: Int?, _ message: String, hint: String) -> Diagnostic {
        Diagnostic(severity: severity, ruleID: id, message: message,
                   location: Location(file: file, path: "file", line: line, column: line == nil ? nil : 1), hint: hint)
    }
}

extension Auditor {
    /// Compares committed workflow files with what the config renders now (PW025, `generated-workflows-current`).
    ///
    /// `committed` holds the workflow files as they are in the repository, by repository path; `rendered` what
    /// ``Generator/render(_:)-(Pipeline)`` makes of the config today; `source` the config's path, as the headers
    /// name it. A committed file whose header names `source` but that `rendered` lacks was orphaned by a rename.
    /// A finding is at the first line that differs, or without a line for a missing file.
    ///
    /// ```swift
    /// let rendered = try Generator().render(pipeline)
    /// let committed = rendered   // the files as read from the repository
    /// let findings = Auditor().freshness(of: committed, rendered: rendered, source: "pipewright.json")
    /// // findings.isEmpty: every file is what the config renders
    /// ```
    public func freshness(of committed: [RenderedFile], rendered: [RenderedFile], source: String) -> [Diagnostic] {
        guard let rule = rules.lazy.compactMap({ $0 as? GeneratedWorkflowsCurrent }).first else { return [] }
        var findings: [Diagnostic] = []
        for file in rendered {
            guard let current = committed.first(where: { $0.path == file.path })?.contents else {
                findings.append(rule.finding(file.path, line: nil, "\(source) renders this workflow, but the file is missing",
                                             hint: "Run 'pipewright generate' and commit the file."))
                continue
            }
            guard current != file.contents else { continue }
            let line = Self.firstDifferingLine(current, file.contents)
            switch GeneratedHeader.provenance(of: current) {
            case .editedByHand:
                findings.append(rule.finding(file.path, line: line, "the file was edited by hand after Pipewright generated it from \(source) (the first difference is on line \(line))",
                                             hint: "Move the edit into \(source), then run 'pipewright generate --force' and commit the result."))
            case .generated:
                findings.append(rule.finding(file.path, line: line, "the file is stale: \(source) now renders it differently (the first difference is on line \(line))",
                                             hint: "Run 'pipewright generate' and commit the result."))
            case .foreign:
                findings.append(rule.finding(file.path, line: line, "the file was not written by Pipewright, but \(source) renders a workflow at this path",
                                             hint: "Rename one of the two, or let Pipewright own the file with 'pipewright generate --force'."))
            }
        }
        for file in committed where !rendered.contains(where: { $0.path == file.path }) && GeneratedHeader.source(of: file.contents) == source {
            findings.append(rule.finding(file.path, line: 1, "the file was generated from \(source), which no longer renders it (a renamed or removed pipeline)",
                                         hint: "Run 'pipewright generate', which removes it, and commit the removal."))
        }
        return Self.sorted(findings)
    }

    /// The 1-based line on which two texts first differ.
    static func firstDifferingLine(_ first: String, _ second: String) -> Int {
        var line = 1
        for (a, b) in zip(first.utf8, second.utf8) {
            if a != b { return line }
            if a == 0x0A { line += 1 }
        }
        return line
    }
}
