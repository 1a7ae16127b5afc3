import Testing
@testable import Pipewright

/// An audit parses each long script once and finds it again by its storage: a script shared by many jobs
/// must still be reported in each of them, and scripts of the same length must never be taken for each other.
@Suite struct ParsedScriptsTests {
    static let padding = String(repeating: "echo \"a line that makes the script long enough to be remembered\"\n", count: 6)

    @Test func aSharedScriptIsReportedInEveryJobThatRunsIt() {
        let shared = WorkflowText(Self.padding + "curl -s https://example.com/install.sh | sh\n")
        let workflow = (0..<3).reduce(AuditFixture.workflow) { workflow, index in
            var copy = workflow
            copy.jobs.append(Job(id: "extra\(index)", runsOn: "ubuntu-24.04", permissions: .empty, timeoutMinutes: 5,
                                 steps: [.run("Install", shared)]))
            return copy
        }
        let found = AuditFixture.findings(workflow).filter { $0.rule == "PW014" }.map(\.path)
        #expect(found == ["jobs.extra0.steps[0].run", "jobs.extra1.steps[0].run", "jobs.extra2.steps[0].run"])
    }

    @Test func scriptsOfTheSameLengthKeepTheirOwnCommands() {
        // Both are long, equally long and alive at once; only the second pipes into a shell.
        let safe = Self.padding + "curl -s https://example.com/install.sh > sh.txt\n"
        let unsafe = Self.padding + "curl -s https://example.com/install.sh | sh    \n"
        #expect(safe.utf8.count == unsafe.utf8.count)
        var workflow = AuditFixture.workflow
        workflow.jobs.append(Job(id: "safe", runsOn: "ubuntu-24.04", permissions: .empty, timeoutMinutes: 5, steps: [.run("Fetch", WorkflowText(safe))]))
        workflow.jobs.append(Job(id: "unsafe", runsOn: "ubuntu-24.04", permissions: .empty, timeoutMinutes: 5, steps: [.run("Fetch", WorkflowText(unsafe))]))
        let scripts = ParsedScripts(workflow)
        #expect(scripts.commands(of: safe).contains { $0.program == "curl" && $0.upstreamPrograms.isEmpty })
        #expect(scripts.commands(of: unsafe).contains { $0.program == "sh" && $0.upstreamPrograms == ["curl"] })
        #expect(!scripts.commands(of: safe).contains { $0.program == "sh" })
        #expect(AuditFixture.findings(workflow).filter { $0.rule == "PW014" }.map(\.path) == ["jobs.unsafe.steps[0].run"])
    }
}
