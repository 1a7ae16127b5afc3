import Foundation
import Testing
import Pipewright

/// `pipewright pins` and `pins update`, against local git repositories standing in for the actions' remotes.
@Suite struct PinsCommandTests {
    /// A repository of an action, built with real git: commits whose `action.yml` names a runtime, tagged
    /// (annotated) some days ago.
    struct Remote {
        let path: String

        init(_ root: String, _ repository: String) throws {
            path = root + "/" + repository
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            try git("init", "-q", "-b", "main")
        }

        @discardableResult
        func git(_ arguments: String..., daysAgo: Int = 0) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git", "-C", path] + arguments
            let date = "@\(Int(Date().timeIntervalSince1970) - daysAgo * 86_400) +0000"
            process.environment = ProcessInfo.processInfo.environment.merging([
                "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
                "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com", "GIT_CONFIG_NOSYSTEM": "1", "HOME": path,
            ]) { $1 }
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            try #require(process.terminationStatus == 0, "git \(arguments.joined(separator: " ")) failed")
            return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }

        /// Commits an `action.yml` on `runtime` and tags it; returns the commit.
        @discardableResult
        func release(_ tag: String, runtime: String = "node24", daysAgo: Int) throws -> String {
            try "runs:\n  using: \(runtime)\n  main: dist/index.js\n# \(tag)\n".write(toFile: path + "/action.yml", atomically: true, encoding: .utf8)
            try git("add", "action.yml")
            try git("commit", "-q", "-m", "release \(tag)", daysAgo: daysAgo)
            try git("tag", "-a", tag, "-m", tag, daysAgo: daysAgo)
            return try git("rev-parse", "HEAD")
        }
    }

    /// A repository from the default blueprint and a remote for every action it uses, each at its pinned
    /// release only; `actions/checkout` is returned to add releases to.
    static func setUp(_ scratch: Scratch) throws -> Remote {
        #expect(scratch.run("init").code == 0)
        var checkout: Remote?
        for pin in try usedPins() {
            let remote = try Remote(scratch.root + "/remotes", pin.repository)
            try remote.release(pin.version, daysAgo: 400)
            if pin.repository == "actions/checkout" { checkout = remote }
        }
        return try #require(checkout)
    }

    static func usedPins() throws -> [PinTable.Pin] {
        let pipeline = try PipewrightConfig.decode(try #require(try Scratch(inputs: false).runInit())).pipeline
        return PinTable.verified.used(by: Generator().lower(pipeline))
    }

    @Test func listsTheActionsTheWorkflowsUseWithWhereEachPinComesFrom() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        #expect(scratch.run("init").code == 0)
        let listed = scratch.run("pins")
        #expect(listed.code == 0)
        #expect(listed.stdout == """
            actions/checkout                       v6.1.0   d23441a48e516b6c34aea4fa41551a30e30af803  (Pipewright)
            actions/download-artifact              v7.0.0   37930b1c2abaa49bbe596cd826c3c89aef350131  (Pipewright)
            actions/upload-artifact                v6.0.0   b7c566a772e6b6bfb58ed0dc250532a479d7789f  (Pipewright)
            aws-actions/configure-aws-credentials  v6.2.3   e6de054238d6b7531b4efff3b6587d9aade6a06c  (Pipewright)
            step-security/harden-runner            v2.20.1  b09bb98e06d4d774595224525879c09bc6e98c40  (Pipewright)

            """)
    }

    @Test func updateTakesTheNewestReleasePastTheCoolDownOnTheDefaultBranchOnAKeptRuntime() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let checkout = try Self.setUp(scratch)
        let accepted = try checkout.release("v7.0.1", daysAgo: 30)
        try checkout.release("v7.0.2", runtime: "node20", daysAgo: 20)
        try checkout.release("v7.1.0", daysAgo: 2)
        try checkout.git("checkout", "-q", "-b", "side")
        let side = try checkout.release("v9.0.0", daysAgo: 50)
        try checkout.git("checkout", "-q", "main")

        let before = scratch.snapshot()
        let result = scratch.run("pins", "update", "--remote", scratch.root + "/remotes/{repository}")
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stdout.contains("""
            actions/checkout: v6.1.0 — asking \(scratch.root)/remotes/actions/checkout
              v9.0.0 (\(side)) is not on the default branch's history; skipped
              v7.1.0 is 2 days old, younger than the cool-down of 7 days; skipped
              v7.0.2 runs on node20, which GitHub's runners no longer keep; skipped
              moves to v7.0.1 (\(accepted))

            """))
        #expect(result.stdout.contains("actions/upload-artifact: v6.0.0 — asking \(scratch.root)/remotes/actions/upload-artifact\n  no release newer than v6.0.0\n  keeps v6.0.0\n"))
        #expect(result.stdout.hasSuffix("""
            Wrote 1 newer pin to pipewright-pins.json. Review the diff, then run 'pipewright generate'.
            Add "pins": "pipewright-pins.json" to pipewright.json so that generate uses them.

            """))
        #expect(scratch.read("pipewright-pins.json") == """
            {
              "actionPins": {
                "actions/checkout": {
                  "version": "v7.0.1",
                  "sha": "\(accepted)"
                }
              }
            }

            """)
        var after = scratch.snapshot()
        after["pipewright-pins.json"] = nil
        #expect(after == before, "pins update wrote something besides the pins file")

        // Named by the config, the pins reach the workflows, through generate and nothing else.
        let config = try #require(scratch.read("pipewright.json"))
        try scratch.write(config.replacingOccurrences(of: "\n}\n", with: ",\n  \"pins\": \"pipewright-pins.json\"\n}\n"), to: "pipewright.json")
        #expect(scratch.run("generate", "--check").code == 1)
        #expect(scratch.run("generate").code == 0)
        let workflow = try #require(scratch.read(".github/workflows/infrastructure.yml"))
        #expect(workflow.contains("uses: actions/checkout@\(accepted) # v7.0.1"))
        #expect(!workflow.contains("d23441a48e516b6c34aea4fa41551a30e30af803"))
        #expect(scratch.run("pins").stdout.hasPrefix("actions/checkout                       v7.0.1   \(accepted)  (pipewright-pins.json)\n"))

        // Run again with no cool-down: the young release is taken, into the file the config names.
        let again = scratch.run("pins", "update", "--min-age", "0", "--remote", scratch.root + "/remotes/{repository}")
        #expect(again.code == 0)
        #expect(again.stdout.contains("  moves to v7.1.0 ("))
        #expect(!again.stdout.contains("Add \"pins\""))
        #expect(scratch.read("pipewright-pins.json")?.contains("\"version\": \"v7.1.0\"") == true)
    }

    @Test func nothingNewerWritesNothing() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        _ = try Self.setUp(scratch)
        let before = scratch.snapshot()
        let result = scratch.run("pins", "update", "--remote", scratch.root + "/remotes/{repository}")
        #expect(result.code == 0)
        #expect(result.stdout.hasSuffix("Every pin is current; nothing was written.\n"))
        #expect(scratch.snapshot() == before)
    }

    @Test func anUnreadableRemoteStopsWithNothingWritten() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let checkout = try Self.setUp(scratch)
        try checkout.release("v7.0.1", daysAgo: 30)
        try FileManager.default.removeItem(atPath: scratch.root + "/remotes/step-security")
        let before = scratch.snapshot()
        let result = scratch.run("pins", "update", "--remote", scratch.root + "/remotes/{repository}")
        #expect(result.code == 2)
        #expect(result.stderr.hasPrefix("error: git ls-remote \(scratch.root)/remotes/step-security/harden-runner failed: "))
        #expect(result.stderr.hasSuffix("\nCheck the repository and --remote; nothing was written.\n"))
        #expect(scratch.snapshot() == before)
    }

    @Test func badOptionsAndPinsFilesAreInputErrorsNamingTheFix() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        #expect(scratch.run("init").code == 0)
        #expect(scratch.run("pins", "update", "--min-age", "week").stderr == "error: --min-age: \"week\" is not a number of days; expected 0 or more, e.g. --min-age 7\n")
        #expect(scratch.run("pins", "update", "--remote", "https://example.com/x.git").stderr
                == "error: --remote: \"https://example.com/x.git\" has no {repository}; expected e.g. https://github.com/{repository}.git\n")
        #expect(scratch.run("pins", "--min-age", "3").stderr == "error: --min-age applies to 'pins update' only\n")

        let config = try #require(scratch.read("pipewright.json"))
        try scratch.write(config.replacingOccurrences(of: "\n}\n", with: ",\n  \"pins\": \"pins.json\"\n}\n"), to: "pipewright.json")
        let missing = scratch.run("generate")
        #expect(missing.code == 2)
        #expect(missing.stderr.contains("pins: pins.json: no such file in \(scratch.root). Run 'pipewright pins update' to write it"))
        // The shape first, as in pipewright.json; the values once the shape is right.
        try scratch.write(#"{"actionPins": {"actions/checkout": {"version": "v7.0.1", "sha": "main"}}, "extra": 1}"#, to: "pins.json")
        let unknownKey = scratch.run("generate")
        #expect(unknownKey.code == 2)
        #expect(unknownKey.stderr == "error: pins.json is not a valid pins file; nothing was written:\n  extra: unknown key; expected one of actionPins\n")
        try scratch.write(#"{"actionPins": {"actions/checkout": {"version": "v7.0.1", "sha": "main"}}}"#, to: "pins.json")
        let badCommit = scratch.run("generate")
        #expect(badCommit.code == 2)
        #expect(badCommit.stderr == "error: pins.json is not a valid pins file; nothing was written:\n  actionPins[\"actions/checkout\"].sha: \"main\" is not a commit; expected 40 lowercase hex digits\n")
    }

    @Test func releaseTagsOrderByTheirNumbersAndOthersAreNotReleases() {
        #expect(ReleaseTag("v10.0.0")! > ReleaseTag("v9.9.9")!)
        #expect(ReleaseTag("v2.20.1")! > ReleaseTag("v2.3.0")!)
        #expect(ReleaseTag("1.2.3")?.major == 1)
        for name in ["v2", "v2.1", "v2.0.0-beta.1", "latest", "v1.2.x", "v1..2", "v+1.2.3"] {
            #expect(ReleaseTag(name) == nil, "\(name)")
        }
    }
}

extension Scratch {
    /// The config `init` writes with the default blueprint, read back; the folder is removed.
    func runInit() throws -> String? {
        defer { remove() }
        _ = run("init")
        return read("pipewright.json")
    }
}
