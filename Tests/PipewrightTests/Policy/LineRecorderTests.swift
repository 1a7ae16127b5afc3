import Testing
import PipewrightBlueprints
@testable import Pipewright

@Suite struct LineRecorderTests {
    /// Recording lines changes nothing in the text, and every recorded path starts where the text says it does.
    @Test func everyRecordedPathStartsOnItsLine() throws {
        for generated in Generator().lower(Blueprint.cloudFormation.pipeline()) {
            let document = YAMLDocument(root: generated.workflow.yamlNode)
            let (text, lines) = YAMLEmitter.emitRecordingLines(document)
            #expect(text == YAMLEmitter.emit(document))
            let textLines = text.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count > 100)
            for (path, line) in lines {
                let content = textLines[line - 1].drop { $0 == " " }
                if path.hasSuffix("]") {
                    #expect(content.hasPrefix("-"), "\(path) → line \(line): \(content)")
                } else {
                    let key = path.split(separator: ".").last!.split(separator: "[").first!
                    let afterDashes = content.drop { $0 == "-" || $0 == " " }
                    #expect(afterDashes.hasPrefix(key + ":"), "\(path) → line \(line): \(content)")
                }
            }
        }
    }

    @Test func linesOfASmallDocument() {
        let node = YAMLNode.mapping([
            YAMLEntry("name", .string("CI")),
            YAMLEntry("jobs", .mapping([YAMLEntry("build", .mapping([
                YAMLEntry("steps", .sequence([
                    .mapping([YAMLEntry("run", .string("a\nb\n"))]),
                    .mapping([YAMLEntry("uses", .string("x"), leadingComments: ["pinned"]), YAMLEntry("with", .mapping([YAMLEntry("k", .int(1))]))]),
                ])),
            ]))]), leadingComments: ["the jobs"]),
        ])
        let (text, lines) = YAMLEmitter.emitRecordingLines(YAMLDocument(header: ["header"], root: node))
        #expect(text == "# header\n\nname: CI\n\n# the jobs\njobs:\n  build:\n    steps:\n      - run: |\n          a\n          b\n      # pinned\n      - uses: x\n        with:\n          k: 1\n")
        #expect(lines == [
            "name": 3, "jobs": 6, "jobs.build": 7, "jobs.build.steps": 8,
            "jobs.build.steps[0]": 9, "jobs.build.steps[0].run": 9,
            "jobs.build.steps[1]": 13, "jobs.build.steps[1].uses": 13, "jobs.build.steps[1].with": 14, "jobs.build.steps[1].with.k": 15,
        ])
    }

    @Test func missingPathsFallBackToTheirParent() {
        let lines = ["jobs": 2, "jobs.build": 3, "jobs.build.steps[1]": 9]
        #expect(Auditor.line(of: "jobs.build.steps[1].with.ref", in: lines) == 9)
        #expect(Auditor.line(of: "jobs.build.timeout-minutes", in: lines) == 3)
        #expect(Auditor.line(of: "permissions", in: lines) == 1)
    }
}
