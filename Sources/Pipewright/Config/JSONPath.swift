/// A location in a JSON document, rendered as `environments[2].parameters.Size`.
///
/// A linked list, so descending one level costs one small allocation and the text is built only when a
/// problem is reported.
indirect enum JSONPath: Sendable {
    case root
    case key(JSONPath, String)
    case index(JSONPath, Int)

    /// The path one member down.
    func key(_ name: String) -> JSONPath { .key(self, name) }
    /// The path one element down.
    func index(_ position: Int) -> JSONPath { .index(self, position) }

    /// What the document itself is called in messages.
    static let rootName = "(top level)"

    /// `environments[2].strategy`; keys that are not plain identifiers are quoted: `tags["Cost Center"]`.
    var rendered: String {
        var components: [JSONPath] = []
        var current = self
        while true {
            switch current {
            case .root:
                guard !components.isEmpty else { return Self.rootName }
                var text = ""
                for component in components.reversed() {
                    switch component {
                    case .key(_, let name):
                        if Self.isIdentifier(name) {
                            if !text.isEmpty { text += "." }
                            text += name
                        } else {
                            text += "[" + JSONWriter.quoted(name) + "]"
                        }
                    case .index(_, let position): text += "[\(position)]"
                    case .root: break
                    }
                }
                return text
            case .key(let parent, _), .index(let parent, _):
                components.append(current)
                current = parent
            }
        }
    }

    private static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.utf8.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { return false }
        return name.utf8.allSatisfy { ASCII.isAlphanumeric($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "$") }
    }
}
