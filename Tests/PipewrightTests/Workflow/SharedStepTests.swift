import Testing
@testable import Pipewright

/// Lowering marks the steps every environment's jobs share (`Step.markedShared()`); writers lay such a step
/// out once and copy its text, and validation checks it once. The mark must never make a difference.
@Suite struct SharedStepTests {
    static let shared = Step.run("Say hello", env: ["GREETING": "hello", "RUN": .expression(.github("run_id"))], "echo \"$GREETING\"\n").markedShared()

    static func workflow(jobs count: Int, steps: (Int) -> [Step]) -> Workflow {
        Workflow(on: Triggers(push: EventFilter(branches: ["main"])), jobs: (0..<count).map { index in
            Job(id: "job\(index)", runsOn: "ubuntu-24.04", steps: steps(index))
        })
    }

    @Test func changingAMarkedStepDropsTheMark() {
        #expect(Self.shared.shared != nil)
        var renamed = Self.shared
        renamed.name = "Say goodbye"
        #expect(renamed.shared == nil)
        var extended = Self.shared
        extended.env["OTHER"] = "x"
        #expect(extended.shared == nil)
        var continued = Self.shared
        continued.continueOnError = true
        #expect(continued.shared == nil)
        #expect(Self.shared.shared != nil, "the original keeps its mark")
    }

    /// A step's contents are shared between copies until one changes: the change must stay with that copy.
    @Test func changingACopyLeavesTheOriginalAsItWas() {
        let original = Step.run("First", env: ["X": "1"], "echo one\n")
        var copy = original
        #expect(copy == original)
        copy.env["Y"] = "2"
        copy.name = "Second"
        copy.action = .run("echo two\n", shell: "bash", workingDirectory: nil)
        #expect(original.env.keys == ["X"] && original.name == "First" && original.script == "echo one\n")
        #expect(copy.env.keys == ["X", "Y"] && copy.name == "Second" && copy.script == "echo two\n")
        #expect(copy != original)
        var again = copy
        again.timeoutMinutes = 5
        #expect(copy.timeoutMinutes == nil && again.timeoutMinutes == 5)
    }

    @Test func theMarkIsNotPartOfEqualityOrHash() {
        let unmarked = Step.run("Say hello", env: ["GREETING": "hello", "RUN": .expression(.github("run_id"))], "echo \"$GREETING\"\n")
        #expect(unmarked == Self.shared)
        #expect(unmarked.hashValue == Self.shared.hashValue)
        #expect(Set([unmarked, Self.shared]).count == 1)
    }

    /// Enough jobs to be written in parallel chunks, each remembering the shared step's text, at two depths.
    @Test(arguments: [1, 70, 300])
    func aWorkflowWithMarkedStepsIsWrittenAsItsTree(jobs: Int) {
        let workflow = Self.workflow(jobs: jobs) { index in
            [Self.shared, .run("Own step", env: ["INDEX": .int(index)], "echo $INDEX\n"), Self.shared]
        }
        let tree = YAMLEmitter.emit(YAMLDocument(root: workflow.yamlNode))
        let direct = String(decoding: YAMLEmitter.emitUTF8(workflow).joined(), as: UTF8.self)
        #expect(direct == tree)
        #expect(tree.components(separatedBy: "- name: Say hello").count - 1 == 2 * jobs)
    }

    /// A marked step is remembered as clean only once it is found clean: one with smuggled `${{` is
    /// reported in every job that has it, as the unmarked step would be.
    @Test func aMarkedStepWithAnErrorIsReportedInEveryJob() {
        let smuggled = Step.run("Smuggle", "echo ${{ github.event.issue.title }}\n").markedShared()
        let workflow = Self.workflow(jobs: 70) { _ in [Self.shared, smuggled] }
        let unmarked = Self.workflow(jobs: 70) { _ in [Self.shared, Step.run("Smuggle", "echo ${{ github.event.issue.title }}\n")] }
        let errors = workflow.validationErrors()
        #expect(errors.count == 70)
        #expect(errors.map(\.path) == (0..<70).map { "jobs.job\($0).steps[1].run" })
        #expect(errors == unmarked.validationErrors())
    }

    /// Step ids are checked in every job even when the rest of a marked step is known clean.
    @Test func aMarkedStepsIdIsCheckedInEveryJob() {
        var withID = Step.run("Prepare", "true\n")
        withID.id = "prepare"
        let marked = withID.markedShared()
        let workflow = Self.workflow(jobs: 3) { _ in [marked, marked] }
        let errors = workflow.validationErrors()
        #expect(errors.map(\.path) == (0..<3).map { "jobs.job\($0).steps[1].id" })
    }
}
