/// One member of a config object, declared once: its key, its ``ConfigType``, where it lives in the Swift
/// value, its description and default for the schema, and when it is left out of the file.
///
/// Decoding, encoding, the JSON Schema and the rule checks all walk the same declarations. A class, so
/// walking a table of them costs no copies of their closures: a thousand environments walk it many times.
final class ConfigField<Root>: Sendable {
    let key: String
    /// Builds the description, which only the schema needs.
    private let describe: @Sendable () -> String?
    let isRequired: Bool
    /// The allowed range of an integer field.
    let range: ConfigRange?
    /// Reads the member into `root`; `false` after reporting a problem.
    let read: @Sendable (inout ConfigReader, JSONValue, JSONPath, inout Root) -> Bool
    /// The member's value, or `nil` when the field is left out.
    let write: @Sendable (Root) -> JSONValue?
    /// The member's schema; `defaults` is the object's initial value, whose field value the description may name.
    let schema: @Sendable (_ defaults: Root) -> JSONValue
    /// Checks the field's rules, then any rule across fields the declaration adds; `nil` when it has none.
    let check: (@Sendable (inout ConfigChecker, Root, LazyPath) -> Void)?
    /// What the field is, for the schema.
    var description: String? { describe() }
    /// Lists the objects the field's value holds.
    let nested: @Sendable () -> [ConfigShape]

    private init(
        key: String, describe: @escaping @Sendable () -> String?, isRequired: Bool, range: ConfigRange?,
        read: @escaping @Sendable (inout ConfigReader, JSONValue, JSONPath, inout Root) -> Bool, write: @escaping @Sendable (Root) -> JSONValue?,
        schema: @escaping @Sendable (Root) -> JSONValue, check: (@Sendable (inout ConfigChecker, Root, LazyPath) -> Void)?,
        nested: @escaping @Sendable () -> [ConfigShape]
    ) {
        (self.key, self.describe, self.isRequired, self.range) = (key, describe, isRequired, range)
        (self.read, self.write, self.schema, self.check, self.nested) = (read, write, schema, check, nested)
    }

    /// What the description says about the default.
    enum Default: Sendable {
        /// Nothing.
        case unstated
        /// `Default: <the DSL's default>.`, so the schema cannot drift from the Swift API.
        case value
        /// `Default: <text>.`, for a default that depends on other fields.
        case text(String)
    }

    /// A field whose value `get` reads from the Swift value and `set` writes into it, e.g. `\.name` and
    /// `{ $0.name = $1 }`. Closures, not a key path: the compiler inlines them, where the runtime builds a key
    /// path object on first use and interprets it on each, which cost reading a thousand environments half
    /// again as long and every run a millisecond before reading anything.
    static func field<Value>(
        _ key: String, _ get: @escaping @Sendable (Root) -> Value, _ set: @escaping @Sendable (inout Root, Value) -> Void,
        _ type: ConfigType<Value>, _ description: @autoclosure @escaping @Sendable () -> String?, required: Bool = false, default note: Default = .unstated,
        omittedWhen omitted: (@Sendable (Root) -> Bool)? = nil, rule: (@Sendable (inout ConfigChecker, Root, LazyPath) -> Void)? = nil
    ) -> ConfigField {
        let (read, write, typeCheck) = (type.read, type.write, type.check)
        let typeSchema: @Sendable () -> [JSONMember] = { type.schema }
        var check: (@Sendable (inout ConfigChecker, Root, LazyPath) -> Void)?
        if typeCheck != nil || rule != nil {
            check = { checker, root, path in
                typeCheck?(&checker, get(root), path)
                rule?(&checker, root, path)
            }
        }
        return ConfigField(
            key: key, describe: description, isRequired: required, range: type.range,
            read: { reader, value, path, root in
                guard let value = read(&reader, value, path) else { return false }
                set(&root, value)
                return true
            },
            write: { root in omitted?(root) == true ? nil : write(get(root)) },
            schema: { defaults in
                var text = description()
                switch note {
                case .unstated: break
                case .value: text = (text ?? "") + " Default: " + Self.inline(write(get(defaults))) + "."
                case .text(let words): text = (text ?? "") + " Default: " + words + "."
                }
                return .object((text.map { [JSONMember("description", .string($0))] } ?? []) + typeSchema())
            },
            check: check, nested: { type.nested }
        )
    }

