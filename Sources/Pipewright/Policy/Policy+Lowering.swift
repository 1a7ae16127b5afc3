/// The policy as the lowering's defaults: what it raises, caps, turns on or fills in before a pipeline is lowered.
///
/// It never invents what only the user can know (a KMS key, an account, a value for a tag with no fixed
/// value); those stay as they are and ``Auditor/audit(pipeline:file:)`` reports them.
extension Policy {
    /// The pipeline with the policy's defaults applied:
    ///
    /// - artifact retention raised to ``minimumRetentionDays``;
    /// - harden-runner turned on with the required egress policy; a block with no endpoints of its own gets
    ///   the policy's allowed endpoints;
    /// - environments in ``reviewedChangeSetEnvironments`` deploy by reviewed change set;
    /// - environments in ``neverDestroyEnvironments`` are marked production, and production destroy is turned
    ///   off (stricter for other production environments too: the model has no per-environment switch);
    /// - each required tag missing from the pipeline is added with its first allowed value;
    /// - job and deploy timeouts capped at ``maxJobTimeoutMinutes``;
    /// - the runner replaced by the first allowed label when it is the DSL default and the policy does not allow it
    ///   (an explicitly chosen runner is left for the audit to report).
    public func apply(to pipeline: Pipeline) -> Pipeline {
        var result = pipeline
        if let minimum = minimumRetentionDays, result.build.retentionDays < minimum {
            result.build.retentionDays = minimum
        }
        if let required = hardenRunner {
            switch result.runtime.hardenRunner {
            case let current? where required.accepts(current.policy):
                if current.policy == .block, current.allowedEndpoints.isEmpty {
                    result.runtime.hardenRunner?.allowedEndpoints = required.allowedEndpoints
                }
            case let current?:
                result.runtime.hardenRunner = HardenRunner(policy: required.egressPolicy, allowedEndpoints: current.allowedEndpoints.isEmpty ? required.allowedEndpoints : current.allowedEndpoints)
            case nil:
                result.runtime.hardenRunner = HardenRunner(policy: required.egressPolicy, allowedEndpoints: required.allowedEndpoints)
            }
        }
        for index in result.environments.indices {
            let environment = result.environments[index]
            let names = [environment.name, environment.githubEnvironment]
            if names.contains(where: requiresReviewedChangeSet), !environment.strategy.isReviewed {
                result.environments[index].strategy = .changeSet(review: true)
            }
            if names.contains(where: forbidsDestroy) {
                result.environments[index].production = true
                if result.destroy?.allowProduction == true { result.destroy?.allowProduction = false }
            }
        }
        let present = Set(result.tags.map(\.key) + Policy.builtInTagKeys)
        for key in requiredTags.keys.sorted() where !present.contains(key) {
            // An environment may carry the tag itself; only a tag no environment sets is filled in for all.
            if !result.environments.isEmpty, result.environments.allSatisfy({ $0.tags.contains { $0.key == key } }) { continue }
            if let value = requiredTags[key]?.first { result.tags.append(Tag(key, value)) }
        }
        if let cap = maxJobTimeoutMinutes {
            result.runtime.jobTimeoutMinutes = min(result.runtime.jobTimeoutMinutes, cap)
            result.runtime.deployTimeoutMinutes = min(result.runtime.deployTimeoutMinutes, cap)
        }
        if let first = allowedRunnerLabels.first, result.runtime.runner == RuntimeSettings().runner,
           !result.runtime.runner.labels.allSatisfy({ allowedRunnerLabels.contains($0.rawValue) }) {
            result.runtime.runner = Runner([RunnerLabel(rawValue: first)])
        }
        return result
    }

    /// The pins the lowering uses: `base` with the policy's overrides.
    public func pinTable(base: PinTable = .verified) -> PinTable {
        actionPins.isEmpty ? base : base.overriding(with: actionPins)
    }

    /// The tags the lowering adds to every stack by itself (see `PipelineLowering.stackTags(for:)`).
    static let builtInTagKeys = ["Environment", "Project", "ManagedBy", "Repository", "CommitSHA"]
}
