import Foundation
import Testing
@testable import Pipewright
@testable import PipewrightCommands

/// What a new user hit on a first real run, each fixed at the root.
@Suite struct FirstRunTests {
    /// Renames the default blueprint's pipeline in its config, as a user would.
    static func renamePipeline(in scratch: Scratch, to name: String) throws {
        let config = try #require(scratch.read("pipewright.json"))
        try scratch.write(config.replacingOccurrences(of: "\"name\": \"Infrastructure\"", with: "\"name\": \"\(name)\""), to: "pipewright.json")
    }

    @Test func aRenamedPipelineLeavesNoOldWorkflowBehind() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        #expect(scratch.run("init").code == 0)
        try Self.renamePipeline(in: scratch, to: "Platform")
        // A hand-written workflow and one generated from another config are not this config's to remove.
        try scratch.write("name: Lint\non: push\njobs: {}\n", to: ".github/workflows/lint.yml")
        try scratch.write(GeneratedHeader(source: "other/pipewright.json").wrap("name: Other\n"), to: ".github/workflows/other.yml")

        let check = scratch.run("generate", "--check")
        #expect(check.code == 1)
        #expect(check.stderr.contains(".github/workflows/infrastructure-drift.yml, .github/workflows/infrastructure.yml were generated from pipewright.json but it no longer produces them"), "\(check.stderr)")

        let generate = scratch.run("generate")
        #expect(generate.code == 0)
        #expect(generate.stdout.contains("removed .github/workflows/infrastructure.yml (the config no longer produces it)\n"))
        #expect(scratch.read(".github/workflows/infrastructure.yml") == nil)
        #expect(scratch.read(".github/workflows/infrastructure-drift.yml") == nil)
        #expect(scratch.read(".github/workflows/platform.yml") != nil)
        #expect(scratch.read(".github/workflows/lint.yml") != nil)
        #expect(scratch.read(".github/workflows/other.yml") != nil)
        #expect(scratch.run("generate", "--check").code == 0)
    }

    @Test func linterConfigurationsFollowTheRunners() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        #expect(scratch.run("init").code == 0)
        let config = try #require(scratch.read("pipewright.json"))
        let hosted = "\"runner\": \"ubuntu-24.04\""
        #expect(config.contains(hosted))
        try scratch.write(config.replacingOccurrences(of: hosted, with: #""runner": ["self-hosted", "linux", "deployers"]"#), to: "pipewright.json")
        #expect(scratch.run("generate").code == 0)
        #expect(scratch.read(".github/actionlint.yaml")?.contains("    - deployers\n") == true)
        #expect(scratch.read(".github/zizmor.yml")?.contains("      - infrastructure.yml\n") == true)
        #expect(scratch.run("generate", "--check").code == 0)

        // Back on GitHub's runners, both files are stale: named by --check, removed by generate.
        try scratch.write(config, to: "pipewright.json")
        let check = scratch.run("generate", "--check")
        #expect(check.code == 1)
        #expect(check.stderr.contains(".github/actionlint.yaml, .github/zizmor.yml were generated from pipewright.json but it no longer produces them"), "\(check.stderr)")
        #expect(scratch.run("generate").code == 0)
        #expect(scratch.read(".github/actionlint.yaml") == nil)
        #expect(scratch.read(".github/zizmor.yml") == nil)
        #expect(scratch.run("generate", "--check").code == 0)
    }

    @Test func anOldWorkflowEditedByHandIsNotRemovedWithoutForce() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        #expect(scratch.run("init").code == 0)
        let old = try #require(scratch.read(".github/workflows/infrastructure.yml"))
        try scratch.write(old + "# a note of mine\n", to: ".github/workflows/infrastructure.yml")
        try Self.renamePipeline(in: scratch, to: "Platform")
        let before = scratch.snapshot()

        let check = scratch.run("generate", "--check")
        #expect(check.code == 1)
        #expect(check.stderr.contains(".github/workflows/infrastructure.yml was edited by hand: move the edits into the config, then run 'pipewright generate --force' to overwrite it."), "\(check.stderr)")

        let refused = scratch.run("generate")
        #expect(refused.code == 2)
        #expect(refused.stderr.contains(".github/workflows/infrastructure.yml was edited by hand since it was generated, and the config no longer produces it"), "\(refused.stderr)")
        #expect(scratch.snapshot() == before, "a refusal wrote something")

        #expect(scratch.run("generate", "--force").code == 0)
        #expect(scratch.read(".github/workflows/infrastructure.yml") == nil)
    }

    @Test func checkAfterAHandEditSaysToForce() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        #expect(scratch.run("init").code == 0)
        let workflow = try #require(scratch.read(".github/workflows/infrastructure.yml"))
        try scratch.write(workflow + "# a note of mine\n", to: ".github/workflows/infrastructure.yml")
        let check = scratch.run("generate", "--check")
        #expect(check.code == 1)
        #expect(check.stderr.hasSuffix(".github/workflows/infrastructure.yml was edited by hand: move the edits into the config, then run 'pipewright generate --force' to overwrite it.\n"), "\(check.stderr)")
    }

    @Test func headersNameTheConfigAsTheRepositorySeesItAndTheExactCommand() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        #expect(scratch.run("init").code == 0)
        let config = try #require(scratch.read("pipewright.json"))
        try scratch.write(String(config.dropLast(2)) + ",\n  \"policy\": {\"extends\": \"../org/policy.json\"}\n}\n", to: "infra/pipewright.json")
        try scratch.write(#"{"minimumRetentionDays": 45}"#, to: "org/policy.json")
        #expect(scratch.run("generate", "--config", "./infra/pipewright.json", "--force").code == 0)
        let header = try #require(scratch.read(".github/workflows/infrastructure.yml")).split(separator: "\n").prefix(2)
        // The config records its policy, so the command to run needs no --policy.
        #expect(Array(header) == [
            "# Generated by Pipewright from infra/pipewright.json. Do not edit this file: edit infra/pipewright.json instead.",
            "# Regenerate with: pipewright generate --config infra/pipewright.json",
        ])
        // An absolute path to the same config checks the same bytes, and naming the recorded policy again changes nothing.
        let absolute = scratch.run("generate", "--check", "--config", scratch.root + "/infra/pipewright.json", "--policy", "org/policy.json")
        #expect(absolute.code == 0, "\(absolute.stdout)\(absolute.stderr)")
        // Another policy is not silently applied on top: the config must record it.
        try scratch.write("{}", to: "other-policy.json")
        let other = scratch.run("generate", "--check", "--config", scratch.root + "/infra/pipewright.json", "--policy", "other-policy.json")
        #expect(other.code == 2)
        #expect(other.stderr.contains(#"set "extends": "../other-policy.json" in the policy section"#), "\(other.stderr)")
    }

    @Test func theBootstrapTemplateIsWrittenWhereAskedEvenOutsideTheRepository() throws {
        let scratch = try Scratch()
        let outside = try Scratch()
        defer { scratch.remove(); outside.remove() }
        #expect(scratch.run("init").code == 0)
        let printed = scratch.run("bootstrap").stdout
        let written = scratch.run("bootstrap", "--output", outside.root + "/aws/bootstrap.yaml")
        #expect(written.code == 0, "\(written.stderr)")
        #expect(outside.read("aws/bootstrap.yaml") == printed)
    }

    @Test func explainWithoutARuleListsTheRules() {
        let listed = try! Scratch().run("explain")
        #expect(listed.code == 0)
        let lines = listed.stdout.split(separator: "\n")
        #expect(lines.prefix(RuleCatalog.all.count).map { String($0.prefix(5)) } == RuleCatalog.all.map(\.id))
        #expect(lines.first?.hasSuffix(RuleCatalog.all[0].title) == true)
        #expect(listed.stdout.hasSuffix("Run 'pipewright explain RULE' (an id or a name) for what a rule checks, why, and how to fix a finding.\n"))
    }
}

