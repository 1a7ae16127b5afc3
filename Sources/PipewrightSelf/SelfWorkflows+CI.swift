import Pipewright

extension SelfWorkflows {
    /// The repository variables that name the shared material `.ci/run` reads from `../shared`.
    static let sharedRepositoryVariable = "PIPEWRIGHT_SHARED_REPOSITORY"
    static let sharedCommitVariable = "PIPEWRIGHT_SHARED_COMMIT"

    /// `ci.yml`: on pushes to main and on pull requests, the build and `swift test`, and beside it everything
    /// `.ci/run` checks: conformance of every rendered workflow, the release binary, the documentation, the
    /// bootstrap deployed on moto and the workflows run in act.
    package static func ci() -> GeneratedWorkflow {
        GeneratedWorkflow(fileName: "ci.yml", workflow: Workflow(
            name: "CI",
            on: Triggers(push: EventFilter(branches: ["main"]), pullRequest: EventFilter()),
            permissions: .empty,
            defaults: RunDefaults(shell: "bash"),
            concurrency: Concurrency(group: "ci-\(.github("ref"))", cancelInProgress: true),
            jobs: [buildAndTest, ciRun]
        ))
    }

    static var buildAndTest: Job {
        Job(id: "build-and-test", name: "Build and test", runsOn: runner, permissions: readContents, timeoutMinutes: 45, steps: [
            hardenRunner,
            checkout(),
            swiftToolchain,
            .run("Build", "swift build --build-tests\n"),
            .run("Test", "swift test --skip-build\n"),
        ])
    }

    /// `.ci/run` reads the pinned actions' code, the pin facts and more from `../shared`, which a clone on GitHub
    /// lacks: the job checks out the repository the variables name, at the commit they name, beside the clone,
    /// and stops with what to set when they are not set. Pull requests from forks get no variables, so there
    /// the job stops too, saying so.
    static var ciRun: Job {
        let shared: Mapping<WorkflowValue> = [
            "SHARED_REPOSITORY": .expression(.vars(sharedRepositoryVariable)),
            "SHARED_COMMIT": .expression(.vars(sharedCommitVariable)),
        ]
        return Job(id: "ci-run", name: "Conformance and end-to-end (.ci/run)", runsOn: runner, permissions: readContents, timeoutMinutes: 120, steps: [
            hardenRunner,
            .run("The shared material is named", env: shared, """
                if [[ -z "$SHARED_REPOSITORY" || ! "$SHARED_COMMIT" =~ ^[0-9a-f]{40}$ ]]; then
                  echo "::error::.ci/run needs the shared material beside the clone (../shared: the pinned actions' code, the verified pin facts). Set the repository variables \(sharedRepositoryVariable) (owner/name) and \(sharedCommitVariable) (a full 40-hex commit of it). Pull requests from forks get no variables: run 'bash .ci/run' locally with ../shared beside the clone, or push the branch to this repository."
                  exit 1
                fi
                echo "shared material: $SHARED_REPOSITORY at $SHARED_COMMIT"

                """),
            checkout(path: "pipewright"),
            .uses("Check out the shared material", pins.reference("actions/checkout"), with: [
                "repository": .expression(.vars(sharedRepositoryVariable)),
                "ref": .expression(.vars(sharedCommitVariable)),
                "path": "shared",
                "persist-credentials": false,
            ]),
            .run("The shared material is the named commit", env: shared, """
                head="$(git -C shared rev-parse HEAD)"
                if [[ "$head" != "$SHARED_COMMIT" ]]; then
                  echo "::error::shared is at $head, not $SHARED_COMMIT"
                  exit 1
                fi
                for needed in action-pins.tsv actions schemas; do
                  if [[ ! -e "shared/$needed" ]]; then
                    echo "::error::$SHARED_REPOSITORY at $SHARED_COMMIT has no $needed, which .ci/run reads"
                    exit 1
                  fi
                done

                """),
            // The pinned tools' wheels (Scripts/*.lock, installed with --require-hashes) are CPython 3.11's.
            .uses("Python 3.11 for the pinned tools", pins.reference("actions/setup-python"), with: ["python-version": "3.11"]),
            swiftToolchain,
            .run(".ci/run", env: ["CI": "true"], workingDirectory: "pipewright", "bash .ci/run\n"),
        ])
    }
}
