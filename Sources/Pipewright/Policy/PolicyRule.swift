/// One audit rule: a stable id, what it checks, why, and how to fix what it finds.
///
/// Rules run over any ``Workflow`` value, hand-built or lowered and patched through `extra` keys, so a library
/// user gets the same audit as `pipewright audit`. A rule about a policy field may also check the ``Pipeline``
/// itself, where the finding can name the setting to change.
public protocol PolicyRule: Sendable {
    /// The stable id, `PW001`…; never reused for another check.
    var id: String { get }
    /// A kebab-case name, e.g. `no-static-aws-keys`.
    var name: String { get }
    /// One line: what the rule requires.
    var title: String { get }
    /// The severity of its findings.
    var severity: Severity { get }
    /// What it checks, why (the failure or attack it prevents), and how to fix a finding.
    var explanation: RuleExplanation { get }
    /// Categories for SARIF consumers, e.g. `security`, `supply-chain`, `policy`.
    var tags: [String] { get }
    /// The findings in one workflow.
    func check(_ audit: WorkflowAudit) -> [Diagnostic]
    /// The findings in a pipeline, before it is lowered; most rules have none. `file` names where the
    /// pipeline is defined: hints name `pipewright.json` keys for a `.json` file, DSL names otherwise.
    func check(pipeline: Pipeline, policy: Policy, file: String) -> [Diagnostic]
}

/// The three parts of `pipewright explain RULE`.
public struct RuleExplanation: Sendable, Hashable {
    /// What the rule checks, precisely.
    public var what: String
    /// Why: the failure or the attack it prevents.
    public var why: String
    /// How to fix a finding.
    public var fix: String

    /// Creates an explanation.
    public init(what: String, why: String, fix: String) {
        self.what = what
        self.why = why
        self.fix = fix
    }
}

/// What a rule looks at: one workflow, the file it is written to, and the policy.
public struct WorkflowAudit: Sendable {
    /// The workflow the rules check.
    public let workflow: Workflow
    /// The repository-relative file, e.g. `.github/workflows/infrastructure.yml`.
    public let file: String
    /// The organization's policy the rules check against.
    public let policy: Policy
    /// The commands of the workflow's scripts, parsed once for every rule.
    let scripts: ParsedScripts

    /// Creates an audit context.
    public init(workflow: Workflow, file: String, policy: Policy = .default) {
        self.workflow = workflow
        self.file = file
        self.policy = policy
        self.scripts = ParsedScripts(workflow)
    }

    /// The commands of a step's script; none for an action step.
    func commands(of step: Step) -> [ScriptCommand] {
        step.script.map { scripts.commands(of: $0.rendered) } ?? []
    }

    /// The commands of every `run:` step of a job, with the step's index.
    func stepCommands(of job: Job) -> [(index: Int, command: ScriptCommand)] {
        job.steps.enumerated().flatMap { index, step in commands(of: step).map { (index, $0) } }
    }

    /// The stack operations of a job's scripts, in step order.
    func stackOperations(of job: Job) -> [StackOperation] {
        stepCommands(of: job).compactMap { StackOperation($0.command, stepIndex: $0.index) }
    }
}

/// The commands of a workflow's scripts, each script parsed once however many rules and jobs read it.
struct ParsedScripts: Sendable {
    private let parsed: [String: [ScriptCommand]]

    init(_ workflow: Workflow) {
        var parsed: [String: [ScriptCommand]] = [:]
        for job in workflow.jobs {
            for step in job.steps {
                guard let script = step.script?.rendered, parsed[script] == nil else { continue }
                parsed[script] = ScriptCommand.parse(script)
            }
        }
        self.parsed = parsed
    }

    /// The commands of a script's text.
    func commands(of script: String) -> [ScriptCommand] {
        parsed[script] ?? ScriptCommand.parse(script)
    }
}

extension PolicyRule {
    public func check(pipeline: Pipeline, policy: Policy, file: String) -> [Diagnostic] { [] }

    /// A finding of this rule at a YAML path of the audited file; the ``Auditor`` fills in the line.
    func finding(_ audit: WorkflowAudit, at path: String, _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(severity: severity, ruleID: id, message: message, location: Location(file: audit.file, path: path), hint: hint ?? explanation.fix)
    }

    /// A finding of this rule at a path of the pipeline definition, with the fix in the terms of that file.
    func finding(file: String, at path: String, _ message: String, fix: PipelineFix) -> Diagnostic {
        Diagnostic(severity: severity, ruleID: id, message: message, location: Location(file: file, path: path), hint: fix.text(for: file))
    }
}

/// How to fix a finding in the pipeline definition, in its author's terms: the key to change in
/// `pipewright.json`, or the DSL statement to change in Swift.
struct PipelineFix: Sendable, Hashable {
    /// For a pipeline read from `pipewright.json`, e.g. "Set `build.retentionDays` to at least 30."
    let json: String
    /// For a pipeline written with the DSL, e.g. "Set `BuildSettings(retentionDays:)` to at least 30."
    let dsl: String

    /// The fix for the file the pipeline came from: JSON keys for a `.json` file, DSL names otherwise.
    func text(for file: String) -> String {
        file.lowercased().hasSuffix(".json") ? json : dsl
    }
}
