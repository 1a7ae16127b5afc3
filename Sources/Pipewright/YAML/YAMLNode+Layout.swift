/// Shape questions the YAML writer asks of a node.
extension YAMLNode {
    /// Whether the node is written as indented lines below its key rather than on the key's line.
    var isBlockCollection: Bool {
        switch self {
        case .mapping(let entries): !entries.isEmpty
        case .sequence(let items): !items.isEmpty
        default: false
        }
    }

    /// The leading comments of the first key written on this node's first line, if it starts with one.
    var firstLineComments: [String] {
        switch self {
        case .mapping(let entries): entries.first?.leadingComments ?? []
        case .sequence(let items): items.first?.firstLineComments ?? []
        default: []
        }
    }
}

extension YAMLNode {
    /// A cheap guess at the emitted size in bytes, so the output buffer is allocated once or twice, not per line.
    var estimatedYAMLSize: Int {
        switch self {
        case .string(let text): text.utf8.count + 4
        case .int, .bool, .null: 8
        case .sequence(let items): items.reduce(4) { $0 + $1.estimatedYAMLSize + 8 }
        case .mapping(let entries): entries.reduce(4) { $0 + $1.key.utf8.count + $1.value.estimatedYAMLSize + 12 }
        }
    }
}
