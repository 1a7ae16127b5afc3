/// One statement of a ``Pipeline`` definition: a value that sets or adds one aspect of the pipeline.
///
/// Later statements override earlier ones; environments and tags accumulate.
public protocol PipelineComponent: Sendable {
    /// Applies this statement to the pipeline being defined.
    func apply(to pipeline: inout Pipeline)
}

/// Collects ``PipelineComponent`` statements; `if`, `for` and optionals work.
@resultBuilder
public enum PipelineBuilder: ListBuilder {
    /// Any pipeline statement: an environment, a template, settings, tags …
    public typealias Element = any PipelineComponent
}

/// A result builder whose statements are elements of one type: the shared `build*` methods.
public protocol ListBuilder {
    /// The type of each statement.
    associatedtype Element
}

extension ListBuilder {
    /// One statement.
    public static func buildExpression(_ element: Element) -> [Element] { [element] }
    /// An array of statements in one line, e.g. `environments.map { … }`.
    public static func buildExpression(_ elements: [Element]) -> [Element] { elements }
    /// The statements of a block, in order.
    public static func buildBlock(_ parts: [Element]...) -> [Element] { parts.flatMap { $0 } }
    /// An `if` without `else`: its statements, or none.
    public static func buildOptional(_ part: [Element]?) -> [Element] { part ?? [] }
    /// The first branch of an `if`/`else` or `switch`.
    public static func buildEither(first part: [Element]) -> [Element] { part }
    /// The second branch of an `if`/`else` or `switch`.
    public static func buildEither(second part: [Element]) -> [Element] { part }
    /// A `for` loop: every iteration's statements, in order.
    public static func buildArray(_ parts: [[Element]]) -> [Element] { parts.flatMap { $0 } }
    /// An `if #available` block.
    public static func buildLimitedAvailability(_ part: [Element]) -> [Element] { part }
}


extension Environment: PipelineComponent {
    /// Appends the environment, in promotion order.
    public func apply(to pipeline: inout Pipeline) { pipeline.environments.append(self) }
}

extension CloudFormationTemplate: PipelineComponent {
    /// Deploys this template.
    public func apply(to pipeline: inout Pipeline) { pipeline.infrastructure = .cloudFormation(self) }
}

extension CDKApp: PipelineComponent {
    /// Deploys this CDK app.
    public func apply(to pipeline: inout Pipeline) { pipeline.infrastructure = .cdk(self) }
}

extension SAMApp: PipelineComponent {
    /// Deploys this SAM application.
    public func apply(to pipeline: inout Pipeline) { pipeline.infrastructure = .sam(self) }
}

extension ContainerService: PipelineComponent {
    /// Builds, scans and deploys this service.
    public func apply(to pipeline: inout Pipeline) { pipeline.infrastructure = .containerService(self) }
}

extension StackNaming: PipelineComponent {
    /// Sets how stack names are formed.
    public func apply(to pipeline: inout Pipeline) { pipeline.stackNaming = self }
}

extension BuildSettings: PipelineComponent {
    /// Sets artifact packaging.
    public func apply(to pipeline: inout Pipeline) { pipeline.build = self }
}

extension ValidationSettings: PipelineComponent {
    /// Sets the checks before deploy.
    public func apply(to pipeline: inout Pipeline) { pipeline.validation = self }
}

extension DriftDetection: PipelineComponent {
    /// Turns on drift detection.
    public func apply(to pipeline: inout Pipeline) { pipeline.drift = self }
}

extension DestroySettings: PipelineComponent {
    /// Turns on guarded destroy.
    public func apply(to pipeline: inout Pipeline) { pipeline.destroy = self }
}

extension Notify: PipelineComponent {
    /// Posts deploy results here.
    public func apply(to pipeline: inout Pipeline) { pipeline.notification = self }
}

extension ArtifactEncryption: PipelineComponent {
    /// Encrypts the artifact with this key.
    public func apply(to pipeline: inout Pipeline) { pipeline.artifactEncryption = self }
}

extension RuntimeSettings: PipelineComponent {
    /// Sets runner, timeouts and egress control.
    public func apply(to pipeline: inout Pipeline) { pipeline.runtime = self }
}

