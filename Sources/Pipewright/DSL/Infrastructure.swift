/// What a pipeline builds and deploys.
public enum Infrastructure: Sendable, Hashable {
    /// A CloudFormation template (JSON or YAML) deployed as is.
    case cloudFormation(CloudFormationTemplate)
    /// A CDK app, synthesized once in the build job; `cdk.out` is the artifact.
    case cdk(CDKApp)
    /// A SAM application: `sam build`, then `sam package` to an S3 bucket.
    case sam(SAMApp)
    /// A container image built, scanned and pushed by digest, then deployed with a CloudFormation template.
    case containerService(ContainerService)

    /// The kind's name, as written in `pipewright.json`.
    public var kind: String {
        switch self {
        case .cloudFormation: "cloudformation"
        case .cdk: "cdk"
        case .sam: "sam"
        case .containerService: "container-service"
        }
    }

    /// The capabilities its stacks are created with: the template's own, or what SAM's transform
    /// (`CAPABILITY_IAM`, `CAPABILITY_AUTO_EXPAND`) and CDK's named roles (`CAPABILITY_NAMED_IAM`) need.
    public var capabilities: [Capability] {
        switch self {
        case .cloudFormation(let template): template.capabilities
        case .containerService(let service): service.template.capabilities
        case .sam: [.iam, .autoExpand]
        case .cdk: [.namedIAM]
        }
    }
}

/// A CloudFormation template in the repository.
///
/// ```swift
/// let pipeline = Pipeline("Infrastructure", project: "payments") {
///     CloudFormationTemplate(path: "infra/template.yaml", capabilities: [.namedIAM, .autoExpand])
/// }
/// ```
public struct CloudFormationTemplate: Sendable, Hashable {
    /// The template's path from the repository root.
    public var path: String
    /// Capabilities the template needs; transforms (`AWS::Serverless`, macros) need `CAPABILITY_AUTO_EXPAND`.
    public var capabilities: [Capability]

    /// Creates a template reference.
    public init(path: String, capabilities: [Capability] = [.namedIAM]) {
        self.path = path
        self.capabilities = capabilities
    }
}

/// A CloudFormation capability acknowledgement.
public enum Capability: String, Sendable, Hashable, CaseIterable, Codable {
    /// `CAPABILITY_IAM`: the template creates IAM resources with generated names.
    case iam = "CAPABILITY_IAM"
    /// `CAPABILITY_NAMED_IAM`: the template creates IAM resources with names it chooses; covers ``iam`` too.
    case namedIAM = "CAPABILITY_NAMED_IAM"
    /// `CAPABILITY_AUTO_EXPAND`: the template uses a transform or macro, such as `AWS::Serverless`.
    case autoExpand = "CAPABILITY_AUTO_EXPAND"
}

/// A CDK app.
///
/// ```swift
/// let pipeline = Pipeline("Infrastructure", project: "payments") {
///     CDKApp(directory: "infra", nodeVersion: "22", cdkNag: true)
/// }
/// ```
public struct CDKApp: Sendable, Hashable {
    /// The folder holding `package.json` and `cdk.json`.
    public var directory: String
    /// The Node.js major version used to synthesize and deploy.
    public var nodeVersion: String
    /// Whether synth runs with `--strict`, so any warning fails the build: cdk-nag's among them when the app
    /// adds its checks as an aspect (`Aspects.of(app).add(new AwsSolutionsChecks())`); Pipewright does not add them.
    public var cdkNag: Bool

    /// Creates a CDK app reference.
    public init(directory: String = ".", nodeVersion: String = "22", cdkNag: Bool = true) {
        self.directory = directory
        self.nodeVersion = nodeVersion
        self.cdkNag = cdkNag
    }
}

/// A SAM application.
///
/// ```swift
/// let pipeline = Pipeline("Functions", project: "payments") {
///     SAMApp(template: "template.yaml", packageBucket: "payments-sam-artifacts")
/// }
/// ```
public struct SAMApp: Sendable, Hashable {
    /// The SAM template's path.
    public var template: String
    /// The S3 bucket `sam package` uploads code to (in the CI role's account).
    public var packageBucket: String
    /// The SAM CLI version, installed from the hash lock Pipewright ships for it; another version is a
    /// configuration error.
    public var samCLIVersion: String

    /// Creates a SAM app reference.
    public init(template: String = "template.yaml", packageBucket: String, samCLIVersion: String = "1.142.1") {
        self.template = template
        self.packageBucket = packageBucket
        self.samCLIVersion = samCLIVersion
    }
}

/// A container service: an image built, pushed to ECR by digest under an immutable tag, scanned by ECR,
/// and deployed by a CloudFormation template that receives the image reference.
///
/// ```swift
/// let pipeline = Pipeline("Service", project: "payments") {
///     ContainerService(repository: "payments-api", template: CloudFormationTemplate(path: "infra/service.yaml"))
/// }
/// ```
public struct ContainerService: Sendable, Hashable {
    /// The build context folder.
    public var context: String
    /// The Dockerfile's path.
    public var dockerfile: String
    /// The ECR repository name (tag immutability and scan-on-push on; see `pipewright bootstrap`).
    public var repository: String
    /// The template that runs the service; receives `<registry>/<repository>@sha256:<digest>` in ``imageParameter``.
    public var template: CloudFormationTemplate
    /// The template parameter that receives the image reference.
    public var imageParameter: String

    /// Creates a container service reference.
    public init(context: String = ".", dockerfile: String = "Dockerfile", repository: String, template: CloudFormationTemplate, imageParameter: String = "ImageUri") {
        self.context = context
        self.dockerfile = dockerfile
        self.repository = repository
        self.template = template
        self.imageParameter = imageParameter
    }
}
