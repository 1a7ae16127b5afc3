// The context Scripts/doc-examples gives to Swift samples that are fragments (samples without
// `import Pipewright`). A doc comment's sample may use these names as its reader would: the pipeline,
// policy or workflow the surrounding text is about. Keep this list short; a sample that needs more
// should build it in the sample itself.
import Pipewright

enum DocExampleContext {
    /// The pipeline a sample renders, audits or bootstraps.
    static let pipeline = Pipeline("Infrastructure", project: "payments") {
        CloudFormationTemplate(path: "infra/template.yaml")
        CIRole(.variable("AWS_CI_ROLE_ARN"))
        Environment("dev", account: "111111111111", role: .variable("AWS_ROLE_ARN_DEV"), branch: "main")
    }

    /// The organization's policy a sample applies or audits with.
    static let policy = Policy(allowedRegions: ["us-east-1"])

    /// A workflow written by hand rather than lowered from a pipeline.
    static let handMadeWorkflow = Workflow(name: "CI", on: Triggers(push: EventFilter(branches: ["main"])), jobs: [
        Job(id: "test", runsOn: "ubuntu-24.04", steps: [.run("Test", "make test\n")]),
    ])
}
