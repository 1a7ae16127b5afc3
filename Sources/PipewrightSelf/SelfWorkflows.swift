import Pipewright
import PipewrightCommands

/// Pipewright's own GitHub Actions workflows, written with the library's typed workflow model and kept current
/// by `swift run pipewright-self` (`--check` in `.ci/run`), as a user's are by `pipewright generate`.
///
/// The deployment DSL describes AWS pipelines, not a Swift package's CI, so these are built from ``Workflow``,
/// ``Job`` and ``Step`` directly, with the hardening the lowering applies to every generated workflow: no token
/// scope at the top and the least each job needs, every action pinned by commit from ``PinTable/verified``,
/// no credentials left in `.git/config`, harden-runner first, a timeout on every job, one run per ref.
package enum SelfWorkflows {
    /// What the headers name as the place to edit.
    package static let source = "Sources/PipewrightSelf"
    /// The command that regenerates the workflows.
    package static let command = "swift run pipewright-self"
    /// The Swift release the package is built and released with; a runner with another fails at once.
    static let swiftRelease = "6.3"

    /// Every workflow, in file name order.
    package static func all() -> [GeneratedWorkflow] {
        [ci(), release()]
    }

    /// The program `pipewright-self` runs.
    package static let program = WorkflowFilesProgram(
        spec: CommandSpec(
            name: "pipewright-self",
            summary: "Write Pipewright's own workflows (.github/workflows/ci.yml and release.yml), or check they are current.",
            options: WorkflowFilesProgram.options,
            discussion: """
            The workflows are defined in \(source) with Pipewright's workflow model. Change them there, then run
            '\(command)' and commit the result; '.ci/run' runs '\(command) --check', then actionlint and
            zizmor (auditor persona) on .github/workflows.
            """
        ),
        source: source, command: command, marker: "Sources/PipewrightSelf/SelfWorkflows.swift", workflows: all
    )

    static let pins = PinTable.verified
    static let runner: RunsOn = .label(.ubuntu24)
    static let readContents: Permissions = .grants(.read(.contents, because: "check out the repository"))

    /// harden-runner in audit mode, as the generated workflows have it by default: the jobs reach swift.org's
    /// package index, PyPI and GitHub, which a block list would have to name one by one.
    static var hardenRunner: Step {
        .uses("Harden the runner", pins.reference("step-security/harden-runner"), with: ["egress-policy": "audit"])
    }

    /// Checkout without leaving the token in `.git/config`.
    static func checkout(path: String? = nil) -> Step {
        var inputs: Mapping<WorkflowValue> = ["persist-credentials": false]
        if let path { inputs["path"] = .text(WorkflowText(path)) }
        return .uses("Check out", pins.reference("actions/checkout"), with: inputs)
    }

    /// GitHub's Ubuntu 24.04 image installs the newest Swift release (PGP-verified, on PATH through
    /// /usr/local/bin) when the image is built, so the version moves with the image: a job stops here, naming
    /// both versions, rather than building with a toolchain the package was not tested with.
    static var swiftToolchain: Step {
        .run("Swift \(swiftRelease) from the runner image", env: ["SWIFT_RELEASE": .text(WorkflowText(swiftRelease))], """
            version="$(swift --version 2>/dev/null | sed -n 's/.*Swift version \\([0-9][0-9.]*\\).*/\\1/p' | head -n 1)"
            case "$version" in
              "$SWIFT_RELEASE" | "$SWIFT_RELEASE".*) echo "Swift $version at $(command -v swift)" ;;
              *)
                echo "::error::Pipewright builds with Swift $SWIFT_RELEASE; this runner has ${version:-no swift on PATH}. Install Swift $SWIFT_RELEASE before this step, or change swiftRelease in Sources/PipewrightSelf."
                exit 1
                ;;
            esac

            """)
    }
}
