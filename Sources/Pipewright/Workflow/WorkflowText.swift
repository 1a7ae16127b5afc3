/// Text in a workflow value that may interpolate typed expressions.
///
/// Plain segments are literal; only ``Expression`` segments render as `${{ }}`. Validation rejects
/// a literal segment that contains `${{`, so an expression can never be smuggled in as plain text.
///
/// ```swift
/// let session: WorkflowText = "deploy-\(.github("run_id"))"
/// // renders: deploy-${{ github.run_id }}
/// ```
public struct WorkflowText: Sendable, Hashable, ExpressibleByStringInterpolation {
    /// One piece of the text.
    public enum Segment: Sendable, Hashable {
        /// Text written as it is.
        case literal(String)
        /// An expression, written as `${{ source }}`.
        case expression(Expression)
    }

    /// The pieces, in order.
    public let segments: [Segment]

    /// Text of segments that are already merged: no empty literal, no two literals in a row.
    fileprivate init(merged segments: [Segment]) {
        self.segments = segments
    }

    /// Text made of the given segments; adjacent literals are merged.
    public init(segments: [Segment]) {
        // Most texts are one literal or one expression: those are kept as given, without a new array.
        if segments.count == 1 {
            if case .literal("") = segments[0] { self.segments = [] } else { self.segments = segments }
            return
        }
        // A run of literals is gathered in one string and stored once: replacing the last segment with
        // `previous + next` copied the run again for every piece.
        var merged: [Segment] = []
        merged.reserveCapacity(segments.count)
        var literal = ""
        for segment in segments {
            switch segment {
            case .literal(let text):
                literal += text
            case .expression:
                if !literal.isEmpty { merged.append(.literal(literal)) }
                literal = ""
                merged.append(segment)
            }
        }
        if !literal.isEmpty { merged.append(.literal(literal)) }
        self.segments = merged
    }

    /// Literal text.
    public init(_ literal: String) { self.init(segments: [.literal(literal)]) }

    /// Text that is exactly one expression.
    public init(_ expression: Expression) { self.init(segments: [.expression(expression)]) }

    /// A string literal is literal text.
    public init(stringLiteral value: String) { self.init(value) }

    /// Interpolation: `\(expression)` becomes `${{ expression }}`, `\(string)` stays literal.
    public init(stringInterpolation: Interpolation) { self.init(segments: stringInterpolation.segments) }

    /// Collects literal and expression pieces from a string interpolation.
    public struct Interpolation: StringInterpolationProtocol {
        var segments: [Segment] = []
        /// Reserves nothing; segments are few.
        public init(literalCapacity: Int, interpolationCount: Int) {}
        /// Appends literal text.
        public mutating func appendLiteral(_ literal: String) { segments.append(.literal(literal)) }
        /// Appends an expression.
        public mutating func appendInterpolation(_ expression: Expression) { segments.append(.expression(expression)) }
        /// Appends literal text from a string value.
        public mutating func appendInterpolation(_ literal: String) { segments.append(.literal(literal)) }
        /// Appends a number as literal text.
        public mutating func appendInterpolation(_ number: Int) { segments.append(.literal(String(number))) }
    }

    /// The rendered text, with each expression as `${{ source }}`.
    public var rendered: String {
        // Plain text is returned as it is, sharing its storage: every deploy job repeats the same scripts.
        if let literalValue { return literalValue }
        var out = ByteBuffer(capacity: 128)
        render(into: &out)
        return out.string
    }

    /// Appends the rendered text's UTF-8 bytes.
    func render(into out: inout ByteBuffer) {
        for segment in segments {
            switch segment {
            case .literal(let text): out.append(text)
            case .expression(let expression): expression.appendWrapped(to: &out)
            }
        }
    }

    /// The expressions the text interpolates.
    public var expressions: [Expression] {
        segments.compactMap { if case .expression(let e) = $0 { e } else { nil } }
    }

    /// Whether any literal segment contains `${{`, which validation rejects.
    var hasSmuggledExpression: Bool {
        segments.contains { if case .literal(let text) = $0 { text.containsExpressionOpener } else { false } }
    }

    /// The text when it has no expressions.
    public var literalValue: String? {
        if segments.isEmpty { return "" }
        if segments.count == 1, case .literal(let text) = segments[0] { return text }
        return nil
    }
}

/// Builds text from many small literal pieces and a few expressions, such as a JSON document with
/// interpolated values: each run of literal pieces is written into one buffer and becomes one string.
///
/// Joining the pieces with `+` or `+=` grew and copied a string per piece, some 300 instructions each,
/// and lowering builds such a document for every environment.
struct WorkflowTextBuilder {
    private var segments: [WorkflowText.Segment] = []
    private var run = ByteBuffer(capacity: 256)

    /// Appends literal text.
    mutating func append(_ literal: String) {
        run.append(literal)
    }

    /// Appends a segment: literal text, or an expression.
    mutating func append(_ segment: WorkflowText.Segment) {
        switch segment {
        case .literal(let text):
            run.append(text)
        case .expression:
            endRun()
            segments.append(segment)
        }
    }

    /// The text built; its literal runs are merged already.
    consuming func build() -> WorkflowText {
        endRun()
        return WorkflowText(merged: segments)
    }

    /// Ends a run of literal text; the string is a copy, so the buffer is kept for the next run.
    private mutating func endRun() {
        guard run.count > 0 else { return }
        segments.append(.literal(run.string))
        run.truncate(to: 0)
    }
}

