import Pipewright

extension Fixtures {
    /// `permissions:` as `{}` at the top and on a job, and per scope with read, write and none, each
    /// grant beyond `contents: read` with its reason as a comment. `read-all` and `write-all` are
    /// covered by unit tests only: zizmor reports both as excessive permissions.
    static var permissions: Workflow {
        Workflow(
            name: "Fixture: permissions",
            on: Triggers(push: EventFilter(branches: ["main"])),
            permissions: Permissions.empty,
            concurrency: concurrency,
            jobs: [
                Job(
                    id: "nothing", name: "Needs no token", runsOn: "ubuntu-latest", permissions: Permissions.empty, timeoutMinutes: 5,
                    steps: [.run("Say hello", "echo hello")]
                ),
                Job(
                    id: "read", name: "Reads the repository", runsOn: "ubuntu-latest", permissions: .grants(.read(.contents)),
                    timeoutMinutes: 5, steps: [checkout, .run("List files", "ls -la")]
                ),
                Job(
                    id: "publish", name: "Publishes a package", needs: ["read"], runsOn: "ubuntu-latest",
                    permissions: .grants(
                        .read(.contents),
                        .write(.packages, because: "push the image to GHCR"),
                        .write(.idToken, because: "sign the image with Sigstore"),
                        .read(.actions, because: "read artifacts of earlier runs"),
                        PermissionGrant(.issues, .none, reason: "never comments on issues")
                    ),
                    timeoutMinutes: 10, steps: [checkout, .run("Publish", "echo publishing")]
                ),
            ]
        )
    }
}
