/// A lowered workflow whose jobs are not built yet: its frame (everything but the jobs) and, in order, the
/// batches that build them.
///
/// A pipeline of 1,000 environments lowers to 3,000 jobs and 20 MB of YAML. Staged, each batch is built,
/// checked, written and freed in turn (``Generator/stream(_:into:)``), so `generate` holds a few
/// environments' jobs at a time instead of all of them, and their text goes to disk as it is written.
struct StagedWorkflow: Sendable {
    /// A batch: the jobs of one environment, or jobs that belong together. Depends on nothing but what it
    /// captured, so batches can be built on any thread, in any order.
    typealias Batch = @Sendable () -> [Job]

    /// The file name, e.g. `infrastructure.yml`.
    let fileName: String
    /// The workflow with no jobs.
    let frame: Workflow
    /// The batches, in the order their jobs are written.
    let batches: [Batch]

    /// The whole workflow, its batches built on all cores when there are many.
    func materialized() -> GeneratedWorkflow {
        var workflow = frame
        workflow.jobs = Array(ParallelChunks.map(count: batches.count) { range in batches[range].flatMap { $0() } }.joined())
        return GeneratedWorkflow(fileName: fileName, workflow: workflow)
    }
}
