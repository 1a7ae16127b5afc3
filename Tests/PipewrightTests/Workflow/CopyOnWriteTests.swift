import Testing
@testable import Pipewright

/// Steps, environments and jobs keep their fields in a shared box that is copied on the first change: a
/// change must stay with the copy it was made to, and equality and hashing must see only the fields.
@Suite struct CopyOnWriteTests {
    /// An environment's fields are shared between copies until one changes: the change must stay with that copy.
    @Test func changingACopiedEnvironmentLeavesTheOriginalAsItWas() {
        let original = Environment("dev", account: "111111111111", role: .variable("ROLE"), branch: "main", tags: [Tag("Team", "a")])
        var copy = original
        #expect(copy == original && copy.hashValue == original.hashValue)
        copy.name = "prod"
        copy.tags.append(Tag("Tier", "1"))
        copy.production = true
        #expect(original.name == "dev" && original.tags == [Tag("Team", "a")] && !original.production)
        #expect(copy.name == "prod" && copy.tags.count == 2 && copy.production && copy.githubEnvironment == "dev")
        #expect(copy != original)
        var back = copy
        back.name = "dev"
        back.tags = [Tag("Team", "a")]
        back.production = false
        #expect(back == original && back.hashValue == original.hashValue)
    }

    @Test func changingACopiedJobLeavesTheOriginalAsItWas() {
        let original = Job(id: "build", runsOn: "ubuntu-24.04", steps: [.run("Build", "make\n")])
        var copy = original
        #expect(copy == original && copy.hashValue == original.hashValue)
        copy.steps.append(.run("Test", "make test\n"))
        copy.needs = ["lint"]
        copy.id = "test"
        #expect(original.id == "build" && original.steps.count == 1 && original.needs.isEmpty)
        #expect(copy.id == "test" && copy.steps.count == 2 && copy.needs == ["lint"])
        #expect(copy != original)
        var back = copy
        back.id = "build"
        back.needs = []
        back.steps.removeLast()
        #expect(back == original && back.hashValue == original.hashValue)
    }
}
