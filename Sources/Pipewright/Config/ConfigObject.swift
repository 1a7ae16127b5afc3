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
        var read: [String] = []
        for member in members {
            let memberPath = path.key(member.key)
            guard let field = object.fields.first(where: { $0.key == member.key }) else {
                unknownKey(member.key, at: memberPath, allowed: object.keys)
                complete = false
                continue
            }
            if object.nullIsAbsent || field.whenAbsent != nil, member.value == .null, !field.isRequired { continue }
            if !field.read(&self, member.value, memberPath, &result) { complete = false }
            read.append(member.key)
        }
        guard require(object.requiredKeys, in: members, at: path), complete else { return nil }
        for field in object.fields where field.whenAbsent != nil && !read.contains(field.key) { field.whenAbsent?(&result) }
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
