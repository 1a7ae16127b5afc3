/// One statement of a ``Pipeline`` definition; each sets or adds one aspect.
public struct PipelinePart: Sendable {
    let apply: @Sendable (inout Pipeline) -> Void

    /// A part that changes the pipeline arbitrarily; the named factories cover the common cases.
    public init(_ apply: @escaping @Sendable (inout Pipeline) -> Void) { self.apply = apply }
}

/// Collects ``PipelinePart`` statements; `if`, `for` and optionals work.
@resultBuilder
public enum PipelineBuilder: ListBuilder {
    public typealias Element = PipelinePart
}

/// A result builder whose statements are elements of one type: the shared `build*` methods.
public protocol ListBuilder {
    associatedtype Element
}

extension ListBuilder {
    public static func buildExpression(_ element: Element) -> [Element] { [element] }
    public static func buildExpression(_ elements: [Element]) -> [Element] { elements }
    public static func buildBlock(_ parts: [Element]...) -> [Element] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [Element]?) -> [Element] { part ?? [] }
    public static func buildEither(first part: [Element]) -> [Element] { part }
    public static func buildEither(second part: [Element]) -> [Element] { part }
    public static func buildArray(_ parts: [[Element]]) -> [Element] { parts.flatMap { $0 } }
    public static func buildLimitedAvailability(_ part: [Element]) -> [Element] { part }
}

extension PipelinePart {
    /// Deploy a CloudFormation template.
    public static func cloudFormation(template path: String, capabilities: [Capability] = [.namedIAM]) -> PipelinePart {
        PipelinePart { $0.infrastructure = .cloudFormation(CloudFormationTemplate(path: path, capabilities: capabilities)) }
    }

    /// Deploy a CDK app.
    public static func cdk(_ app: CDKApp = CDKApp()) -> PipelinePart {
        PipelinePart { $0.infrastructure = .cdk(app) }
    }

    /// Deploy a SAM application.
    public static func sam(_ app: SAMApp) -> PipelinePart {
        PipelinePart { $0.infrastructure = .sam(app) }
    }

    /// Build, scan and push a container image, then deploy its service template.
    public static func containerService(_ service: ContainerService) -> PipelinePart {
        PipelinePart { $0.infrastructure = .containerService(service) }
    }

    /// Stack names: `<prefix>-<environment>-<suffix>`.
    public static func stackName(prefix: String, suffix: String? = nil) -> PipelinePart {
        PipelinePart { $0.stackNaming = StackNaming(prefix: prefix, suffix: suffix) }
    }

    /// The default region.
    public static func region(_ region: String) -> PipelinePart {
        PipelinePart { $0.region = region }
    }

    /// Branches whose pull requests are built and validated.
    public static func pullRequests(branches: [String]) -> PipelinePart {
        PipelinePart { $0.pullRequestBranches = branches }
    }

    /// Whether a manual deploy or destroy of one environment is offered.
    public static func manualDispatch(_ enabled: Bool) -> PipelinePart {
        PipelinePart { $0.manualDispatch = enabled }
    }

    /// Artifact packaging.
    public static func build(retentionDays: Int = 30, commands: [String] = []) -> PipelinePart {
        PipelinePart { $0.build = BuildSettings(retentionDays: retentionDays, commands: commands) }
    }

    /// Checks before deploy.
    public static func validate(template: Bool = true, cfnLint version: String? = "1.51.0", commands: [String] = []) -> PipelinePart {
        PipelinePart { $0.validation = ValidationSettings(validateTemplate: template, cfnLintVersion: version, commands: commands) }
    }

    /// The role the build and validate jobs assume.
    public static func ciRole(_ role: RoleReference) -> PipelinePart {
        PipelinePart { $0.ciRole = role }
    }

    /// A deployment target, appended in promotion order.
    public static func environment(
        _ name: String, account: String, region: String? = nil, role: RoleReference, chainedRole: RoleReference? = nil,
        driftRole: RoleReference? = nil, githubEnvironment: String? = nil, branch: String, after: String? = nil,
        parameters: [Parameter] = [], strategy: DeployStrategy = .direct, production: Bool = false, tags: [Tag] = []
    ) -> PipelinePart {
        .environment(Environment(
            name, account: account, region: region, role: role, chainedRole: chainedRole, driftRole: driftRole,
            githubEnvironment: githubEnvironment, branch: branch, after: after, parameters: parameters,
            strategy: strategy, production: production, tags: tags
        ))
    }

    /// A deployment target, appended in promotion order.
    public static func environment(_ environment: Environment) -> PipelinePart {
        PipelinePart { $0.environments.append(environment) }
    }

    /// Scheduled and manual drift detection.
    public static func driftDetection(schedule: String..., githubEnvironment: String = "drift-detection") -> PipelinePart {
        PipelinePart { $0.drift = DriftDetection(schedule: schedule, githubEnvironment: githubEnvironment) }
    }

    /// Guarded manual destroy.
    public static func destroy(allowProduction: Bool = false) -> PipelinePart {
        PipelinePart { $0.destroy = DestroySettings(allowProduction: allowProduction) }
    }

    /// Post deploy results.
    public static func notify(_ notification: Notification) -> PipelinePart {
        PipelinePart { $0.notification = notification }
    }

    /// Tags for every stack, besides the built-in ones.
    public static func tags(_ tags: KeyValuePairs<String, String>) -> PipelinePart {
        let list = tags.map { Tag($0.key, $0.value) }
        return PipelinePart { $0.tags += list }
    }

    /// KMS encryption of the artifact.
    public static func encryptArtifacts(kmsKey: String) -> PipelinePart {
        PipelinePart { $0.artifactEncryption = ArtifactEncryption(kmsKey: kmsKey) }
    }

    /// Runner, timeouts and egress control.
    public static func runtime(_ settings: RuntimeSettings) -> PipelinePart {
        PipelinePart { $0.runtime = settings }
    }
}
