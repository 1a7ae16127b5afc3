import Pipewright

extension SelfWorkflows {
    /// The machines a release is built for, each on GitHub's runner of that architecture (there is no cross
    /// build): the binary's name suffix, and the runner label.
    static let releaseTargets: [(architecture: String, runner: RunnerLabel)] = [
        ("x86_64", .ubuntu24),
        ("aarch64", "ubuntu-24.04-arm"),
    ]

    /// `release.yml`: on a pushed `v*` tag, a binary per architecture built by `Scripts/release` (checked without
    /// a toolchain) in jobs that can write nothing; their build provenance attested in a job that holds only the
    /// attestation scopes; the release created with `gh` in a job that holds only `contents: write`. Each job
    /// after the builds checks every file against its build's `SHA256SUMS` before it uses it.
    package static func release() -> GeneratedWorkflow {
        GeneratedWorkflow(fileName: "release.yml", workflow: Workflow(
            name: "Release",
            on: Triggers(push: EventFilter(tags: ["v*"])),
            permissions: .empty,
            defaults: RunDefaults(shell: "bash"),
            // A release half-made is worse than one made late: a second push of the tag waits.
            concurrency: Concurrency(group: "release-\(.github("ref"))", cancelInProgress: false),
            jobs: releaseTargets.map { releaseBuild(architecture: $0.architecture, runner: $0.runner) } + [releaseAttest, releasePublish]
        ))
    }

    static func buildJobID(_ architecture: String) -> String { "build-" + architecture }

    static func releaseBuild(architecture: String, runner: RunnerLabel) -> Job {
        Job(id: buildJobID(architecture), name: "Build the release binary (\(architecture))", runsOn: .label(runner),
            permissions: readContents, timeoutMinutes: 45, steps: [
            hardenRunner,
            checkout(),
            swiftToolchain,
            .run("Build, strip and checksum; run it without a toolchain (Scripts/release --check)", "Scripts/release --check\n"),
            .run("The binary is the tagged version, for \(architecture)", env: ["TAG": .expression(.github("ref_name")), "ARCHITECTURE": .text(WorkflowText(architecture))], """
                binary=".build/release-artifacts/pipewright-linux-$ARCHITECTURE"
                version="v$("$binary" --version | awk '{print $2}')"
                if [[ "$version" != "$TAG" ]]; then
                  echo "::error::the tag is $TAG but the binary says $version: set PipewrightTool.version, then tag again"
                  exit 1
                fi

                """),
            .uses("Hand the binary and its SHA256SUMS on", pins.reference("actions/upload-artifact"), with: [
                "name": .text(WorkflowText("release-" + architecture)),
                "path": ".build/release-artifacts/",
                "if-no-files-found": "error",
                "retention-days": 5,
            ]),
        ])
    }

    /// Downloads every build's files, checks each against its own `SHA256SUMS`, and gathers them in `release/`
    /// with one `SHA256SUMS` for all, as the release publishes them.
    static var fetchVerifiedRelease: [Step] {
        releaseTargets.map { target in
            .uses("Take the \(target.architecture) build's files", pins.reference("actions/download-artifact"), with: [
                "name": .text(WorkflowText("release-" + target.architecture)),
                "path": .text(WorkflowText("builds/" + target.architecture)),
            ])
        } + [
            .run("Check them against SHA256SUMS, and gather them", env: ["ARCHITECTURES": .text(WorkflowText(releaseTargets.map(\.architecture).joined(separator: " ")))], """
                mkdir release
                for architecture in $ARCHITECTURES; do
                  (cd "builds/$architecture" && sha256sum --check --strict SHA256SUMS)
                  if [[ "$(cut -d ' ' -f 3 "builds/$architecture/SHA256SUMS")" != "pipewright-linux-$architecture" ]]; then
                    echo "::error::the $architecture build's SHA256SUMS does not list exactly pipewright-linux-$architecture"
                    exit 1
                  fi
                  cp "builds/$architecture/pipewright-linux-$architecture" release/
                  cat "builds/$architecture/SHA256SUMS" >> release/SHA256SUMS
                done
                (cd release && sha256sum --check --strict SHA256SUMS)

                """),
        ]
    }

    static var releaseAttest: Job {
        Job(id: "attest", name: "Attest the build provenance", needs: releaseTargets.map { buildJobID($0.architecture) }, runsOn: runner,
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
        Job(id: "publish", name: "Publish the GitHub release", needs: ["attest"], runsOn: runner,
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
