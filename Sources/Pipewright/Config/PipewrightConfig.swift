/// `pipewright.json`: a versioned JSON document that says everything a ``Pipeline`` says, both ways.
///
/// ```swift
/// let text = PipewrightConfig.encode(pipeline)                 // what `pipewright init` writes
/// let decoded = try PipewrightConfig.decode(text)              // throws ConfigError listing every problem
/// decoded.pipeline == pipeline                                 // true
/// ```
///
/// Format rules (version 1):
/// - Keys are written in the fixed order of ``PipewrightConfig/Keys``; reading accepts any order.
/// - Unknown keys are errors. `"$schema"` (a string, for editors) is accepted and ignored; `"policy"` (an
///   object) is passed through untouched as ``Decoded/policy`` for the policy layer.
/// - An absent optional key means the DSL's default; `null` means "none" (for example
///   `"cfnLintVersion": null` skips cfn-lint, `"chainedRole": null` chains no role).
/// - Writing leaves out per-environment values that say nothing (no region, no chained or drift role,
///   a GitHub environment named like the environment, no `after`, no parameters, no tags) and optional
///   sections that are off (no `ciRole`, `drift`, `destroy`, `notify`, `artifactEncryption`,
///   `pullRequestBranches`, `hardenRunner`). Everything else is written even when it equals the default,
///   so the file shows the knobs it has: `build`, `validation`, `strategy`, `production`, `runtime`.
public enum PipewrightConfig {
    /// The only format version this build reads and writes.
    public static let version = 1

    /// The schema's `$id`.
    public static let schemaID = "https://pipewright.dev/schema/v1.json"

    /// A decoded document: the pipeline and the raw `policy` object, if any.
    public struct Decoded: Sendable, Hashable {
        /// The pipeline the document describes; it passed ``Pipeline/configurationErrors()``.
        public var pipeline: Pipeline
        /// The `policy` object as written, for the policy layer to decode.
        public var policy: JSONValue?

        /// Creates a decoded document.
        public init(pipeline: Pipeline, policy: JSONValue? = nil) {
            self.pipeline = pipeline
            self.policy = policy
        }
    }

    /// The keys of each object, in the order they are written.
    ///
    /// Also the order of the schema's `properties`, so the encoder, the decoder and the schema cannot drift.
    public enum Keys {
        /// The document's keys.
        public static let document = [
            "$schema", "version", "name", "project", "region", "stackNaming", "infrastructure", "ciRole", "build", "validation",
            "environments", "pullRequestBranches", "manualDispatch", "drift", "destroy", "notify", "tags", "artifactEncryption",
            "runtime", "policy",
        ]
        /// `stackNaming`'s keys.
        public static let stackNaming = ["prefix", "suffix"]
        /// The values of `infrastructure.kind`.
        public static let infrastructureKinds = ["cloudformation", "cdk", "sam", "container-service"]
        /// The keys of a `cloudformation` infrastructure.
        public static let cloudFormation = ["kind", "template", "capabilities"]
        /// The keys of a `cdk` infrastructure.
        public static let cdk = ["kind", "directory", "nodeVersion", "cdkNag"]
        /// The keys of a `sam` infrastructure.
        public static let sam = ["kind", "template", "packageBucket", "samCLIVersion"]
        /// The keys of a `container-service` infrastructure.
        public static let containerService = ["kind", "context", "dockerfile", "repository", "template", "capabilities", "imageParameter"]
        /// A role reference's keys; exactly one is used.
        public static let role = ["secret", "variable", "arn"]
        /// `build`'s keys.
        public static let build = ["retentionDays", "commands"]
        /// `validation`'s keys.
        public static let validation = ["validateTemplate", "cfnLintVersion", "commands"]
        /// An environment's keys.
        public static let environment = [
            "name", "account", "region", "role", "chainedRole", "driftRole", "githubEnvironment", "branch", "after",
            "parameters", "strategy", "production", "tags",
        ]
        /// The string values of `strategy`.
        public static let strategies = ["direct", "changeSet"]
        /// The keys of `{"changeSet": {…}}`.
        public static let changeSet = ["review"]
        /// The keys of a parameter that is not a literal.
        public static let parameterSource = ["secret", "variable"]
        /// `drift`'s keys.
        public static let drift = ["schedule", "githubEnvironment"]
        /// `destroy`'s keys.
        public static let destroy = ["allowProduction"]
        /// `notify`'s keys.
        public static let notify = ["slack"]
        /// `notify.slack`'s keys.
        public static let slack = ["webhookSecret"]
        /// `artifactEncryption`'s keys.
        public static let artifactEncryption = ["kmsKey"]
        /// `runtime`'s keys.
        public static let runtime = ["runner", "jobTimeoutMinutes", "deployTimeoutMinutes", "hardenRunner"]
        /// `runtime.hardenRunner`'s keys.
        public static let hardenRunner = ["policy", "allowedEndpoints"]
        /// The values of `hardenRunner.policy`.
        public static let hardenRunnerPolicies = ["audit", "block"]
        /// The capability names, as CloudFormation spells them.
        public static let capabilities = Capability.allCases.map(\.rawValue)

        /// The keys an infrastructure kind takes.
        static func infrastructure(kind: String) -> [String] {
            switch kind {
            case "cdk": cdk
            case "sam": sam
            case "container-service": containerService
            default: cloudFormation
            }
        }
    }
}
