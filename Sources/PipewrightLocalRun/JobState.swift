import Pipewright
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The folders of one job: a fresh workspace and temp folder, and the summary file.
struct JobFolders: Sendable {
    let root: String
    let workspace: String
    let temp: String
    let summaryFile: String
    let eventFile: String

    init(root: String, runID: String, jobID: String) throws(LocalRunError) {
        self.root = root + "/" + runID + "/" + jobID
        workspace = self.root + "/workspace"
        temp = self.root + "/temp"
        summaryFile = temp + "/step-summary.md"
        eventFile = temp + "/event.json"
        do {
            // A job starts on a clean runner, so a rerun with the same run id starts over.
            if FileManager.default.fileExists(atPath: self.root) { try FileManager.default.removeItem(atPath: self.root) }
            try FileManager.default.createDirectory(atPath: workspace, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: temp, withIntermediateDirectories: true)
        } catch {
            throw .io("Cannot prepare \(self.root): \(error)")
        }
        _ = FileManager.default.createFile(atPath: summaryFile, contents: nil)
    }
}

/// What a job accumulates as its steps run.
struct JobState {
    let folders: JobFolders
    var context: ExpressionContext
    var results: [StepRunResult] = []
    var assumedRoles: [AssumedRole] = []
    /// Variables steps wrote to `GITHUB_ENV`, and emulated actions exported.
    var exportedEnvironment: [String: String] = [:]
    /// Folders steps wrote to `GITHUB_PATH`, in order.
    var addedPath: [String] = []
    /// The runner's own variables: the configured base plus GitHub's defaults.
    var runnerEnvironment: [String: String] = [:]

    init(folders: JobFolders, context: ExpressionContext) {
        self.folders = folders
        self.context = context
    }

    /// Adds a finished step to the `steps` context and the job's status.
    mutating func record(_ step: Step, _ result: StepRunResult) {
        results.append(result)
        if let id = step.id {
            var steps = context[.steps]
            if case .object(var members) = steps {
                members[id] = ["outputs": .strings(result.outputs), "outcome": .string(result.outcome.rawValue),
                               "conclusion": .string(result.conclusion.rawValue)]
                steps = .object(members)
            }
            context[.steps] = steps
        }
        if result.conclusion == .failure { context.status = .failure }
    }
}