    /// A default as a description shows it: `30`, `ubuntu-24.04`, `"."`, `["CAPABILITY_NAMED_IAM"]`. A string
    /// is quoted only when it has no letter or digit, which bare would read as punctuation.
    private static func inline(_ value: JSONValue) -> String {
        switch value {
        case .string(let text) where text.utf8.contains(where: ASCII.isAlphanumeric): text
        case .array(let elements): "[" + elements.map { $0.excerpt }.joined(separator: ", ") + "]"
        default: value.excerpt
        }
    }
}

/// The fields of a JSON object and the Swift value they make up, in the order they are written, read back,
/// listed in the schema and checked. A class, as the walkers' closures hold on to it.
final class ConfigObject<Root: Sendable>: Sendable {
    /// The value before any member is read: absent members keep its values, the defaults.
    let initial: Root
    let fields: [ConfigField<Root>]
    /// The keys, in order, for "unknown key" messages.
    let keys: [String]
    let requiredKeys: [String]
    /// Whether `null` in an optional member means the member is absent.
    let nullIsAbsent: Bool
    /// Fills what depends on other members once all are read, e.g. a default taken from another field.
    let finish: (@Sendable (inout Root, [JSONMember]) -> Void)?
    /// Schema members after `additionalProperties`, e.g. `if`/`then`.
    let schemaTail: [JSONMember]

    init(
        _ initial: Root, nullIsAbsent: Bool = false, schemaTail: [JSONMember] = [],
        finish: (@Sendable (inout Root, [JSONMember]) -> Void)? = nil, _ fields: [ConfigField<Root>]
    ) {
        self.initial = initial
        self.fields = fields
        self.keys = fields.map(\.key)
        self.requiredKeys = fields.filter(\.isRequired).map(\.key)
        self.nullIsAbsent = nullIsAbsent
        self.finish = finish
        self.schemaTail = schemaTail
    }

    /// The field with `key` and its position, looked for from `start` on and then from the beginning: a file
    /// written by the encoder has its members in field order, so the next member is usually the next field.
    func field(_ key: String, from start: Int) -> (field: ConfigField<Root>, position: Int)? {
        for position in start..<fields.count where fields[position].key == key { return (fields[position], position) }
        for position in 0..<min(start, fields.count) where fields[position].key == key { return (fields[position], position) }
        return nil
    }

    /// The value as an object, members in field order, left-out fields skipped.
    func write(_ root: Root) -> JSONValue {
        .object(fields.compactMap { field in field.write(root).map { JSONMember(field.key, $0) } })
    }

    /// A closed object schema listing every field.
    var schema: [JSONMember] {
        var members = [
            JSONMember("type", .string("object")),
            JSONMember("properties", .object(fields.map { JSONMember($0.key, $0.schema(initial)) })),
        ]
        if !requiredKeys.isEmpty { members.append(JSONMember("required", .array(requiredKeys.map(JSONValue.string)))) }
        members.append(JSONMember("additionalProperties", .bool(false)))
        return members + schemaTail
    }

    /// Checks every field, in order.
    func check(_ checker: inout ConfigChecker, _ root: Root, at path: LazyPath) {
        for field in fields { field.check?(&checker, root, { path().key(field.key) }) }
    }

    /// The declarations, for tests.
    var shape: ConfigShape {
        ConfigShape(fields: fields.map { ConfigShape.Field(key: $0.key, description: $0.description, range: $0.range, nested: $0.nested()) })
    }

    /// The same object with `field` first.
    func prepending(_ field: ConfigField<Root>) -> ConfigObject {
        ConfigObject(initial, nullIsAbsent: nullIsAbsent, schemaTail: schemaTail, finish: finish, [field] + fields)
    }
}

