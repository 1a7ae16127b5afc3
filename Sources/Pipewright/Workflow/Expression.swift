/// A typed GitHub Actions expression: the only way text containing `${{` enters a workflow.
///
/// ```swift
/// let onMain: Expression = .github("ref").equals("refs/heads/main") && !.cancelled()
/// // renders: github.ref == 'refs/heads/main' && !cancelled()
/// ```
public indirect enum Expression: Sendable, Hashable {
    /// A context property such as `github.sha` or `needs.build.outputs.artifact`: the root and the path below it.
    case context(ContextRoot, [String])
    /// A string literal, rendered single-quoted with `''` escapes.
    case string(String)
    /// A number literal.
    case number(Int)
    /// A boolean literal.
    case bool(Bool)
    /// The `null` literal.
    case null
    /// A call of one of GitHub's expression functions.
    case call(ExpressionFunction, [Expression])
    /// A binary operation; parentheses are added where precedence needs them.
    case binary(BinaryOperator, Expression, Expression)
    /// Logical negation, `!x`.
    case not(Expression)
    /// An expression exactly as a workflow file writes it, kept as text because it was read, not built.
    ///
    /// Reading a committed workflow (``Workflow/init(yaml:)``) must give back every byte of every expression,
    /// whatever its spacing, case, indexing (`matrix['os']`, `labels.*.name`) or floats, and must never fail on
    /// an expression GitHub accepts. So the reader keeps each one as written instead of parsing it into the
    /// typed cases, which render one canonical spelling. `source` is the text itself and `wrapped` puts it between
    /// `${{` and `}}` with no spaces added: the reader keeps the spaces written inside the delimiters in the text
    /// (`" github.sha "`). An `if:` keeps its whole text, delimiters included when it has them. Context references
    /// are found by scanning the text (``contextReferences``). Build expressions with the typed cases instead.
    case raw(String)
}

/// The contexts an expression may read from.
public enum ContextRoot: String, Sendable, Hashable, CaseIterable {
    /// `github`: the run, the event that started it and the repository.
    case github
    /// `env`: variables set with `env:` on the workflow, the job or the step.
    case env
    /// `vars`: configuration variables of the repository, organization or environment.
    case vars
    /// `secrets`: secrets of the repository, organization or, in a job bound to one, the environment.
    case secrets
    /// `inputs`: the inputs of a manual dispatch or of a reusable-workflow call.
    case inputs
    /// `needs`: the outputs and results of the jobs this job needs.
    case needs
    /// `steps`: the outputs and outcomes of earlier steps that have an id.
    case steps
    /// `matrix`: the job's current matrix combination.
    case matrix
    /// `job`: the running job: its status, container and services.
    case job
    /// `runner`: the machine running the job: its OS, architecture and temporary folder.
    case runner
    /// `strategy`: the job's matrix strategy: this job's index, the total, fail-fast.
    case strategy
    /// `jobs.<job>.outputs.<name>`: only in the `value:` of a `workflow_call` output.
    case jobs
}

/// GitHub's expression functions.
public enum ExpressionFunction: String, Sendable, Hashable, CaseIterable {
    /// `success()`: true while no earlier step or needed job has failed or been cancelled.
    case success
    /// `failure()`: true when an earlier step or a needed job has failed.
    case failure
    /// `always()`: true even when the run is cancelled.
    case always
    /// `cancelled()`: true when the run has been cancelled.
    case cancelled
    /// `contains(search, item)`: whether a string contains a substring, or an array an element; ignores case.
    case contains
    /// `startsWith(text, prefix)`: ignores case.
    case startsWith
    /// `endsWith(text, suffix)`: ignores case.
    case endsWith
    /// `format(template, …)`: the template with `{0}`, `{1}` … replaced by the arguments.
    case format
    /// `join(array, separator)`: the elements as one string.
    case join
    /// `toJSON(value)`: the value as pretty-printed JSON.
    case toJSON
    /// `fromJSON(text)`: the value a JSON text holds, e.g. a matrix computed by an earlier job.
    case fromJSON
    /// `hashFiles(patterns…)`: one SHA-256 over the files the patterns match, for cache keys.
    case hashFiles
}

/// Binary operators, from loosest to tightest binding.
public enum BinaryOperator: String, Sendable, Hashable, CaseIterable {
    /// `||`: logical or.
    case or = "||"
    /// `&&`: logical and.
    case and = "&&"
    /// `==`: equality; GitHub compares strings ignoring case.
    case equal = "=="
    /// `!=`: inequality; GitHub compares strings ignoring case.
    case notEqual = "!="
    /// `<`: less than.
    case less = "<"
    /// `<=`: less than or equal.
    case lessOrEqual = "<="
    /// `>`: greater than.
    case greater = ">"
    /// `>=`: greater than or equal.
    case greaterOrEqual = ">="

    /// Binding strength as GitHub documents it: comparisons over `&&` over `||`.
    var precedence: Int {
        switch self {
        case .or: 1
        case .and: 2
        case .equal, .notEqual: 3
        case .less, .lessOrEqual, .greater, .greaterOrEqual: 4
        }
    }
}

