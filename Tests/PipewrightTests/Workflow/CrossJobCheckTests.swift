import PipewrightSamples
import Testing
@testable import Pipewright

/// The quick cross-job check `generate` runs after streaming must flag exactly the workflows that full
/// validation finds an id, `needs` or cycle problem in.
@Suite struct CrossJobCheckTests {
    static func validationFails(_ ids: [String], _ needs: [[String]]) -> Bool {
        let jobs = zip(ids, needs).map { ValidationMessageTests.job($0, needs: $1) }
        return !Workflow(name: "Test", on: Triggers(push: EventFilter()), jobs: jobs).validationErrors().isEmpty
    }

    @Test(arguments: [
        (["a", "b"], [[], ["a"]], false),
        (["a", "b", "c", "d"], [[], ["a"], ["a"], ["b", "c"]], false),  // a diamond is no cycle
        (["a", "a"], [[], []], true),
        (["1a"], [[]], true),
        (["a"], [["a"]], true),
        (["a", "b"], [[], ["z"]], true),
        (["a", "b", "c"], [["c"], ["a"], ["b"]], true),
        (["a", "b", "c", "d"], [[], ["a", "d"], ["b"], ["c"]], true),  // a cycle not through the first job
    ] as [([String], [[String]], Bool)])
    func agreesWithValidationOnKnownGraphs(_ ids: [String], _ needs: [[String]], _ expected: Bool) {
        #expect(Workflow.hasCrossJobErrors(ids: ids, needs: needs) == expected)
        #expect(Self.validationFails(ids, needs) == expected)
    }

    @Test func agreesWithValidationOnRandomGraphs() {
        var random = SeededGenerator(seed: 7)
        var flagged = 0
        for _ in 0..<500 {
            let count = Int.random(in: 1...8, using: &random)
            let pool = ["a", "b", "c", "d", "e", "f", "g", "h"]
            // Distinct valid ids, then now and again a repeated or an invalid one.
            var ids = Array(pool.shuffled(using: &random).prefix(count))
            switch Int.random(in: 0..<20, using: &random) {
            case 0: ids[ids.count - 1] = "9x"
            case 1 where ids.count > 1: ids[ids.count - 1] = ids[0]
            default: break
            }
            // Mostly edges to earlier jobs, which make no cycle; sometimes any name of the pool: a later job
            // (perhaps closing a cycle), a job that does not exist, or the job itself.
            let needs = ids.indices.map { index in
                (0..<Int.random(in: 0...2, using: &random)).map { _ in
                    index == 0 || Int.random(in: 0..<12, using: &random) == 0 ? pool.randomElement(using: &random)!
                        : ids[Int.random(in: 0..<index, using: &random)]
                }
            }
            let expected = Self.validationFails(ids, needs)
            #expect(Workflow.hasCrossJobErrors(ids: ids, needs: needs) == expected, "ids \(ids), needs \(needs)")
            if expected { flagged += 1 }
        }
        // The generator must produce both kinds, or the comparison proves little.
        #expect(flagged > 50 && flagged < 450)
    }

    @Test func aLongChainIsSearchedWithoutRecursion() {
        let ids = (0..<5_000).map { "deploy-\($0)" }
        var needs = ids.indices.map { $0 == 0 ? [] : [ids[$0 - 1]] }
        #expect(!Workflow.hasCrossJobErrors(ids: ids, needs: needs))
        needs[0] = [ids[ids.count - 1]]
        #expect(Workflow.hasCrossJobErrors(ids: ids, needs: needs))
        // Full validation searches the same way, and names the closing edge and the whole cycle.
        let errors = Workflow(name: "Chain", on: Triggers(push: EventFilter()),
                              jobs: zip(ids, needs).map { ValidationMessageTests.job($0, needs: $1) }).validationErrors()
        #expect(errors.map(\.path) == ["jobs.deploy-1.needs[0]"])
        #expect(errors.first?.message.hasPrefix("\"deploy-0\" closes a cycle deploy-0 → deploy-4999 → deploy-4998") == true)
    }
}
