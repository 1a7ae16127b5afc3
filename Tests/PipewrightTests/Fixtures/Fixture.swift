import Pipewright
import Testing

/// A hand-built workflow that exercises one area of the model, rendered to a committed golden file.
///
/// Every fixture must also pass `Scripts/conformance` with zero findings, so each one is written the
/// hardened way: named workflow and jobs, `permissions: {}` with per-job grants, workflow concurrency,
/// timeouts, pinned actions, and no expression inside a `run:` script.
struct Fixture: Sendable, CustomTestStringConvertible {
    /// The golden file's base name: `Golden/workflows/<name>.yml` and `<name>.json`.
    let name: String
    let workflow: Workflow

    var testDescription: String { name }

    /// Every fixture, one or two per feature area.
    static let all: [Fixture] = [
        Fixture(name: "triggers", workflow: Fixtures.triggers),
        Fixture(name: "permissions", workflow: Fixtures.permissions),
        Fixture(name: "jobs", workflow: Fixtures.jobs),
        Fixture(name: "reusable-call", workflow: Fixtures.reusableCall),
        Fixture(name: "reusable-interface", workflow: Fixtures.reusableInterface),
        Fixture(name: "steps", workflow: Fixtures.steps),
        Fixture(name: "expressions", workflow: Fixtures.expressions),
        Fixture(name: "escape-hatch", workflow: Fixtures.escapeHatch),
        Fixture(name: "ambiguous-scalars", workflow: Fixtures.ambiguousScalarsWorkflow),
    ]
}

/// The fixture workflows, one file per feature area, and the pieces they share.
enum Fixtures {
    static let checkoutAction = PinTable.verified.reference("actions/checkout")
    static let uploadArtifactAction = PinTable.verified.reference("actions/upload-artifact")
    static let setupPythonAction = PinTable.verified.reference("actions/setup-python")
    static let setupNodeAction = PinTable.verified.reference("actions/setup-node")

    /// Checkout without leaving the token in `.git/config` (zizmor `artipacked`).
    static let checkout = Step.uses("Check out", checkoutAction, with: ["persist-credentials": false])

    /// One concurrency group per workflow and ref, as zizmor's auditor persona asks of every workflow.
    static let concurrency = Concurrency(group: "\(.github("workflow"))-\(.github("ref"))", cancelInProgress: true)

    /// A job that checks out and runs one script: the smallest job every fixture may need.
    static func scriptJob(_ id: String, name: WorkflowText, script: WorkflowText) -> Job {
        Job(id: id, name: name, runsOn: "ubuntu-latest", permissions: .grants(.read(.contents)), timeoutMinutes: 5,
            steps: [checkout, .run("Run", script)])
    }
}
