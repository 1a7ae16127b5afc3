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
