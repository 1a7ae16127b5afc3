extension Cron {
    /// The fields of a cron expression, with their ranges and names.
    private static let fields: [(name: String, range: ClosedRange<Int>, names: [String])] = [
        ("minute", 0...59, []),
        ("hour", 0...23, []),
        ("day-of-month", 1...31, []),
        ("month", 1...12, ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]),
        ("day-of-week", 0...6, ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]),
    ]

    /// Why the expression is not a valid five-field cron, or `nil` when it is.
    public var problem: String? {
        if expression.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" }) {
            return "\(expression.debugDescription) separates fields with a tab or line break; expected fields separated by spaces"
        }
        let parts = expression.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 5 else {
            return "\"\(expression)\" has \(parts.count) field\(parts.count == 1 ? "" : "s"); expected 5: minute hour day-of-month month day-of-week"
        }
        for (part, field) in zip(parts, Self.fields) {
            if !Self.isValid(String(part), range: field.range, names: field.names) {
                let namesNote = field.names.isEmpty ? "" : " or \(field.names.first!)-\(field.names.last!)"
                return "\"\(expression)\" has an invalid \(field.name) field \"\(part)\"; expected *, a number in \(field.range.lowerBound)-\(field.range.upperBound)\(namesNote), a range a-b, a step */n, or a comma list"
            }
        }
        return nil
    }

    private static func isValid(_ field: String, range: ClosedRange<Int>, names: [String]) -> Bool {
        field.split(separator: ",", omittingEmptySubsequences: false).allSatisfy { item in
            let stepParts = item.split(separator: "/", omittingEmptySubsequences: false)
            guard stepParts.count <= 2 else { return false }
            if stepParts.count == 2 {
                guard let step = Int(stepParts[1]), step >= 1, step <= range.upperBound + 1 else { return false }
            }
            let base = stepParts[0]
            if base == "*" { return true }
            let bounds = base.split(separator: "-", omittingEmptySubsequences: false)
            guard bounds.count <= 2, let low = value(bounds[0], range: range, names: names) else { return false }
            if bounds.count == 2 {
                guard let high = value(bounds[1], range: range, names: names), low <= high else { return false }
            }
            return true
        }
    }

    private static func value(_ text: Substring, range: ClosedRange<Int>, names: [String]) -> Int? {
        if let index = names.firstIndex(of: text.lowercased()) { return range.lowerBound + index }
        guard !text.isEmpty, text.utf8.allSatisfy({ (48...57).contains($0) }), let number = Int(text), range.contains(number) else { return nil }
        return number
    }
}
