import Pipewright
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Runs the jobs of a ``Workflow`` on this machine, the way a GitHub-hosted runner would: `if:` conditions,
/// the environment of each step, `run:` scripts in bash, the runner's command files, step and job outputs.
/// `uses:` steps are emulated by repository (see ``LocalJobRunner/emulatedActions``).
///
/// ```swift
/// let runner = LocalJobRunner(configuration: LocalRunConfiguration(
///     workRoot: "/tmp/run", artifactStore: "/tmp/run/artifacts", fixtureRepository: "fixtures/repo",
///     endpointURL: "http://127.0.0.1:5000"))
/// let results = try runner.run(jobs: LocalJobRunner.jobsToRun(for: "deploy-dev", in: workflow), in: workflow)
/// ```
public struct LocalJobRunner: Sendable {
    /// The run's settings.
    public var configuration: LocalRunConfiguration

    /// Creates a runner.
    public init(configuration: LocalRunConfiguration) { self.configuration = configuration }

    /// The job and every job it needs, directly or not, in an order that runs each after its needs.
    public static func jobsToRun(for jobID: String, in workflow: Workflow) throws(LocalRunError) -> [String] {
        var order: [String] = []
        var visiting: Set<String> = []
        func visit(_ id: String) throws(LocalRunError) {
            if order.contains(id) { return }
            guard let job = workflow[job: id] else { throw .unknownJob(id, known: workflow.jobs.map(\.id)) }
            guard visiting.insert(id).inserted else { throw .cycle(id) }
            for need in job.needs { try visit(need) }
            order.append(id)
        }
        try visit(jobID)
        return order
    }

    /// Runs jobs in the given order, each seeing the results of those before it as `needs`.
    public func run(jobs ids: [String], in workflow: Workflow) throws(LocalRunError) -> [JobRunResult] {
        var results: [String: JobRunResult] = [:]
        var ordered: [JobRunResult] = []
        for id in ids {
            guard let job = workflow[job: id] else { throw .unknownJob(id, known: workflow.jobs.map(\.id)) }
            let result = try run(job, in: workflow, needs: results)
            results[id] = result
            ordered.append(result)
        }
        return ordered
    }

    /// Runs one job. `needs` holds the results of the jobs it depends on; a need that is missing counts as skipped.
    public func run(_ job: Job, in workflow: Workflow, needs: [String: JobRunResult] = [:]) throws(LocalRunError) -> JobRunResult {
        let folders = try JobFolders(root: configuration.workRoot, runID: configuration.github.runID, jobID: job.id)
        var context = baseContext(job: job, needs: needs, folders: folders)
        context.status = Self.status(ofNeeds: job.needs, results: needs)

        let runs: Bool
        do { runs = try ExpressionEvaluator(context: context).evaluateCondition(job.condition) } catch {
            throw .expression(job: job.id, step: nil, error)
        }
        guard runs else {
            return JobRunResult(jobID: job.id, result: .skipped, outputs: [:], steps: job.steps.map(Self.skipped), assumedRoles: [], summary: "", workspace: folders.workspace)
        }

        var state = JobState(folders: folders, context: context)
        state.context.status = .success
        state.runnerEnvironment = runnerEnvironment(job: job, workflow: workflow, folders: folders)
        let event = context[.github][member: "event"]
        _ = FileManager.default.createFile(atPath: folders.eventFile, contents: Data(event.json.utf8))
        for (index, step) in job.steps.enumerated() {
            let result = runStep(step, index: index, job: job, workflow: workflow, state: &state)
            state.record(step, result)
            configuration.onStepFinished?(job.id, result)
        }

        let evaluator = ExpressionEvaluator(context: state.context)
        var outputs: [String: String] = [:]
        for (name, text) in job.outputs {
            outputs[name] = (try? evaluator.evaluate(text)) ?? ""
        }
        let summary = (try? String(contentsOfFile: folders.summaryFile, encoding: .utf8)) ?? ""
        return JobRunResult(
            jobID: job.id, result: state.context.status == .success ? .success : .failure, outputs: outputs,
            steps: state.results, assumedRoles: state.assumedRoles, summary: summary, workspace: folders.workspace
        )
    }

    // MARK: - Steps

