import Testing
@testable import Pipewright
@testable import PipewrightCommands

/// Problems in `pipewright.json` and policy files name the file, line and column of the setting, as a syntax
/// error does: in `generate`'s errors, and in `audit`'s text, JSON and SARIF.
@Suite struct ConfigPositionTests {
    /// The base fixture with four shape problems: an unknown key, a wrong type, a bad enum value, a missing key.
    static let broken = ConfigFixtures.base
        .replacing(#""project": "myapp""#, with: #""project": 5"#)
        .replacing(#""branch": "develop"}"#, with: #""branch": "develop", "acount": "1"}"#)
        .replacing(#""account": "222222222222", "#, with: "")
        .replacing(#""strategy": "changeSet""#, with: #""strategy": "chageset""#)

    @Test func shapeProblemsCarryLineAndColumn() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write(Self.broken, to: "pipewright.json")
        let result = scratch.run("generate")
        #expect(result.code == 2)
        #expect(result.stderr == """
            error: pipewright.json is not a valid config; nothing was written:
              pipewright.json:4:3: project: 5 is a number; expected a string
              pipewright.json:9:111: environments[0].acount: unknown key — did you mean "account"?
              pipewright.json:10:5: environments[1]: missing required key "account"
              pipewright.json:11:130: environments[2].strategy: "chageset" is not one of direct, changeSet — did you mean "changeSet"?

            """)
    }

    @Test func aRuleProblemPointsAtItsSetting() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write(ConfigFixtures.base.replacing(#""branch": "develop"}"#, with: #""branch": "develop", "region": "us-east-3"}"#), to: "pipewright.json")
        let result = scratch.run("generate", "--check")
        #expect(result.code == 2)
        #expect(result.stderr.hasPrefix("error: pipewright.json is not a valid config; nothing was written:\n  pipewright.json:9:111: environments[0].region: \"us-east-3\" is not an AWS region"), "\(result.stderr)")
    }

    /// A verify command's problem points at the command itself.
    @Test func verifyProblemsPointAtTheCommand() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let config = ConfigFixtures.base
            .replacing(#""branch": "main", "after""#, with: #""branch": "main", "verify": ["make smoke", "curl ${{ vars.URL }}"], "after""#)
        try scratch.write(config, to: "pipewright.json")
        let result = scratch.run("generate", "--check")
        #expect(result.code == 2)
        #expect(result.stderr == """
            error: pipewright.json is not a valid config; nothing was written:
              pipewright.json:11:135: environments[2].verify[1]: "curl ${{ vars.URL }}" contains '${{'; expected plain shell — GitHub would expand the expression into the script before it runs; read values from environment variables instead

            """)
        let line = config.split(separator: "\n", omittingEmptySubsequences: false)[10]
        #expect(line.dropFirst(134).hasPrefix("\"curl"), "column 135 is where the command starts")
    }

    @Test func policyFilesAndSectionsCarryLineAndColumn() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write(ConfigFixtures.base, to: "pipewright.json")
        try scratch.write("{\n  \"minimumRetentionDays\": \"x\",\n  \"hardenRunner\": {\"egressPolicy\": \"blok\"}\n}\n", to: "org-policy.json")
        let file = scratch.run("generate", "--policy", "org-policy.json")
        #expect(file.code == 2)
        #expect(file.stderr == """
            error: org-policy.json is not a valid policy; nothing was written:
              org-policy.json:2:3: policy.minimumRetentionDays: "x" is a string; expected an integer
              org-policy.json:3:20: policy.hardenRunner.egressPolicy: "blok" is not one of audit, block — did you mean "block"?

            """)

        try scratch.write(ConfigFixtures.base(adding: #""policy": {"allowedRegions": "us-east-1"}"#), to: "pipewright.json")
        let section = scratch.run("generate")
        #expect(section.code == 2)
        #expect(section.stderr == """
            error: the policy section of pipewright.json is not a valid policy; nothing was written:
              pipewright.json:8:14: policy.allowedRegions: "us-east-1" is a string; expected an array of strings

            """)
    }

    @Test func policyViolationsCarryLineAndColumnInGenerateAndAudit() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write(ConfigFixtures.base(adding: "\"region\": \"us-east-1\",\n  \"policy\": {\"allowedRegions\": [\"eu-west-1\"]}"), to: "pipewright.json")
        let generate = scratch.run("generate")
        #expect(generate.code == 2)
        #expect(generate.stderr.contains("  error: pipewright.json:8:3: region: PW020 (allowed-regions) the pipeline's region is us-east-1; the policy allows eu-west-1\n"), "\(generate.stderr)")

        let text = scratch.run("audit")
        #expect(text.code == 1)
        #expect(text.stdout.hasPrefix("pipewright.json:8:3: error PW020 [region] the pipeline's region is us-east-1; the policy allows eu-west-1\n"), "\(text.stdout)")
        let json = scratch.run("audit", "--format", "json")
        #expect(json.stdout.contains(#""file": "pipewright.json",\#n      "path": "region",\#n      "line": 8,\#n      "column": 3,"#), "\(json.stdout)")
        let sarif = scratch.run("audit", "--format", "sarif")
        #expect(sarif.stdout.contains(#""uri": "pipewright.json""#) && sarif.stdout.contains(#""startLine": 8,\#n                  "startColumn": 3"#), "\(sarif.stdout)")

        // A setting the file does not write points at the object that would hold it: here the document.
        try scratch.write(ConfigFixtures.base(adding: #""policy": {"allowedRegions": ["eu-west-1"]}"#), to: "pipewright.json")
        #expect(scratch.run("audit").stdout.hasPrefix("pipewright.json:1:1: error PW020 [region] the pipeline's region is us-east-1"))
    }

    @Test func quotedKeysAndTheTopLevelAreFound() {
        let positions = ConfigPositions("{\n  \"tags\": {\n    \"Cost \\\"Center\\\"\": 5\n  }\n}\n")
        #expect(ConfigPositions.sourcePath(#"tags["Cost \"Center\""].x"#) == #"tags.Cost "Center".x"#)
        #expect(positions.position(of: #"tags["Cost \"Center\""]"#) == SourcePosition(line: 3, column: 5))
        #expect(positions.position(of: "(top level)") == SourcePosition(line: 1, column: 1))
        #expect(positions.position(of: "tags.missing") == SourcePosition(line: 2, column: 3))
        // Text that is not JSON has no positions; its syntax error carries its own.
        #expect(ConfigPositions("{").position(of: "tags") == nil)
    }
}
