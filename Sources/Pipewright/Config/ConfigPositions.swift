/// Where each setting of a `pipewright.json` or policy text starts, so that a problem found in the decoded
/// document points at the file's line and column, as a syntax error does.
///
/// JSON is YAML 1.2, so the text is read by ``YAMLReader`` into ``SourcePositions``; the positions are
/// computed only when there is a problem to place, never on the way to a valid document.
///
/// ```
/// let positions = ConfigPositions("{\n  \"build\": {\"retentionDays\": \"30\"}\n}\n")
/// positions.position(of: "build.retentionDays")   // line 2, column 14
/// ```
package struct ConfigPositions: Sendable {
    private let positions: SourcePositions?

    /// The positions of a JSON text; none when it cannot be read (a syntax error has its own position).
    package init(_ text: String) {
        positions = (try? YAMLReader.read(text)).map { SourcePositions($0.root) }
    }

    /// The position of a setting as messages name it (`environments[2].strategy`, `tags["Cost Center"]`,
    /// `(top level)`), or of its nearest ancestor the text has: a missing key points at its object.
    /// `prefix` is dropped first: a policy file's settings are named `policy.…` but sit at its top level.
    package func position(of path: String, droppingPrefix prefix: String? = nil) -> SourcePosition? {
        guard let positions else { return nil }
        var path = Substring(path == JSONPath.rootName ? "" : path)
        if let prefix {
            if path == prefix { path = "" } else if path.hasPrefix(prefix + ".") { path = path.dropFirst(prefix.count + 1) }
        }
        return positions.nearest(Self.sourcePath(path))
    }

    /// `tags["Cost Center"].x` as ``SourcePositions`` spells it: `tags.Cost Center.x`.
    static func sourcePath(_ rendered: Substring) -> String {
        var result = ""
        var rest = rendered
        while let open = rest.firstRange(of: "[\"") {
            result += rest[..<open.lowerBound]
            // The key is a JSON string: it ends at the first quote no backslash escapes.
            var end = open.upperBound
            while end < rest.endIndex, rest[end] != "\"" {
                if rest[end] == "\\" {
                    end = rest.index(after: end)
                    guard end < rest.endIndex else { return result + rest }
                }
                end = rest.index(after: end)
            }
            guard end < rest.endIndex, case .string(let key)? = try? JSONReader.read(String(rest[rest.index(before: open.upperBound)...end])) else {
                return result + rest
            }
            result += (result.isEmpty ? "" : ".") + key
            rest = rest[rest.index(after: end)...]
            if rest.hasPrefix("]") { rest = rest.dropFirst() }
        }
        return result + rest
    }

    /// `file:line:column: message`, or `file: message` when the position is unknown.
    package func describe(_ message: String, at path: String, in file: String, droppingPrefix prefix: String? = nil) -> String {
        guard let position = position(of: path, droppingPrefix: prefix) else { return "\(file): \(message)" }
        return "\(file):\(position.line):\(position.column): \(message)"
    }
}
