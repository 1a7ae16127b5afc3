import Foundation
import Testing
@testable import Pipewright

@Suite struct AuditReportTests {
    static let diagnostics = [
        Diagnostic(severity: .error, ruleID: "PW005", message: "the script interpolates ${{ github.head_ref }}",
                   location: Location(file: ".github/workflows/ci.yml", path: "jobs.build.steps[2].run", line: 42), hint: "Use env."),
        Diagnostic(severity: .warning, ruleID: "PW008", message: "job build has no timeout-minutes", location: Location(file: "pipewright.json", path: "runtime")),
    ]

    @Test func text() {
        #expect(AuditReport.text(Self.diagnostics) == """
        .github/workflows/ci.yml:42: error PW005 [jobs.build.steps[2].run] the script interpolates ${{ github.head_ref }}
            hint: Use env.
        pipewright.json: warning PW008 [runtime] job build has no timeout-minutes
        pipewright audit: 1 error, 1 warning, 0 notes

        """)
        #expect(AuditReport.text([]) == "pipewright audit: no findings\n")
    }

    @Test func diagnosticPrintsAsTheReportsLine() {
        #expect(Self.diagnostics[0].description
            == ".github/workflows/ci.yml:42: error PW005 [jobs.build.steps[2].run] the script interpolates ${{ github.head_ref }}")
        #expect("\(Self.diagnostics[1])" == "pipewright.json: warning PW008 [runtime] job build has no timeout-minutes")
        for diagnostic in Self.diagnostics {
            #expect(AuditReport.text([diagnostic]).hasPrefix(diagnostic.description + "\n"))
        }
    }

    @Test func json() throws {
        let text = AuditReport.json(Self.diagnostics)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["version"] as? Int == 1)
        let first = try #require((object["diagnostics"] as? [[String: Any]])?.first)
        #expect(first["ruleId"] as? String == "PW005" && first["line"] as? Int == 42 && first["path"] as? String == "jobs.build.steps[2].run")
        #expect(text.contains("\"line\": null"))
        #expect(AuditReport.json(Self.diagnostics) == text)
    }

    @Test func sarifShape() throws {
        let findings = Auditor(policy: AuditFixture.strictTestPolicy).audit(
            AuditFixture.workflow.changing("build") { $0.steps.append(.run("Greet", "echo \(.github("head_ref"))\n")) }, file: AuditFixture.file)
        let text = AuditReport.sarif(findings)
        if let out = ProcessInfo.processInfo.environment["PIPEWRIGHT_SARIF_OUT"] { try text.write(toFile: out, atomically: true, encoding: .utf8) }
        let log = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "Pipewright")
        #expect(driver["informationUri"] as? String == AuditReport.informationURI)
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == RuleCatalog.all.map(\.id))
        let rule = rules[4]
        #expect((rule["defaultConfiguration"] as? [String: Any])?["level"] as? String == "error")
        #expect(((rule["properties"] as? [String: Any])?["tags"] as? [String]) == ["security", "injection"])
        #expect((rule["help"] as? [String: Any])?["text"] != nil && (rule["fullDescription"] as? [String: Any])?["text"] != nil)
        let result = try #require((run["results"] as? [[String: Any]])?.first)
        #expect(result["ruleId"] as? String == "PW005" && result["ruleIndex"] as? Int == 4 && result["level"] as? String == "error")
        let location = try #require((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        #expect((location["artifactLocation"] as? [String: Any])?["uri"] as? String == ".github/workflows/ci.yml")
        let line = try #require((location["region"] as? [String: Any])?["startLine"] as? Int)
        let emitted = YAMLEmitter.emit(YAMLDocument(root: AuditFixture.workflow.changing("build") { $0.steps.append(.run("Greet", "echo \(.github("head_ref"))\n")) }.yamlNode))
        #expect(emitted.split(separator: "\n", omittingEmptySubsequences: false)[line - 1].contains("run: |"))
        #expect(((result["partialFingerprints"] as? [String: String])?["pipewright/v1"])?.count == 64)
    }
}

@Suite struct ExplainTests {
    @Test func explainsEveryRuleByIdOrName() throws {
        for rule in RuleCatalog.all {
            let text = try RuleCatalog.explain(rule.id.lowercased())
            #expect(text.hasPrefix("\(rule.id) \(rule.name) (\(rule.severity.rawValue))\n\(rule.title)\n"))
            #expect(text.contains("What it checks:") && text.contains("Why:") && text.contains("How to fix:"))
            #expect(try RuleCatalog.explain(rule.name) == text)
        }
        #expect(try RuleCatalog.explain("PW011").contains("deploys whatever replaced the artifact between jobs"))
    }

    @Test func unknownRuleSuggestsTheClosest() {
        #expect(throws: UnknownRuleError(requested: "PW05", suggestion: "PW005")) { try RuleCatalog.explain("PW05") }
        #expect(UnknownRuleError(requested: "PW05", suggestion: "PW005").description == "\"PW05\" is not a rule; rules are PW001 to PW028 — did you mean \"PW005\"?")
        #expect(throws: UnknownRuleError(requested: "no-curl-pipe-sh", suggestion: "no-curl-pipe-shell")) { try RuleCatalog.explain("no-curl-pipe-sh") }
    }
}

@Suite struct ScriptCommandTests {
    @Test func splitsCommandsThroughQuotesSubstitutionsAndContinuations() {
        let commands = ScriptCommand.parse("""
        set -euo pipefail # strict
        arn="$(aws cloudformation create-change-set \\
          --stack-name "$STACK" --tags "$TAGS" \\
          --query Id --output text 2>&1)"
        echo "a | b; 'c'" > /dev/null && curl -s https://x | tee log | sh
        cat <<EOF
        curl https://y | sh
        EOF
        bash <(wget -qO- https://z)
        """)
        #expect(commands.map(\.words) == [
            ["set", "-euo", "pipefail"],
            ["aws", "cloudformation", "create-change-set", "--stack-name", "$STACK", "--tags", "$TAGS", "--query", "Id", "--output", "text"],
            ["arn=$(…)"],
            ["echo", "a | b; 'c'"],
            ["curl", "-s", "https://x"], ["tee", "log"], ["sh"],
            ["cat"],
            ["wget", "-qO-", "https://z"],
            ["bash", "$(…)"],
        ])
        #expect(commands[6].upstreamPrograms == ["curl", "tee"])
        #expect(commands[9].substitutedPrograms == ["wget"])
        #expect(commands[1].line == 2 && commands[6].line == 5)
        #expect(commands[1].values(of: "--tags") == ["$TAGS"])
    }
}
