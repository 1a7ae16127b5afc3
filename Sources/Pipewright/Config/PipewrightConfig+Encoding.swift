extension PipewrightConfig {
    /// The pipeline as `pipewright.json` text: deterministic, two-space indented, keys in the order the
    /// fields are declared, one trailing line break.
    public static func encode(_ pipeline: Pipeline) -> String {
        encode(pipeline, policy: nil)
    }

    /// ``encode(_:)`` with a `policy` section, written last, as is.
    package static func encode(_ pipeline: Pipeline, policy: JSONValue?) -> String {
        JSONWriter.write(document(pipeline, policy: policy))
    }

    /// The pipeline as a JSON value tree, with a `policy` section and a `pins` file when given; see ``encode(_:)``.
    package static func document(_ pipeline: Pipeline, policy: JSONValue? = nil, pins: String? = nil) -> JSONValue {
        root.write(Decoded(pipeline: pipeline, policy: policy, pins: pins))
    }
}
