/// The shapes the workflow decoder accepts, each exactly as the encoder writes it back.
///
/// Every accessor answers `nil` for a node the model would not write back as the same YAML data, so the
/// decoder leaves that key in the escape hatch instead of changing it.
extension YAMLSourceNode {
    /// The string, as ``yamlNode`` has it: a string scalar, or a float's text.
    var stringValue: String? {
        if case .string(let text)? = scalar?.yamlNode { text } else { nil }
    }

    /// The integer of a plain integer scalar.
    var intValue: Int? {
        if case .int(let number)? = scalar?.yamlNode { number } else { nil }
    }

    /// The boolean of a plain `true` or `false`.
    var boolValue: Bool? {
        if case .bool(let flag)? = scalar?.yamlNode { flag } else { nil }
    }

    /// Whether the node is null: `~`, `null` or nothing.
    var isNull: Bool {
        if case .null? = scalar?.yamlNode { true } else { false }
    }

    /// The string, with every `${{ }}` as an expression segment.
    var workflowText: WorkflowText? { stringValue.map(WorkflowText.reading) }

    /// A text, a boolean or an integer.
    var workflowValue: WorkflowValue? {
        switch scalar?.yamlNode {
        case .string(let text)?: .text(WorkflowText.reading(text))
        case .int(let number)?: .int(number)
        case .bool(let flag)?: .bool(flag)
        default: nil
        }
    }

    /// A non-empty mapping whose every value is a ``WorkflowValue``; the encoder leaves an empty one out.
    var values: Mapping<WorkflowValue>? { nonEmptyMapping(\.workflowValue) }

    /// A non-empty mapping whose every value is text.
    var texts: Mapping<WorkflowText>? { nonEmptyMapping(\.workflowText) }

    /// A mapping, even an empty one, whose every value converts.
    func mapping<Value>(_ convert: (YAMLSourceNode) -> Value?) -> Mapping<Value>? {
        guard let pairs = mapping else { return nil }
        var entries: [(String, Value)] = []
        for pair in pairs {
            guard let value = convert(pair.value) else { return nil }
            entries.append((pair.keyText, value))
        }
        return Mapping(ordered: entries)
    }

    /// A non-empty mapping whose every value converts.
    func nonEmptyMapping<Value>(_ convert: (YAMLSourceNode) -> Value?) -> Mapping<Value>? {
        guard let result = mapping(convert), !result.isEmpty else { return nil }
        return result
    }

    /// A sequence of strings; `nonEmpty` for a list the encoder leaves out when empty.
    func strings(nonEmpty: Bool = true) -> [String]? {
        guard let items = sequence, !(nonEmpty && items.isEmpty) else { return nil }
        let strings = items.compactMap(\.stringValue)
        return strings.count == items.count ? strings : nil
    }

    /// A mapping's pairs whose keys are all in `keys`: a node the model holds whole, having no escape hatch.
    func pairs(within keys: Set<String>) -> [YAMLSourcePair]? {
        guard let pairs = mapping, pairs.allSatisfy({ keys.contains($0.keyText) }) else { return nil }
        return pairs
    }
}

extension YAMLSourcePair {
    /// The key's text.
    var keyText: String { key.scalar?.text ?? "" }

    /// The pair as an escape-hatch entry, with its comments.
    var entry: YAMLEntry {
        YAMLEntry(keyText, value.yamlNode, comment: trailingComment, leadingComments: leadingComments)
    }
}

extension WorkflowText {
    /// Text as a workflow file writes it: every `${{ … }}` becomes an expression kept as written
    /// (``Expression/raw(_:)``), the rest literal. An opener without its `}}` stays literal text, which the
    /// audit reports. A `}}` inside a single-quoted expression string does not close the expression.
    static func reading(_ text: String) -> WorkflowText {
        guard text.containsExpressionOpener else { return WorkflowText(text) }
        let bytes = Array(text.utf8)
        var segments: [Segment] = []
        var literalStart = 0
        var index = 0
        while index + 2 < bytes.count {
            guard bytes[index] == UInt8(ascii: "$"), bytes[index + 1] == UInt8(ascii: "{"), bytes[index + 2] == UInt8(ascii: "{") else {
                index += 1
                continue
            }
            var end = index + 3
            var inString = false
            var closed: Int?
            while end + 1 < bytes.count {
                if bytes[end] == UInt8(ascii: "'") { inString.toggle() }
                if !inString, bytes[end] == UInt8(ascii: "}"), bytes[end + 1] == UInt8(ascii: "}") {
                    closed = end
                    break
                }
                end += 1
            }
            guard let close = closed else { break }
            if literalStart < index { segments.append(.literal(String(decoding: bytes[literalStart..<index], as: UTF8.self))) }
            segments.append(.expression(.raw(String(decoding: bytes[(index + 3)..<close], as: UTF8.self))))
            index = close + 2
            literalStart = index
        }
        if literalStart < bytes.count { segments.append(.literal(String(decoding: bytes[literalStart...], as: UTF8.self))) }
        return WorkflowText(segments: segments)
    }
}
