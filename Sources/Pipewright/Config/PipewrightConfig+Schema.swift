extension PipewrightConfig {
    /// The JSON Schema (draft 2020-12) of `pipewright.json` version 1, as printed by `pipewright schema`.
    ///
    /// Every object is closed (`additionalProperties: false`); patterns mirror ``Pipeline/configurationErrors()``
    /// where a regular expression can say it. Rules no schema can express (`after` naming an earlier
    /// environment on the same branch, unique environment names, stack-name length across fields, tag
    /// totals per stack, cron field ranges) are checked only by Pipewright. Deterministic: same bytes every time.
    public static func jsonSchema() -> String {
        JSONWriter.write(schema)
    }

    /// The schema as a value: the header, the document's fields, then the types they share by `$ref`.
    static var schema: JSONValue {
        let header = [
            JSONMember("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            JSONMember("$id", .string(schemaID)),
            JSONMember("title", .string("pipewright.json")),
            JSONMember("description", .string("A Pipewright pipeline: what is built, validated and deployed to which AWS environments. Pipewright turns it into hardened GitHub Actions workflows.")),
        ]
        let definitions = [
            ConfigType<String>.githubName.definition, ConfigType<RoleReference>.role.definition, ConfigType<String>.region.definition,
            ConfigType<String>.path.definition, ConfigType<String>.directory.definition,
            ConfigType<String>.branch.definition, ConfigType<String>.githubEnvironment.definition, ConfigType<[String]>.commands.definition,
            ConfigType<[Tag]>.tags.definition, ConfigType<Runner>.runner.definition, environmentType.definition, stackType.definition,
        ]
        return .object(header + root.schema + [JSONMember("$defs", .object(definitions.compactMap { $0 }))])
    }
}
