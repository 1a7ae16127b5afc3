import Foundation
import Testing
@testable import Pipewright
@testable import PipewrightLocalRun

/// The local runner's process launcher, with the C library's `chdir` and close-from actions and without them.
@Suite struct ScriptProcessTests {
    static let spawners: [ScriptProcess.Spawner] = [.system, ScriptProcess.Spawner(changeDirectory: nil, closeFrom: nil)]
    static let environment = ["PATH": "/usr/local/bin:/usr/bin:/bin", "PIPEWRIGHT_TEST": "a b=c"]

    private func folder() throws -> String {
        let path = NSTemporaryDirectory() + "pipewright-process-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    private func run(_ arguments: [String], in directory: String, log: String, timeout: Double = 30,
                     _ spawner: ScriptProcess.Spawner) -> ScriptProcess.Execution {
        ScriptProcess.run(arguments, environment: Self.environment, directory: directory, logFile: log, timeout: timeout, spawner: spawner)
    }

    @Test(arguments: spawners)
    func theExitStatusAndBothStreamsInOrderAreKept(_ spawner: ScriptProcess.Spawner) throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let execution = run(["bash", "-c", "echo out; echo err >&2; echo again; exit 3"], in: root, log: root + "/log", spawner)
        #expect(execution.status == 3)
        #expect(execution.log == "out\nerr\nagain\n")
    }

    @Test(arguments: spawners)
    func argumentsEnvironmentFolderAndInputAreExactlyTheGivenOnes(_ spawner: ScriptProcess.Spawner) throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let script = """
            printf '[%s]\\n' "$@"
            pwd -P
            env | LC_ALL=C sort | grep -v '^_=' | grep -v '^PWD=' | grep -v '^OLDPWD=' | grep -v '^SHLVL='
            if IFS= read -r line; then echo "read $line"; else echo "no input"; fi
            """
        let execution = run(["bash", "--noprofile", "--norc", "-c", script, "bash", "a b", "\"q\" 'r'", "$HOME;`x`", "line\nbreak", ""],
                            in: root + "/made/by/run", log: root + "/log", spawner)
        #expect(execution.status == 0)
        #expect(execution.log == """
            [a b]
            ["q" 'r']
            [$HOME;`x`]
            [line
            break]
            []
            \(URL(fileURLWithPath: root).resolvingSymlinksInPath().path + "/made/by/run")
            PATH=/usr/local/bin:/usr/bin:/bin
            PIPEWRIGHT_TEST=a b=c
            no input

            """)
    }

    @Test(arguments: spawners)
    func noDescriptorOrSignalMaskOfTheRunnerLeaksAndTheChildLeadsItsOwnProcessGroup(_ spawner: ScriptProcess.Spawner) throws {
        #if os(Linux)
        let root = try folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        // Opened without close-on-exec, as a careless embedder might. A file of its own, so the child's listing
        // tells it apart by name: its number may be one the shell's own command substitution reuses.
        _ = FileManager.default.createFile(atPath: root + "/stray-marker", contents: Data())
        let stray = open(root + "/stray-marker", O_RDONLY)
        defer { close(stray) }
        // The test's own thread blocks signals too (the concurrency runtime's threads do), so the mask is tested here.
        // The masks are read by an exec'd grep: the shell blocks every signal while it waits for a child.
        let script = "echo $(ls /proc/$$/fd) leaked=$(ls -l /proc/$$/fd | grep -c stray-marker); cut -d ' ' -f 5 /proc/$$/stat; echo $$; exec grep -E '^Sig(Blk|Ign)' /proc/self/status"
        let execution = run(["sh", "-c", script], in: root, log: root + "/log", spawner)
        let lines = execution.log.split(separator: "\n").map(String.init)
        #expect(execution.status == 0)
        try #require(lines.count == 5, "\(lines)")
        // Only the stray descriptor is checked: without a close-from action, one that another test opens
        // between the listing and the spawn can slip through.
        let descriptors = lines[0].split(separator: " ").map(String.init)
        #expect(stray >= 0)
        #expect(descriptors.prefix(3) == ["0", "1", "2"] && descriptors.last == "leaked=0", "descriptors \(descriptors)")
        #expect(lines[1] == lines[2], "process group \(lines[1]), process \(lines[2])")
        // Signals 1-31; the C library keeps 32 and 33 for itself.
        let masks = lines.suffix(2).map { UInt64($0.split(separator: "\t").last ?? "", radix: 16).map { $0 & 0x7fff_ffff } }
        #expect(masks == [0, 0], "blocked and ignored signals \(lines.suffix(2))")
        #endif
    }

    @Test(arguments: spawners)
    func aSignalEndsTheStepWithItsNumber(_ spawner: ScriptProcess.Spawner) throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(run(["sh", "-c", "kill -KILL $$"], in: root, log: root + "/log", spawner).status == 9)
    }

    @Test(arguments: spawners)
    func aStepPastItsTimeLimitIsStoppedWithStatus124(_ spawner: ScriptProcess.Spawner) throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let execution = run(["sh", "-c", "echo started; exec sleep 30"], in: root, log: root + "/log", timeout: 0.3, spawner)
        #expect(execution.status == 124)
        #expect(execution.log == "started\n\nThe step ran longer than 0 seconds and was stopped.")
    }

    @Test(arguments: spawners)
    func whatCannotStartIs127(_ spawner: ScriptProcess.Spawner) throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let unopenable = run(["true"], in: root, log: root + "/no/such/folder/log", spawner)
        #expect(unopenable.status == 127)
        #expect(unopenable.log == "Cannot open \(root)/no/such/folder/log")
        // /proc refuses new folders even to root, so the working folder cannot exist.
        let nowhere = run(["true"], in: "/proc/pipewright-no-such-folder", log: root + "/log", spawner)
        #expect(nowhere.status == 127)
        let missing = run(["pipewright-no-such-program"], in: root, log: root + "/log", spawner)
        #expect(missing.status == 127)
        #expect(missing.log.contains("pipewright-no-such-program"))
    }
}
