/// How `pipewright audit` writes its findings.
public enum AuditFormat: String, Sendable, Hashable, CaseIterable {
    /// One line per finding (its ``Diagnostic/description``), an indented hint, and a summary line.
    case text
    /// A stable JSON document: see ``AuditReport/json(_:toolVersion:)``.
    case json
    /// SARIF 2.1.0, for GitHub code scanning: see ``AuditReport/sarif(_:rules:toolVersion:)``.
    case sarif
}

/// Renders findings as text, JSON or SARIF. Every format is deterministic: same findings, same bytes.
public enum AuditReport {
    /// The version written into JSON and SARIF output.
    public static let toolVersion = "0.1.0"
    /// Where SARIF consumers link the tool's name.
    public static let informationURI = "https://github.com/pipewright/pipewright"

    /// Renders findings in a format.
    public static func render(_ diagnostics: [Diagnostic], format: AuditFormat, rules: [any PolicyRule] = RuleCatalog.all, toolVersion: String = toolVersion) -> String {
        switch format {
        case .text: text(diagnostics)
        case .json: json(diagnostics, toolVersion: toolVersion)
        case .sarif: sarif(diagnostics, rules: rules, toolVersion: toolVersion)
        }
    }

    /// The text report: each finding's ``Diagnostic/description`` with its hint indented below, then a summary.
    ///
    /// ```
    /// .github/workflows/infrastructure.yml:87: error PW005 [jobs.build.steps[2].run] the script interpolates ${{ github.head_ref }}
    ///     hint: Move each value to the step's `env:` …
    /// pipewright audit: 1 error, 0 warnings, 0 notes
    /// ```
    public static func text(_ diagnostics: [Diagnostic]) -> String {
        var out = ""
        for diagnostic in diagnostics {
            out += diagnostic.description + "\n"
            if let hint = diagnostic.hint { out += "    hint: " + hint + "\n" }
        }
        out += "pipewright audit: " + summary(diagnostics) + "\n"
        return out
    }

    /// `2 errors, 1 warning, 0 notes`, or `no findings`.
    static func summary(_ diagnostics: [Diagnostic]) -> String {
        guard !diagnostics.isEmpty else { return "no findings" }
        func count(_ severity: Severity, _ noun: String) -> String {
            let n = diagnostics.filter { $0.severity == severity }.count
            return "\(n) \(noun)\(n == 1 ? "" : "s")"
        }
        return [count(.error, "error"), count(.warning, "warning"), count(.note, "note")].joined(separator: ", ")
    }

    /// The JSON format, version 1. Keys in this order; `line`, `column` and `hint` are `null` when unknown
    /// (`column` is known for files read from disk):
    ///
    /// ```json
    /// {
    ///   "format": "pipewright-audit",
    ///   "version": 1,
    ///   "tool": { "name": "Pipewright", "version": "0.1.0" },
    ///   "summary": { "errors": 1, "warnings": 0, "notes": 0 },
    ///   "diagnostics": [
    ///     { "ruleId": "PW005", "severity": "error", "message": "…", "file": ".github/workflows/x.yml",
    ///       "path": "jobs.build.steps[2].run", "line": 87, "column": 9, "hint": "…" }
    ///   ]
    /// }
    /// ```
    public static func json(_ diagnostics: [Diagnostic], toolVersion: String = toolVersion) -> String {
        JSONEmitter.emit(.mapping([
            YAMLEntry("format", .string("pipewright-audit")),
            YAMLEntry("version", .int(1)),
            YAMLEntry("tool", .mapping([YAMLEntry("name", .string("Pipewright")), YAMLEntry("version", .string(toolVersion))])),
            YAMLEntry("summary", .mapping([
                YAMLEntry("errors", .int(diagnostics.filter { $0.severity == .error }.count)),
                YAMLEntry("warnings", .int(diagnostics.filter { $0.severity == .warning }.count)),
                YAMLEntry("notes", .int(diagnostics.filter { $0.severity == .note }.count)),
            ])),
            YAMLEntry("diagnostics", .sequence(diagnostics.map { diagnostic in
                .mapping([
                    YAMLEntry("ruleId", .string(diagnostic.ruleID)),
                    YAMLEntry("severity", .string(diagnostic.severity.rawValue)),
                    YAMLEntry("message", .string(diagnostic.message)),
                    YAMLEntry("file", .string(diagnostic.location.file)),
                    YAMLEntry("path", .string(diagnostic.location.path)),
                    YAMLEntry("line", diagnostic.location.line.map(YAMLNode.int) ?? .null),
                    YAMLEntry("column", diagnostic.location.column.map(YAMLNode.int) ?? .null),
                    YAMLEntry("hint", diagnostic.hint.map(YAMLNode.string) ?? .null),
                ])
            })),
        ]))
    }
}