/// The default region, for environments that name none.
///
/// ```swift
/// let pipeline = Pipeline("Infrastructure", project: "payments") {
///     Region("eu-west-1")
/// }
/// ```
public struct Region: PipelineComponent, Hashable {
    /// The region's code, e.g. `eu-west-1`.
    public let name: String
    /// Creates the statement.
    public init(_ name: String) { self.name = name }
    /// Sets the default region.
    public func apply(to pipeline: inout Pipeline) { pipeline.region = name }
}

/// Regions newer than this build of Pipewright knows: a region outside its list is an error (a typo such as
/// `us-east-3` deploys nowhere) unless listed here.
///
/// ```swift
/// let pipeline = Pipeline("Infrastructure", project: "payments") {
///     AdditionalRegions(["ap-southeast-8"])
///     Region("ap-southeast-8")
/// }
/// ```
public struct AdditionalRegions: PipelineComponent, Hashable {
    /// The regions' codes.
    public let names: [String]
    /// Creates the statement.
    public init(_ names: [String]) { self.names = names }
    /// Adds the regions.
    public func apply(to pipeline: inout Pipeline) { pipeline.additionalRegions += names }
}

/// The role the build and validate jobs assume; never a secret, since those jobs have no environment.
///
/// ```swift
/// let pipeline = Pipeline("Infrastructure", project: "payments") {
///     CIRole(.variable("AWS_CI_ROLE_ARN"))
/// }
/// ```
public struct CIRole: PipelineComponent, Hashable {
    /// Where the role's ARN comes from.
    public let role: RoleReference
    /// Creates the statement.
    public init(_ role: RoleReference) { self.role = role }
    /// Sets the CI role.
    public func apply(to pipeline: inout Pipeline) { pipeline.ciRole = role }
}

/// The dedicated AWS account that holds what the pipeline shares between environments: the CI role, the
/// artifact key and the first hop of chained deploys. No environment should deploy to it: an unreviewed deploy
/// into the account that holds production's first hop could rewrite that role's trust.
///
/// ```swift
/// let pipeline = Pipeline("Infrastructure", project: "payments") {
///     PipelineAccount("999999999999")
/// }
/// ```
public struct PipelineAccount: PipelineComponent, Hashable {
    /// The 12-digit account id.
    public let account: String
    /// Creates the statement.
    public init(_ account: String) { self.account = account }
    /// Sets the pipeline account.
    public func apply(to pipeline: inout Pipeline) { pipeline.pipelineAccount = account }
}

/// Tags added to every stack, besides Environment, Project, ManagedBy, Repository and CommitSHA.
///
/// ```swift
/// let pipeline = Pipeline("Infrastructure", project: "payments") {
///     Tags(["CostCenter": "platform", "Owner": "team-payments"])
/// }
/// ```
public struct Tags: PipelineComponent, Hashable {
    /// The tags, in the written order.
    public let tags: [Tag]
    /// Tags in the written order.
    public init(_ tags: KeyValuePairs<String, String>) { self.tags = tags.map { Tag($0.key, $0.value) } }
    /// Adds the tags.
    public func apply(to pipeline: inout Pipeline) { pipeline.tags += tags }
}

/// Branches whose pull requests are built and validated (by default, the deploy branches).
///
/// ```swift
/// let pipeline = Pipeline("Infrastructure", project: "payments") {
///     PullRequests(branches: ["main", "release/*"])
/// }
/// ```
public struct PullRequests: PipelineComponent, Hashable {
    /// The target branches, or branch patterns, of the pull requests.
    public let branches: [String]
    /// Creates the statement.
    public init(branches: [String]) { self.branches = branches }
    /// Sets the pull-request branches.
    public func apply(to pipeline: inout Pipeline) { pipeline.pullRequestBranches = branches }
}

/// Whether a manual deploy or destroy of one environment is offered (on by default).
///
/// ```swift
/// let pipeline = Pipeline("Infrastructure", project: "payments") {
///     ManualDispatch(false)
/// }
/// ```
public struct ManualDispatch: PipelineComponent, Hashable {
    /// Whether a manual run can deploy one environment or, with ``DestroySettings``, destroy it.
    public let enabled: Bool
    /// Creates the statement.
    public init(_ enabled: Bool) { self.enabled = enabled }
    /// Turns manual runs on or off.
    public func apply(to pipeline: inout Pipeline) { pipeline.manualDispatch = enabled }
}
