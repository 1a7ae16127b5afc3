import Pipewright

extension Fixtures {
    /// Keys the model lacks, on every node that carries them, rendered in the given order after the known
    /// keys: `cache-mode` on the workflow and a job, events under `on:`, and on a step an expression-valued
    /// `continue-on-error`, which the model's `Bool` cannot hold.
    static var escapeHatch: Workflow {
        var probe = Step.run("Probe", id: "probe", "echo probing")
        probe.extra = [
            YAMLEntry("continue-on-error", .string(Expression.matrix("experimental").wrapped)),
        ]
        return Workflow(
            name: "Fixture: escape hatch",
            on: Triggers(
                push: EventFilter(branches: ["main"]),
                extra: [
                    YAMLEntry("workflow_dispatch", .mapping([])),
                    YAMLEntry("label", .mapping([YAMLEntry("types", .sequence([.string("created")]))])),
                ]
            ),
            permissions: Permissions.empty,
            concurrency: concurrency,
            jobs: [
                Job(
                    id: "cached", name: "Cache-limited job", runsOn: "ubuntu-latest", permissions: .grants(.read(.contents)),
                    timeoutMinutes: 5,
                    strategy: Strategy(matrix: Matrix(dimensions: ["experimental": [false, true]])),
                    steps: [checkout, probe],
                    extra: [
                        YAMLEntry("cache-mode", .string("none"), comment: "a key the model lacks"),
                    ]
                ),
            ],
            extra: [
                YAMLEntry("cache-mode", .string("read"), leadingComments: ["GitHub's cache-mode is not modelled yet."]),
            ]
        )
    }
}
