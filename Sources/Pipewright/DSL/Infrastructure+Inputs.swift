/// A file or folder of the repository that the build reads, as a `pipewright.json` field names it: a pipeline
/// whose template is missing renders workflows that fail at their first run.
public struct InfrastructureInput: Sendable, Hashable {
    /// The config field that names it, e.g. `infrastructure.template`.
    public let field: String
    /// The path from the repository root.
    public let path: String
    /// Whether it is a folder.
    public let isDirectory: Bool
    /// What it is, e.g. `the CloudFormation template`.
    public let description: String
}

extension Infrastructure {
    /// What must exist in the repository for the build to run.
    ///
    /// ```swift
    /// for input in pipeline.infrastructure.inputs { print(input.field, input.path) }
    /// ```
    public var inputs: [InfrastructureInput] {
        switch self {
        case .cloudFormation(let template):
            return [InfrastructureInput(field: "infrastructure.template", path: template.path, isDirectory: false, description: "the CloudFormation template")]
        case .sam(let app):
            return [InfrastructureInput(field: "infrastructure.template", path: app.template, isDirectory: false, description: "the SAM template")]
        case .containerService(let service):
            return [
                InfrastructureInput(field: "infrastructure.dockerfile", path: service.dockerfile, isDirectory: false, description: "the Dockerfile"),
                InfrastructureInput(field: "infrastructure.context", path: service.context, isDirectory: true, description: "the build context"),
                InfrastructureInput(field: "infrastructure.template", path: service.template.path, isDirectory: false, description: "the service's CloudFormation template"),
            ]
        case .cdk(let app):
            // `npm ci` installs from the lock file and fails without it.
            return [
                InfrastructureInput(field: "infrastructure.directory", path: Self.inFolder(app.directory, "cdk.json"), isDirectory: false,
                                    description: "the CDK app's cdk.json"),
                InfrastructureInput(field: "infrastructure.directory", path: Self.inFolder(app.directory, "package-lock.json"), isDirectory: false,
                                    description: "the CDK app's package-lock.json (npm ci installs from it)"),
            ]
        }
    }

    /// A file in a folder of the repository; `.` is the root.
    private static func inFolder(_ folder: String, _ file: String) -> String {
        folder == "." ? file : FilePaths.appending(file, to: folder)
    }
}

extension Pipeline {
    /// What must exist in the repository for the build to run: the infrastructure's inputs, or, with stacks,
    /// each stack's template.
    ///
    /// ```swift
    /// for input in pipeline.inputs { print(input.field, input.path) }
    /// ```
    public var inputs: [InfrastructureInput] {
        guard !stacks.isEmpty else { return infrastructure.inputs }
        return stacks.enumerated().map { index, stack in
            InfrastructureInput(field: "stacks[\(index)].template", path: stack.template.path, isDirectory: false,
                                description: "the CloudFormation template of stack \(stack.name)")
        }
    }
}
