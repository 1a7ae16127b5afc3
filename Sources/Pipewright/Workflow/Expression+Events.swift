/// What a condition says about when a job runs, decided without a run: the audit asks whether a job can run
/// on an event, and the local runner whether a condition keeps its implicit `success() &&`.
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
        default:
            return nil
        }
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