/// A template, Dockerfile or CDK app the config names but the repository lacks stops generate, naming the field.
@Suite struct MissingInputTests {
    @Test func generateAndCheckNameTheMissingTemplateAndWriteNothing() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        #expect(scratch.run("init").code == 0)
        try FileManager.default.removeItem(atPath: scratch.root + "/infrastructure/template.yaml")
        let before = scratch.snapshot()
        for arguments in [["generate"], ["generate", "--check"], ["generate", "--force"]] {
            let result = scratch.run(arguments)
            #expect(result.code == 2, "\(arguments)")
            #expect(result.stderr.contains("pipewright.json: infrastructure.template: infrastructure/template.yaml is not a file in \(scratch.root); expected the CloudFormation template. Create it, or set infrastructure.template to where it is."), "\(result.stderr)")
            #expect(result.stderr.contains("Nothing was written."))
        }
        #expect(scratch.snapshot() == before)
    }

    @Test func everyKindNamesItsInputs() throws {
        let scratch = try Scratch(inputs: false)
        defer { scratch.remove() }
        #expect(scratch.run("init", "--blueprint", "container-service").code == 0)
        let result = scratch.run("generate")
        #expect(result.code == 2)
        for field in ["infrastructure.dockerfile: Dockerfile is not a file", "infrastructure.template: infrastructure/service.yaml is not a file"] {
            #expect(result.stderr.contains(field), "\(result.stderr)")
        }
        #expect(!result.stderr.contains("infrastructure.context"), "the context is the repository root, which exists")
    }

    @Test func initTakesThePathsAndSaysWhatItExpects() throws {
        let scratch = try Scratch(inputs: false)
        defer { scratch.remove() }
        try scratch.write("Resources: {}\n", to: "cfn/main.yaml")
        let made = scratch.run("init", "--template", "cfn/main.yaml")
        #expect(made.code == 0, "\(made.stderr)")
        #expect(made.stdout.contains("  cfn/main.yaml (infrastructure.template): the CloudFormation template, found\n"))
        #expect(scratch.read("pipewright.json")?.contains("\"template\": \"cfn/main.yaml\"") == true)
        #expect(scratch.run("generate", "--check").code == 0)

        let cdk = try Scratch(inputs: false)
        defer { cdk.remove() }
        let told = cdk.run("init", "--blueprint", "cdk", "--app-dir", "app")
        #expect(told.stdout.contains("  app/package-lock.json (infrastructure.directory): the CDK app's package-lock.json (npm ci installs from it), not found yet: create it before 'pipewright generate'\n"))
        let wrong = cdk.run("init", "--blueprint", "cdk", "--template", "x.yaml", "--force")
        #expect(wrong.code == 2)
        #expect(wrong.stderr.contains("--template: a cdk pipeline has no such path; expected --app-dir. Nothing was written."))
    }
}
