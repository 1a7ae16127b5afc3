/// How serious a finding is; the CLI's exit code follows the worst one.
public enum Severity: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Informational; never fails a run.
    case note
    /// Worth fixing; does not fail a run.
    case warning
    /// Breaks a hardening guarantee or the policy; `pipewright audit` exits 1.
    case error

    /// Orders by seriousness: note < warning < error.
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }

    private var rank: Int {
        switch self {
        case .note: 0
        case .warning: 1
        case .error: 2
        }
    }
}

/// Where a finding is: a file, the YAML (or pipeline) path inside it, and the line and column when known.
public struct Location: Sendable, Hashable {
    /// The file, repository-relative: `.github/workflows/infrastructure.yml` or `pipewright.json`.
    public var file: String
    /// The path inside the file: `jobs.deploy-prod.steps[3].run` for a workflow, `environments[2].account` for a pipeline.
    public var path: String
    /// The 1-based line the path starts on, when known.
    public var line: Int?
    /// The 1-based column (in Unicode scalars) the path starts at, when known: for files read from disk.
    public var column: Int?

    /// Creates a location.
    public init(file: String, path: String, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.path = path
        self.line = line
        self.column = column
    }
}

/// One finding of the audit: which rule, how serious, what is wrong, where, and how to fix it.
///
/// Its ``description`` is the line `pipewright audit` prints, e.g.
/// `.github/workflows/ci.yml:42: error PW005 [jobs.deploy.steps[2].run] the script interpolates ${{ github.head_ref }}`.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// How serious the finding is; an error makes `pipewright audit` exit 1.
    public var severity: Severity
    /// The rule's id, e.g. `PW005`.
    public var ruleID: String
    /// What is wrong, naming the bad value.
    public var message: String
    /// Where the finding is: the file, the path inside it, and the line when known.
    public var location: Location
    /// What to do instead.
    public var hint: String?

    /// Creates a diagnostic.
    public init(severity: Severity, ruleID: String, message: String, location: Location, hint: String? = nil) {
        self.severity = severity
        self.ruleID = ruleID
        self.message = message
        self.location = location
        self.hint = hint
    }

    /// One line, `file:line:column: severity RULE [path] message`, without the line or column when it is
    /// unknown and without the hint; the text audit report prints this line for each finding.
    public var description: String {
        location.file + (location.line.map { ":" + String($0) } ?? "")
            + (location.line != nil ? location.column.map { ":" + String($0) } ?? "" : "") + ": "
            + severity.rawValue + " " + ruleID + " [" + location.path + "] " + message
    }
}

extension Array where Element == Diagnostic {
    /// The worst severity found, `nil` when there are no findings.
    public var worstSeverity: Severity? { map(\.severity).max() }

    /// Whether any finding is an error, which makes `pipewright audit` exit 1.
    public var hasErrors: Bool { contains { $0.severity == .error } }
}
