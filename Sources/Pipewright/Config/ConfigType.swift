/// A kind of config value — a region, a role, a list of branches — declared once: how it is read from JSON
/// (reporting every problem), written back, described in the JSON Schema and checked against Pipewright's
/// rules. Every field of that kind shares the declaration.
///
/// The schema is built only when asked for: reading a file needs none of it. A class, so the many copies
/// the tables are built from cost a reference each.
final class ConfigType<Value>: Sendable {
    /// Reads a value, or reports why it cannot and returns `nil`.
    let read: @Sendable (inout ConfigReader, JSONValue, JSONPath) -> Value?
    /// The value as JSON.
    let write: @Sendable (Value) -> JSONValue
    /// Builds the schema's members, without a description: a field puts its own first.
    private let buildSchema: @Sendable () -> [JSONMember]
    /// The rules a value must follow once it is read; DSL pipelines are checked with them too.
    let check: (@Sendable (inout ConfigChecker, Value, LazyPath) -> Void)?
    /// The allowed range of an integer.
    let range: ConfigRange?
    /// Builds the `$defs` entry a type that is defined once and referenced by `$ref` contributes to the schema.
    private let buildDefinition: (@Sendable () -> JSONMember)?
    /// Lists the objects the value holds, as their declarations, for tests.
    private let listNested: @Sendable () -> [ConfigShape]

    init(
        read: @escaping @Sendable (inout ConfigReader, JSONValue, JSONPath) -> Value?, write: @escaping @Sendable (Value) -> JSONValue,
        schema: @autoclosure @escaping @Sendable () -> [JSONMember], check: (@Sendable (inout ConfigChecker, Value, LazyPath) -> Void)? = nil,
        range: ConfigRange? = nil, definition: (@Sendable () -> JSONMember)? = nil, nested: @escaping @Sendable () -> [ConfigShape] = { [] }
    ) {
        self.read = read
        self.write = write
        self.buildSchema = schema
        self.check = check
        self.range = range
        self.buildDefinition = definition
        self.listNested = nested
    }

    /// The schema's members, without a description: a field puts its own first.
    var schema: [JSONMember] { buildSchema() }
    /// The `$defs` entry of a type that is defined once and referenced by `$ref`.
    var definition: JSONMember? { buildDefinition?() }
    /// The objects the value holds, as their declarations.
    var nested: [ConfigShape] { listNested() }

    /// The same type with another rule, or none.
    func checked(_ check: (@Sendable (inout ConfigChecker, Value, LazyPath) -> Void)?) -> ConfigType {
        ConfigType(read: read, write: write, schema: self.buildSchema(), check: check, range: range, definition: buildDefinition, nested: listNested)
    }

    /// The same type with another schema.
    func described(_ schema: @autoclosure @escaping @Sendable () -> [JSONMember]) -> ConfigType {
        ConfigType(read: read, write: write, schema: schema(), check: check, range: range, definition: buildDefinition, nested: listNested)
    }

    /// The type defined once under `$defs/name` and referenced from each field that uses it.
    func defined(_ name: String, _ description: String? = nil) -> ConfigType {
        let buildSchema = buildSchema
        return ConfigType(
            read: read, write: write, schema: [JSONMember("$ref", .string("#/$defs/" + name))], check: check, range: range,
            definition: { JSONMember(name, .object((description.map { [JSONMember("description", .string($0))] } ?? []) + buildSchema())) },
            nested: listNested
        )
    }

    /// The same type holding the objects `nested` declares.
    func holding(_ nested: @autoclosure @escaping @Sendable () -> [ConfigShape]) -> ConfigType {
        ConfigType(read: read, write: write, schema: self.buildSchema(), check: check, range: range, definition: buildDefinition, nested: nested)
    }

    /// The type read and written as another Swift type.
    func map<Other>(_ forward: @escaping @Sendable (Value) -> Other, _ backward: @escaping @Sendable (Other) -> Value) -> ConfigType<Other> {
        let (read, write) = (read, write)
        var mappedCheck: (@Sendable (inout ConfigChecker, Other, LazyPath) -> Void)?
        if let check {
            mappedCheck = { checker, value, path in check(&checker, backward(value), path) }
        }
        return ConfigType<Other>(
            read: { reader, value, path in read(&reader, value, path).map(forward) }, write: { write(backward($0)) }, schema: self.buildSchema(),
            check: mappedCheck, range: range, definition: buildDefinition, nested: listNested
        )
    }

