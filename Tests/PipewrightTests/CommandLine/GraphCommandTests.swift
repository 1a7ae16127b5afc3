import Foundation
import Testing
import Pipewright
import PipewrightBlueprints

/// `pipewright graph` on a repository's config: what it prints, and how it refuses bad input.
@Suite struct GraphCommandTests {
    @Test func printsTheGraphOfTheConfigInEachFormat() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        #expect(scratch.run("init", "--blueprint", "sam").code == 0)
        let expected = try Generator().graph(try #require(BlueprintCatalog.named("sam")).pipeline())
        let mermaid = scratch.run("graph")
        #expect(mermaid.code == 0 && mermaid.stderr.isEmpty)
        #expect(mermaid.stdout == expected.render(.mermaid))
        let dot = scratch.run("graph", "--format", "dot")
        #expect(dot.code == 0 && dot.stdout == expected.render(.dot))
    }

    @Test func anUnknownFormatIsAnInputErrorWithTheChoices() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        #expect(scratch.run("init").code == 0)
        let result = scratch.run("graph", "--format", "mermiad")
        #expect(result.code == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "error: --format: \"mermiad\" is not one of mermaid, dot — did you mean \"mermaid\"?\n")
    }

    @Test func anInvalidConfigNamesTheFieldAndDrawsNothing() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        #expect(scratch.run("init").code == 0)
        let config = try #require(scratch.read("pipewright.json"))
        try scratch.write(config.replacingOccurrences(of: #""after": "staging""#, with: #""after": "nowhere""#), to: "pipewright.json")
        let result = scratch.run("graph")
        #expect(result.code == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("environments[2].after"))
    }
}