extension Expression: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    /// A string literal is an expression string literal, never a context path.
    public init(stringLiteral value: String) { self = .string(value) }
    /// An integer literal.
    public init(integerLiteral value: Int) { self = .number(value) }
    /// A boolean literal.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

// MARK: - Contexts

extension Expression {
    /// `github.<path>`, e.g. `.github("sha")` or `.github("event", "inputs", "environment")`.
    public static func github(_ path: String...) -> Expression { .context(.github, path) }
    /// `env.<name>`.
    public static func env(_ name: String) -> Expression { .context(.env, [name]) }
    /// `vars.<name>`: a configuration variable.
    public static func vars(_ name: String) -> Expression { .context(.vars, [name]) }
    /// `secrets.<name>`.
    public static func secrets(_ name: String) -> Expression { .context(.secrets, [name]) }
    /// `inputs.<name>`: a dispatch or call input.
    public static func inputs(_ name: String) -> Expression { .context(.inputs, [name]) }
    /// `needs.<job>.outputs.<name>`.
    public static func needs(_ job: String, output: String) -> Expression { .context(.needs, [job, "outputs", output]) }
    /// `needs.<job>.result`.
    public static func needsResult(_ job: String) -> Expression { .context(.needs, [job, "result"]) }
    /// `steps.<id>.outputs.<name>`.
    public static func steps(_ id: String, output: String) -> Expression { .context(.steps, [id, "outputs", output]) }
    /// `steps.<id>.outcome`.
    public static func stepOutcome(_ id: String) -> Expression { .context(.steps, [id, "outcome"]) }
    /// `matrix.<name>`.
    public static func matrix(_ name: String) -> Expression { .context(.matrix, [name]) }
    /// `job.<path>`, e.g. `.job("status")`.
    public static func job(_ path: String...) -> Expression { .context(.job, path) }
    /// `runner.<path>`, e.g. `.runner("temp")`.
    public static func runner(_ path: String...) -> Expression { .context(.runner, path) }
    /// `strategy.<path>`, e.g. `.strategy("job-index")`.
    public static func strategy(_ path: String...) -> Expression { .context(.strategy, path) }
    /// `jobs.<job>.outputs.<name>`: what a reusable workflow returns through a `workflow_call` output.
    public static func jobs(_ job: String, output: String) -> Expression { .context(.jobs, [job, "outputs", output]) }
}

// MARK: - Functions

extension Expression {
    /// `success()`.
    public static func success() -> Expression { .call(.success, []) }
    /// `failure()`.
    public static func failure() -> Expression { .call(.failure, []) }
    /// `always()`.
    public static func always() -> Expression { .call(.always, []) }
    /// `cancelled()`.
    public static func cancelled() -> Expression { .call(.cancelled, []) }
    /// `contains(search, item)`.
    public static func contains(_ search: Expression, _ item: Expression) -> Expression { .call(.contains, [search, item]) }
    /// `startsWith(text, prefix)`.
    public static func startsWith(_ text: Expression, _ prefix: Expression) -> Expression { .call(.startsWith, [text, prefix]) }
    /// `endsWith(text, suffix)`.
    public static func endsWith(_ text: Expression, _ suffix: Expression) -> Expression { .call(.endsWith, [text, suffix]) }
    /// `format(template, args…)`.
    public static func format(_ template: Expression, _ arguments: Expression...) -> Expression { .call(.format, [template] + arguments) }
    /// `join(array, separator)`.
    public static func join(_ array: Expression, _ separator: Expression = ",") -> Expression { .call(.join, [array, separator]) }
    /// `toJSON(value)`.
    public static func toJSON(_ value: Expression) -> Expression { .call(.toJSON, [value]) }
    /// `fromJSON(value)`.
    public static func fromJSON(_ value: Expression) -> Expression { .call(.fromJSON, [value]) }
    /// `hashFiles(patterns…)`.
    public static func hashFiles(_ patterns: Expression...) -> Expression { .call(.hashFiles, patterns) }
}

// MARK: - Operators

extension Expression {
    /// `lhs == rhs`. A method, not the operator, because `==` on values of this type means model equality.
    public func equals(_ other: Expression) -> Expression { .binary(.equal, self, other) }
    /// `lhs != rhs`.
    public func notEquals(_ other: Expression) -> Expression { .binary(.notEqual, self, other) }
    /// `lhs < rhs`.
    public func isLess(than other: Expression) -> Expression { .binary(.less, self, other) }
    /// `lhs > rhs`.
    public func isGreater(than other: Expression) -> Expression { .binary(.greater, self, other) }

    /// `lhs && rhs`.
    public static func && (lhs: Expression, rhs: Expression) -> Expression { .binary(.and, lhs, rhs) }
    /// `lhs || rhs`.
    public static func || (lhs: Expression, rhs: Expression) -> Expression { .binary(.or, lhs, rhs) }
    /// `!operand`.
    public static prefix func ! (operand: Expression) -> Expression { .not(operand) }
}

// MARK: - Rendering