/// A scalar value of `env:`, `with:` or an input default: text, a boolean or a number.
public enum WorkflowValue: Sendable, Hashable, ExpressibleByStringInterpolation, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral {
    /// Text, which may interpolate expressions; quoted where YAML would read it as another type.
    case text(WorkflowText)
    /// `true` or `false`, written unquoted.
    case bool(Bool)
    /// A whole number, written unquoted.
    case int(Int)

    /// A string literal is literal text.
    public init(stringLiteral value: String) { self = .text(WorkflowText(value)) }
    /// Interpolated text.
    public init(stringInterpolation: WorkflowText.Interpolation) { self = .text(WorkflowText(stringInterpolation: stringInterpolation)) }
    /// A boolean.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// A number.
    public init(integerLiteral value: Int) { self = .int(value) }

    /// A value that is exactly one expression.
    public static func expression(_ expression: Expression) -> WorkflowValue { .text(WorkflowText(expression)) }

    /// The text, when the value is text.
    public var text: WorkflowText? { if case .text(let t) = self { t } else { nil } }
}

/// An ordered mapping from string keys to values.
///
/// A dictionary literal keeps its written order; a `Dictionary` is sorted by key, so output never
/// depends on hashing.
public struct Mapping<Value: Sendable>: Sendable, ExpressibleByDictionaryLiteral, Sequence {
    /// The entries, in order.
    public var entries: [(key: String, value: Value)] { storage }
    // Tuples, and `Hashable` only where the values are: a type whose generic parameter must be `Hashable`
    // has the runtime search every conformance in the binary for that parameter's `Hashable`, once per kind
    // of value, on every run that makes one.
    private var storage: [(key: String, value: Value)]

    /// An empty mapping.
    public init() { storage = [] }

    /// A mapping in the written order.
    public init(dictionaryLiteral elements: (String, Value)...) {
        storage = elements.map { (key: $0.0, value: $0.1) }
    }

    /// A mapping in the given order.
    public init(ordered elements: [(String, Value)]) {
        storage = elements.map { (key: $0.0, value: $0.1) }
    }

    /// A mapping from a dictionary, sorted by key.
    public init(_ dictionary: [String: Value]) {
        storage = dictionary.keys.sorted().map { (key: $0, value: dictionary[$0]!) }
    }

    /// Whether there are no entries.
    public var isEmpty: Bool { storage.isEmpty }
    /// The number of entries.
    public var count: Int { storage.count }
    /// The keys, in order.
    public var keys: [String] { storage.map { $0.key } }

    /// The value for a key; setting appends a new key or replaces in place.
    public subscript(key: String) -> Value? {
        get { storage.first { $0.key == key }?.value }
        set {
            if let index = storage.firstIndex(where: { $0.key == key }) {
                if let newValue { storage[index].value = newValue } else { storage.remove(at: index) }
            } else if let newValue {
                storage.append((key: key, value: newValue))
            }
        }
    }

    /// Iterates the entries in order.
    public func makeIterator() -> Iterator { Iterator(storage: storage) }

    /// The number of entries, so `map` allocates its result once.
    public var underestimatedCount: Int { storage.count }

    /// Iterates a mapping's entries in order.
    ///
    /// A concrete iterator rather than `AnyIterator`, whose boxed closure cost an allocation and an indirect
    /// call per entry: rendering and validation iterate every `env:` and `with:`.
    public struct Iterator: IteratorProtocol {
        fileprivate let storage: [(key: String, value: Value)]
        private var index = 0

        fileprivate init(storage: [(key: String, value: Value)]) { self.storage = storage }

        /// The next entry, or `nil` after the last.
        public mutating func next() -> (key: String, value: Value)? {
            guard index < storage.count else { return nil }
            defer { index += 1 }
            return storage[index]
        }
    }
}

extension Mapping: Equatable where Value: Equatable {
    /// Mappings are equal when they have the same entries in the same order.
    public static func == (lhs: Mapping, rhs: Mapping) -> Bool {
        lhs.storage.count == rhs.storage.count && zip(lhs.storage, rhs.storage).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}

extension Mapping: Hashable where Value: Hashable {
    /// Hashes the entries in order, as ``Mapping/==(_:_:)`` compares them.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(storage.count)
        for (key, value) in storage {
            hasher.combine(key)
            hasher.combine(value)
        }
    }
}

extension String {
    /// Whether the text contains `${{`, scanned over UTF-8 bytes: validation runs this on every script of
    /// every job. Eight bytes are tested at once for a `$` and skipped when they hold none, which is almost
    /// always: the byte-by-byte scan was the single costliest function of a large `generate`.
    var containsExpressionOpener: Bool {
        withUTF8Bytes { Self.containsExpressionOpener($0) }
    }

    private static func containsExpressionOpener(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        guard count >= 3 else { return false }
        func opensAt(_ index: Int) -> Bool {
            index + 2 < count && bytes[index] == UInt8(ascii: "$")
                && bytes[index + 1] == UInt8(ascii: "{") && bytes[index + 2] == UInt8(ascii: "{")
        }
        let raw = UnsafeRawBufferPointer(bytes)
        var index = 0
        while index + 8 <= count {
            // A zero byte of `word ^ 0x2424…` marks a `$`; the test has no false negatives.
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) ^ 0x2424_2424_2424_2424
            if (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080 != 0 {
                for offset in index..<(index + 8) where opensAt(offset) { return true }
            }
            index += 8
        }
        while index < count {
            if opensAt(index) { return true }
            index += 1
        }
        return false
    }
}