    private func runStep(_ step: Step, index: Int, job: Job, workflow: Workflow, state: inout JobState) -> StepRunResult {
        var context = state.context
        context[.job] = ["status": .string(state.context.status.rawValue)]
        let evaluator = ExpressionEvaluator(context: context)
        let name = (try? step.name.map(evaluator.evaluate)) ?? nil
        let displayName = name ?? step.script.map { _ in "Run step \(index + 1)" } ?? step.usedAction?.path ?? "step \(index + 1)"
        do {
            guard try evaluator.evaluateCondition(step.condition) else { return Self.skipped(step, name: displayName) }
        } catch {
            return StepRunResult(id: step.id, name: displayName, outcome: .failure, conclusion: .failure, outputs: [:], exitCode: nil,
                                 log: "The step's if: could not be evaluated: \(error)")
        }

        // The env context a step's own env: sees is the workflow's and the job's, plus what GITHUB_ENV set.
        var environment: [String: String]
        do {
            let layers = try stepEnvironment(step, job: job, workflow: workflow, state: state)
            environment = layers.process
            context[.env] = .strings(layers.declared)
        } catch {
            return StepRunResult(id: step.id, name: displayName, outcome: .failure, conclusion: .failure, outputs: [:], exitCode: nil,
                                 log: "The step's env: could not be evaluated: \(error)")
        }

        let outcome: (StepOutcome, [String: String], Int32?, String)
        switch step.action {
        case .run(let script, let shell, let workingDirectory):
            outcome = runScript(script, shell: shell ?? job.defaults?.shell ?? workflow.defaults?.shell,
                                workingDirectory: workingDirectory ?? job.defaults?.workingDirectory ?? workflow.defaults?.workingDirectory,
                                index: index, environment: &environment, evaluator: ExpressionEvaluator(context: context), state: &state)
        case .uses(let reference, let inputs):
            var evaluated: [String: String] = [:]
            do {
                for (key, value) in inputs { evaluated[key] = try ExpressionEvaluator(context: context).evaluate(value) }
            } catch {
                return StepRunResult(id: step.id, name: displayName, outcome: .failure, conclusion: .failure, outputs: [:], exitCode: nil,
                                     log: "The step's with: could not be evaluated: \(error)")
            }
            let emulated = emulate(reference, inputs: evaluated, state: &state)
            outcome = (emulated.success ? .success : .failure, [:], nil, emulated.log)
        }
        let conclusion: StepOutcome = outcome.0 == .failure && step.continueOnError == true ? .success : outcome.0
        return StepRunResult(id: step.id, name: displayName, outcome: outcome.0, conclusion: conclusion, outputs: outcome.1,
                             exitCode: outcome.2, log: outcome.3)
    }

    /// The step's process environment, and the `env` context: the workflow's, job's and step's `env:` plus
    /// what earlier steps wrote to `GITHUB_ENV`.
    private func stepEnvironment(_ step: Step, job: Job, workflow: Workflow, state: JobState) throws(ExpressionError)
        -> (process: [String: String], declared: [String: String])
    {
        var environment = state.runnerEnvironment
        var envContext: [String: String] = [:]
        for layer in [workflow.env, job.env] {
            var evaluator = ExpressionEvaluator(context: state.context)
            evaluator.context[.env] = .strings(envContext)
            for (key, value) in layer { envContext[key] = try evaluator.evaluate(value) }
        }
        for (key, value) in state.exportedEnvironment { envContext[key] = value }
        var evaluator = ExpressionEvaluator(context: state.context)
        evaluator.context[.env] = .strings(envContext)
        evaluator.context[.job] = ["status": .string(state.context.status.rawValue)]
        var stepLayer: [String: String] = [:]
        for (key, value) in step.env { stepLayer[key] = try evaluator.evaluate(value) }
        envContext.merge(stepLayer) { _, new in new }
        environment.merge(envContext) { _, new in new }
        return (environment, envContext)
    }

    private func runScript(
        _ script: WorkflowText, shell: String?, workingDirectory: String?, index: Int, environment: inout [String: String],
        evaluator: ExpressionEvaluator, state: inout JobState
    ) -> (StepOutcome, [String: String], Int32?, String) {
        let folders = state.folders
        let text: String
        do { text = try evaluator.evaluate(script) } catch { return (.failure, [:], nil, "The script could not be evaluated: \(error)") }
        let scriptFile = folders.temp + "/step-\(index + 1).sh"
        let outputFile = folders.temp + "/output-\(index + 1)"
        let envFile = folders.temp + "/env-\(index + 1)"
        let pathFile = folders.temp + "/path-\(index + 1)"
        for file in [outputFile, envFile, pathFile] { _ = FileManager.default.createFile(atPath: file, contents: nil) }
        guard FileManager.default.createFile(atPath: scriptFile, contents: Data(text.utf8)) else {
            return (.failure, [:], nil, "Could not write \(scriptFile)")
        }
        environment["GITHUB_OUTPUT"] = outputFile
        environment["GITHUB_ENV"] = envFile
        environment["GITHUB_PATH"] = pathFile
        if !state.addedPath.isEmpty {
            environment["PATH"] = (state.addedPath.reversed() + [environment["PATH"] ?? ""]).joined(separator: ":")
        }
        let directory = workingDirectory.map { $0.hasPrefix("/") ? $0 : folders.workspace + "/" + $0 } ?? folders.workspace
        let arguments = Self.shellCommand(shell ?? "bash", scriptFile: scriptFile)
        let execution = ScriptProcess.run(arguments, environment: environment, directory: directory,
                                          logFile: folders.temp + "/log-\(index + 1)", timeout: configuration.stepTimeout)

        let outputs = Dictionary(CommandFiles.parseAssignments((try? String(contentsOfFile: outputFile, encoding: .utf8)) ?? ""),
                                 uniquingKeysWith: { _, later in later })
        for (name, value) in CommandFiles.parseAssignments((try? String(contentsOfFile: envFile, encoding: .utf8)) ?? "") {
            state.exportedEnvironment[name] = value
        }
        state.addedPath += CommandFiles.parsePath((try? String(contentsOfFile: pathFile, encoding: .utf8)) ?? "")
        return (execution.status == 0 ? .success : .failure, outputs, execution.status, execution.log)
    }

