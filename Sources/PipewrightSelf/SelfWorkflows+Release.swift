import Pipewright

extension SelfWorkflows {
    /// The artifact that carries the binary and its `SHA256SUMS` from the build job to the others.
    static let releaseArtifact = "release"

    /// `release.yml`: on a pushed `v*` tag, the binary built by `Scripts/release` (checked without a toolchain)
    /// in a job that can write nothing; its build provenance attested in a job that holds only the attestation
    /// scopes; the release created with `gh` in a job that holds only `contents: write`. Each job after the
    /// build checks the files against `SHA256SUMS` before it uses them.
    package static func release() -> GeneratedWorkflow {
        GeneratedWorkflow(fileName: "release.yml", workflow: Workflow(
            name: "Release",
            on: Triggers(push: EventFilter(tags: ["v*"])),
            permissions: .empty,
            defaults: RunDefaults(shell: "bash"),
            // A release half-made is worse than one made late: a second push of the tag waits.
            concurrency: Concurrency(group: "release-\(.github("ref"))", cancelInProgress: false),
            jobs: [releaseBuild, releaseAttest, releasePublish]
        ))
    }

    static var releaseBuild: Job {
        Job(id: "build", name: "Build the release binary", runsOn: runner, permissions: readContents, timeoutMinutes: 45, steps: [
            hardenRunner,
            checkout(),
            swiftToolchain,
            .run("Build, strip and checksum; run it without a toolchain (Scripts/release --check)", "Scripts/release --check\n"),
            .run("The binary is the tagged version", env: ["TAG": .expression(.github("ref_name"))], """
                version="v$(".build/release-artifacts/pipewright-linux-$(uname -m)" --version | awk '{print $2}')"
                if [[ "$version" != "$TAG" ]]; then
                  echo "::error::the tag is $TAG but the binary says $version: set PipewrightTool.version, then tag again"
                  exit 1
                fi

                """),
            .uses("Hand the binary and SHA256SUMS on", pins.reference("actions/upload-artifact"), with: [
                "name": .text(WorkflowText(releaseArtifact)),
                "path": ".build/release-artifacts/",
                "if-no-files-found": "error",
                "retention-days": 5,
            ]),
        ])
    }

    /// Downloads the build's files into `release/` and checks them against `SHA256SUMS`.
    static var fetchVerifiedRelease: [Step] {
        [
            .uses("Take the build's files", pins.reference("actions/download-artifact"), with: [
                "name": .text(WorkflowText(releaseArtifact)),
                "path": "release",
            ]),
            .run("Check them against SHA256SUMS", workingDirectory: "release", "sha256sum --check --strict SHA256SUMS\n"),
        ]
    }

    static var releaseAttest: Job {
        Job(id: "attest", name: "Attest the build provenance", needs: ["build"], runsOn: runner,
            permissions: .grants(
                .write(.attestations, because: "store the provenance attestation"),
                .write(.idToken, because: "sign the attestation with the workflow's OIDC identity")
            ),
            timeoutMinutes: 15,
            steps: [hardenRunner] + fetchVerifiedRelease + [
                .uses("Attest the binaries SHA256SUMS lists", pins.reference("actions/attest-build-provenance"), with: [
                    "subject-checksums": "release/SHA256SUMS",
                ]),
            ])
    }

    static var releasePublish: Job {
        Job(id: "publish", name: "Publish the GitHub release", needs: ["build", "attest"], runsOn: runner,
            permissions: .grants(.write(.contents, because: "create the release and upload its files")),
            timeoutMinutes: 15,
            steps: [hardenRunner] + fetchVerifiedRelease + [
                .run("Create the release with its files", env: ["GH_TOKEN": .expression(.github("token")), "TAG": .expression(.github("ref_name"))], """
                    gh release create "$TAG" release/* --repo "$GITHUB_REPOSITORY" --verify-tag --title "Pipewright $TAG" \\
                      --notes "Check a download with 'sha256sum --check --ignore-missing SHA256SUMS' and 'gh attestation verify FILE --repo $GITHUB_REPOSITORY'. Changes: CHANGELOG.md at $TAG."

                    """),
            ])
    }
}
