import Testing
import Pipewright

/// Hostile documents fail with a clear error, quickly, under the standard limits.
@Suite struct YAMLReaderLimitTests {
    /// Reads `yaml` expecting `error`, within half a second: each takes milliseconds in a debug build, so the
    /// bound leaves room for a loaded machine and still catches an exponential or quadratic read.
    func expectFailsQuickly(_ yaml: String, _ error: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let clock = ContinuousClock()
        var thrown: YAMLReadError?
        let elapsed = clock.measure {
            do {
                _ = try YAMLReader.read(yaml)
            } catch {
                thrown = error as? YAMLReadError
            }
        }
        #expect(thrown?.description == error, sourceLocation: sourceLocation)
        #expect(elapsed < .milliseconds(500), "took \(elapsed)", sourceLocation: sourceLocation)
    }

    @Test func billionLaughs() {
        var yaml = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            let aliases = Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ")
            yaml += "a\(level): &a\(level) [\(aliases)]\n"
        }
        // An anchor at level n stands for 10, 91, 820, 7381, 66430 nodes (n = 0…4); the aliases of levels 1 to 4
        // add 90 + 819 + 7380 + 66429 = 74718, and the first alias of level 5 adds 66430 more, past 100,000.
        expectFailsQuickly(yaml, "6:10: aliases expand to more than 100000 nodes (YAMLReader.Limits.maximumAliasExpansion); a document whose aliases repeat aliases grows exponentially")
    }

    @Test func aliasesWithinTheLimitRead() throws {
        let yaml = "base: &b [1, 2, 3]\n" + (1...1000).map { "k\($0): *b\n" }.joined()
        let document = try YAMLReader.read(yaml)
        #expect(document.root.mapping?.count == 1001)
        #expect(document.root["k1000"]?.sequence?.count == 3)
    }

    @Test func deepFlowNesting() {
        expectFailsQuickly(String(repeating: "[", count: 100_000), "1:257: collections nest deeper than 256 levels (YAMLReader.Limits.maximumDepth)")
    }

    @Test func deepBlockNesting() {
        let yaml = (0..<300).map { String(repeating: " ", count: $0) + "k:\n" }.joined()
        expectFailsQuickly(yaml, "257:257: collections nest deeper than 256 levels (YAMLReader.Limits.maximumDepth)")
        expectFailsQuickly(String(repeating: "- ", count: 300) + "x\n", "1:513: collections nest deeper than 256 levels (YAMLReader.Limits.maximumDepth)")
    }

    @Test func nestingAtTheLimitReads() throws {
        let yaml = String(repeating: "[", count: 256) + String(repeating: "]", count: 256)
        var node = try YAMLReader.read(yaml).root
        var depth = 1
        while let inner = node.sequence?.first {
            node = inner
            depth += 1
        }
        #expect(depth == 256)
    }

    @Test func oversizedDocument() {
        let yaml = String(repeating: "a", count: 10 * 1024 * 1024 + 1)
        expectFailsQuickly(yaml, "1:1: the document is 10485761 bytes; Pipewright reads at most 10485760 bytes (YAMLReader.Limits.maximumDocumentBytes)")
    }

    @Test func overlongExplicitKey() {
        let yaml = "? " + String(repeating: "k", count: 64 * 1024 + 1) + "\n: v\n"
        expectFailsQuickly(yaml, "1:1: a key of 65537 bytes is longer than the 65536 Pipewright reads (YAMLReader.Limits.maximumKeyBytes)")
    }

    @Test func aLongLineIsReadWhole() throws {
        // A line of 300,000 characters with no ': ' to end it. How fast is pipewright-bench's to say
        // ("audit, a 300,000-character line"), not a timed unit test's.
        let yaml = "k: " + String(repeating: "ab ", count: 100_000) + "\n"
        let document = try YAMLReader.read(yaml)
        #expect(document.root["k"]?.scalar?.value == .string(String(repeating: "ab ", count: 99_999) + "ab"))
    }
}
