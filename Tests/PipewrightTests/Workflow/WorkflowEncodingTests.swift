import Testing
@testable import Pipewright

/// Encoding details the golden fixtures cannot show: forms zizmor rejects (so no fixture may use them),
/// and key order pinned independently of any one fixture.
@Suite struct WorkflowEncodingTests {
    static func permissionsYAML(_ permissions: Permissions) -> String {
        YAMLEmitter.emit(.mapping([YAMLEntry("permissions", permissions.node)]))
    }

    // `read-all` and `write-all` are tested here only: zizmor's excessive-permissions audit reports both.
    @Test func readAllAndWriteAllAreScalars() {
        #expect(Self.permissionsYAML(.readAll) == "permissions: read-all\n")
        #expect(Self.permissionsYAML(.writeAll) == "permissions: write-all\n")
        #expect(JSONEmitter.emit(Permissions.writeAll.node) == "\"write-all\"\n")
    }

    @Test func noneIsAnEmptyMapping() {
        #expect(Self.permissionsYAML(Permissions.empty) == "permissions: {}\n")
    }

    @Test func grantsAreSortedByScopeWithTheirReasons() {
        let permissions = Permissions.grants(
            .write(.pullRequests, because: "comment the plan"), .read(.contents),
            PermissionGrant(.custom("copilot-requests"), .none), .write(.idToken, because: "OIDC")
        )
        #expect(Self.permissionsYAML(permissions) == """
            permissions:
              contents: read
              copilot-requests: none
              id-token: write # OIDC
              pull-requests: write # comment the plan

            """)
    }

    @Test func levelOfAScope() {
        #expect(Permissions.readAll.level(of: .issues) == .read)
        #expect(Permissions.writeAll.level(of: .issues) == .write)
        #expect(Permissions.empty.level(of: .contents) == nil)
        #expect(Permissions.grants(.write(.packages)).level(of: .packages) == .write)
        #expect(Permissions.grants(.write(.packages)).level(of: .contents) == nil)
    }

    static func keys(_ node: YAMLNode) -> [String] {
        guard case .mapping(let entries) = node else { return [] }
        return entries.map(\.key)
    }

    static let everyEntry = [YAMLEntry("x-first", .string("1")), YAMLEntry("x-second", .string("2"))]

    @Test func workflowKeysFollowTheDocumentedOrderWithExtraKeysLast() {
        let workflow = Workflow(
            name: "All", runName: "run", on: Triggers(push: EventFilter()), permissions: Permissions.empty, env: ["A": "1"],
            defaults: RunDefaults(shell: "bash"), concurrency: Concurrency(group: "g"),
            jobs: [Job(id: "j", runsOn: "ubuntu-latest", steps: [.run("Run", "true")])], extra: Self.everyEntry
        )
        #expect(Self.keys(workflow.yamlNode) == [
            "name", "run-name", "on", "permissions", "env", "defaults", "concurrency", "jobs", "x-first", "x-second",
        ])
    }

    @Test func jobKeysFollowTheDocumentedOrderWithExtraKeysLast() {
        let job = Job(
            id: "j", name: "J", needs: ["a"], condition: .success(), runsOn: "ubuntu-latest", environment: DeploymentEnvironment("e"),
            permissions: Permissions.empty, concurrency: Concurrency(group: "g"), outputs: ["o": "v"], env: ["A": "1"],
            defaults: RunDefaults(workingDirectory: "."), timeoutMinutes: 5, continueOnError: true,
            strategy: Strategy(failFast: false), container: Container(image: "i"), services: ["s": Container(image: "i")],
            steps: [.run("Run", "true")], extra: Self.everyEntry
        )
        #expect(Self.keys(job.yamlNode) == [
            "name", "needs", "if", "runs-on", "environment", "permissions", "concurrency", "outputs", "env", "defaults",
            "timeout-minutes", "continue-on-error", "strategy", "container", "services", "steps", "x-first", "x-second",
        ])
    }

    @Test func reusableCallJobKeys() {
        let job = Job(
            id: "call", name: "Call", needs: ["a"], condition: .success(), permissions: Permissions.empty,
            call: ReusableWorkflowCall(ActionReference("o/r/.github/workflows/x.yml", ref: "v1"), with: ["a": 1], secrets: .inherit)
        )
        #expect(Self.keys(job.yamlNode) == ["name", "needs", "if", "permissions", "uses", "with", "secrets"])
        #expect(YAMLEmitter.emit(job.yamlNode).hasSuffix("secrets: inherit\n"))
    }

    @Test func stepKeysWithExtraKeysLast() {
        var run = Step.run("R", id: "r", if: .always(), env: ["A": "1"], shell: "bash", workingDirectory: ".", "true")
        run.continueOnError = true
        run.timeoutMinutes = 1
        run.extra = Self.everyEntry
        #expect(Self.keys(run.yamlNode) == [
            "name", "id", "if", "env", "shell", "working-directory", "continue-on-error", "timeout-minutes", "run", "x-first", "x-second",
        ])
        var uses = Step.uses("U", ActionReference("o/r", ref: "v1"), id: "u", if: .always(), with: ["a": 1], env: ["A": "1"])
        uses.continueOnError = false
        uses.timeoutMinutes = 1
        uses.extra = Self.everyEntry
        #expect(Self.keys(uses.yamlNode) == [
            "name", "id", "if", "uses", "with", "env", "continue-on-error", "timeout-minutes", "x-first", "x-second",
        ])
    }

    @Test func triggerKeysWithExtraEventsLast() {
        let triggers = Triggers(
            push: EventFilter(), pullRequest: EventFilter(), mergeGroup: ActivityTypes(), release: ActivityTypes(),
            schedule: ["0 0 * * *"], workflowDispatch: WorkflowDispatch(), workflowCall: WorkflowCall(), extra: Self.everyEntry
        )
        #expect(Self.keys(triggers.yamlNode) == [
            "push", "pull_request", "merge_group", "release", "schedule", "workflow_dispatch", "workflow_call", "x-first", "x-second",
        ])
        #expect(triggers.eventNames == [
            "push", "pull_request", "merge_group", "release", "schedule", "workflow_dispatch", "workflow_call", "x-first", "x-second",
        ])
    }

    @Test func eventFilterKeys() {
        let filter = EventFilter(
            branches: ["a"], branchesIgnore: ["b"], tags: ["c"], tagsIgnore: ["d"], paths: ["e"], pathsIgnore: ["f"], types: ["g"]
        )
        #expect(Self.keys(filter.node) == ["branches", "branches-ignore", "tags", "tags-ignore", "paths", "paths-ignore", "types"])
    }

    @Test func environmentWithoutAURLIsItsName() {
        #expect(YAMLEmitter.emit(Job(id: "j", runsOn: "x", environment: DeploymentEnvironment("prod")).yamlNode) == """
            runs-on: x
            environment: prod

            """)
    }
}
