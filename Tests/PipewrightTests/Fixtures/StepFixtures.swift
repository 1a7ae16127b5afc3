import Pipewright

extension Fixtures {
    /// Steps in full: id, name, if, `uses:` with `with:`, `run:` with shell and working-directory,
    /// env, continue-on-error and timeout-minutes on both kinds of step.
    static var steps: Workflow {
        var lint = Step.run("Lint", id: "lint", shell: "bash", workingDirectory: "Sources", "ls -la")
        lint.continueOnError = true
        lint.timeoutMinutes = 3
        var setupPython = Step.uses(
            "Set up Python", setupPythonAction, id: "python", with: ["python-version": "3.13", "check-latest": false],
            env: ["PIP_DISABLE_PIP_VERSION_CHECK": "1"]
        )
        setupPython.continueOnError = false
        setupPython.timeoutMinutes = 5
        return Workflow(
            name: "Fixture: steps",
            on: Triggers(pullRequest: EventFilter(branches: ["main"])),
            permissions: Permissions.empty,
            concurrency: concurrency,
            jobs: [
                Job(
                    id: "steps", name: "Steps", runsOn: "ubuntu-latest", permissions: .grants(.read(.contents)), timeoutMinutes: 15,
                    steps: [
                        checkout,
                        setupPython,
                        lint,
                        .run("Python script", shell: "python", "import sys\nprint(sys.version)"),
                        .run("POSIX sh", shell: "sh", workingDirectory: "Tests", "set -eu\nls"),
                        .run(
                            "Report", if: .stepOutcome("lint").equals("failure"),
                            env: ["PYTHON_VERSION": "\(.steps("python", output: "python-version"))"],
                            "echo \"lint failed with Python $PYTHON_VERSION\""
                        ),
                        .uses(
                            "Upload the logs", uploadArtifactAction, if: .always(),
                            with: ["name": "logs", "path": "logs/", "if-no-files-found": "ignore", "retention-days": 5]
                        ),
                    ]
                ),
            ]
        )
    }
}
