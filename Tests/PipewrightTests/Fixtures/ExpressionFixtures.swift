import Pipewright

extension Fixtures {
    /// Typed expressions: every context, function, literal kind and operator, in `if:` conditions and in
    /// values. Scripts read them only through `env:` (no `${{` in a `run:`).
    static var expressions: Workflow {
        let isRelease = .github("event_name").equals("push") && .startsWith(.github("ref"), "refs/tags/v")
        let buildFinished = .needsResult("build").equals("success") || .needsResult("build").equals("skipped")
        return Workflow(
            name: "Fixture: expressions",
            runName: "Expressions for \(.format("{0}@{1}", .github("repository"), .github("sha")))",
            on: Triggers(
                push: EventFilter(tagsIgnore: ["v0.*"]),
                workflowDispatch: WorkflowDispatch(inputs: [
                    .choice("level", options: ["debug", "info"], description: "Log level", required: true, default: "info"),
                    .number("shards", description: "How many shards", required: false, default: 2),
                ])
            ),
            permissions: Permissions.empty,
            env: ["LEVEL": "\(.inputs("level"))", "REGION": "\(.vars("REGION"))"],
            concurrency: concurrency,
            jobs: [
                Job(
                    id: "build", name: "Build", runsOn: "ubuntu-latest", permissions: .grants(.read(.contents)),
                    outputs: ["digest": "\(.steps("hash", output: "digest"))"], timeoutMinutes: 10,
                    steps: [
                        checkout,
                        .run(
                            "Hash the sources", id: "hash",
                            env: ["KEY": "\(.format("{0}-{1}", .runner("os"), .hashFiles("**/Package.resolved", "Package.swift")))"],
                            "echo \"digest=$KEY\" >> \"$GITHUB_OUTPUT\""
                        ),
                    ]
                ),
                Job(
                    id: "shards", name: "Shard \(.matrix("shard"))", needs: ["build"],
                    condition: !.cancelled() && buildFinished,
                    runsOn: "ubuntu-latest", permissions: .grants(.read(.contents)),
                    env: [
                        "DIGEST": "\(.needs("build", output: "digest"))",
                        "MATRIX": "\(.toJSON(.context(.matrix, [])))",
                        "INDEX": "\(.strategy("job-index"))",
                    ],
                    timeoutMinutes: 10,
                    strategy: Strategy(matrix: Matrix(dimensions: ["shard": [1, 2, 3]])),
                    steps: [
                        .run(
                            "Later shards", if: .matrix("shard").isGreater(than: 1) && .matrix("shard").isLess(than: .fromJSON(.inputs("shards"))),
                            "echo \"shard $INDEX of $MATRIX with $DIGEST\""
                        ),
                        .run(
                            "First shard", if: .binary(.lessOrEqual, .matrix("shard"), 1) || .binary(.greaterOrEqual, .matrix("shard"), 99),
                            "echo first"
                        ),
                        .run(
                            "On Linux only", if: .runner("os").equals("Linux") && .job("status").equals("success"),
                            env: ["GREETING": "it's \(.env("LEVEL"))"],
                            "echo \"$GREETING\""
                        ),
                        .run("After a failure", if: .failure(), "echo failed"),
                    ]
                ),
                Job(
                    id: "release", name: "Release", needs: ["build", "shards"],
                    condition: .success() && (isRelease || .contains(.github("event", "head_commit", "message"), "[release]")),
                    runsOn: "ubuntu-latest", environment: DeploymentEnvironment("release"),
                    permissions: .grants(.read(.contents)), timeoutMinutes: 10,
                    steps: [
                        .run(
                            "Publish",
                            if: !.endsWith(.github("ref"), "-rc") && .github("event_name").notEquals("schedule")
                                && .inputs("level").notEquals(.null) && .github("ref_protected").equals(true),
                            env: [
                                "TOKEN": "\(.secrets("RELEASE_TOKEN"))",
                                "QUOTED": "\(.format("it's {0}", .github("ref_name")))",
                                "LABELS": "\(.join(.github("event", "pull_request", "labels", "*", "name"), ", "))",
                                "COUNT": "\(.fromJSON(.vars("RELEASE_COUNT")))",
                                "RETRIES": "\(.github("run_attempt").equals(1) || .github("run_attempt").isGreater(than: 42))",
                            ],
                            "test -n \"$TOKEN\" && echo \"$QUOTED $LABELS $COUNT $RETRIES\""
                        ),
                    ]
                ),
            ]
        )
    }
}
