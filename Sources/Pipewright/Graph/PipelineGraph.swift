/// A picture of a pipeline's workflows: each workflow's jobs in order, what each job waits for, the GitHub
/// environment it is bound to, whether that environment asks a person to approve, and the roles the job assumes.
///
/// Built from the lowered workflows, so it shows what runs, not what the config meant; rendered as Mermaid
/// (which GitHub draws in Markdown) or Graphviz DOT.
///
/// ```swift
/// let graph = try Generator().graph(pipeline)
/// print(graph.render(.mermaid))
/// ```
public struct PipelineGraph: Sendable, Hashable {
    /// A text format the graph renders to.
    public enum Format: String, Sendable, CaseIterable {
        /// A Mermaid flowchart, drawn by GitHub in Markdown files, issues and job summaries.
        case mermaid
        /// A Graphviz digraph, for `dot -Tsvg`.
        case dot
    }

    /// One job of a workflow.
    public struct Node: Sendable, Hashable {
        /// The job id, e.g. `deploy-prod`.
        public let job: String
        /// The ids of the jobs it waits for.
        public let needs: [String]
        /// The events of the workflow's triggers that can start the job, given its `if:` and its needs.
        public let events: [String]
        /// The GitHub environment the job is bound to, if any.
        public let environment: String?
        /// Whether that environment has required reviewers, so the job waits for an approval.
        public let needsApproval: Bool
        /// The roles the job assumes, in order (a chained deploy assumes two), as written in the workflow:
        /// `vars.AWS_ROLE_ARN_PROD` for an expression, the ARN for a literal.
        public let roles: [String]
    }

    /// One workflow file and its jobs, in the order the file lists them.
    public struct Cluster: Sendable, Hashable {
        /// The file name under `.github/workflows/`, e.g. `infrastructure.yml`.
        public let fileName: String
        /// The workflow's jobs.
        public let nodes: [Node]
    }

    /// The workflows, in the order they are generated.
    public let clusters: [Cluster]

    /// Builds the graph of lowered workflows; jobs bound to an environment in `reviewedEnvironments` wait for approval.
    public init(workflows: [GeneratedWorkflow], reviewedEnvironments: Set<String>) {
        clusters = workflows.map { generated in
            Cluster(fileName: generated.fileName, nodes: generated.workflow.jobs.map { job in
                let environment = job.environmentName
                let roles = job.steps.compactMap { step -> String? in
                    guard step.assumesRole, case .text(let text)? = step.actionInputs["role-to-assume"] else { return nil }
                    if text.segments.count == 1, let expression = text.expressions.first { return expression.source }
                    return text.rendered
                }
                let events = generated.workflow.on.eventNames.filter { generated.workflow.canRun(job, on: $0) }
                return Node(job: job.id, needs: job.needs, events: events, environment: environment,
                            needsApproval: environment.map(reviewedEnvironments.contains) ?? false, roles: roles)
            })
        }
    }

    /// The graph as text in `format`, ending with a newline.
    public func render(_ format: Format) -> String {
        switch format {
        case .mermaid: mermaid
        case .dot: dot
        }
    }

    /// The lines under a job's id: the events that start it, its environment (and approval) and its roles.
    private func details(of node: Node) -> [String] {
        var lines = ["on: " + node.events.joined(separator: ", ")]
        if let environment = node.environment {
            lines.append("environment: " + environment + (node.needsApproval ? " (approval)" : ""))
        }
        if !node.roles.isEmpty { lines.append("role: " + node.roles.joined(separator: ", chained to ")) }
        return lines
    }

    /// Node ids are positional (`w0_j3`): job ids may hold `-`, which Mermaid reads as part of an arrow.
    private static func id(_ cluster: Int, _ node: Int) -> String { "w\(cluster)_j\(node)" }

    private var mermaid: String {
        var out = "flowchart LR\n"
        var edges: [String] = []
        for (c, cluster) in clusters.enumerated() {
            out += "  subgraph w\(c)[\"\(Self.mermaidEscaped(cluster.fileName))\"]\n"
            for (n, node) in cluster.nodes.enumerated() {
                let label = ([node.job] + details(of: node)).map(Self.mermaidEscaped).joined(separator: "<br/>")
                // An approval is a decision: drawn as a hexagon.
                let (open, close) = node.needsApproval ? ("{{", "}}") : ("[", "]")
                out += "    \(Self.id(c, n))\(open)\"\(label)\"\(close)\n"
                for need in node.needs {
                    guard let from = cluster.nodes.firstIndex(where: { $0.job == need }) else { continue }
                    edges.append("  \(Self.id(c, from)) --> \(Self.id(c, n))\n")
                }
            }
            out += "  end\n"
        }
        return out + edges.joined()
    }

    private var dot: String {
        var out = "digraph pipeline {\n  rankdir=LR;\n  node [shape=box];\n"
        var edges: [String] = []
        for (c, cluster) in clusters.enumerated() {
            out += "  subgraph cluster_\(c) {\n    label=\"\(Self.dotEscaped(cluster.fileName))\";\n"
            for (n, node) in cluster.nodes.enumerated() {
                let label = ([node.job] + details(of: node)).map(Self.dotEscaped).joined(separator: "\\n")
                out += "    \(Self.id(c, n)) [label=\"\(label)\"\(node.needsApproval ? ", shape=hexagon" : "")];\n"
                for need in node.needs {
                    guard let from = cluster.nodes.firstIndex(where: { $0.job == need }) else { continue }
                    edges.append("  \(Self.id(c, from)) -> \(Self.id(c, n));\n")
                }
            }
            out += "  }\n"
        }
        return out + edges.joined() + "}\n"
    }

    /// Text inside a quoted Mermaid label: `"` and the entity and markup characters written as entities.
    static func mermaidEscaped(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\"": out += "#quot;"
            case "#": out += "#35;"
            case "<": out += "#lt;"
            case ">": out += "#gt;"
            case "\n": out += " "
            default: out.append(character)
            }
        }
        return out
    }

    /// Text inside a quoted DOT string: `\` and `"` escaped, line breaks as DOT's `\n`.
    static func dotEscaped(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }
}

extension Generator {
    /// The picture of the workflows `render(_:)` writes for `pipeline`, checked the same way first.
    ///
    /// Jobs bound to an environment a person must approve — production, a reviewed change set's execute, a
    /// destroy — are marked, as the bootstrap's next steps ask for required reviewers on them.
    public func graph(_ pipeline: Pipeline) throws(GenerationError) -> PipelineGraph {
        try checkBeforeLowering(pipeline)
        let effective = effectivePipeline(pipeline)
        var reviewed: Set<String> = []
        for environment in effective.environments {
            if environment.production || environment.strategy.isReviewed { reviewed.insert(environment.githubEnvironment) }
            if effective.isDestroyable(environment) { reviewed.insert(environment.destroyEnvironment) }
        }
        return PipelineGraph(workflows: lower(pipeline), reviewedEnvironments: reviewed)
    }
}
