/// Commands that verify each environment after its deploy, before the next environment is promoted to.
///
/// They run in a job of their own after the environment's deploy, bound to the unprotected GitHub environment
/// `<environment>-verify` (``Environment/verifyEnvironment``), under the environment's read-only verify role,
/// from the repository's root. Each stack's outputs are in the commands' environment as
/// `STACK_OUTPUT_<STACK>_<KEY>` and each stack's name as `STACK_NAME_<STACK>` (the stack's name and the output
/// key in uppercase, any other character than a letter or digit as `_`); a pipeline of one stack has
/// `STACK_OUTPUT_<KEY>` and `STACK_NAME`. `AWS_REGION` is the environment's region. A failing command fails the
/// environment: the jobs of environments `after` it do not run, and the notification reports it. An
/// ``Environment``'s own `verify` replaces these; `[]` turns verification off there.
///
/// ```swift
/// let pipeline = Pipeline("Infrastructure", project: "payments") {
///     Verify(["test -n \"$STACK_OUTPUT_APIURL\"", "scripts/smoke-test.sh"])
/// }
/// ```
public struct Verify: PipelineComponent, Hashable {
    /// The commands, each run on its own under `bash -euo pipefail`.
    public let commands: [String]
    /// Creates the statement.
    public init(_ commands: [String]) { self.commands = commands }
    /// Sets the commands every environment runs after its deploy.
    public func apply(to pipeline: inout Pipeline) { pipeline.verify = commands }
}
