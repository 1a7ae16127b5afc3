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
