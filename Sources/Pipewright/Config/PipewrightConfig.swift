/// `pipewright.json`: a versioned JSON document that says everything a ``Pipeline`` says, both ways.
///
/// ```swift
/// let text = PipewrightConfig.encode(pipeline)                 // what `pipewright init` writes
/// let decoded = try PipewrightConfig.decode(text)              // throws ConfigError listing every problem
/// decoded.pipeline == pipeline                                 // true
/// ```
///
/// Format rules (version 1):
/// - Keys are written in the fixed order of the declarations in `PipewrightConfig+Fields.swift`, which also
///   drive reading, the schema and the rules; reading accepts any order.
/// - Unknown keys are errors. `"$schema"` (a string, for editors) is accepted and ignored; `"policy"` (an
///   object) is passed through untouched in the decoded document for the policy layer.
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
        package var policy: JSONValue?
        /// The pins file the config names (`pins`), relative to it.
        package var pins: String?

        /// Creates a decoded document.
        package init(pipeline: Pipeline, policy: JSONValue? = nil, pins: String? = nil) {
            self.pipeline = pipeline
            self.policy = policy
            self.pins = pins
        }
    }
}
