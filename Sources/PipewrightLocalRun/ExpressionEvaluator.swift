import Pipewright
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How the job is doing when a condition is evaluated: what `success()`, `failure()` and `cancelled()` read.
public enum ExecutionStatus: String, Sendable, Hashable {
    case success, failure, cancelled
    /// A job whose needed job was skipped: neither `success()` nor `failure()` holds.
    case skipped
}

/// The contexts an expression reads (`github`, `env`, `vars`, `needs`, `steps` …) and the job's status.
///
/// ```swift
/// let context = ExpressionContext(contexts: [.github: ["ref": "refs/heads/main"], .vars: .strings(["A": "1"])])
/// ```
public struct ExpressionContext: Sendable, Hashable {
    /// The value of each context root; a root that is absent reads as `null`.
    public var contexts: [ContextRoot: ExpressionValue]
    /// What the status functions see.
    public var status: ExecutionStatus
    /// The folder `hashFiles` resolves patterns in, normally `GITHUB_WORKSPACE`.
    public var workspace: String?

    /// Creates a context.
    public init(contexts: [ContextRoot: ExpressionValue] = [:], status: ExecutionStatus = .success, workspace: String? = nil) {
        self.contexts = contexts
        self.status = status
        self.workspace = workspace
    }

    /// The value of a context root.
    public subscript(root: ContextRoot) -> ExpressionValue {
        get { contexts[root] ?? .null }
        set { contexts[root] = newValue }
    }
}

/// Evaluates typed ``Pipewright.Expression`` values the way GitHub Actions does: loose equality with numeric coercion,
/// case-insensitive string comparison, `&&`/`||` returning an operand, and GitHub's functions.
///
/// ```swift
/// let evaluator = ExpressionEvaluator(context: ExpressionContext(contexts: [.inputs: ["suffix": ""]]))
/// try evaluator.evaluate(.inputs("suffix") || "main")   // .string("main")
/// ```
public struct ExpressionEvaluator: Sendable {
    /// What the expressions read.
    public var context: ExpressionContext

    /// Creates an evaluator over a context.
    public init(context: ExpressionContext) { self.context = context }

    /// The value of an expression.
    public func evaluate(_ expression: Pipewright.Expression) throws(ExpressionError) -> ExpressionValue {
        switch expression {
        case .context(let root, let path):
            return Self.lookup(context[root], path: path)
        case .string(let text): return .string(text)
        case .number(let value): return .number(Double(value))
        case .bool(let value): return .bool(value)
        case .null: return .null
        case .not(let operand): return .bool(!(try evaluate(operand).isTruthy))
        case .raw(let text): throw .unparsed(text)
        case .binary(let op, let lhs, let rhs):
            let left = try evaluate(lhs)
            switch op {
            case .and: return left.isTruthy ? try evaluate(rhs) : left
            case .or: return left.isTruthy ? left : try evaluate(rhs)
            default: break
            }
            let right = try evaluate(rhs)
            switch op {
            case .equal: return .bool(Self.looselyEqual(left, right))
            case .notEqual: return .bool(!Self.looselyEqual(left, right))
            case .less: return .bool(Self.compare(left, right).map { $0 < 0 } ?? false)
            case .lessOrEqual: return .bool(Self.compare(left, right).map { $0 <= 0 } ?? false)
            case .greater: return .bool(Self.compare(left, right).map { $0 > 0 } ?? false)
            case .greaterOrEqual: return .bool(Self.compare(left, right).map { $0 >= 0 } ?? false)
            case .and, .or: preconditionFailure("handled above")
            }
        case .call(let function, let arguments):
            return try call(function, arguments)
        }
    }

    /// A step's or job's `if:`: GitHub adds an implicit `success() &&` unless the condition calls a status
    /// function itself; no condition means `success()`.
    public func evaluateCondition(_ condition: Pipewright.Expression?) throws(ExpressionError) -> Bool {
        guard let condition else { return context.status == .success }
        if !condition.callsStatusFunction && context.status != .success { return false }
        return try evaluate(condition).isTruthy
    }