    /// The value or `null`, which reads as `nil`; `nil` is written as `null` unless the field leaves it out.
    var orNull: ConfigType<Value?> {
        let (read, write) = (read, write)
        var optionalCheck: (@Sendable (inout ConfigChecker, Value?, LazyPath) -> Void)?
        if let check {
            optionalCheck = { checker, value, path in if let value { check(&checker, value, path) } }
        }
        return ConfigType<Value?>(
            read: { reader, value, path -> Value?? in
                if value == .null { return .some(nil) }
                guard let read = read(&reader, value, path) else { return nil }
                return .some(read)
            },
            write: { $0.map(write) ?? .null }, schema: [JSONMember("anyOf", .array([.object(self.schema), .object(["type": .string("null")])]))],
            check: optionalCheck, range: range, definition: buildDefinition, nested: listNested
        )
    }
}

/// The range of an integer field, with the unit and the reason the messages give.
struct ConfigRange: Sendable {
    let bounds: ClosedRange<Int>
    let unit: String
    let reason: String?

    /// A bounded range, e.g. days from 1 to 90.
    init(_ bounds: ClosedRange<Int>, unit: String, reason: String? = nil) {
        self.bounds = bounds
        self.unit = unit
        self.reason = reason
    }

    /// No upper bound: `at least 1 minute`.
    init(atLeast minimum: Int, unit: String) {
        self.init(minimum...Int.max, unit: unit)
    }

    /// How long GitHub keeps artifacts.
    static let artifactRetention = ConfigRange(1...90, unit: "days", reason: "GitHub keeps artifacts at most 90 days")
    /// How long a GitHub-hosted job may run.
    static let jobMinutes = ConfigRange(1...360, unit: "minutes", reason: "GitHub stops jobs after 6 hours")

    /// Why `value` is outside the range, or `nil`.
    func problem(_ value: Int) -> String? {
        guard !bounds.contains(value) else { return nil }
        let expected = bounds.upperBound == Int.max
            ? "at least \(bounds.lowerBound) " + (bounds.lowerBound == 1 ? String(unit.dropLast()) : unit)
            : "\(bounds.lowerBound)-\(bounds.upperBound) \(unit)"
        return "\(value) is out of range; expected " + expected + (reason.map { " — " + $0 } ?? "")
    }

    /// `minimum` and, when bounded, `maximum`.
    var schema: [JSONMember] {
        [JSONMember("minimum", .int(bounds.lowerBound))] + (bounds.upperBound == Int.max ? [] : [JSONMember("maximum", .int(bounds.upperBound))])
    }
}

// MARK: - The basic kinds

extension ConfigType where Value == String {
    /// Any string; `pattern` is for the schema alone.
    static func string(pattern: @autoclosure @escaping @Sendable () -> String? = nil, _ extra: [JSONMember] = []) -> ConfigType {
        ConfigType(
            read: { reader, value, path in reader.string(value, at: path) }, write: { .string($0) },
            schema: [JSONMember("type", .string("string"))] + (pattern().map { [JSONMember("pattern", .string($0))] } ?? []) + extra
        )
    }

    /// A string that must follow a text rule, which the schema gives as its pattern.
    static func text(_ rule: TextRule, _ extra: [JSONMember] = []) -> ConfigType {
        string(pattern: rule.pattern, extra).checked { checker, text, path in checker.check(text, rule, at: path) }
    }

    /// A string that must be `isValid`; `problem` says why one is not.
    static func format(
        pattern: @autoclosure @escaping @Sendable () -> String, _ isValid: @escaping @Sendable (String) -> Bool, _ problem: @escaping @Sendable (String) -> String
    ) -> ConfigType {
        string(pattern: pattern()).checked { checker, text, path in
            if !isValid(text) { checker.fail(path, problem(text)) }
        }
    }

    /// One of a fixed set of strings; the schema lists them.
    static func oneOf(_ allowed: [String]) -> ConfigType {
        ConfigType(
            read: { reader, value, path in reader.oneOf(value, at: path, allowed) }, write: { .string($0) },
            schema: [JSONMember("enum", .array(allowed.map(JSONValue.string)))]
        )
    }

