import Foundation
import Testing
@testable import Pipewright
import PipewrightBlueprints
@testable import PipewrightCommands

@Suite struct CommandTests {
    static let staleWorkflow = "# a workflow that must survive a refused run\n"

    /// Every malformed config from the config table: exit 2, the exact message, and nothing written or changed.
    @Test(arguments: ConfigFixtures.errorCases)
    func malformedConfigExitsTwoAndWritesNothing(_ testCase: ConfigErrorCase) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write(testCase.input, to: "pipewright.json")
        try scratch.write(Self.staleWorkflow, to: ".github/workflows/infrastructure.yml")
        let before = scratch.snapshot()

        let result = scratch.run("generate")

        #expect(result.code == 2, "\(testCase)")
        let isSyntax = testCase.expected.count == 1 && testCase.expected[0].hasPrefix("pipewright.json:")
        if isSyntax {
            #expect(result.stderr == "error: " + testCase.expected[0] + "\n", "\(testCase)")
        } else {
            // Each problem is placed at its line and column (the numbers are pinned in ConfigPositionTests); the
            // message after the place is exactly the table's.
            let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(lines.first == "error: pipewright.json is not a valid config; nothing was written:", "\(testCase)")
            let placed = lines.dropFirst().filter { !$0.isEmpty }
            #expect(placed.count == testCase.expected.count, "\(testCase): \(result.stderr)")
            for (line, message) in zip(placed, testCase.expected) {
                // "  pipewright.json:LINE:COLUMN: message"
                let parts = line.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
                #expect(parts.count == 4 && parts[0] == "  pipewright.json" && (Int(parts[1]) ?? 0) > 0 && (Int(parts[2]) ?? 0) > 0
                        && parts[3] == " " + message, "\(testCase): \(line)")
            }
        }
        #expect(result.stdout == "")
        #expect(scratch.snapshot() == before, "\(testCase): files changed")
    }

    @Test func theTableCoversTheRequiredKinds() {
        let messages = ConfigFixtures.errorCases.flatMap(\.expected).joined(separator: "\n")
        for needle in ["expected ',' or '}'", "unknown key", "is a string; expected", "did you mean \"changeSet\"", "after", "12 digits", "rm -rf", "${{", "\\n"] {
            #expect(messages.contains(needle), "no case mentions \(needle)")
        }
    }

    @Test func initThenCheckIsCleanInAnEmptyFolder() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let initialized = scratch.run("init")
        #expect(initialized.code == 0, "\(initialized.stderr)")
        #expect(initialized.stdout.contains("wrote pipewright.json\nwrote .github/workflows/infrastructure.yml\nwrote .github/workflows/infrastructure-drift.yml\n"))
        #expect(initialized.stdout.contains("1. Write the AWS side with 'pipewright bootstrap --output pipewright-bootstrap.yaml'"))
        #expect(initialized.stdout.contains("   - prod: required reviewers; deployment branches: main\n"))
        let checked = scratch.run("generate", "--check")
        #expect(checked.code == 0, "\(checked.stdout)\(checked.stderr)")
        #expect(checked.stdout == "")
    }

    @Test func aHandEditMakesCheckFailWithADiffAndGenerateRefuseWithoutForce() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        #expect(scratch.run("init").code == 0)
        let path = ".github/workflows/infrastructure.yml"
        let original = try #require(scratch.read(path))
        let edited = original.replacingOccurrences(of: "name: Build and package", with: "name: Build it")
        try scratch.write(edited, to: path)

        let checked = scratch.run("generate", "--check")
        #expect(checked.code == 1)
        #expect(checked.stdout.contains("--- a/.github/workflows/infrastructure.yml\n+++ b/.github/workflows/infrastructure.yml\n"))
        #expect(checked.stdout.contains("\n-    name: Build it\n+    name: Build and package\n"))
        #expect(checked.stderr == """
            1 of 2 workflows are stale: .github/workflows/infrastructure.yml.
            .github/workflows/infrastructure.yml was edited by hand: move the edits into the config, then run 'pipewright generate --force' to overwrite it.

            """)

        let refused = scratch.run("generate")
        #expect(refused.code == 2)
        #expect(refused.stderr.contains(".github/workflows/infrastructure.yml was edited by hand since it was generated"))
        #expect(scratch.read(path) == edited)

        let forced = scratch.run("generate", "--force")
        #expect(forced.code == 0)
        #expect(scratch.read(path) == original)
    }

    @Test func generateStreamsIntoTemporaryFilesAndLeavesNoneBehind() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        #expect(scratch.run("init").code == 0)
        let path = ".github/workflows/infrastructure.yml"
        let inode = { (try? FileManager.default.attributesOfItem(atPath: scratch.root + "/" + path)[.systemFileNumber]) as? UInt64 }
        let before = inode()

        // Unchanged files are compared, not replaced.
        let again = scratch.run("generate")
        #expect(again.code == 0)
        #expect(again.stdout == "")
        #expect(again.stderr == "0 written, 2 unchanged.\n")
        #expect(inode() == before)

        // A refusal, after both files were rendered, leaves every file as it was and no temporary file.
        let original = try #require(scratch.read(path))
        try scratch.write(original + "# my note\n", to: path)
        let snapshot = scratch.snapshot()
        #expect(scratch.run("generate").code == 2)
        #expect(scratch.snapshot() == snapshot)

        // A file cut short is told apart from the one that replaces it, and replaced.
        try scratch.write(String(original.dropLast(40)), to: path)
        #expect(scratch.run("generate", "--force").stdout == "wrote \(path)\n")
        #expect(scratch.read(path) == original)
        #expect(!scratch.snapshot().keys.contains { $0.contains(".pipewright-") })
    }

    @Test func aChangedConfigRegeneratesAndForeignFilesAreKept() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        #expect(scratch.run("init").code == 0)
        var config = try #require(scratch.read("pipewright.json"))
        config = config.replacingOccurrences(of: "\"jobTimeoutMinutes\": 15", with: "\"jobTimeoutMinutes\": 20")
        try scratch.write(config, to: "pipewright.json")
        #expect(scratch.run("generate", "--check").code == 1)
        let generated = scratch.run("generate")
        #expect(generated.code == 0)
        #expect(generated.stdout == "wrote .github/workflows/infrastructure.yml\nwrote .github/workflows/infrastructure-drift.yml\n")
        #expect(scratch.read(".github/workflows/infrastructure.yml")?.contains("timeout-minutes: 20") == true)
        #expect(scratch.run("generate", "--check").code == 0)

        try scratch.write("name: mine\n", to: ".github/workflows/infrastructure-drift.yml")
        let refused = scratch.run("generate")
        #expect(refused.code == 2)
        #expect(refused.stderr.contains(".github/workflows/infrastructure-drift.yml was not written by Pipewright"))
        #expect(scratch.read(".github/workflows/infrastructure-drift.yml") == "name: mine\n")
    }

    @Test func initRefusesToOverwriteWithoutForce() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("{}", to: "pipewright.json")
        let before = scratch.snapshot()
        let refused = scratch.run("init")
        #expect(refused.code == 2)
        #expect(refused.stderr.hasPrefix("error: refusing to overwrite pipewright.json in "))
        #expect(scratch.snapshot() == before)
        #expect(scratch.run("init", "--force").code == 0)
    }

    @Test func initTakesItsOptionsAndRejectsBadOnesWithoutWriting() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let made = scratch.run("init", "--blueprint", "cdk", "--project", "shop", "--region", "eu-west-1", "--environments", "dev,prod")
        #expect(made.code == 0, "\(made.stderr)")
        #expect(scratch.read(".github/workflows/cdk-app.yml")?.contains("aws-region: eu-west-1") == true)

        let other = try Scratch(inputs: false)
        defer { other.remove() }
        let bad = other.run("init", "--environments", "dev,Prod Env")
        #expect(bad.code == 2)
        #expect(bad.stderr.contains("environments[1].name: \"Prod Env\""))
        #expect(other.snapshot().isEmpty)
        let typo = other.run("init", "--blueprint", "cloudformaton")
        #expect(typo.code == 2)
        #expect(typo.stderr == "error: --blueprint: \"cloudformaton\" is not a blueprint; expected one of cloudformation, cdk, sam, container-service — did you mean \"cloudformation\"?\n")
    }

    @Test func usageErrorsExitSixtyFour() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let flag = scratch.run("generate", "--chek")
        #expect(flag.code == 64)
        #expect(flag.stderr == "error: unknown option '--chek' for 'generate' — did you mean '--check'? (see 'pipewright generate --help')\n")
        let command = scratch.run("generat")
        #expect(command.code == 64)
        #expect(command.stderr == "error: unknown command 'generat' — did you mean 'generate'? (see 'pipewright --help')\n")
    }

    @Test func everyCommandHasHelp() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        #expect(scratch.run("--help").stdout.contains("Usage: pipewright COMMAND [OPTIONS]"))
        #expect(scratch.run("--version").stdout == "pipewright \(PipewrightTool.version)\n")
        for command in PipewrightTool.commands.map(\.spec.name) {
            let viaFlag = scratch.run(command, "--help")
            #expect(viaFlag.code == 0)
            #expect(viaFlag.stdout.contains("Usage: pipewright \(command)"))
            #expect(scratch.run("help", command).stdout == viaFlag.stdout)
        }
    }

    @Test func aWorkflowSymlinkedOutOfTheRepositoryIsNotFollowed() throws {
        let scratch = try Scratch()
        let outside = try Scratch()
        defer { scratch.remove(); outside.remove() }
        #expect(scratch.run("init").code == 0)
        try outside.write("precious\n", to: "target.yml")
        let link = scratch.root + "/.github/workflows/infrastructure.yml"
        try FileManager.default.removeItem(atPath: link)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: outside.root + "/target.yml")

        let result = scratch.run("generate", "--force")
        #expect(result.code == 2)
        #expect(result.stderr.contains("is a symlink that leads outside"))
        #expect(outside.read("target.yml") == "precious\n")
    }

    @Test func aWorkflowsFolderLinkedOutOfTheRepositoryByARelativePathIsNotFollowed() throws {
        let parent = try Scratch()
        defer { parent.remove() }
        let repository = parent.root + "/repository"
        try FileManager.default.createDirectory(atPath: parent.root + "/outside", withIntermediateDirectories: true)
        let console = CapturingConsole()
        #expect(PipewrightTool(console: console, currentDirectory: repository).run(["init", "--directory", repository]) == 0)
        try FileManager.default.removeItem(atPath: repository + "/.github/workflows")
        try FileManager.default.createSymbolicLink(atPath: repository + "/.github/workflows", withDestinationPath: "../../outside")
        try FileManager.default.createDirectory(atPath: repository + "/infrastructure", withIntermediateDirectories: true)
        try "Resources: {}\n".write(toFile: repository + "/infrastructure/template.yaml", atomically: true, encoding: .utf8)

        let result = PipewrightTool(console: console, currentDirectory: repository).run(["generate", "--force"])
        #expect(result == 2)
        #expect(console.stderr.contains("is a symlink that leads outside"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.root + "/outside").isEmpty)
    }

    @Test func aWorkflowLinkedInsideTheRepositoryIsWrittenThroughAndKept() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        #expect(scratch.run("init").code == 0)
        let generated = try #require(scratch.read(".github/workflows/infrastructure.yml"))
        try scratch.write("old\n", to: "generated/infrastructure.yml")
        let link = scratch.root + "/.github/workflows/infrastructure.yml"
        try FileManager.default.removeItem(atPath: link)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "../../generated/infrastructure.yml")

        #expect(scratch.run("generate", "--force").code == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "../../generated/infrastructure.yml")
        #expect(scratch.read("generated/infrastructure.yml") == generated)
    }

    @Test func resolvingSymlinksFollowsLinksAnywhereOnThePathAndKeepsMissingTails() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let root = Workspace.resolvingSymlinks(in: scratch.root)
        try FileManager.default.createDirectory(atPath: root + "/real/sub", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root + "/relative", withDestinationPath: "real/sub")
        try FileManager.default.createSymbolicLink(atPath: root + "/absolute", withDestinationPath: root + "/real")
        try FileManager.default.createSymbolicLink(atPath: root + "/chain", withDestinationPath: "relative")
        try FileManager.default.createSymbolicLink(atPath: root + "/dangling", withDestinationPath: "nowhere")
        let cases: [(String, String)] = [
            (root + "/relative/new/file.yml", root + "/real/sub/new/file.yml"),
            (root + "/absolute/sub", root + "/real/sub"),
            (root + "/chain/../x", root + "/real/x"),
            (root + "/new/../relative", root + "/real/sub"),
            (root + "//real/./sub/", root + "/real/sub"),
            (root + "/dangling", root + "/dangling"),
            (root + "/missing/../../" + FilePaths.lastComponent(of: root) + "/real", root + "/real"),
        ]
        for (path, expected) in cases {
            #expect(Workspace.resolvingSymlinks(in: path) == expected, "\(path)")
        }
        #expect(Workspace.resolvingSymlinks(in: "/") == "/")
        #expect(Workspace.resolvingSymlinks(in: "/..") == "/")
    }

    @Test func anUnwritableTargetGivesAClearErrorAndExitSeventyThree() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        // /proc refuses new files even to root, so this holds on CI too.
        let result = scratch.run("init", "--directory", "/proc/pipewright-cannot-write-here")
        #expect(result.code == 73)
        #expect(result.stderr.hasPrefix("error: cannot create folder /proc/pipewright-cannot-write-here: No such file or directory"))
    }

    @Test func anInterruptedWriteLeavesThePreviousFileIntact() throws {
        let scratch = try Scratch(inputs: false)
        defer { scratch.remove() }
        try scratch.write("previous\n", to: "file.yml")
        struct Interrupted: Error {}
        var writer = AtomicFileWriter()
        writer.beforeRename = { temporary in
            // The new text is complete in the temporary file, but the target is untouched until the rename.
            #expect((try? String(contentsOfFile: temporary, encoding: .utf8)) == "next\n")
            #expect((try? String(contentsOfFile: scratch.root + "/file.yml", encoding: .utf8)) == "previous\n")
            throw Interrupted()
        }
        #expect(throws: CommandFailure.self) { try writer.write("next\n", to: scratch.root + "/file.yml") }
        #expect(scratch.read("file.yml") == "previous\n")
        #expect(scratch.snapshot().keys.sorted() == ["file.yml"], "the temporary file was not cleaned up")
    }

    @Test func stdoutPrintsEveryWorkflowAndWritesNothing() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        #expect(scratch.run("init").code == 0)
        try FileManager.default.removeItem(atPath: scratch.root + "/.github")
        let result = scratch.run("generate", "--stdout")
        #expect(result.code == 0)
        #expect(result.stdout.hasPrefix("# --- .github/workflows/infrastructure.yml\n# Generated by Pipewright"))
        #expect(result.stdout.contains("# --- .github/workflows/infrastructure-drift.yml\n"))
        #expect(!FileManager.default.fileExists(atPath: scratch.root + "/.github"))
    }

    @Test func blueprintsListsAndShows() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let list = scratch.run("blueprints")
        #expect(list.stdout.split(separator: "\n").map { $0.split(separator: " ").first.map(String.init) ?? "" } == ["cloudformation", "cdk", "sam", "container-service"])
        let shown = scratch.run("blueprints", "show", "sam")
        #expect(shown.code == 0)
        #expect(try PipewrightConfig.decode(shown.stdout).pipeline == Blueprint.sam.pipeline())
    }
}

@Suite struct BootstrapCommandTests {
    @Test func bootstrapPrintsOrWritesTheTemplate() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        #expect(scratch.run("init").code == 0)
        let printed = scratch.run("bootstrap")
        #expect(printed.code == 0)
        #expect(printed.stdout.hasPrefix("# Generated by Pipewright: pipewright bootstrap."))
        let written = scratch.run("bootstrap", "--output", "bootstrap.yaml")
        #expect(written.code == 0)
        #expect(scratch.read("bootstrap.yaml") == printed.stdout)
        try scratch.write("changed\n", to: "bootstrap.yaml")
        let refused = scratch.run("bootstrap", "--output", "bootstrap.yaml")
        #expect(refused.code == 2)
        #expect(refused.stderr == "error: bootstrap.yaml exists and differs; nothing was written. Pass --force to overwrite it.\n")
        #expect(scratch.read("bootstrap.yaml") == "changed\n")
    }

}

/// `pipewright run-local` hands the committed workflow to act: these tests read the act command it builds
/// (`--print-command`) and the event file it writes, and run the real binary with a stand-in for act.
@Suite struct RunLocalCommandTests {
    /// A scratch repository after `init`, with an executable file standing in for act.
    static func repository() throws -> (Scratch, act: String) {
        let scratch = try Scratch()
        #expect(scratch.run("init").code == 0)
        try scratch.write("#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$(dirname \"$0\")/act-arguments\"\nexit 3\n", to: "tools/act")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: scratch.root + "/tools/act")
        return (scratch, scratch.root + "/tools/act")
    }

    @Test func printsTheActCommandForAPushToTheFirstEnvironmentsBranch() throws {
        let (scratch, act) = try Self.repository()
        defer { scratch.remove() }
        let run = scratch.run("run-local", "--endpoint", "http://127.0.0.1:5000", "--act", act, "--work", "work", "--print-command")
        #expect(run.code == 0, "\(run.stderr)")
        let root = scratch.root
        #expect(run.stdout == """
            \(act) push --directory \(root) --workflows .github/workflows/infrastructure.yml --eventpath \(root)/work/event.json \
            --platform ubuntu-24.04=-self-hosted --env AWS_ENDPOINT_URL=http://127.0.0.1:5000 --env AWS_ACCESS_KEY_ID=test \
            --env AWS_SECRET_ACCESS_KEY=test --env GITHUB_RETENTION_DAYS=90 --artifact-server-path \(root)/work/artifacts --artifact-server-addr 127.0.0.1 \
            --action-offline-mode

            """)
        #expect(scratch.read("work/event.json") == """
            {
              "ref": "refs/heads/develop",
              "repository": {
                "default_branch": "main"
              }
            }

            """)
    }

    /// Bootstrap outputs become the variables the next steps name; pinned actions found in --actions are mapped.
    @Test func bootstrapOutputsBecomeVariablesAndLocalActionsAreMapped() throws {
        let (scratch, act) = try Self.repository()
        defer { scratch.remove() }
        try scratch.write(#"{"Stacks": [{"Outputs": [{"OutputKey": "AWSCIROLEARN", "OutputValue": "arn:aws:iam::000000000000:role/ci"}, {"OutputKey": "Unrelated", "OutputValue": "x"}]}]}"#, to: "pipeline.json")
        try scratch.write(#"[{"OutputKey": "AWSROLEARNDEV", "OutputValue": "arn:aws:iam::111111111111:role/dev"}]"#, to: "dev.json")
        let checkout = "actions/checkout@d23441a48e516b6c34aea4fa41551a30e30af803"
        try scratch.write("name: checkout\n", to: "actions/" + checkout + "/action.yml")
        let run = scratch.run("run-local", "--endpoint", "http://127.0.0.1:5000", "--act", act, "--work", "work", "--print-command",
                              "--bootstrap-outputs", "pipeline.json,dev.json", "--actions", "actions", "--secret-file", "secrets.env")
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.contains(" --var AWS_CI_ROLE_ARN=arn:aws:iam::000000000000:role/ci --var AWS_ROLE_ARN_DEV=arn:aws:iam::111111111111:role/dev --secret-file \(scratch.root)/secrets.env "))
        #expect(run.stdout.hasSuffix(" --action-offline-mode --local-repository \(checkout)=\(scratch.root)/actions/\(checkout)\n"))
        #expect(!run.stdout.contains("Unrelated"))
        #expect(run.stderr.contains("run-local: no output AWSDESTROYROLEARNDEV in pipeline.json,dev.json: AWS_DESTROY_ROLE_ARN_DEV stays unset, and the jobs that read it will fail\n"))
    }

    @Test func eventsForPullRequestsDispatchAndSchedule() throws {
        let (scratch, act) = try Self.repository()
        defer { scratch.remove() }
        let common = ["--endpoint", "http://127.0.0.1:5000", "--act", act, "--work", "work", "--print-command"]
        let pullRequest = scratch.run(["run-local", "pull_request"] + common)
        #expect(pullRequest.code == 0, "\(pullRequest.stderr)")
        #expect(pullRequest.stdout.hasPrefix("\(act) pull_request --directory \(scratch.root) --workflows .github/workflows/infrastructure.yml "))
        #expect(scratch.read("work/event.json")?.contains(#""base": {\#n      "ref": "main"\#n    }"#) == true, "\(scratch.read("work/event.json") ?? "")")

        let dispatch = scratch.run(["run-local", "workflow_dispatch", "--inputs", "environment=prod,action=destroy", "--job", "destroy-refused"] + common)
        #expect(dispatch.code == 0, "\(dispatch.stderr)")
        #expect(dispatch.stdout.contains(" --job destroy-refused "))
        let event = try #require(scratch.read("work/event.json"))
        #expect(event.hasPrefix("{\n  \"ref\": \"refs/heads/develop\",\n  \"inputs\": {\n"), "\(event)")
        #expect(event.contains(#""environment": "prod""#) && event.contains(#""action": "destroy""#), "\(event)")

        let schedule = scratch.run(["run-local", "schedule"] + common)
        #expect(schedule.code == 0, "\(schedule.stderr)")
        #expect(schedule.stdout.contains(" --workflows .github/workflows/infrastructure-drift.yml "))
        #expect(scratch.read("work/event.json")?.hasPrefix("{\n  \"schedule\": \"") == true)
    }

    @Test func refusesWhatActCouldNotRun() throws {
        let (scratch, act) = try Self.repository()
        defer { scratch.remove() }
        let noEndpoint = scratch.run("run-local", "--act", act)
        #expect(noEndpoint.code == 2)
        #expect(noEndpoint.stderr == "error: --endpoint: run-local needs the emulator's URL, such as http://127.0.0.1:5000 (moto) or http://localhost.localstack.cloud:4566 (LocalStack); it never calls real AWS\n")
        let endpoint = ["--endpoint", "http://127.0.0.1:5000", "--act", act, "--print-command"]
        let event = scratch.run(["run-local", "pull-request"] + endpoint)
        #expect(event.code == 2)
        #expect(event.stderr == "error: EVENT: \"pull-request\" is not one of push, pull_request, workflow_dispatch, schedule — did you mean \"pull_request\"?\n")
        let job = scratch.run(["run-local", "--job", "deploy-dve"] + endpoint)
        #expect(job.code == 2)
        #expect(job.stderr.hasPrefix("error: --job: \"deploy-dve\" is not a job of infrastructure.yml; expected one of pull-request, build, validate, deploy-dev"))
        #expect(job.stderr.hasSuffix(" — did you mean \"deploy-dev\"?\n"))
        let input = scratch.run(["run-local", "workflow_dispatch", "--inputs", "enviroment=dev"] + endpoint)
        #expect(input.code == 2)
        #expect(input.stderr.hasPrefix("error: --inputs: \"enviroment\" is not an input of infrastructure.yml; expected one of "))
        #expect(input.stderr.hasSuffix(" — did you mean \"environment\"?\n"))
        let notAct = scratch.run(["run-local", "--endpoint", "http://127.0.0.1:5000", "--act", scratch.root + "/pipewright.json"])
        #expect(notAct.code == 2)
        #expect(notAct.stderr == "error: --act: \(scratch.root)/pipewright.json is not an executable file (Permission denied)\n")
        try FileManager.default.removeItem(atPath: scratch.root + "/.github/workflows/infrastructure.yml")
        let missing = scratch.run(["run-local"] + endpoint)
        #expect(missing.code == 2)
        #expect(missing.stderr == "error: .github/workflows/infrastructure.yml does not exist; run 'pipewright generate' first: act runs the committed file\n")
    }

    /// The binary replaces itself with act: act's exit code is pipewright's, and its environment keeps no AWS
    /// credentials of the shell.
    @Test func theBinaryRunsActAndExitsWithItsCode() throws {
        let binary = try #require(DeterminismTests.binary, "no pipewright binary beside the test bundle; run 'swift build' first")
        let (scratch, act) = try Self.repository()
        defer { scratch.remove() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["run-local", "--directory", scratch.root, "--endpoint", "http://127.0.0.1:9", "--act", act, "--work", scratch.root + "/work"]
        process.environment = ["PATH": "/usr/bin:/bin", "AWS_ACCESS_KEY_ID": "AKIAREALKEY", "AWS_PROFILE": "production"]
        try scratch.write("#!/bin/sh\nenv > \"$(dirname \"$0\")/act-environment\"\nprintf '%s\\n' \"$@\" > \"$(dirname \"$0\")/act-arguments\"\nexit 3\n", to: "tools/act")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: act)
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 3, "\(stderr)")
        #expect(stderr.hasPrefix("run-local: push on .github/workflows/infrastructure.yml in act, against http://127.0.0.1:9"), "\(stderr)")
        let arguments = try #require(scratch.read("tools/act-arguments")).split(separator: "\n")
        #expect(Array(arguments.prefix(3)) == ["push", "--directory", Substring(scratch.root)])
        let environment = try #require(scratch.read("tools/act-environment"))
        #expect(!environment.contains("AWS_") && environment.contains("PATH=/usr/bin:/bin"), "\(environment)")
    }
}

@Suite struct PolicyRegenerationTests {
    @Test func aNewRequiredTagMakesCheckFailAndGenerateTagsEveryStackOperation() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        #expect(scratch.run("init").code == 0)
        #expect(scratch.run("generate", "--check").code == 0)

        try scratch.write(#"{"requiredTags": {"Owner": ["platform-team"]}}"#, to: "pipewright-policy.json")
        let stale = scratch.run("generate", "--check")
        #expect(stale.code == 1)
        #expect(stale.stdout.contains(#"{"Key":"Owner","Value":"platform-team"}"#))

        #expect(scratch.run("generate").code == 0)
        #expect(scratch.run("generate", "--check").code == 0)
        var operations = 0
        for file in [".github/workflows/infrastructure.yml", ".github/workflows/infrastructure-drift.yml"] {
            let lines = try #require(scratch.read(file)).split(separator: "\n")
            for line in lines where line.contains("STACK_TAGS:") {
                operations += 1
                #expect(line.contains(#"{"Key":"Owner","Value":"platform-team"}"#), "\(file): \(line)")
            }
        }
        // deploy-dev, deploy-staging and plan-prod create change sets; deploy-prod executes plan-prod's, tags included.
        #expect(operations == 3)
        #expect(scratch.run("audit").code == 0)
    }
}
