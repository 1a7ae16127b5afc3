/// One of several CloudFormation stacks a pipeline deploys to every environment, in dependency order.
///
/// A pipeline without stacks deploys its one template as `<prefix>-<environment>[-<suffix>]`; with stacks,
/// each is deployed as `<prefix>-<environment>[-<suffix>]-<name>`. A parameter may take another stack's output,
/// read after that stack deploys; the stack must then be listed in ``dependsOn``.
///
/// ```swift
/// let pipeline = Pipeline("Infrastructure", project: "payments") {
///     Stack("network", template: "infra/network.yaml")
///     Stack("app", template: "infra/app.yaml", dependsOn: ["network"],
///           parameters: [.output("VpcId", stack: "network", output: "VpcId")])
/// }
/// ```
public struct Stack: Sendable, Hashable {
    /// The stack's name: the last part of its stack name, e.g. `network`.
    public var name: String
    /// The template and the capabilities it needs.
    public var template: CloudFormationTemplate
    /// Template parameters every environment passes; an environment's own `<stack>.<Key>` parameters override them.
    public var parameters: [Parameter]
    /// Tags added to this stack only.
    public var tags: [Tag]
    /// The stacks deployed before this one, in every environment.
    public var dependsOn: [String]

    /// Creates a stack.
    public init(
        _ name: String, template: String, capabilities: [Capability] = [.namedIAM], dependsOn: [String] = [],
        parameters: [Parameter] = [], tags: [Tag] = []
    ) {
        self.name = name
        self.template = CloudFormationTemplate(path: template, capabilities: capabilities)
        self.parameters = parameters
        self.tags = tags
        self.dependsOn = dependsOn
    }
}

extension Stack: PipelineComponent {
    /// Adds the stack; the pipeline's infrastructure becomes CloudFormation with no template of its own, as each
    /// stack names its template.
    public func apply(to pipeline: inout Pipeline) {
        if case .cloudFormation = pipeline.infrastructure {
            pipeline.infrastructure = .cloudFormation(CloudFormationTemplate(path: ""))
        }
        pipeline.stacks.append(self)
    }
}

extension Pipeline {
    /// The stacks in the order they deploy: each after the stacks it depends on, otherwise in the order written.
    /// Empty when the pipeline deploys its one template. Stacks in a cycle (a configuration error) come last.
    public var stacksInDeployOrder: [Stack] {
        let order = Self.deployOrder(of: stacks)
        return order.ordered + order.cyclic
    }

    /// Stacks that can deploy one after another, in that order, and those left in a cycle, in document order.
    /// A dependency that is not a stack (a configuration error) is ignored.
    static func deployOrder(of stacks: [Stack]) -> (ordered: [Stack], cyclic: [Stack]) {
        let names = Set(stacks.map(\.name))
        var placed: Set<String> = []
        var ordered: [Stack] = []
        var remaining = stacks
        while let next = remaining.firstIndex(where: { $0.dependsOn.allSatisfy { placed.contains($0) || !names.contains($0) } }) {
            placed.insert(remaining[next].name)
            ordered.append(remaining.remove(at: next))
        }
        return (ordered, remaining)
    }
}
