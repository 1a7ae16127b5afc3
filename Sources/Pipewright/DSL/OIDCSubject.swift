/// Which GitHub OIDC subject the bootstrap's trust policies expect: GitHub's default, or a subject customized
/// to also name the workflow file and ref the job runs from.
///
/// With ``jobWorkflowRef`` every role admits only jobs of Pipewright's own workflow files, as committed on the
/// branch the role serves; a workflow written on another branch, a renamed file, or a repository whose subject
/// is not customized reaches nothing. The next steps print the `gh api` command that customizes the subject.
///
/// ```swift
/// let pipeline = Pipeline("Infrastructure", project: "payments") {
///     OIDCSubject.jobWorkflowRef
/// }
/// ```
public enum OIDCSubject: String, Sendable, Hashable, CaseIterable {
    /// GitHub's default subject: `repo:OWNER/REPO:environment:prod`, `repo:OWNER/REPO:ref:refs/heads/main`.
    case `default`
    /// The repository's subject is customized with `include_claim_keys: ["repo", "context", "job_workflow_ref"]`:
    /// `repo:OWNER/REPO:environment:prod:job_workflow_ref:OWNER/REPO/.github/workflows/infrastructure.yml@refs/heads/main`.
    case jobWorkflowRef

    /// The claims GitHub joins into the subject, in order, when the subject is customized; `nil` for the default.
    public var includeClaimKeys: [String]? {
        switch self {
        case .default: nil
        case .jobWorkflowRef: ["repo", "context", "job_workflow_ref"]
        }
    }
}

extension OIDCSubject: PipelineComponent {
    /// Sets the subject the bootstrap's trust policies expect.
    public func apply(to pipeline: inout Pipeline) { pipeline.oidcSubject = self }
}
