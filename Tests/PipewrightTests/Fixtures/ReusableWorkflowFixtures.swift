import Pipewright

extension Fixtures {
    /// A reusable workflow in another repository, pinned to a commit. A local `./.github/workflows/x.yml`
    /// call fails zizmor's auditor persona (`self-repository` asks for `$/…`, which actionlint rejects),
    /// and `secrets: inherit` fails `secrets-inherit`, so the fixture calls a pinned remote workflow with
    /// explicit secrets.
    static let deployWorkflow = ActionReference(
        "octo-org/pipelines/.github/workflows/deploy.yml", ref: "0123456789abcdef0123456789abcdef01234567", version: "v1.4.0"
    )

    /// A job-level `uses:` calling a reusable workflow with `with:` and explicit `secrets:`, a job that
    /// reads the call's outputs and result.
    static var reusableCall: Workflow {
        Workflow(
            name: "Fixture: reusable workflow call",
            on: Triggers(push: EventFilter(branches: ["main"])),
            permissions: Permissions.empty,
            concurrency: concurrency,
            jobs: [
                Job(
                    id: "build", name: "Build", runsOn: "ubuntu-latest", permissions: .grants(.read(.contents)),
                    outputs: ["version": "\(.steps("version", output: "value"))"], timeoutMinutes: 10,
                    steps: [checkout, .run("Version", id: "version", "echo \"value=1.2.3\" >> \"$GITHUB_OUTPUT\"")]
                ),
                Job(
                    id: "deploy", name: "Deploy", needs: ["build"], condition: .github("ref").equals("refs/heads/main"),
                    permissions: .grants(.read(.contents), .write(.idToken, because: "OIDC token to assume the deploy role")),
                    concurrency: Concurrency(group: "deploy-staging", cancelInProgress: false),
                    call: ReusableWorkflowCall(
                        deployWorkflow,
                        with: [
                            "environment": "staging",
                            "version": "\(.needs("build", output: "version"))",
                            "dry-run": false,
                            "retries": 2,
                        ],
                        secrets: .explicit(["deploy-token": "\(.secrets("DEPLOY_TOKEN"))"])
                    )
                ),
                Job(
                    id: "announce", name: "Announce", needs: ["deploy"], condition: .always(), runsOn: "ubuntu-latest",
                    permissions: Permissions.empty, timeoutMinutes: 5,
                    steps: [
                        .run(
                            "Print the deployment",
                            env: ["URL": "\(.needs("deploy", output: "url"))", "RESULT": "\(.needsResult("deploy"))"],
                            "echo \"deploy $RESULT: $URL\""
                        ),
                    ]
                ),
            ]
        )
    }

    /// The other side: a workflow with a `workflow_call` interface of typed inputs, secrets and outputs.
    static var reusableInterface: Workflow {
        Workflow(
            name: "Fixture: reusable workflow interface",
            on: Triggers(workflowCall: WorkflowCall(
                inputs: [
                    .init("environment", kind: .string, description: "Environment to deploy to", required: true),
                    .init("version", kind: .string, description: "Version to deploy", required: false, default: "latest"),
                    .init("dry-run", kind: .boolean, description: "Only plan the deployment", required: false, default: true),
                    .init("retries", kind: .number, description: "Attempts before giving up", required: false, default: 3),
                ],
                secrets: [
                    .init("deploy-token", description: "Token for the deployment API", required: true),
                    .init("chat-webhook", required: false),
                ],
                outputs: [
                    .init("url", description: "Where the deployment is served", value: "\(.jobs("deploy", output: "url"))"),
                    .init("revision", value: "\(.jobs("deploy", output: "revision"))"),
                ]
            )),
            permissions: Permissions.empty,
            concurrency: Concurrency(group: "deploy-\(.inputs("environment"))", cancelInProgress: false),
            jobs: [
                Job(
                    id: "deploy", name: "Deploy \(.inputs("version")) to \(.inputs("environment"))", runsOn: "ubuntu-latest",
                    environment: DeploymentEnvironment("\(.inputs("environment"))"),
                    permissions: .grants(.read(.contents), .write(.idToken, because: "OIDC token to assume the deploy role")),
                    outputs: ["url": "\(.steps("ship", output: "url"))", "revision": "\(.steps("ship", output: "revision"))"],
                    timeoutMinutes: 30,
                    steps: [
                        checkout,
                        .run(
                            "Ship", id: "ship",
                            env: [
                                "DEPLOY_TOKEN": "\(.secrets("deploy-token"))",
                                "VERSION": "\(.inputs("version"))",
                                "DRY_RUN": "\(.inputs("dry-run"))",
                                "RETRIES": "\(.inputs("retries"))",
                            ],
                            """
                            test -n "$DEPLOY_TOKEN"
                            echo "deploying $VERSION (dry run: $DRY_RUN, retries: $RETRIES)"
                            echo "url=https://example.com/$VERSION" >> "$GITHUB_OUTPUT"
                            echo "revision=$GITHUB_SHA" >> "$GITHUB_OUTPUT"
                            """
                        ),
                    ]
                ),
            ]
        )
    }
}