    /// A constant, such as an object's kind.
    static func constant(_ text: String) -> ConfigType {
        ConfigType(read: { _, _, _ in text }, write: { _ in .string(text) }, schema: [JSONMember("const", .string(text))])
    }
}

extension ConfigType where Value: RawRepresentable<String> & CaseIterable & Sendable {
    /// One of an enumeration's cases, by raw value.
    static var cases: ConfigType {
        ConfigType<String>.oneOf(Value.allCases.map(\.rawValue)).map { Value(rawValue: $0)! } _: { $0.rawValue }
    }
}

extension ConfigType where Value == Bool {
    /// `true` or `false`.
    static var bool: ConfigType {
        ConfigType(read: { reader, value, path in reader.bool(value, at: path) }, write: { .bool($0) }, schema: [JSONMember("type", .string("boolean"))])
    }
}

extension ConfigType where Value == Int {
    /// An integer in `range`: the schema's bounds and the rule's message both come from it.
    static func int(_ range: ConfigRange) -> ConfigType {
        ConfigType(
            read: { reader, value, path in reader.int(value, at: path) }, write: { .int($0) },
            schema: [JSONMember("type", .string("integer"))] + range.schema,
            check: { checker, number, path in if let problem = range.problem(number) { checker.fail(path, problem) } }, range: range
        )
    }
}

extension ConfigType where Value == JSONValue? {
    /// Any object, kept as written.
    static var anyObject: ConfigType {
        ConfigType(
            read: { reader, value, path in reader.members(value, at: path) == nil ? nil : value }, write: { $0 ?? .null },
            schema: [JSONMember("type", .string("object"))]
        )
    }
}

extension ConfigType {
    /// An array of `element`s, each checked at its index unless `checkElements` checks them otherwise.
    /// `noun` makes the array need at least one, named in the message: `at least one environment`.
    static func array<Element: Sendable>(
        _ element: ConfigType<Element>, expected: String = "an array of strings", uniqueItems: Bool = false, noun: String? = nil,
        checkElements: (@Sendable (inout ConfigChecker, [Element], LazyPath) -> Void)? = nil
    ) -> ConfigType where Value == [Element] {
        let (read, write) = (element.read, element.write)
        let schema: @Sendable () -> [JSONMember] = {
            var schema = [JSONMember("type", .string("array"))]
            if noun != nil { schema.append(JSONMember("minItems", .int(1))) }
            if uniqueItems { schema.append(JSONMember("uniqueItems", .bool(true))) }
            schema.append(JSONMember("items", .object(element.schema)))
            return schema
        }
        var checkEach = checkElements
        if checkEach == nil, let check = element.check {
            checkEach = { checker, elements, path in
                for (index, element) in elements.enumerated() { check(&checker, element, { path().index(index) }) }
            }
        }
        let checkAll = checkEach
        let readAll: @Sendable (inout ConfigReader, JSONValue, JSONPath) -> [Element]? = { reader, value, path in
            reader.array(value, at: path, expected: expected) { reader, item, itemPath in read(&reader, item, itemPath) }
        }
        var check: (@Sendable (inout ConfigChecker, [Element], LazyPath) -> Void)?
        if noun != nil || checkAll != nil {
            check = { checker, elements, path in
                if let noun, elements.isEmpty {
                    checker.fail(path, "[] is empty; expected at least one \(noun)")
                    return
                }
                checkAll?(&checker, elements, path)
            }
        }
        let writeAll: @Sendable ([Element]) -> JSONValue = { .array($0.map(write)) }
        return ConfigType<[Element]>(read: readAll, write: writeAll, schema: schema(), check: check).holding(element.nested)
    }

    /// An object whose fields are declared in `object`.
    static func object(_ object: ConfigObject<Value>, expected: String = "an object") -> ConfigType where Value: Sendable {
        ConfigType(
            read: { reader, value, path in reader.object(object, value, at: path, expected: expected) }, write: { object.write($0) },
            schema: object.schema, check: { checker, value, path in object.check(&checker, value, at: path) }
        ).holding([object.shape])
    }
}
