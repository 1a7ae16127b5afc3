/// A lowered workflow whose jobs are not built yet: its frame (everything but the jobs) and, in order, the
/// batches that build them.
///
/// A pipeline of 1,000 environments lowers to 3,000 jobs and 20 MB of YAML. Staged, each batch is built,
/// checked, written and freed in turn (``Generator/stream(_:into:)``), so `generate` holds a few
/// environments' jobs at a time instead of all of them, and their text goes to disk as it is written.
struct StagedWorkflow: Sendable {
    /// The file name, e.g. `infrastructure.yml`.
    let fileName: String
    /// The workflow with no jobs.
    let frame: Workflow
    /// How many batches there are.
    let batchCount: Int
    /// Builds the jobs of a batch, by its place in the order their jobs are written: the jobs of one
    /// environment, or jobs that belong together. A batch depends on nothing but its index and what the
    /// function captured, so batches can be built on any thread, in any order.
    ///
    /// One function for all batches rather than one closure each: a closure's context held its own copy of
    /// the lowering, 850 bytes a batch, 2.5 MB for a thousand environments.
    let batch: @Sendable (Int) -> [Job]

    /// The whole workflow, its batches built on all cores when there are many.
    func materialized() -> GeneratedWorkflow {
        var workflow = frame
        workflow.jobs = Array(ParallelChunks.map(count: batchCount) { range in range.flatMap(batch) }.joined())
        return GeneratedWorkflow(fileName: fileName, workflow: workflow)
    }
}