    /// Text with its `${{ }}` segments replaced by their values as text.
    public func evaluate(_ text: WorkflowText) throws(ExpressionError) -> String {
        var out = ""
        for segment in text.segments {
            switch segment {
            case .literal(let literal): out += literal
            case .expression(let expression): out += try evaluate(expression).text
            }
        }
        return out
    }

    /// An `env:` or `with:` value as the text a process or action receives.
    public func evaluate(_ value: WorkflowValue) throws(ExpressionError) -> String {
        switch value {
        case .text(let text): try evaluate(text)
        case .bool(let flag): flag ? "true" : "false"
        case .int(let number): String(number)
        }
    }

    // MARK: - Semantics

    static func lookup(_ root: ExpressionValue, path: [String]) -> ExpressionValue {
        var value = root
        for segment in path {
            if segment == "*" {
                switch value {
                case .object(let members): value = .array(members.keys.sorted().map { members[$0]! })
                case .array: break
                default: value = .null
                }
            } else if case .array(let elements) = value {
                // `a.*.b` maps the rest of the path over the elements; an index selects one.
                if let index = Int(segment) {
                    value = elements.indices.contains(index) ? elements[index] : .null
                } else {
                    value = .array(elements.map { $0[member: segment] })
                }
            } else {
                value = value[member: segment]
            }
        }
        return value
    }

