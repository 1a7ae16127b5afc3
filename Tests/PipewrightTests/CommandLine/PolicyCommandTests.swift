import Testing
@testable import PipewrightCommands

/// The policy on the command line: a gate on generation that every command applies the same way.
@Suite struct PolicyGateCommandTests {
    /// A region outside the policy's list used to generate, pass `--check`, and only fail `audit`.
    @Test func aViolationStopsGenerateAndCheckAndWritesNothing() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        #expect(scratch.run("init").code == 0)
        try scratch.write(#"{"allowedRegions": ["eu-west-1"]}"#, to: "pipewright-policy.json")
        let before = scratch.snapshot()
        let expected = """
        pipewright.json breaks the policy; nothing was written:
          error: region: PW020 (allowed-regions) the pipeline's region is us-east-1; the policy allows eu-west-1
            Set `region` to one of the policy's regions: eu-west-1.
        """
        for arguments in [["generate"], ["generate", "--check"], ["generate", "--force"]] {
            let result = scratch.run(arguments)
            #expect(result.code == 2, "\(arguments)")
            #expect(result.stderr.contains(expected), "\(arguments): \(result.stderr)")
            #expect(result.stdout == "")
        }
        #expect(scratch.snapshot() == before)
        #expect(scratch.run("audit").code == 1)
    }
}
