import Foundation
import Testing
@testable import Pipewright
import PipewrightBlueprints

/// The generated scripts run in bash against a fake `aws` that answers from files and logs every call.
@Suite struct ScriptBehaviourTests {
    static let arn = "arn:aws:cloudformation:us-east-1:123456789012:changeSet/pw-7-1/0f3c2a9e-1b2c-4d5e-8f90-a1b2c3d4e5f6"

    /// A folder with `bin/aws`: `describe-change-set` answers `[Status,ExecutionStatus,StackName]` queries from
    /// `status.txt`, and pages from `page-1.json`, `page-<token>.json`; every call is appended to `calls.log`.
    struct Sandbox {
        let root: String

        init() throws {
            root = NSTemporaryDirectory() + "pipewright-scripts-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: root + "/bin", withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: root + "/tmp", withIntermediateDirectories: true)
            let fake = #"""
                #!/usr/bin/env bash
                set -euo pipefail
                here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
                printf '%s\n' "$*" >> "$here/calls.log"
                case "$1 $2" in
                  "cloudformation describe-change-set")
                    case " $* " in
                      *" --query "*) cat "$here/status.txt" ;;
                      *" --next-token "*)
                        token=""; previous=""
                        for argument in "$@"; do [ "$previous" = --next-token ] && token="$argument"; previous="$argument"; done
                        cat "$here/page-${token}.json" ;;
                      *) cat "$here/page-1.json" ;;
                    esac ;;
                  "cloudformation execute-change-set"|"cloudformation wait") ;;
                  *) echo "fake aws: unexpected call $*" >&2; exit 2 ;;
                esac

                """#
            try write(fake, to: "bin/aws")
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: root + "/bin/aws")
            try write("", to: "calls.log")
            try write("", to: "output")
        }

        func write(_ text: String, to path: String) throws {
            try text.write(toFile: root + "/" + path, atomically: true, encoding: .utf8)
        }

        func read(_ path: String) -> String {
            (try? String(contentsOfFile: root + "/" + path, encoding: .utf8)) ?? ""
        }

        /// What a script did: its exit status, and its output and errors interleaved.
        struct Execution {
            let status: Int32
            let log: String
        }

        /// Runs a script in bash with the fake `aws` first on PATH and the runner's files in the sandbox.
        func run(_ script: String, env: [String: String] = [:]) -> Execution {
            var environment = [
                "PATH": root + "/bin:/usr/local/bin:/usr/bin:/bin",
                "RUNNER_TEMP": root + "/tmp",
                "GITHUB_OUTPUT": root + "/output",
            ]
            environment.merge(env) { $1 }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["bash", "--noprofile", "--norc", "-c", script]
            process.environment = environment
            process.currentDirectoryURL = URL(fileURLWithPath: root)
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            process.standardInput = FileHandle.nullDevice
            do {
                try process.run()
            } catch {
                return Execution(status: 127, log: "cannot start bash: \(error)")
            }
            let log = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return Execution(status: process.terminationStatus, log: log)
        }

        func remove() { try? FileManager.default.removeItem(atPath: root) }
    }

    static func page(_ logicalID: String, next: String?) -> String {
        let token = next.map { #","NextToken":"\#($0)""# } ?? ""
        return #"{"StackId":"arn:aws:cloudformation:us-east-1:123456789012:stack/app-prod/1","StackName":"app-prod","Status":"CREATE_COMPLETE","Capabilities":["CAPABILITY_IAM"],"Parameters":[{"ParameterKey":"Size","ParameterValue":"1"}],"Changes":[{"Type":"Resource","ResourceChange":{"Action":"Add","LogicalResourceId":"\#(logicalID)","ResourceType":"AWS::SNS::Topic"}}]\#(token)}"#
    }

    /// The content hash the plan job would publish, computed by the plan's own function.
    func planHash(in sandbox: Sandbox) throws -> String {
        let run = sandbox.run(Scripts.strictMode + Scripts.describeChangeSet + #"describe_change_set "$ARN" out.json; sha256sum out.json | cut -d ' ' -f 1"#, env: ["ARN": Self.arn])
        #expect(run.status == 0, "\(run.log)")
        return run.log.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The destroy job's confirmation, checked before any role: a mistyped one fails without calling AWS.
    @Test func aDestroyRunsOnlyWhenTheConfirmationIsTheStackName() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let env = ["EXPECTED_CONFIRMATION": "app-dev-main", "DESTROYS": "the stack app-dev-main"]
        let wrong = sandbox.run(Scripts.checkDestroyConfirmation, env: env.merging(["CONFIRMATION": "app-dev"]) { $1 })
        #expect(wrong.status == 1)
        #expect(wrong.log == "::error::Confirmation does not match: type 'app-dev-main' exactly to destroy the stack app-dev-main.\n")
        #expect(sandbox.run(Scripts.checkDestroyConfirmation, env: env).status == 1, "an empty confirmation must not match")
        let right = sandbox.run(Scripts.checkDestroyConfirmation, env: env.merging(["CONFIRMATION": "app-dev-main"]) { $1 })
        #expect(right.status == 0)
        #expect(right.log == "Confirmed: destroying the stack app-dev-main.\n")
    }

    @Test func theContentHashCoversEveryPageOfChanges() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.write(Self.page("First", next: "2"), to: "page-1.json")
        try sandbox.write(Self.page("Second", next: nil), to: "page-2.json")
        let run = sandbox.run(Scripts.strictMode + Scripts.describeChangeSet + #"describe_change_set "$ARN" out.json"#, env: ["ARN": Self.arn])
        #expect(run.status == 0, "\(run.log)")
        let canonical = sandbox.read("out.json")
        #expect(canonical.contains("\"First\"") && canonical.contains("\"Second\""), "\(canonical)")
        #expect(!canonical.contains("NextToken") && !canonical.contains("CREATE_COMPLETE"), "\(canonical)")
        #expect(sandbox.read("calls.log").contains("--no-paginate --next-token 2"))
    }

    @Test func theExecuteJobRunsTheReviewedChangeSetByARN() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.write(Self.page("First", next: "2"), to: "page-1.json")
        try sandbox.write(Self.page("Second", next: nil), to: "page-2.json")
        try sandbox.write("CREATE_COMPLETE\tAVAILABLE\tapp-prod\n", to: "status.txt")
        let hash = try planHash(in: sandbox)
        let run = sandbox.run(Scripts.executeChangeSet, env: [
            "STACK_NAME": "app-prod", "CHANGE_SET_ARN": Self.arn, "EXPECTED_CHANGE_SET_SHA256": hash, "CHANGE_SET_TYPE": "UPDATE",
        ])
        #expect(run.status == 0, "\(run.log)")
        #expect(sandbox.read("calls.log").contains("cloudformation execute-change-set --change-set-name \(Self.arn)\n"))
        #expect(sandbox.read("output") == "status=deployed\n")
    }

    @Test func theExecuteJobRefusesAChangeSetWhoseContentChanged() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.write(Self.page("First", next: "2"), to: "page-1.json")
        try sandbox.write(Self.page("Second", next: nil), to: "page-2.json")
        try sandbox.write("CREATE_COMPLETE\tAVAILABLE\tapp-prod\n", to: "status.txt")
        let hash = try planHash(in: sandbox)
        // Same name, same first page: only the second page differs.
        try sandbox.write(Self.page("Replaced", next: nil), to: "page-2.json")
        let run = sandbox.run(Scripts.executeChangeSet, env: [
            "STACK_NAME": "app-prod", "CHANGE_SET_ARN": Self.arn, "EXPECTED_CHANGE_SET_SHA256": hash, "CHANGE_SET_TYPE": "UPDATE",
        ])
        #expect(run.status == 1)
        #expect(run.log.contains("::error::Change set \(Self.arn) has content sha256 "), "\(run.log)")
        #expect(run.log.contains("but the reviewed one had \(hash); refusing to execute it."), "\(run.log)")
        #expect(!sandbox.read("calls.log").contains("execute-change-set"))
    }

    @Test func theExecuteJobRefusesAMissingARNAndAnotherStacksChangeSet() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.write(Self.page("First", next: nil), to: "page-1.json")
        try sandbox.write("CREATE_COMPLETE\tAVAILABLE\tother-stack\n", to: "status.txt")
        let hash = try planHash(in: sandbox)
        let missing = sandbox.run(Scripts.executeChangeSet, env: [
            "STACK_NAME": "app-prod", "CHANGE_SET_ARN": "", "EXPECTED_CHANGE_SET_SHA256": hash, "CHANGE_SET_TYPE": "UPDATE",
        ])
        #expect(missing.status == 1)
        #expect(missing.log.contains("::error::'' is not the ARN of a change set this pipeline created."), "\(missing.log)")
        let other = sandbox.run(Scripts.executeChangeSet, env: [
            "STACK_NAME": "app-prod", "CHANGE_SET_ARN": Self.arn, "EXPECTED_CHANGE_SET_SHA256": hash, "CHANGE_SET_TYPE": "UPDATE",
        ])
        #expect(other.status == 1)
        #expect(other.log.contains("belongs to stack other-stack, not app-prod."), "\(other.log)")
        #expect(!sandbox.read("calls.log").contains("execute-change-set"))
    }

    @Test func theCDKExecuteJobVerifiesEveryChangeSetBeforeExecutingAny() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.write(Self.page("First", next: nil), to: "page-1.json")
        try sandbox.write("CREATE_COMPLETE\tAVAILABLE\tapp-prod\n", to: "status.txt")
        let hash = try planHash(in: sandbox)
        let second = Self.arn.replacingOccurrences(of: "0f3c2a9e", with: "99999999")
        let changeSets = #"[{"arn":"\#(Self.arn)","sha256":"\#(hash)"},{"arn":"\#(second)","sha256":"\#(String(repeating: "0", count: 64))"}]"#
        let run = sandbox.run(Scripts.cdkExecute, env: ["CHANGE_SETS": changeSets])
        #expect(run.status == 1)
        #expect(run.log.contains("::error::Change set \(second) has content sha256 \(hash)"), "\(run.log)")
        #expect(!sandbox.read("calls.log").contains("execute-change-set"))
    }

    /// The image is pushed under this run's own tag and published by the digest that push reported, even
    /// when an image of the same commit already exists (the fake `aws` answers any tag lookup with another).
    @Test func theImageBuildPushesARunTagAndPublishesItsOwnDigest() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let pushed = "sha256:" + String(repeating: "ab", count: 32)
        try sandbox.write(#"""
            #!/usr/bin/env bash
            here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
            printf '%s\n' "$*" >> "$here/calls.log"
            case "$1 $2" in
              "sts get-caller-identity") echo 123456789012 ;;
              "ecr get-login-password") echo password ;;
              "ecr describe-images") echo "sha256:\#(String(repeating: "cd", count: 32))" ;;
              "ecr describe-image-scan-findings") echo None ;;
            esac

            """#, to: "bin/aws")
        try sandbox.write(#"""
            #!/usr/bin/env bash
            here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
            printf 'docker %s\n' "$*" >> "$here/calls.log"
            # docker login reads the password from stdin; not reading it would end the writer with SIGPIPE.
            if [ "$1" = login ]; then cat > /dev/null; fi
            if [ "$1" = push ]; then
              echo "The push refers to repository [${2%:*}]"
              echo "${2##*:}: digest: \#(pushed) size: 1570"
            fi

            """#, to: "bin/docker")
        for tool in ["aws", "docker"] {
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: sandbox.root + "/bin/" + tool)
        }
        let run = sandbox.run(Scripts.buildAndScanImage, env: [
            "AWS_REGION": "us-east-1", "REPOSITORY": "shop", "DOCKERFILE": "Dockerfile", "BUILD_CONTEXT": ".",
            "GITHUB_SHA": "0123abc", "GITHUB_RUN_ID": "42", "GITHUB_RUN_ATTEMPT": "2",
        ])
        #expect(run.status == 0, "\(run.log)")
        let calls = sandbox.read("calls.log")
        #expect(calls.contains("docker push 123456789012.dkr.ecr.us-east-1.amazonaws.com/shop:run-42-2\n"), "\(calls)")
        #expect(!calls.contains("describe-images") && !calls.contains("sha-0123abc"), "\(calls)")
        #expect(calls.contains("ecr wait image-scan-complete --repository-name shop --image-id imageDigest=\(pushed)"), "\(calls)")
        #expect(sandbox.read("output") == "image-uri=123456789012.dkr.ecr.us-east-1.amazonaws.com/shop@\(pushed)\n")
    }

    /// A value with a quote, a backslash, a newline and shell syntax reaches CloudFormation unchanged, as one
    /// parameter: the document is built with `jq --arg`, never by pasting text.
    @Test func parametersAreBuiltWithJQWhateverTheValue() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let hostile = "a\"b\\c\nd $(touch pwned) `touch pwned` ${HOME}\"},{\"ParameterKey\":\"Injected"
        let run = sandbox.run(Scripts.strictMode + Scripts.assembleParameters + #"printf '%s' "$parameters""#, env: [
            "PARAMETER_KEYS": "Size Note", "PARAMETER_Size": "1", "PARAMETER_Note": hostile,
            "SECRET_PARAMETER_KEYS": "Token", "SECRET_PARAMETER_Token": hostile,
        ])
        #expect(run.status == 0, "\(run.log)")
        let parsed = try JSONSerialization.jsonObject(with: Data(run.log.utf8)) as? [[String: String]]
        #expect(parsed == [
            ["ParameterKey": "Size", "ParameterValue": "1"],
            ["ParameterKey": "Note", "ParameterValue": hostile],
            ["ParameterKey": "Token", "ParameterValue": hostile],
        ], "\(run.log)")
        #expect(!FileManager.default.fileExists(atPath: sandbox.root + "/pwned"))
    }

    /// Each parameter reaches the script as its own variable; no expression is pasted into a JSON text.
    @Test func everyParameterValueIsItsOwnStepVariable() throws {
        var pipeline = Blueprint.containerService.pipeline()
        pipeline.environments[0].parameters = [.value("Size", "1"), .variable("Note", "NOTE"), .secret("Token", "TOKEN")]
        let workflow = Generator().lower(pipeline)[0].workflow
        let step = try #require(workflow[job: "deploy-dev"]?.steps.first { $0.id == "deploy" })
        #expect(step.env["PARAMETER_KEYS"] == .text("Size Note ImageUri"))
        #expect(step.env["PARAMETER_Size"] == .text("1"))
        #expect(step.env["PARAMETER_Note"] == .expression(.vars("NOTE")))
        #expect(step.env["PARAMETER_ImageUri"] == .expression(.needs("build", output: "image-uri")))
        #expect(step.env["SECRET_PARAMETER_KEYS"] == .text("Token"))
        #expect(step.env["SECRET_PARAMETER_Token"] == .expression(.secrets("TOKEN")))
        #expect(step.env["STACK_PARAMETERS"] == nil)
    }
}
