import Pipewright

extension Fixtures {
    static let nodeImage = "node:22-bookworm@sha256:" + String(repeating: "1f", count: 32)
    static let postgresImage = "postgres:17@sha256:" + String(repeating: "a5", count: 32)
    static let redisImage = "redis:7@sha256:" + String(repeating: "c3", count: 32)

    /// Jobs in full: needs (one and several), if, runs-on as a label and a list, environment with and
    /// without a URL, permissions, concurrency, outputs, env, defaults, timeout-minutes,
    /// continue-on-error, a matrix strategy with include and exclude, fail-fast, max-parallel,
    /// a container with credentials, and services.
    static var jobs: Workflow {
        var buildContainer = Container(
            image: nodeImage, env: ["NODE_ENV": "test", "CI": true], ports: ["9229"], volumes: ["/tmp/cache:/cache"],
            options: "--cpus 2"
        )
        buildContainer.credentials = (username: "\(.github("actor"))", password: "\(.secrets("REGISTRY_TOKEN"))")
        return Workflow(
            name: "Fixture: jobs",
            on: Triggers(push: EventFilter(branches: ["main"]), pullRequest: EventFilter()),
            permissions: Permissions.empty,
            env: ["FIXTURE": "jobs"],
            defaults: RunDefaults(shell: "bash", workingDirectory: "."),
            concurrency: concurrency,
            jobs: [
                Job(
                    id: "prepare", name: "Prepare", runsOn: "ubuntu-latest", permissions: .grants(.read(.contents)),
                    outputs: ["version": "\(.steps("meta", output: "version"))", "channel": "stable"],
                    timeoutMinutes: 5,
                    steps: [
                        checkout,
                        .run("Compute the version", id: "meta", "echo \"version=1.2.3\" >> \"$GITHUB_OUTPUT\""),
                    ]
                ),
                Job(
                    id: "test", name: "Test (node \(.matrix("node")), \(.matrix("suite")))", needs: ["prepare"],
                    condition: .github("event_name").notEquals("schedule"),
                    runsOn: .labels(["ubuntu-latest", "linux"]),
                    permissions: .grants(.read(.contents)),
                    concurrency: Concurrency(group: "test-\(.github("ref"))-\(.matrix("node"))-\(.matrix("suite"))"),
                    env: ["VERSION": "\(.needs("prepare", output: "version"))", "SUITE": "\(.matrix("suite"))"],
                    defaults: RunDefaults(shell: "bash", workingDirectory: "Tests"),
                    timeoutMinutes: 20, continueOnError: false,
                    strategy: Strategy(
                        matrix: Matrix(
                            dimensions: ["node": [20, 22], "suite": ["unit", "integration"]],
                            include: [["node": 24, "suite": "unit", "experimental": true]],
                            exclude: [["node": 20, "suite": "integration"]]
                        ),
                        failFast: false, maxParallel: 3
                    ),
                    steps: [checkout, .run("Run the suite", "echo \"version $VERSION, suite $SUITE\"")]
                ),
                Job(
                    id: "integration", name: "Integration", needs: ["prepare", "test"], runsOn: "ubuntu-24.04",
                    environment: DeploymentEnvironment("staging", url: "https://staging.example.com/\(.github("sha"))"),
                    permissions: .grants(.read(.contents)),
                    timeoutMinutes: 30,
                    container: buildContainer,
                    services: [
                        "postgres": Container(
                            image: postgresImage, env: ["POSTGRES_PASSWORD": "\(.secrets("POSTGRES_PASSWORD"))"], ports: ["5432:5432"],
                            options: "--health-cmd pg_isready --health-interval 10s --health-timeout 5s --health-retries 5"
                        ),
                        "redis": Container(image: redisImage, ports: ["6379"]),
                    ],
                    steps: [checkout, .run("Run against the services", "node --version")]
                ),
                Job(
                    id: "notify", name: "Notify", needs: ["integration"], condition: .always(), runsOn: "ubuntu-latest",
                    environment: DeploymentEnvironment("chat"), permissions: Permissions.empty, timeoutMinutes: 5, continueOnError: true,
                    steps: [.run("Notify", env: ["WEBHOOK": "\(.secrets("CHAT_WEBHOOK"))"], "test -n \"$WEBHOOK\"")]
                ),
            ]
        )
    }
}