    /// GitHub's `==`: same-type values compare directly (strings ignoring case); mixed types compare as numbers.
    public static func looselyEqual(_ lhs: ExpressionValue, _ rhs: ExpressionValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return compareIgnoringCase(a, b) == 0
        case (.array, .array), (.object, .object):
            // GitHub compares arrays and objects by identity; values built apart are never equal.
            return false
        default:
            let a = lhs.number, b = rhs.number
            return !a.isNaN && !b.isNaN && a == b
        }
    }

    /// GitHub's ordering: strings compare ignoring case, everything else as numbers; `nil` when not comparable.
    static func compare(_ lhs: ExpressionValue, _ rhs: ExpressionValue) -> Int? {
        if case .string(let a) = lhs, case .string(let b) = rhs { return compareIgnoringCase(a, b) }
        let a = lhs.number, b = rhs.number
        if a.isNaN || b.isNaN { return nil }
        return a < b ? -1 : (a == b ? 0 : 1)
    }

    /// -1, 0 or 1 as `a` sorts before, with or after `b` ignoring case. ASCII text compares byte by byte
    /// with `A`-`Z` folded to `a`-`z`; other text compares after upper- then lower-casing, so `ß` equals `SS`.
    static func compareIgnoringCase(_ a: String, _ b: String) -> Int {
        let isASCII = a.utf8.allSatisfy { $0 < 0x80 } && b.utf8.allSatisfy { $0 < 0x80 }
        guard isASCII else {
            let foldedA = a.uppercased().lowercased(), foldedB = b.uppercased().lowercased()
            return foldedA == foldedB ? 0 : (foldedA < foldedB ? -1 : 1)
        }
        func fold(_ byte: UInt8) -> UInt8 { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte }
        var left = a.utf8.makeIterator(), right = b.utf8.makeIterator()
        while true {
            switch (left.next().map(fold), right.next().map(fold)) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (let x?, let y?) where x != y: return x < y ? -1 : 1
            default: continue
            }
        }
    }

    private func call(_ function: ExpressionFunction, _ arguments: [Pipewright.Expression]) throws(ExpressionError) -> ExpressionValue {
        func arity(_ range: ClosedRange<Int>, _ expected: String) throws(ExpressionError) {
            guard range.contains(arguments.count) else {
                throw .arity(function: function.rawValue, expected: expected, got: arguments.count)
            }
        }
        var values: [ExpressionValue] = []
        for argument in arguments { values.append(try evaluate(argument)) }
        switch function {
        case .success:
            try arity(0...0, "no")
            return .bool(context.status == .success)
        case .failure:
            try arity(0...0, "no")
            return .bool(context.status == .failure)
        case .always:
            try arity(0...0, "no")
            return .bool(true)
        case .cancelled:
            try arity(0...0, "no")
            return .bool(context.status == .cancelled)
        case .contains:
            try arity(2...2, "2")
            if case .array(let elements) = values[0] {
                return .bool(elements.contains { Self.looselyEqual($0, values[1]) })
            }
            // An empty search text is never found, as the runner has always answered.
            let item = values[1].text.lowercased()
            return .bool(!item.isEmpty && values[0].text.lowercased().contains(item))
        case .startsWith:
            try arity(2...2, "2")
            return .bool(values[0].text.lowercased().hasPrefix(values[1].text.lowercased()))
        case .endsWith:
            try arity(2...2, "2")
            return .bool(values[0].text.lowercased().hasSuffix(values[1].text.lowercased()))
        case .format:
            try arity(1...Int.max, "1 or more")
            return .string(try Self.format(values[0].text, values.dropFirst().map(\.text)))
        case .join:
            try arity(1...2, "1 or 2")
            let separator = values.count > 1 ? values[1].text : ","
            if case .array(let elements) = values[0] { return .string(elements.map(\.text).joined(separator: separator)) }
            return .string(values[0].text)
        case .toJSON:
            try arity(1...1, "1")
            return .string(values[0].json)
        case .fromJSON:
            try arity(1...1, "1")
            return try ExpressionValue.parseJSON(values[0].text)
        case .hashFiles:
            try arity(1...Int.max, "1 or more")
            return .string(HashFiles.hash(patterns: values.map(\.text), in: context.workspace))
        }
    }

    /// `format('{0} and {1}', a, b)`, with `{{` and `}}` for literal braces.
    static func format(_ template: String, _ arguments: [String]) throws(ExpressionError) -> String {
        var out = ""
        var characters = Array(template)[...]
        while let character = characters.popFirst() {
            if character == "{" {
                if characters.first == "{" { characters.removeFirst(); out.append("{"); continue }
                guard let close = characters.firstIndex(of: "}"), let index = Int(String(characters[..<close])),
                      arguments.indices.contains(index)
                else { throw .invalidFormat(template) }
                out += arguments[index]
                characters = characters[characters.index(after: close)...]
            } else if character == "}" {
                guard characters.first == "}" else { throw .invalidFormat(template) }
                characters.removeFirst()
                out.append("}")
            } else {
                out.append(character)
            }
        }
        return out
    }
}

/// A minimal `hashFiles`: SHA-256 over the SHA-256 of each matching file, in path order; `''` when none match.
/// Patterns are matched with `fnmatch` against paths relative to the workspace (`*` also crosses `/`).
enum HashFiles {
    static func hash(patterns: [String], in workspace: String?) -> String {
        guard let workspace else { return "" }
        var matches: [String] = []
        for relative in FilePaths.subpaths(of: workspace) {
            let full = workspace + "/" + relative
            guard FilePaths.isFolder(full) == false else { continue }
            let included = patterns.filter { !$0.hasPrefix("!") }.contains { fnmatch($0.replacing("**/", with: "*"), relative, 0) == 0 || fnmatch($0, relative, 0) == 0 }
            let excluded = patterns.filter { $0.hasPrefix("!") }.contains { fnmatch(String($0.dropFirst()), relative, 0) == 0 }
            if included && !excluded { matches.append(full) }
        }
        guard !matches.isEmpty else { return "" }
        var digests = ""
        for path in matches.sorted() {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            digests += SHA256.hex([UInt8](data))
        }
        return SHA256.hex(digests)
    }
}