extension ConfigReader {
    /// Reads an object member by member in document order, unknown keys and missing required ones reported.
    mutating func object<Root>(_ object: ConfigObject<Root>, _ value: JSONValue, at path: JSONPath, expected: String = "an object") -> Root? {
        guard let members = members(value, at: path, expected: expected) else { return nil }
        var result = object.initial
        var complete = true
        var next = 0
        for member in members {
            let memberPath = path.key(member.key)
            guard let (field, position) = object.field(member.key, from: next) else {
                unknownKey(member.key, at: memberPath, allowed: object.keys)
                complete = false
                continue
            }
            next = position + 1
            if object.nullIsAbsent, member.value == .null, !field.isRequired { continue }
            if !field.read(&self, member.value, memberPath, &result) { complete = false }
        }
        guard require(object.requiredKeys, in: members, at: path), complete else { return nil }
        object.finish?(&result, members)
        return result
    }
}

/// What a table declares, without its Swift types: for the tests that check every declared field reaches
/// the schema, the file and the rules.
struct ConfigShape: Sendable {
    struct Field: Sendable {
        let key: String
        let description: String?
        let range: ConfigRange?
        let nested: [ConfigShape]
    }

    let fields: [Field]
}

/// One shape of a tagged union such as `infrastructure`, whose tag member (`kind`) says which fields the
/// object has. The union names the tag's key; each variant adds it, first, to its fields.
struct ConfigVariant<Union>: Sendable {
    let tag: String
    /// The variant with the tag's key.
    let tagged: @Sendable (_ tagKey: String) -> Tagged

    struct Tagged: Sendable {
        let read: @Sendable (inout ConfigReader, JSONValue, JSONPath) -> Union?
        /// The members, or `nil` when the value is another variant.
        let write: @Sendable (Union) -> JSONValue?
        let schema: @Sendable () -> JSONValue
        let check: @Sendable (inout ConfigChecker, Union, LazyPath) -> Void
        let shape: @Sendable () -> ConfigShape
    }

    /// The variant whose payload `object` describes; `extract` returns `nil` for other variants.
    static func variant<Payload>(
        _ tag: String, _ description: String, _ object: ConfigObject<Payload>,
        embed: @escaping @Sendable (Payload) -> Union, extract: @escaping @Sendable (Union) -> Payload?
    ) -> ConfigVariant {
        ConfigVariant(tag: tag) { tagKey in
            let tagged = object.prepending(.field(tagKey, { _ in tag }, { _, _ in }, .constant(tag), nil, required: true))
            return Tagged(
                read: { reader, value, path in reader.object(tagged, value, at: path).map(embed) },
                write: { union in extract(union).map(tagged.write) },
                schema: { .object([JSONMember("description", .string(description))] + tagged.schema) },
                check: { checker, union, path in if let payload = extract(union) { tagged.check(&checker, payload, at: path) } },
                shape: { tagged.shape }
            )
        }
    }
}

extension ConfigType {
    /// A union of objects told apart by `tagKey`, which is read first wherever it is written: it decides
    /// which keys are allowed.
    static func tagged(by tagKey: String, _ variants: [ConfigVariant<Value>]) -> ConfigType {
        let tags = variants.map(\.tag)
        let tagged = variants.map { $0.tagged(tagKey) }
        return ConfigType(
            read: { reader, value, path in
                guard let members = reader.members(value, at: path) else { return nil }
                guard let tagMember = members.first(where: { $0.key == tagKey }) else {
                    reader.report(.missingKey(path: path.rendered, key: tagKey))
                    return nil
                }
                guard let tag = reader.oneOf(tagMember.value, at: path.key(tagKey), tags) else { return nil }
                return tagged[tags.firstIndex(of: tag)!].read(&reader, value, path)
            },
            write: { union in tagged.lazy.compactMap { $0.write(union) }.first! },
            schema: [JSONMember("oneOf", .array(tagged.map { $0.schema() }))],
            check: { checker, union, path in for variant in tagged { variant.check(&checker, union, path) } }
        ).holding(tagged.map { $0.shape() })
    }
}
