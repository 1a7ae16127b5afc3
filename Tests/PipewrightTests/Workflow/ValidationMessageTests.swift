import Testing
@testable import Pipewright

/// Validation messages, word for word: each names the path, the bad value and what was expected.
@Suite struct ValidationMessageTests {
    static func job(_ id: String, needs: [String] = [], outputs: Mapping<WorkflowText> = [:], steps: [Step] = []) -> Job {
        Job(id: id, needs: needs, runsOn: "ubuntu-latest", outputs: outputs, timeoutMinutes: 5,
            steps: steps.isEmpty ? [.run("Run", "true")] : steps)
    }

    static func messages(_ jobs: [Job], on triggers: Triggers = Triggers(push: EventFilter())) -> [String] {
        Workflow(name: "Test", on: triggers, jobs: jobs).validationErrors().map(\.description)
    }

    @Test func validWorkflowHasNoErrors() {
        #expect(Self.messages([Self.job("build"), Self.job("test", needs: ["build"])]) == [])
    }

    @Test func badJobID() {
        #expect(Self.messages([Self.job("1build")]) == [
            #"jobs.1build: "1build" is not a valid job id; expected a letter or '_' followed by letters, digits, '-' or '_'"#,
        ])
    }

    @Test func badStepID() {
        let step = Step.run("Run", id: "my step", "true")
        #expect(Self.messages([Self.job("build", steps: [step])]) == [
            #"jobs.build.steps[0].id: "my step" is not a valid step id; expected a letter or '_' followed by letters, digits, '-' or '_'"#,
        ])
    }

    @Test func danglingNeedSuggestsTheClosestJob() {
        #expect(Self.messages([Self.job("build"), Self.job("test"), Self.job("deploy", needs: ["test", "biuld"])]) == [
            #"jobs.deploy.needs[1]: "biuld" is not a job of this workflow; expected one of build, test — did you mean "build"?"#,
        ])
    }

    @Test func danglingNeedWithoutACloseMatch() {
        #expect(Self.messages([Self.job("build"), Self.job("deploy", needs: ["package"])]) == [
            #"jobs.deploy.needs[0]: "package" is not a job of this workflow; expected one of build"#,
        ])
    }

    @Test func danglingNeedInAOneJobWorkflow() {
        #expect(Self.messages([Self.job("deploy", needs: ["build"])]) == [
            #"jobs.deploy.needs[0]: "build" is not a job of this workflow; the workflow has no other job"#,
        ])
    }

    @Test func jobNeedingItself() {
        #expect(Self.messages([Self.job("build", needs: ["build"])]) == [
            #"jobs.build.needs[0]: "build" is the job itself; a job cannot need itself"#,
        ])
    }

    @Test func cycleIsReportedOnceAtTheClosingEdge() {
        #expect(Self.messages([Self.job("a", needs: ["c"]), Self.job("b", needs: ["a"]), Self.job("c", needs: ["b"])]) == [
            #"jobs.b.needs[0]: "a" closes a cycle a → c → b → a; expected needs to form no cycle"#,
        ])
    }

    @Test(arguments: [
        ("0 25 * * *", #"on.schedule[0].cron: "0 25 * * *" has an invalid hour field "25"; expected *, a number in 0-23, a range a-b, a step */n, or a comma list"#),
        ("0 0 * * 7", #"on.schedule[0].cron: "0 0 * * 7" has an invalid day-of-week field "7"; expected *, a number in 0-6 or sun-sat, a range a-b, a step */n, or a comma list"#),
        ("0 0 * foo *", #"on.schedule[0].cron: "0 0 * foo *" has an invalid month field "foo"; expected *, a number in 1-12 or jan-dec, a range a-b, a step */n, or a comma list"#),
        ("*/0 * * * *", #"on.schedule[0].cron: "*/0 * * * *" has an invalid minute field "*/0"; expected *, a number in 0-59, a range a-b, a step */n, or a comma list"#),
        ("0 0 * *", #"on.schedule[0].cron: "0 0 * *" has 4 fields; expected 5: minute hour day-of-month month day-of-week"#),
        ("@daily", #"on.schedule[0].cron: "@daily" has 1 field; expected 5: minute hour day-of-month month day-of-week"#),
        ("0 0 * * *\t", #"on.schedule[0].cron: "0 0 * * *\t" separates fields with a tab or line break; expected fields separated by spaces"#),
    ])
    func badCron(_ cron: String, _ expected: String) {
        #expect(Self.messages([Self.job("build")], on: Triggers(schedule: [Cron(cron)])) == [expected])
    }

    @Test(arguments: ["0 0 * * *", "*/15 1-5 1,15 jan-jun mon-fri", "30 2 * * SUN", "0 0/2 * * *"])
    func goodCron(_ cron: String) {
        #expect(Cron(cron).problem == nil)
    }

    @Test func outputReadingAMissingStep() {
        let job = Self.job("build", outputs: ["version": "\(.steps("mta", output: "version"))"], steps: [.run("Meta", id: "meta", "true")])
        #expect(Self.messages([job]) == [
            #"jobs.build.outputs.version: refers to step "mta", which is not a step of job build; expected one of meta — did you mean "meta"?"#,
        ])
    }

    @Test func outputReadingAStepOfAJobWithoutStepIDs() {
        let job = Self.job("build", outputs: ["version": "\(.steps("meta", output: "version"))"])
        #expect(Self.messages([job]) == [
            #"jobs.build.outputs.version: refers to step "meta", which is not a step of job build; the job has no step with an id"#,
        ])
    }

    @Test func duplicateJobIDs() {
        #expect(Self.messages([Self.job("build"), Self.job("build")]) == [
            #"jobs.build: "build" is used by more than one job; expected unique job ids"#,
        ])
    }

    @Test func duplicateStepIDs() {
        let steps: [Step] = [.run("One", id: "same", "true"), .run("Two", id: "same", "true")]
        #expect(Self.messages([Self.job("build", steps: steps)]) == [
            #"jobs.build.steps[1].id: "same" is used by more than one step of job build; expected unique step ids"#,
        ])
    }

    static let smuggled = #"plain text contains "${{"; expected expressions to be built with Expression, never written as text"#

    @Test func literalExpressionInAScript() {
        let step = Step.run("Run", WorkflowText("echo ${{ github.sha }}"))
        #expect(Self.messages([Self.job("build", steps: [step])]) == ["jobs.build.steps[0].run: " + Self.smuggled])
    }

    @Test func literalExpressionAnywhereInText() {
        let smuggled: WorkflowText = "${{ github.ref }}"
        var container = Container(image: "node:22", env: ["A": .text(smuggled)])
        container.credentials = (username: "me", password: smuggled)
        var job = Self.job("build")
        job.environment = DeploymentEnvironment(smuggled, url: smuggled)
        job.concurrency = Concurrency(group: smuggled)
        job.container = container
        job.services = ["db": Container(image: "postgres:17", env: ["B": .text(smuggled)])]
        job.strategy = Strategy(matrix: Matrix(dimensions: ["os": [.text(smuggled)]], include: [["os": .text(smuggled)]]))
        job.steps = [.uses("Use", ActionReference("./local"), with: ["x": .text(smuggled)], env: ["Y": .text(smuggled)])]
        let caller = Job(id: "call", call: ReusableWorkflowCall(
            ActionReference("./.github/workflows/x.yml"), with: ["z": .text(smuggled)], secrets: .explicit(["token": smuggled])
        ))
        let workflow = Workflow(
            name: "Test", runName: smuggled,
            on: Triggers(
                workflowDispatch: WorkflowDispatch(inputs: [.string("message", default: "${{ github.actor }}")]),
                workflowCall: WorkflowCall(outputs: [.init("url", value: smuggled)])
            ),
            env: ["E": .text(smuggled)], concurrency: Concurrency(group: smuggled), jobs: [job, caller]
        )
        #expect(workflow.validationErrors().map(\.path) == [
            "run-name",
            "on.workflow_dispatch.inputs.message.default",
            "on.workflow_call.outputs.url.value",
            "env.E",
            "concurrency.group",
            "jobs.build.environment.name",
            "jobs.build.environment.url",
            "jobs.build.concurrency.group",
            "jobs.build.container.credentials.password",
            "jobs.build.container.env.A",
            "jobs.build.services.db.env.B",
            "jobs.build.strategy.matrix.os[0]",
            "jobs.build.strategy.matrix.include[0].os",
            "jobs.build.steps[0].env.Y",
            "jobs.build.steps[0].with.x",
            "jobs.call.with.z",
            "jobs.call.secrets.token",
        ])
        #expect(Set(workflow.validationErrors().map(\.message)) == [Self.smuggled])
    }

    @Test func interpolatedExpressionIsNotSmuggled() {
        let step = Step.run("Run", env: ["SHA": "\(.github("sha"))"], "echo \"$SHA\"")
        #expect(Self.messages([Self.job("build", steps: [step])]) == [])
    }

    @Test func jobWithNeitherRunsOnNorUses() {
        #expect(Self.messages([Job(id: "build", timeoutMinutes: 5, steps: [.run("Run", "true")])]) == [
            "jobs.build: has neither runs-on nor uses; expected a runner label or a reusable workflow",
        ])
    }

    @Test func nonPositiveTimeout() {
        var job = Self.job("build")
        job.timeoutMinutes = 0
        #expect(Self.messages([job]) == ["jobs.build.timeout-minutes: 0 is not a positive number of minutes"])
    }

    @Test func everyProblemIsReportedTogether() throws {
        let workflow = Workflow(name: "Test", on: Triggers(schedule: ["61 * * * *"]), jobs: [Self.job("1x"), Self.job("y", needs: ["z"])])
        let error = #expect(throws: ValidationErrors.self) { try workflow.validate() }
        #expect(error?.description == """
            on.schedule[0].cron: "61 * * * *" has an invalid minute field "61"; expected *, a number in 0-59, a range a-b, a step */n, or a comma list
            jobs.1x: "1x" is not a valid job id; expected a letter or '_' followed by letters, digits, '-' or '_'
            jobs.y.needs[0]: "z" is not a job of this workflow; expected one of 1x
            """)
    }
}

/// The errors of many jobs come in document order.
@Test func manyJobsAreCheckedInDocumentOrder() {
    let jobs = (0..<200).map { index in
        ValidationMessageTests.job(index % 50 == 7 ? "\(index)bad" : "job\(index)",
                                   steps: [.run("Run", index % 60 == 11 ? WorkflowText("echo ${{ github.token }}") : "true")])
    } + [ValidationMessageTests.job("job5")]
    let paths = Workflow(name: "Many", on: Triggers(push: EventFilter()), jobs: jobs).validationErrors().map(\.path)
    #expect(paths == [
        "jobs.7bad", "jobs.job11.steps[0].run", "jobs.57bad", "jobs.job71.steps[0].run", "jobs.107bad",
        "jobs.job131.steps[0].run", "jobs.157bad", "jobs.job191.steps[0].run", "jobs.job5",
    ])
}

/// The opener scan tests eight bytes at a time: an opener is found at every offset, also across word
/// boundaries and at the very end, and near misses are not.
@Test func expressionOpenerIsFoundAtEveryOffset() {
    for length in 3...40 {
        for position in 0...(length - 3) {
            let before = String(repeating: "a", count: position)
            let after = String(repeating: "b", count: length - 3 - position)
            #expect((before + "${{" + after).containsExpressionOpener, "opener at \(position) of \(length)")
            #expect(!(before + "${ {" + after).containsExpressionOpener)
            #expect(!(before + "$${" + after).containsExpressionOpener)
        }
        #expect(!(String(repeating: "$", count: length) + "{").containsExpressionOpener)
        #expect(!String(repeating: "é$", count: length).containsExpressionOpener)
    }
}
