import Pipewright

extension Fixtures {
    /// `on:` in full: push and pull_request filters, merge_group, release, schedule, typed dispatch
    /// inputs, and events the model lacks through the escape hatch; plus `run-name`.
    static var triggers: Workflow {
        Workflow(
            name: "Fixture: triggers",
            runName: "Triggers (\(.github("event_name"))) by \(.github("actor"))",
            on: Triggers(
                push: EventFilter(branches: ["main", "release/**"], tags: ["v*"], paths: ["Sources/**", "Package.swift"]),
                pullRequest: EventFilter(
                    branchesIgnore: ["gh-pages", "experimental/**"], pathsIgnore: ["docs/**", "**.md"],
                    types: ["opened", "synchronize", "reopened"]
                ),
                mergeGroup: ActivityTypes(["checks_requested"]),
                release: ActivityTypes(["published", "prereleased"]),
                schedule: ["17 3 * * 1-5", "0 12 1 */3 *"],
                workflowDispatch: WorkflowDispatch(inputs: [
                    .string("message", description: "Text to print", required: false, default: "hello"),
                    .choice("level", options: ["debug", "info", "warning"], description: "Log level", required: true, default: "info"),
                    .boolean("dry-run", description: "Only print what would happen", required: false, default: true),
                    .number("retries", description: "How often to retry", required: false, default: 3),
                    .environment("target", description: "Environment to report on", required: true),
                ]),
                extra: [
                    YAMLEntry("issues", .mapping([YAMLEntry("types", .sequence([.string("opened"), .string("labeled")]))])),
                    YAMLEntry("watch", .mapping([YAMLEntry("types", .sequence([.string("started")]))])),
                ]
            ),
            permissions: Permissions.empty,
            concurrency: concurrency,
            jobs: [
                Job(
                    id: "report", name: "Report the event", runsOn: "ubuntu-latest", permissions: Permissions.empty, timeoutMinutes: 5,
                    steps: [
                        .run(
                            "Print the inputs",
                            env: [
                                "EVENT": "\(.github("event_name"))",
                                "MESSAGE": "\(.inputs("message"))",
                                "LEVEL": "\(.inputs("level"))",
                                "DRY_RUN": "\(.inputs("dry-run"))",
                                "RETRIES": "\(.inputs("retries"))",
                                "TARGET": "\(.inputs("target"))",
                            ],
                            """
                            printf 'event=%s message=%s level=%s\\n' "$EVENT" "$MESSAGE" "$LEVEL"
                            printf 'dry-run=%s retries=%s target=%s\\n' "$DRY_RUN" "$RETRIES" "$TARGET"
                            """
                        ),
                    ]
                ),
            ]
        )
    }
}
