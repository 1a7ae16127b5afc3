/// A workflow read from a committed file: the model the audit rules check, the header comments above it,
/// and where each YAML path of the file starts, so a finding points at the real line and column.
///
/// ```swift
/// let source = try SourceWorkflow.read("on: push\npermissions: {}\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: make test\n")
/// source.workflow.jobs[0].steps[0].script?.rendered          // "make test"
/// source.positions["jobs.test.steps[0].run"]                 // line 7, column 9
/// ```
public struct SourceWorkflow: Sendable {
    /// The workflow as ``Workflow/init(yaml:)`` decodes the file.
    public let workflow: Workflow
    /// The file's header comments (``YAMLSourceDocument/header``).
    public let header: [String]
    /// Where each YAML path of the file starts.
    public let positions: SourcePositions

    /// Creates a read workflow.
    public init(workflow: Workflow, header: [String] = [], positions: SourcePositions = SourcePositions()) {
        self.workflow = workflow
        self.header = header
        self.positions = positions
    }

    /// Reads a workflow file's text: YAML first (``YAMLReader``), then the workflow model (``Workflow/init(yaml:)``).
    ///
    /// - Throws: ``WorkflowReadError`` naming the line and column of the first thing that is not valid YAML or
    ///   not a workflow GitHub would run.
    public static func read(_ text: String, limits: YAMLReader.Limits = .standard) throws(WorkflowReadError) -> SourceWorkflow {
        let document: YAMLSourceDocument
        do {
            document = try YAMLReader.read(text, limits: limits)
        } catch {
            throw WorkflowReadError(line: error.line, column: error.column, message: error.message)
        }
        let workflow = try Workflow(yaml: document.root)
        return SourceWorkflow(workflow: workflow, header: document.header, positions: SourcePositions(document.root))
    }
}

/// A 1-based line and column (in Unicode scalars) of a file.
public struct SourcePosition: Sendable, Hashable {
    /// The 1-based line.
    public let line: Int
    /// The 1-based column, in Unicode scalars.
    public let column: Int

    /// Creates a position.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// Where each YAML path of a read file starts: the side table that lets findings about the decoded
/// ``Workflow`` point at the file.
///
/// Paths are built as the rules build them (`jobs.build.steps[2].run`): mapping keys joined with `.`, sequence
/// items as `[i]`. A key's position is the key's; an item's is where its content starts. Keys name what the
/// model decodes them into, so a path stays valid whatever order the file writes its keys in.
public struct SourcePositions: Sendable, Hashable {
    private var table: [String: SourcePosition]

    /// An empty table.
    public init() { table = [:] }

    /// The positions of every node below `root`; the root itself is at the empty path.
    public init(_ root: YAMLSourceNode) {
        table = [:]
        record(root, at: "", position: SourcePosition(line: root.line, column: root.column))
    }

    private mutating func record(_ node: YAMLSourceNode, at path: String, position: SourcePosition) {
        if table[path] == nil { table[path] = position }
        switch node.content {
        case .scalar: break
        case .sequence(let items):
            for (index, item) in items.enumerated() {
                record(item, at: path + "[" + String(index) + "]", position: SourcePosition(line: item.line, column: item.column))
            }
        case .mapping(let pairs):
            for pair in pairs {
                let key = pair.key.scalar?.text ?? ""
                record(pair.value, at: path.isEmpty ? key : path + "." + key, position: SourcePosition(line: pair.key.line, column: pair.key.column))
            }
        }
    }

    /// The position of a path as written, if the file has it.
    public subscript(path: String) -> SourcePosition? { table[path] }

    /// The position of a path, or of its nearest ancestor the file has: a finding about a missing key points at its parent.
    public func nearest(_ path: String) -> SourcePosition? { Self.nearest(path, in: table) }

    /// The value of a path (`jobs.build.steps[2].run`), or of its nearest ancestor the table has (`jobs.build`), or
    /// of the root (`""`).
    static func nearest<Value>(_ path: String, in table: [String: Value]) -> Value? {
        var current = Substring(path)
        while !current.isEmpty {
            if let value = table[String(current)] { return value }
            if current.hasSuffix("]"), let open = current.lastIndex(of: "[") {
                current = current[..<open]
            } else if let dot = current.lastIndex(of: ".") {
                current = current[..<dot]
            } else {
                break
            }
        }
        return table[""]
    }
}

/// Why a workflow file could not be read: not valid YAML, or not a workflow GitHub would run.
///
/// Rendered as `3:5: expected ':' after the mapping key "runs-on"`; the command line puts the file name first.
public struct WorkflowReadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The 1-based line.
    public let line: Int
    /// The 1-based column, in Unicode scalars.
    public let column: Int
    /// What is wrong and what was expected.
    public let message: String

    /// Creates an error.
    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    /// An error at a node.
    init(at node: YAMLSourceNode, _ message: String) {
        self.init(line: node.line, column: node.column, message: message)
    }

    /// `line:column: message`.
    public var description: String { "\(line):\(column): \(message)" }
}
