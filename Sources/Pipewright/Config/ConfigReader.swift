/// Reads typed values out of a ``JSONValue`` tree, collecting a ``ConfigIssue`` for every mismatch
/// instead of stopping at the first.
///
/// Objects are walked member by member in document order, so problems come out in the order they appear
/// in the file; missing keys are reported after the members of their object.
struct ConfigReader {
    private(set) var issues: [ConfigIssue] = []

    mutating func report(_ issue: ConfigIssue) { issues.append(issue) }

    mutating func report(_ path: JSONPath, _ message: String) {
        issues.append(.invalid(ValidationError(path: path.rendered, message: message)))
    }

    mutating func wrongType(_ value: JSONValue, at path: JSONPath, expected: String) {
        issues.append(.wrongType(path: path.rendered, value: value.excerpt, found: value.kindDescription, expected: expected))
    }

    mutating func unknownKey(_ key: String, at path: JSONPath, allowed: [String]) {
        issues.append(.unknownKey(path: path.rendered, key: key, allowed: allowed))
    }

    /// The members of an object, or `nil` after reporting that the value is not one.
    mutating func members(_ value: JSONValue, at path: JSONPath, expected: String = "an object") -> [JSONMember]? {
        guard case .object(let members) = value else {
            wrongType(value, at: path, expected: expected)
            return nil
        }
        return members
    }

    /// Reports each of `keys` absent from `members`; `true` when all are there.
    mutating func require(_ keys: [String], in members: [JSONMember], at path: JSONPath) -> Bool {
        var complete = true
        for key in keys where !members.contains(where: { $0.key == key }) {
            issues.append(.missingKey(path: path.rendered, key: key))
            complete = false
        }
        return complete
    }

    mutating func string(_ value: JSONValue, at path: JSONPath) -> String? {
        guard case .string(let text) = value else {
            wrongType(value, at: path, expected: "a string")
            return nil
        }
        return text
    }

    mutating func bool(_ value: JSONValue, at path: JSONPath) -> Bool? {
        guard case .bool(let flag) = value else {
            wrongType(value, at: path, expected: "true or false")
            return nil
        }
        return flag
    }

    mutating func int(_ value: JSONValue, at path: JSONPath) -> Int? {
        guard case .number(let text) = value, let number = Int(text) else {
            wrongType(value, at: path, expected: "an integer")
            return nil
        }
        return number
    }

    /// A string from a fixed set.
    mutating func oneOf(_ value: JSONValue, at path: JSONPath, _ allowed: [String]) -> String? {
        guard case .string(let text) = value else {
            wrongType(value, at: path, expected: "one of " + allowed.joined(separator: ", "))
            return nil
        }
        guard allowed.contains(text) else {
            issues.append(.notOneOf(path: path.rendered, value: value.excerpt, allowed: allowed))
            return nil
        }
        return text
    }

    /// An array whose elements are each read by `element`; `nil` if the array or any element is bad.
    mutating func array<Element>(
        _ value: JSONValue, at path: JSONPath, expected: String, _ element: (inout ConfigReader, JSONValue, JSONPath) -> Element?
    ) -> [Element]? {
        guard case .array(let values) = value else {
            wrongType(value, at: path, expected: expected)
            return nil
        }
        var result: [Element] = []
        result.reserveCapacity(values.count)
        var complete = true
        for (position, item) in values.enumerated() {
            if let decoded = element(&self, item, path.index(position)) { result.append(decoded) } else { complete = false }
        }
        return complete ? result : nil
    }

    /// ``array(_:at:expected:_:)`` for many elements that are read on their own: they are read in chunks on
    /// all cores, each chunk by a reader of its own, and the issues are reported in document order.
    mutating func parallelArray<Element: Sendable>(
        _ value: JSONValue, at path: JSONPath, expected: String, _ element: @Sendable (inout ConfigReader, JSONValue, JSONPath) -> Element?
    ) -> [Element]? {
        guard case .array(let values) = value else {
            wrongType(value, at: path, expected: expected)
            return nil
        }
        let chunks = ParallelChunks.map(count: values.count) { range in
            var reader = ConfigReader()
            var result: [Element] = []
            result.reserveCapacity(range.count)
            var complete = true
            for position in range {
                if let decoded = element(&reader, values[position], path.index(position)) { result.append(decoded) } else { complete = false }
            }
            return (result, complete, reader.issues)
        }
        var result: [Element] = []
        result.reserveCapacity(values.count)
        var complete = true
        for (elements, chunkComplete, chunkIssues) in chunks {
            result += elements
            complete = complete && chunkComplete
            issues += chunkIssues
        }
        return complete ? result : nil
    }

    /// An object whose every member is read by `member`, keeping document order.
    mutating func entries<Element>(
        _ value: JSONValue, at path: JSONPath, expected: String, _ member: (inout ConfigReader, String, JSONValue, JSONPath) -> Element?
    ) -> [Element]? {
        guard let members = members(value, at: path, expected: expected) else { return nil }
        var result: [Element] = []
        result.reserveCapacity(members.count)
        var complete = true
        for item in members {
            if let decoded = member(&self, item.key, item.value, path.key(item.key)) { result.append(decoded) } else { complete = false }
        }
        return complete ? result : nil
    }
}
