import Pipewright
/// What became of a step.
public enum StepOutcome: String, Sendable, Hashable {
    case success, failure, skipped
}

/// What became of a job.
public enum JobResult: String, Sendable, Hashable {
    case success, failure, skipped
}

/// One step as it ran (or did not).
public struct StepRunResult: Sendable, Hashable {
    /// The step's `id`, if it has one.
    public let id: String?
    /// The step's name, evaluated.
    public let name: String
    /// The result before `continue-on-error`.
    public let outcome: StepOutcome
    /// The result after `continue-on-error`.
    public let conclusion: StepOutcome
    /// What the step wrote to `GITHUB_OUTPUT`.
    public let outputs: [String: String]
    /// The script's exit status; `nil` for skipped and emulated steps.
    public let exitCode: Int32?
    /// Standard output and error, interleaved; for an emulated action, what the emulation did.
    public let log: String
}

/// A role that configure-aws-credentials was asked to assume.
public struct AssumedRole: Sendable, Hashable {
    /// `role-to-assume`, evaluated.
    public let role: String
    /// `role-session-name`, evaluated.
    public let sessionName: String
    /// `aws-region`, evaluated.
    public let region: String
    /// Whether the step chained from the credentials of an earlier one.
    public let chained: Bool
}

/// One job as it ran.
public struct JobRunResult: Sendable, Hashable {
    /// The job's id.
    public let jobID: String
    /// The job's result, as `needs.<id>.result` reports it.
    public let result: JobResult
    /// The job's outputs, evaluated after its last step.
    public let outputs: [String: String]
    /// Every step, in order, skipped ones included.
    public let steps: [StepRunResult]
    /// The roles configure-aws-credentials was asked for, in order.
    public let assumedRoles: [AssumedRole]
    /// What the steps wrote to `GITHUB_STEP_SUMMARY`.
    public let summary: String
    /// The job's workspace folder, left in place for inspection.
    public let workspace: String

    /// The first step that failed, if any.
    public var failedStep: StepRunResult? { steps.first { $0.outcome == .failure } }

    /// The step with an id, if any.
    public func step(_ id: String) -> StepRunResult? { steps.first { $0.id == id } }

    /// The value `needs.<id>` has for jobs that depend on this one.
    public var needsValue: ExpressionValue {
        ["result": .string(result.rawValue), "outputs": .strings(outputs)]
    }
}
