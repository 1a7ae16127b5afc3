import Foundation
import Testing
@testable import Pipewright

/// The scripts of a pipeline with several stacks, run in bash against a fake `aws`: the outputs a stack reads,
/// and the execute job's refusal of a stack planned against outputs that changed since.
@Suite struct StackScriptBehaviourTests {
    typealias Sandbox = ScriptBehaviourTests.Sandbox

    /// The sandbox's fake `aws`, which also answers `describe-stacks` for `<stack>` from `outputs-<stack>.json`
    /// (no file: the stack does not exist).
    func sandbox() throws -> Sandbox {
        let sandbox = try Sandbox()
        let fake = #"""
            #!/usr/bin/env bash
            set -euo pipefail
            here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
            printf '%s\n' "$*" >> "$here/calls.log"
            case "$1 $2" in
              "cloudformation describe-stacks")
                file="$here/outputs-$4.json"
                if [ ! -f "$file" ]; then echo "Stack with id $4 does not exist" >&2; exit 254; fi
                cat "$file" ;;
              "cloudformation describe-change-set")
                case " $* " in
                  *" --query "*) cat "$here/status.txt" ;;
                  *) cat "$here/page-1.json" ;;
                esac ;;
              "cloudformation execute-change-set"|"cloudformation wait") ;;
              *) echo "fake aws: unexpected call $*" >&2; exit 2 ;;
            esac

            """#
        try sandbox.write(fake, to: "bin/aws")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: sandbox.root + "/bin/aws")
        return sandbox
    }

    /// What the plan would publish as `inputs-sha256` for these values.
    static func inputsHash(_ canonical: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", "printf '%s' \"$1\" | sha256sum | cut -d ' ' -f 1", "_", canonical]
        process.environment = ["PATH": "/usr/bin:/bin"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func outputParametersAreReadFromTheProducingStack() throws {
        let sandbox = try sandbox()
        defer { sandbox.remove() }
        try sandbox.write(#"[{"OutputKey":"VpcId","OutputValue":"vpc-0a1b"},{"OutputKey":"Other","OutputValue":"x"}]"#, to: "outputs-app-dev-network.json")
        let run = sandbox.run(Scripts.strictMode + Scripts.readOutputParameters + #"""
            PARAMETER_KEYS="Size"
            read_output_parameters
            echo "keys=${PARAMETER_KEYS} vpc=${PARAMETER_Vpc} inputs=${output_inputs}"
            OUTPUT_PARAMETER_KEYS="Missing" OUTPUT_PARAMETER_Missing="app-dev-network Nope"
            if ! read_output_parameters; then echo "missing=${missing_output}"; fi
            OUTPUT_PARAMETER_KEYS="Gone" OUTPUT_PARAMETER_Gone="app-dev-storage Bucket"
            if ! read_output_parameters; then echo "missing=${missing_output}"; fi
            """#, env: ["OUTPUT_PARAMETER_KEYS": "Vpc", "OUTPUT_PARAMETER_Vpc": "app-dev-network VpcId"])
        #expect(run.status == 0, "\(run.log)")
        #expect(run.log.contains(#"keys=Size Vpc vpc=vpc-0a1b inputs={"Vpc":"vpc-0a1b"}"#), "\(run.log)")
        #expect(run.log.contains("missing=app-dev-network Nope\n"), "\(run.log)")
        #expect(run.log.contains("missing=app-dev-storage Bucket\n"), "\(run.log)")
    }

    /// The rule for a stack planned against another stack's outputs: if they changed when that stack deployed,
    /// its reviewed change set is stale, and it is refused before CloudFormation is asked to execute anything.
    @Test func theExecuteJobRefusesAStackWhoseInputsChangedSincePlanning() throws {
        let sandbox = try sandbox()
        defer { sandbox.remove() }
        try sandbox.write(#"[{"OutputKey":"VpcId","OutputValue":"vpc-new"}]"#, to: "outputs-app-prod-network.json")
        let env = [
            "STACK_NAME": "app-prod-app", "HAS_CHANGES": "true", "PENDING": "false", "CHANGE_SET_ARN": ScriptBehaviourTests.arn,
            "EXPECTED_CHANGE_SET_SHA256": "0", "CHANGE_SET_TYPE": "UPDATE", "EXPECTED_INPUTS_SHA256": try Self.inputsHash(#"{"VpcId":"vpc-old"}"#),
            "OUTPUT_PARAMETER_KEYS": "VpcId", "OUTPUT_PARAMETER_VpcId": "app-prod-network VpcId",
        ]
        let run = sandbox.run(Scripts.executeStackChangeSet, env: env)
        #expect(run.status == 1)
        #expect(run.log.contains("::error::Stack app-prod-app was planned with other values of the outputs it reads (parameters VpcId)"), "\(run.log)")
        #expect(!sandbox.read("calls.log").contains("change-set"))

        // The same values as planned pass the check and reach the change set's own checks.
        var same = env
        same["EXPECTED_INPUTS_SHA256"] = try Self.inputsHash(#"{"VpcId":"vpc-new"}"#)
        try sandbox.write("CREATE_COMPLETE\tAVAILABLE\tapp-prod-app\n", to: "status.txt")
        try sandbox.write(#"{"StackId":"s","Changes":[]}"#, to: "page-1.json")
        let checked = sandbox.run(Scripts.executeStackChangeSet, env: same)
        #expect(checked.status == 1)
        #expect(checked.log.contains("but the reviewed one had 0; refusing to execute it."), "\(checked.log)")
        #expect(!sandbox.read("calls.log").contains("execute-change-set"))
    }

    @Test func theExecuteJobRefusesAStackThatWasNotPlanned() throws {
        let sandbox = try sandbox()
        defer { sandbox.remove() }
        let run = sandbox.run(Scripts.executeStackChangeSet, env: [
            "STACK_NAME": "app-prod-app", "HAS_CHANGES": "true", "PENDING": "true", "CHANGE_SET_ARN": "", "EXPECTED_CHANGE_SET_SHA256": "",
            "CHANGE_SET_TYPE": "", "EXPECTED_INPUTS_SHA256": "", "OUTPUT_PARAMETER_KEYS": "VpcId", "OUTPUT_PARAMETER_VpcId": "app-prod-network VpcId",
        ])
        #expect(run.status == 1)
        #expect(run.log.contains("::error::Stack app-prod-app was not planned: an output it reads did not exist when the plan ran."), "\(run.log)")
        #expect(sandbox.read("calls.log").isEmpty)
    }

    @Test func aStackWithoutChangesIsSkippedOnceItsInputsMatch() throws {
        let sandbox = try sandbox()
        defer { sandbox.remove() }
        try sandbox.write(#"[{"OutputKey":"VpcId","OutputValue":"vpc-1"}]"#, to: "outputs-app-prod-network.json")
        let run = sandbox.run(Scripts.executeStackChangeSet, env: [
            "STACK_NAME": "app-prod-app", "HAS_CHANGES": "false", "PENDING": "false", "CHANGE_SET_ARN": "", "EXPECTED_CHANGE_SET_SHA256": "",
            "CHANGE_SET_TYPE": "", "EXPECTED_INPUTS_SHA256": try Self.inputsHash(#"{"VpcId":"vpc-1"}"#),
            "OUTPUT_PARAMETER_KEYS": "VpcId", "OUTPUT_PARAMETER_VpcId": "app-prod-network VpcId",
        ])
        #expect(run.status == 0, "\(run.log)")
        #expect(sandbox.read("output") == "status=no-changes\n")
        #expect(!sandbox.read("calls.log").contains("change-set"))
    }

    /// Every stack's template lands in the bundle under its stack's name; the list's trailing newline (how the
    /// workflow writes it) is no template.
    @Test func packagingCopiesEachStacksTemplate() throws {
        let sandbox = try sandbox()
        defer { sandbox.remove() }
        try FileManager.default.createDirectory(atPath: sandbox.root + "/infra", withIntermediateDirectories: true)
        try sandbox.write("network", to: "infra/network.yaml")
        try sandbox.write("{}", to: "infra/app.json")
        let run = sandbox.run(Scripts.packageStackTemplates, env: [
            "STACK_TEMPLATES": "infra/network.yaml stacks/network.yaml\ninfra/app.json stacks/app.json\n", "ARTIFACT_PREFIX": "shop",
            "GITHUB_SHA": "abc", "GITHUB_REF": "refs/heads/main", "GITHUB_REPOSITORY": "acme/shop", "GITHUB_RUN_ID": "7",
            "GITHUB_RUN_ATTEMPT": "1", "GITHUB_ACTOR": "octo",
        ])
        #expect(run.status == 0, "\(run.log)")
        #expect(sandbox.read("artifact/bundle/stacks/network.yaml") == "network")
        #expect(sandbox.read("artifact/bundle/stacks/app.json") == "{}")
        let sums = sandbox.read("artifact/bundle/SHA256SUMS")
        #expect(sums.contains("./stacks/network.yaml") && sums.contains("./stacks/app.json") && sums.contains("./metadata.json"), "\(sums)")
    }
}
