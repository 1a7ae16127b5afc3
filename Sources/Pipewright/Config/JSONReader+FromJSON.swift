extension JSONReader {
    /// Parses JSON text as GitHub's `fromJSON` does (512 levels, repeated keys, a trailing comma), for
    /// the local runner's expression evaluator.
    package static func readLikeFromJSON(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        try read(text, fileName: "fromJSON", leniency: .expression)
    }
}
