/// Records the line on which each YAML path starts while ``YAMLWriter`` writes, so diagnostics can name
/// the line of `jobs.deploy-prod.steps[3].run` in the emitted text without parsing it back.
///
/// Paths join mapping keys with `.` and write sequence indices as `[i]`: `jobs.build.steps[0].with`.
/// A key's line is the line its key is written on (below its leading comments); an item's line is its dash.
struct YAMLLineRecorder {
    /// One step down the tree.
    enum Component {
        case key(String)
        case index(Int)
    }

    /// The first line of every path written, 1-based.
    private(set) var lines: [String: Int] = [:]
    /// The paths of the nodes being written, outermost first; the last is the current one.
    private var stack: [String] = []
    /// How many bytes of the output have been scanned for line breaks, and the line they end on.
    private var scannedBytes = 0
    private var currentLine = 1

    /// Counts the line breaks written since the last call, so the current line is known.
    mutating func advance(over output: UnsafeBufferPointer<UInt8>) {
        var line = currentLine
        for index in scannedBytes..<output.count where output[index] == 0x0A { line += 1 }
        currentLine = line
        scannedBytes = output.count
    }

    /// Enters a child of the current path and records the current line for it.
    mutating func enter(_ component: Component) {
        let parent = stack.last ?? ""
        let path: String
        switch component {
        case .key(let key): path = parent.isEmpty ? key : parent + "." + key
        case .index(let index): path = parent + "[" + String(index) + "]"
        }
        stack.append(path)
        if lines[path] == nil { lines[path] = currentLine }
    }

    /// Leaves the current path.
    mutating func leave() { stack.removeLast() }
}