    /// The command GitHub runs for a shell name: `bash` and `sh` get GitHub's flags; anything else is a
    /// template whose `{0}` is the script file.
    static func shellCommand(_ shell: String, scriptFile: String) -> [String] {
        switch shell {
        case "bash": ["bash", "--noprofile", "--norc", "-eo", "pipefail", scriptFile]
        case "sh": ["sh", "-e", scriptFile]
        default:
            shell.split(separator: " ").map { $0 == "{0}" ? scriptFile : String($0) } + (shell.contains("{0}") ? [] : [scriptFile])
        }
    }

    // MARK: - Contexts

    private func baseContext(job: Job, needs: [String: JobRunResult], folders: JobFolders) -> ExpressionContext {
        let github = configuration.github
        var event = github.event
        if !configuration.inputs.isEmpty, event["inputs"] == nil { event["inputs"] = .strings(configuration.inputs) }
        var needsValue: [String: ExpressionValue] = [:]
        for id in job.needs { needsValue[id] = needs[id]?.needsValue ?? ["result": "skipped", "outputs": [:]] }
        return ExpressionContext(contexts: [
            .github: .object([
                "repository": .string(github.repository), "repository_owner": .string(String(github.repository.split(separator: "/").first ?? "")),
                "sha": .string(github.sha), "ref": .string(github.ref), "ref_name": .string(github.refName),
                "event_name": .string(github.eventName), "run_id": .string(github.runID), "run_attempt": .string(github.runAttempt),
                "actor": .string(github.actor), "server_url": .string(github.serverURL), "workflow": .string(github.workflow),
                "job": .string(job.id), "workspace": .string(folders.workspace), "event": .object(event),
            ]),
            .vars: .strings(configuration.vars),
            .secrets: .strings(configuration.secrets),
            .inputs: .strings(configuration.inputs),
            .needs: .object(needsValue),
            .steps: .object([:]),
            .env: .object([:]),
            .matrix: .object([:]),
            .strategy: .object([:]),
            .runner: ["os": "Linux", "arch": "X64", "name": "pipewright-local", "temp": .string(folders.temp),
                      "tool_cache": .string(folders.temp + "/tool-cache")],
        ], workspace: folders.workspace)
    }

    /// The status a job-level `if:` sees: success when every need succeeded, failure when one failed.
    static func status(ofNeeds ids: [String], results: [String: JobRunResult]) -> ExecutionStatus {
        let outcomes = ids.map { results[$0]?.result ?? .skipped }
        if outcomes.contains(.failure) { return .failure }
        if outcomes.contains(.skipped) { return .skipped }
        return .success
    }

    static func skipped(_ step: Step) -> StepRunResult {
        skipped(step, name: step.name?.literalValue ?? step.usedAction?.path ?? "step")
    }

    static func skipped(_ step: Step, name: String) -> StepRunResult {
        StepRunResult(id: step.id, name: name, outcome: .skipped, conclusion: .skipped, outputs: [:], exitCode: nil, log: "")
    }
}

/// Why a local run could not start or go on.
public enum LocalRunError: Error, Sendable, CustomStringConvertible {
    /// No job has this id.
    case unknownJob(String, known: [String])
    /// The jobs' `needs` form a cycle through this job.
    case cycle(String)
    /// A job's `if:` could not be evaluated.
    case expression(job: String, step: Int?, ExpressionError)
    /// A folder could not be made.
    case io(String)

    public var description: String {
        switch self {
        case .unknownJob(let id, let known): "No job '\(id)' in the workflow; jobs: \(known.joined(separator: ", "))"
        case .cycle(let id): "The needs of job '\(id)' form a cycle"
        case .expression(let job, _, let error): "Job '\(job)': \(error)"
        case .io(let message): message
        }
    }
}
