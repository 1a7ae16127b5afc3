extension Cron {
    /// A field of a cron expression, with its range and names.
    ///
    /// The bounds are kept apart rather than as a `ClosedRange<Int>`: a stored array of ranges had the runtime
    /// search every conformance in the binary for `Int: Comparable` on every `generate`.
    private struct Field {
        let name: String
        let lower: Int
        let upper: Int
        let names: [String]

        var range: ClosedRange<Int> { lower...upper }
    }

    /// The fields of a cron expression, in order.
    private static let fields: [Field] = [
        Field(name: "minute", lower: 0, upper: 59, names: []),
        Field(name: "hour", lower: 0, upper: 23, names: []),
        Field(name: "day-of-month", lower: 1, upper: 31, names: []),
        Field(name: "month", lower: 1, upper: 12, names: ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]),
        Field(name: "day-of-week", lower: 0, upper: 6, names: ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]),
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