extension Expression {
    /// The expression's source text, without the `${{ }}` delimiters.
    public var source: String {
        var out = ByteBuffer(capacity: 128)
        appendSource(to: &out)
        return out.string
    }

    /// The expression wrapped for use in a YAML value: `${{ source }}`.
    public var wrapped: String {
        var out = ByteBuffer(capacity: 128)
        appendWrapped(to: &out)
        return out.string
    }

    /// Appends the source text's UTF-8 bytes. Rendering goes into bytes, which take the many small appends
    /// of a long condition far faster than a `String` does; the YAML writer renders straight into its own
    /// buffer, so most expressions never become a `String` at all.
    func appendSource(to out: inout ByteBuffer) {
        render(into: &out, parentPrecedence: 0, parent: nil)
    }

    /// Appends `${{ source }}`.
    func appendWrapped(to out: inout ByteBuffer) {
        if case .raw(let text) = self {
            out.append("${{")
            out.append(text)
            out.append("}}")
            return
        }
        out.append("${{ ")
        render(into: &out, parentPrecedence: 0, parent: nil)
        out.append(" }}")
    }

    private func render(into out: inout ByteBuffer, parentPrecedence: Int, parent: BinaryOperator? = nil) {
        switch self {
        case .context(let root, let path):
            out.append(root.rawValue)
            for segment in path {
                out.append(UInt8(ascii: "."))
                out.append(segment)
            }
        case .string(let text):
            out.append(UInt8(ascii: "'"))
            // `'` is ASCII and never part of a longer UTF-8 sequence, so bytes are copied as they come.
            for byte in text.utf8 {
                out.append(byte)
                if byte == UInt8(ascii: "'") { out.append(byte) }
            }
            out.append(UInt8(ascii: "'"))
        case .number(let value):
            out.append(String(value))
        case .bool(let value):
            out.append(value ? "true" : "false")
        case .null:
            out.append("null")
        case .call(let function, let arguments):
            out.append(function.rawValue)
            out.append(UInt8(ascii: "("))
            for (index, argument) in arguments.enumerated() {
                if index > 0 { out.append(", ") }
                argument.render(into: &out, parentPrecedence: 0)
            }
            out.append(UInt8(ascii: ")"))
        case .binary(let op, let lhs, let rhs):
            // `&&` inside `||` is grouped although precedence makes it optional: readers should not need the table.
            let needsParentheses = op.precedence < parentPrecedence || (op == .and && parent == .or)
            if needsParentheses { out.append(UInt8(ascii: "(")) }
            // A comparison inside a comparison is always grouped: GitHub reads `a < b == c` left to right with
            // `<` binding tighter, actionlint reads every comparison right-associatively at one level, so only
            // parentheses make both see the same tree.
            let operandPrecedence = op.precedence >= 3 ? 5 : op.precedence
            lhs.render(into: &out, parentPrecedence: operandPrecedence, parent: op)
            out.append(UInt8(ascii: " "))
            out.append(op.rawValue)
            out.append(UInt8(ascii: " "))
            rhs.render(into: &out, parentPrecedence: operandPrecedence, parent: op)
            if needsParentheses { out.append(UInt8(ascii: ")")) }
        case .not(let operand):
            out.append(UInt8(ascii: "!"))
            operand.render(into: &out, parentPrecedence: 5)
        case .raw(let text):
            out.append(text)
        }
    }

    /// Every context reference inside the expression, in order of appearance.
    public var contextReferences: [(root: ContextRoot, path: [String])] {
        switch self {
        case .context(let root, let path): [(root, path)]
        case .string, .number, .bool, .null: []
        case .call(_, let arguments): arguments.flatMap(\.contextReferences)
        case .binary(_, let lhs, let rhs): lhs.contextReferences + rhs.contextReferences
        case .not(let operand): operand.contextReferences
        case .raw(let text): Self.scannedContextReferences(in: text)
        }
    }

    /// The `root.path` words of an expression's text outside its string literals, whose root is a context:
    /// `github.event.pull_request.title` in `${{ github.event.pull_request.title }}`. A `['key']` index or a `*`
    /// ends the path there.
    static func scannedContextReferences(in text: String) -> [(root: ContextRoot, path: [String])] {
        var references: [(root: ContextRoot, path: [String])] = []
        var word = ""
        var inString = false
        func endWord() {
            let parts = word.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            if let first = parts.first, let root = ContextRoot(rawValue: first) {
                let path = Array(parts.dropFirst().prefix { !$0.isEmpty && $0 != "*" })
                references.append((root, path))
            }
            word = ""
        }
        var previous: Character = " "
        for character in text {
            if inString {
                if character == "'" { inString = false }
            } else if character == "'" {
                endWord()
                inString = true
            } else if character.isLetter || character.isNumber || character == "_" || character == "-" || character == "." || character == "*" {
                // A word starts only where an identifier may: not in the middle of a number such as `1.5`.
                if word.isEmpty && (character == "." || character == "-") && !(previous.isLetter) { previous = character; continue }
                word.append(character)
            } else {
                if !word.isEmpty { endWord() }
            }
            previous = character
        }
        if !word.isEmpty { endWord() }
        return references
    }
}
