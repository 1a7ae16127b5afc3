/// What a condition says about when a job runs, decided without a run: the audit asks whether a job can run
/// on an event, and whether a condition keeps its implicit `success() &&`.
extension Expression {
    /// Whether the expression calls `success()`, `failure()`, `always()` or `cancelled()`, which turns off
    /// the implicit `success() &&` of a condition.
    public var callsStatusFunction: Bool {
        switch self {
        case .call(let function, let arguments):
            [.success, .failure, .always, .cancelled].contains(function) || arguments.contains(where: \.callsStatusFunction)
        case .binary(_, let lhs, let rhs): lhs.callsStatusFunction || rhs.callsStatusFunction
        case .not(let operand): operand.callsStatusFunction
        case .context, .string, .number, .bool, .null: false
        case .raw(let text): ["success(", "failure(", "always(", "cancelled("].contains { text.contains($0) }
        }
    }

    /// Whether the condition can hold in a run started by `event`: `false` only when comparisons of
    /// `github.event_name` with literals rule the event out, whatever every other value is.
    /// `github.event_name == 'push' && github.ref == 'refs/heads/main'` cannot hold on `pull_request`;
    /// `github.ref == 'refs/heads/main'` can.
    func mayHold(whenEventIs event: String) -> Bool {
        truth(whenEventIs: event) != false
    }

    /// The condition's value when the event is known and everything else is not: `nil` when it depends on
    /// something else. Comparisons ignore case, as GitHub's do.
    private func truth(whenEventIs event: String) -> Bool? {
        switch self {
        case .bool(let value):
            return value
        case .not(let operand):
            return operand.truth(whenEventIs: event).map { !$0 }
        case .binary(.and, let lhs, let rhs):
            let left = lhs.truth(whenEventIs: event), right = rhs.truth(whenEventIs: event)
            if left == false || right == false { return false }
            return left == true && right == true ? true : nil
        case .binary(.or, let lhs, let rhs):
            let left = lhs.truth(whenEventIs: event), right = rhs.truth(whenEventIs: event)
            if left == true || right == true { return true }
            return left == false && right == false ? false : nil
        case .binary(let comparison, let lhs, let rhs) where comparison == .equal || comparison == .notEqual:
            guard let left = lhs.text(whenEventIs: event), let right = rhs.text(whenEventIs: event) else { return nil }
            return (left == right) == (comparison == .equal)
        case .call(let function, let arguments) where arguments.count == 2 && [.contains, .startsWith, .endsWith].contains(function):
            guard let text = arguments[0].text(whenEventIs: event), let part = arguments[1].text(whenEventIs: event) else { return nil }
            switch function {
            case .startsWith: return text.hasPrefix(part)
            case .endsWith: return text.hasSuffix(part)
            default: return text.contains(part)
            }
        case .raw(let text):
            return Self.rawTruth(text, whenEventIs: event)
        default:
            return nil
        }
    }

    /// A condition kept as written (a workflow read from a file), decided as the typed cases are: `||`, `&&`,
    /// `!`, parentheses, and comparisons of `github.event_name` with a literal; anything else is unknown.
    private static func rawTruth(_ text: String, whenEventIs event: String) -> Bool? {
        var body = Substring(text).trimmingWhitespace
        if body.hasPrefix("${{"), body.hasSuffix("}}") { body = body.dropFirst(3).dropLast(2) }
        return truth(of: body.trimmingWhitespace, whenEventIs: event.lowercased())
    }

    private static func truth(of text: Substring, whenEventIs event: String) -> Bool? {
        let text = text.trimmingWhitespace
        for symbol in ["||", "&&"] {
            let operands = split(text, on: symbol)
            guard operands.count > 1 else { continue }
            let values = operands.map { truth(of: $0, whenEventIs: event) }
            if symbol == "||" {
                if values.contains(true) { return true }
                return values.allSatisfy { $0 == false } ? false : nil
            }
            if values.contains(false) { return false }
            return values.allSatisfy { $0 == true } ? true : nil
        }
        if text.hasPrefix("!"), !text.hasPrefix("!=") { return truth(of: text.dropFirst(), whenEventIs: event).map { !$0 } }
        if text.hasPrefix("("), text.hasSuffix(")"), split(text.dropFirst().dropLast(), on: ")(").count == 1,
           balanced(text.dropFirst().dropLast()) {
            return truth(of: text.dropFirst().dropLast(), whenEventIs: event)
        }
        for (symbol, equal) in [("==", true), ("!=", false)] {
            guard let range = text.firstRange(of: symbol) else { continue }
            let left = text[..<range.lowerBound].trimmingWhitespace, right = text[range.upperBound...].trimmingWhitespace
            guard left.lowercased() == "github.event_name", right.count >= 2, right.first == "'", right.last == "'",
                  !right.dropFirst().dropLast().contains("'") else { return nil }
            return (right.dropFirst().dropLast().lowercased() == event) == equal
        }
        return nil
    }

    /// The operands of `symbol` outside parentheses and quotes.
    ///
    /// Read byte by byte: the symbols, quotes and parentheses are all ASCII, so each match is on a character
    /// boundary, and walking characters instead made this the audit's costliest step on long conditions.
    private static func split(_ text: Substring, on symbol: String) -> [Substring] {
        let bytes = text.utf8, symbolBytes = Array(symbol.utf8)
        var operands: [Substring] = [], depth = 0, quoted = false, start = bytes.startIndex, index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "'") { quoted.toggle() }
            if !quoted {
                if byte == UInt8(ascii: "(") { depth += 1 } else if byte == UInt8(ascii: ")") { depth -= 1 }
                if depth == 0, byte == symbolBytes[0], bytes[index...].starts(with: symbolBytes) {
                    operands.append(text[start..<index])
                    index = bytes.index(index, offsetBy: symbolBytes.count)
                    start = index
                    continue
                }
            }
            index = bytes.index(after: index)
        }
        operands.append(text[start...])
        return operands
    }

    /// Whether every parenthesis outside quotes closes one opened before it.
    private static func balanced(_ text: Substring) -> Bool {
        var depth = 0, quoted = false
        for byte in text.utf8 {
            if byte == UInt8(ascii: "'") { quoted.toggle() }
            if quoted { continue }
            if byte == UInt8(ascii: "(") { depth += 1 } else if byte == UInt8(ascii: ")") { depth -= 1 }
            if depth < 0 { return false }
        }
        return depth == 0
    }

    /// The lowercased text of a string literal or of `github.event_name`; `nil` for anything else.
    private func text(whenEventIs event: String) -> String? {
        switch self {
        case .string(let text): text.lowercased()
        case .context(.github, let path) where path == ["event_name"]: event.lowercased()
        default: nil
        }
    }
}

extension Substring {
    /// The text without leading and trailing spaces, tabs and line breaks.
    fileprivate var trimmingWhitespace: Substring {
        var text = self
        while let first = text.first, first == " " || first == "\t" || first == "\n" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" || last == "\n" { text = text.dropLast() }
        return text
    }
}
