extension PipewrightConfig {
    /// The pipeline as `pipewright.json` text: deterministic, two-space indented, keys in the order of
    /// ``root``, one trailing line break. `policy`, when given, is written last, as is.
    public static func encode(_ pipeline: Pipeline, policy: JSONValue? = nil) -> String {
        JSONWriter.write(document(pipeline, policy: policy))
    }

    /// The pipeline as a JSON value tree; see ``encode(_:policy:)``.
    public static func document(_ pipeline: Pipeline, policy: JSONValue? = nil) -> JSONValue {
        root.write(Decoded(pipeline: pipeline, policy: policy))
    }
}
