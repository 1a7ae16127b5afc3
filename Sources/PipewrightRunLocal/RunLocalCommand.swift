#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Pipewright
import PipewrightCommands
import PipewrightLocalRun

/// `pipewright run-local JOB` (this binary, `pipewright-run-local`): runs a generated job, and the jobs it needs, on this machine against an AWS
/// emulator, so a pipeline can be tried before it is pushed.
struct RunLocal {
    let tool: PipewrightTool
    let arguments: ParsedArguments

    func run() throws(CommandFailure) -> ExitCode {
        guard let endpoint = arguments["--endpoint"], endpoint.hasPrefix("http://") || endpoint.hasPrefix("https://") else {
            throw .invalidInput("--endpoint: run-local needs an emulator URL such as http://127.0.0.1:5000; it never calls real AWS")
        }
        let workspace = tool.workspace(arguments["--directory"])
        let config = try ConfigFile.load(arguments["--config"] ?? ConfigFile.defaultName, policyFile: arguments["--policy"], in: workspace)
        let jobID = arguments.positionals[0]
        let workflows = Generator(policy: config.policy).lower(config.pipeline)
        guard let generated = workflows.first(where: { $0.workflow[job: jobID] != nil }) else {
            let ids = workflows.flatMap { $0.workflow.jobs.map(\.id) }
            let hint = Suggestion.closest(to: jobID, in: ids).map { " — did you mean \"\($0)\"?" } ?? ""
            throw .invalidInput("\"\(jobID)\" is not a job of the generated workflows; expected one of \(ids.joined(separator: ", "))\(hint)")
        }
        let event = arguments["--event"] ?? "push"
        guard ["push", "workflow_dispatch", "pull_request", "schedule"].contains(event) else {
            throw .invalidInput("--event: \"\(event)\" is not one of push, workflow_dispatch, pull_request, schedule")
        }
        let branch = config.pipeline.environments.first?.branch ?? "main"
        let scratch = Self.temporaryFolder() + "pipewright-run-local-" + UUID().uuidString
        var secrets: [String: String] = [:]
        for (key, value) in ProcessInfo.processInfo.environment where key.hasPrefix("PIPEWRIGHT_SECRET_") {
            secrets[String(key.dropFirst("PIPEWRIGHT_SECRET_".count))] = value
        }
        let console = tool.console
        let configuration = LocalRunConfiguration(
            workRoot: scratch + "/work", artifactStore: scratch + "/artifacts", fixtureRepository: workspace.root,
            endpointURL: endpoint,
            github: GitHubRunContext(ref: arguments["--ref"] ?? "refs/heads/" + branch, eventName: event, workflow: generated.fileName),
            vars: try pairs("--vars"), secrets: secrets, inputs: try pairs("--inputs"),
            baseEnvironment: ProcessInfo.processInfo.environment.filter { ["PATH", "HOME", "LANG", "TMPDIR"].contains($0.key) },
            onStepFinished: { job, step in
                let conclusion = step.conclusion.rawValue
                console.err("  [\(job)] \(conclusion + String(repeating: " ", count: max(0, 7 - conclusion.count))) \(step.name)\n")
            }
        )
        let results: [JobRunResult]
        do {
            let jobs = try LocalJobRunner.jobsToRun(for: jobID, in: generated.workflow)
            console.err("running \(jobs.joined(separator: " → ")) from \(generated.fileName) against \(endpoint) (work folder \(scratch))\n")
            results = try LocalJobRunner(configuration: configuration).run(jobs: jobs, in: generated.workflow)
        } catch {
            throw .invalidInput("\(error)")
        }
        for result in results {
            console.out("\(result.jobID): \(result.result.rawValue)\n")
            if result.result == .failure, let failed = result.failedStep {
                console.out("  failed at \"\(failed.name)\":\n" + failed.log.split(separator: "\n").suffix(20).map { "    " + $0 }.joined(separator: "\n") + "\n")
            }
        }
        return results.contains { $0.result == .failure } ? .findings : .ok
    }

    /// `TMPDIR` with a trailing `/`, or `/tmp/` when it is not set.
    static func temporaryFolder() -> String {
        guard let folder = ProcessInfo.processInfo.environment["TMPDIR"] else { return "/tmp/" }
        return folder.hasSuffix("/") ? folder : folder + "/"
    }

    private func pairs(_ option: String) throws(CommandFailure) -> [String: String] {
        guard let text = arguments[option], !text.isEmpty else { return [:] }
        var result: [String: String] = [:]
        for item in text.split(separator: ",") {
            guard let equals = item.firstIndex(of: "=") else {
                throw .invalidInput("\(option): \"\(item)\" is not KEY=VALUE")
            }
            result[String(item[..<equals])] = String(item[item.index(after: equals)...])
        }
        return result
    }
}
