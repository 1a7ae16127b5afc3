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
    /// Sets the default when the member is absent or `null`, for a default that depends on other fields.
    let whenAbsent: (@Sendable (inout Root) -> Void)?

    private init(
        key: String, describe: @escaping @Sendable () -> String?, isRequired: Bool, range: ConfigRange?,
        read: @escaping @Sendable (inout ConfigReader, JSONValue, JSONPath, inout Root) -> Bool, write: @escaping @Sendable (Root) -> JSONValue?,
        schema: @escaping @Sendable (Root) -> JSONValue, check: (@Sendable (inout ConfigChecker, Root, LazyPath) -> Void)?,
        nested: @escaping @Sendable () -> [ConfigShape], whenAbsent: (@Sendable (inout Root) -> Void)?
    ) {
        (self.key, self.describe, self.isRequired, self.range) = (key, describe, isRequired, range)
        (self.read, self.write, self.schema, self.check, self.nested, self.whenAbsent) = (read, write, schema, check, nested, whenAbsent)
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
        omittedWhen omitted: (@Sendable (Root) -> Bool)? = nil, whenAbsent: (@Sendable (inout Root) -> Void)? = nil,
        rule: (@Sendable (inout ConfigChecker, Root, LazyPath) -> Void)? = nil
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
            check: check, nested: { type.nested }, whenAbsent: whenAbsent
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

extension ConfigField {
    /// An optional field: `null` or absent is `nil`, which the file leaves out.
    static func optional<Value>(
        _ key: String, _ get: @escaping @Sendable (Root) -> Value?, _ set: @escaping @Sendable (inout Root, Value?) -> Void,
        _ type: ConfigType<Value>, _ description: @autoclosure @escaping @Sendable () -> String?, default note: Default = .unstated,
        rule: (@Sendable (inout ConfigChecker, Root, LazyPath) -> Void)? = nil
    ) -> ConfigField {
        field(key, get, set, type.orNull, description(), default: note, omittedWhen: { get($0) == nil }, rule: rule)
    }
}
