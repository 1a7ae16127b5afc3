import Foundation
import Testing
@testable import Pipewright

/// The audit of workflow files as committed: findings at the real line and column of what the file says.
@Suite struct SourceAuditTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Golden/blueprints/cloudformation--infrastructure.yml")

    /// A generated workflow with two steps added by hand at the top of its first job's steps.
    static func handEdited() throws -> (text: String, curlLine: Int, titleLine: Int) {
        var lines = try String(contentsOf: golden, encoding: .utf8).components(separatedBy: "\n")
        let steps = try #require(lines.firstIndex { $0.trimmingCharacters(in: .whitespaces) == "steps:" })
        let indent = String(repeating: " ", count: lines[steps].prefix { $0 == " " }.count + 2)
        lines.insert(contentsOf: [
            indent + "- name: Install a tool",
            indent + "  run: curl https://x | sh",
            indent + "- name: Greet",
            indent + "  run: echo \"${{ github.event.pull_request.title }}\"",
        ], at: steps + 1)
        return (lines.joined(separator: "\n"), steps + 3, steps + 5)
    }

    static let handWrittenCI = """
    name: CI
    on: pull_request_target
    permissions: write-all
    jobs:
      build:
        runs-on: ubuntu-latest
        env:
          AWS_ACCESS_KEY_ID: ${{ secrets.AWS_ACCESS_KEY_ID }}
          AWS_SECRET_ACCESS_KEY: ${{ secrets.AWS_SECRET_ACCESS_KEY }}
        steps:
          - uses: actions/checkout@v4
            with:
              ref: ${{ github.event.pull_request.head.sha }}
          - run: make deploy

    """

    @Test func theGoldenIsClean() throws {
        let text = try String(contentsOf: Self.golden, encoding: .utf8)
        #expect(try Auditor().audit(file: ".github/workflows/infrastructure.yml", contents: text) == [])
    }

    @Test func handEditsToAGeneratedWorkflowAreFoundAtTheirLines() throws {
        let (text, curlLine, titleLine) = try Self.handEdited()
        let findings = try Auditor().audit(file: ".github/workflows/infrastructure.yml", contents: text)
        let curl = try #require(findings.first { $0.ruleID == "PW014" })
        #expect(curl.location.path == "jobs.pull-request.steps[0].run")
        #expect(curl.location.line == curlLine && curl.location.column == 9)
        let title = try #require(findings.first { $0.ruleID == "PW005" })
        #expect(title.message == "the script interpolates ${{ github.event.pull_request.title }}")
        #expect(title.location.line == titleLine && title.location.column == 9)
        #expect(title.description.hasPrefix(".github/workflows/infrastructure.yml:\(titleLine):9: error PW005 [jobs.pull-request.steps[1].run]"))
        #expect(Set(findings.map(\.ruleID)) == ["PW005", "PW014"])
    }

    /// The same file through `pipewright audit PATH`, as a user runs it: the two findings, and only they, at
    /// their lines and columns.
    @Test func theAuditCommandReportsHandEditsAtTheirLines() throws {
        let (text, curlLine, titleLine) = try Self.handEdited()
        let scratch = try Scratch(inputs: false)
        defer { scratch.remove() }
        try scratch.write(text, to: ".github/workflows/infrastructure.yml")
        let result = scratch.run("audit", ".github/workflows/infrastructure.yml")
        #expect(result.code == 1)
        let findings = result.stdout.split(separator: "\n").filter { $0.hasPrefix(".github/") }
        #expect(findings.count == 2, "\(result.stdout)")
        #expect(findings.first?.hasPrefix(".github/workflows/infrastructure.yml:\(curlLine):9: error PW014 [jobs.pull-request.steps[0].run] ") == true)
        #expect(findings.last == ".github/workflows/infrastructure.yml:\(titleLine):9: error PW005 [jobs.pull-request.steps[1].run] the script interpolates ${{ github.event.pull_request.title }}")
    }

    @Test func aHandEditedGeneratedFileIsAFindingOfItsOwn() throws {
        let original = try String(contentsOf: Self.golden, encoding: .utf8)
        let (text, curlLine, _) = try Self.handEdited()
        let rendered = [RenderedFile(path: ".github/workflows/infrastructure.yml", contents: original)]
        let committed = [RenderedFile(path: ".github/workflows/infrastructure.yml", contents: text)]
        let findings = Auditor().freshness(of: committed, rendered: rendered, source: "pipewright.json")
        #expect(findings.count == 1)
        #expect(findings.first?.ruleID == "PW025")
        #expect(findings.first?.location.line == curlLine - 1)
        #expect(findings.first?.message.hasPrefix("the file was edited by hand after Pipewright generated it from pipewright.json") == true)
        #expect(Auditor().freshness(of: rendered, rendered: rendered, source: "pipewright.json") == [])
        // Missing, and orphaned by a rename.
        #expect(Auditor().freshness(of: [], rendered: rendered, source: "pipewright.json").map(\.message) == ["pipewright.json renders this workflow, but the file is missing"])
        #expect(Auditor().freshness(of: committed, rendered: [], source: "pipewright.json").map(\.ruleID) == ["PW025"])
    }

    @Test func aHandWrittenPwnRequestWorkflowHasFindings() throws {
        let findings = try Auditor().audit(file: ".github/workflows/ci.yml", contents: Self.handWrittenCI)
        func at(_ rule: String) -> [String] {
            findings.filter { $0.ruleID == rule }.map { "\($0.location.line ?? 0):\($0.location.column ?? 0) \($0.location.path)" }
        }
        #expect(at("PW013") == ["13:11 jobs.build.steps[0].with.ref"])
        #expect(at("PW003") == ["3:1 permissions"])
        #expect(at("PW001") == ["8:7 jobs.build.env.AWS_ACCESS_KEY_ID", "9:7 jobs.build.env.AWS_SECRET_ACCESS_KEY"])
        #expect(at("PW004") == ["11:9 jobs.build.steps[0].uses"])
        #expect(findings.hasErrors)
    }

    @Test func invalidYAMLNamesLineAndColumn() {
        #expect(throws: WorkflowReadError(line: 3, column: 6, message: "the flow sequence that starts here never ends; expected ']'")) {
            try SourceWorkflow.read("on: push\njobs:\n  a: [\n")
        }
    }

    @Test func whatGitHubRefusesIsAnError() {
        #expect(throws: WorkflowReadError(line: 1, column: 1, message: "the workflow has no on: key; GitHub runs a workflow only for the events on: names")) {
            try SourceWorkflow.read("jobs: {}\n")
        }
        #expect(throws: WorkflowReadError(line: 5, column: 9, message: "jobs.a.steps[0] has neither uses: nor run:; a step runs a script or uses an action")) {
            try SourceWorkflow.read("on: push\njobs:\n  a:\n    steps:\n      - name: x\n")
        }
    }

    /// What the model cannot hold stays in the escape hatch, in order, and the shorthand forms of `on:` read as events.
    @Test func handWrittenShapesKeepTheirData() throws {
        let text = """
        on: [push, issues]
        jobs:
          test:
            runs-on: ${{ matrix.os }}
            timeout-minutes: ${{ inputs.minutes }}
            strategy:
              matrix:
                os: [ubuntu-24.04, macos-15]
                python: [3.10, '3.12']
            if: ${{ github.ref == 'refs/heads/main' }}
            steps:
              - run: echo ${{matrix.os}}
                shell: bash

        """
        let workflow = try SourceWorkflow.read(text).workflow
        #expect(workflow.on.push == EventFilter() && workflow.on.extra.map(\.key) == ["issues"])
        let job = try #require(workflow[job: "test"])
        #expect(job.runsOn == .label("${{ matrix.os }}"))
        #expect(job.extra.map(\.key) == ["timeout-minutes"])
        #expect(job.condition?.source == "${{ github.ref == 'refs/heads/main' }}")
        #expect(job.steps[0].script?.rendered == "echo ${{matrix.os}}")
        #expect(job.steps[0].script?.expressions.first?.contextReferences.map(\.root) == [.matrix])
        let reread = try YAMLReader.read(YAMLEmitter.emit(workflow.yamlNode)).root.yamlNode
        #expect(YAMLData(reread) == YAMLData(.mapping([
            YAMLEntry("on", .mapping([YAMLEntry("push", .mapping([])), YAMLEntry("issues", .mapping([]))])),
            YAMLEntry("jobs", try YAMLReader.read(text).root["jobs"]!.yamlNode),
        ])))
    }
}
