extension PipewrightConfig {
    /// Reads `pipewright.json` text into a pipeline, checking the JSON, the document's shape and the
    /// pipeline's rules (``Pipeline/configurationErrors()``).
    ///
    /// Shape problems (unknown keys, wrong types, missing keys, bad enum values) are all reported together,
    /// in document order; rule problems are checked once the shape is right, and are all reported together
    /// too, in the documented key order.
    public static func decode(_ text: String, fileName: String = "pipewright.json") throws(ConfigError) -> Decoded {
        let value: JSONValue
        do {
            value = try JSONReader.read(text, fileName: fileName)
        } catch {
            throw .syntax(error)
        }
        return try decode(value)
    }

    /// Reads an already parsed document; see ``decode(_:fileName:)``.
    package static func decode(_ value: JSONValue) throws(ConfigError) -> Decoded {
        var reader = ConfigReader()
        guard let decoded = reader.document(value), reader.issues.isEmpty else { throw .invalid(reader.issues) }
        let errors = decoded.pipeline.configurationErrors()
        guard errors.isEmpty else { throw .invalid(errors.map(ConfigIssue.invalid)) }
        return decoded
    }
}

extension ConfigReader {
    mutating func document(_ value: JSONValue) -> PipewrightConfig.Decoded? {
        let path = JSONPath.root
        guard let members = members(value, at: path, expected: "an object (the pipewright.json document)") else { return nil }
        // Another version may mean other keys: nothing else is worth reporting until the version is right.
        guard let version = members.first(where: { $0.key == "version" }) else {
            report(.missingKey(path: path.rendered, key: "version"))
            return nil
        }
        guard PipewrightConfig.formatVersion.read(&self, version.value, path.key("version")) != nil else { return nil }
        return object(PipewrightConfig.root, value, at: path)
    }
}
