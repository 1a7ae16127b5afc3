import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension YAMLWriter {
    /// What writing a staged workflow's jobs learnt about them, for the checks that span jobs.
    struct StreamedJobs: Sendable {
        /// Every job's id, in order.
        var ids: [String] = []
        /// Every job's `needs`, in the same order.
        var needs: [[String]] = []
        /// Whether a job failed a check of its own (``Workflow/localJobErrors(of:at:scripts:into:)``).
        var hasJobErrors = false

        mutating func append(_ other: StreamedJobs) {
            ids += other.ids
            needs += other.needs
            hasJobErrors = hasJobErrors || other.hasJobErrors
        }
    }

    /// Batches built and written together, as one task.
    static let batchesPerChunk = 16
    /// Chunks being built at once, while the earliest is handed on: two per core, so no core waits while
    /// one is handed on, and no more, since each holds some 16 environments' jobs and text in memory
    /// (on two cores, eight in flight held about 1 MB more than four and saved no time).
    static let chunksInFlight = 2 * max(sysconf(Int32(_SC_NPROCESSORS_ONLN)), 2)

    /// Writes a staged workflow, handing its text to `deliver` piece by piece, in order. The pieces joined
    /// are byte for byte what ``writeWorkflow(_:)`` writes for `staged.materialized()`.
    ///
    /// Each batch of jobs is built, checked on its own, written and freed before much else is built, so a
    /// pipeline of any size needs memory for a few chunks of jobs only. Many batches are written in chunks
    /// on all cores, a few ahead of the one whose text is being delivered (written to disk); there is no
    /// barrier between them, so a core is never left waiting while work remains.
    static func stream(_ staged: StagedWorkflow, deliver: (UnsafeRawBufferPointer) throws -> Void) rethrows -> StreamedJobs {
        let indent = 2
        let rest = 1..<max(staged.batchCount, 1)
        // Keys after `jobs` are laid out by the whole-tree path (below); lowering makes none.
        let ranges = rest.count < ParallelChunks.minimumCount || !staged.frame.extra.isEmpty
            ? [] : stride(from: rest.startIndex, to: rest.endIndex, by: batchesPerChunk).map { $0..<min($0 + batchesPerChunk, rest.endIndex) }
        let window = min(ranges.count, chunksInFlight)
        // The first chunks start before anything is written, so every core has work while the frame and the
        // first batch are built and written here.
        var inFlight = ranges.prefix(window).map { PendingChunk.start(staged, batches: $0, after: Chunk(frame: staged.frame, indent: indent)) }

        let first = staged.batchCount > 0 ? staged.batch(0) : []
        // No jobs at all (`jobs: {}`), or keys after `jobs`, are laid out by the whole-tree path; lowering
        // makes neither.
        guard !first.isEmpty, staged.frame.extra.isEmpty else {
            for pending in inFlight { _ = pending.wait() }
            let workflow = staged.materialized().workflow
            for part in YAMLEmitter.emitUTF8(workflow) { try part.withUnsafeBytes { try deliver($0) } }
            var checked = Chunk(frame: staged.frame, indent: indent)
            for job in workflow.jobs { checked.check(job) }
            return checked.jobs
        }

        var writer = YAMLWriter(capacity: 16 * 1024)
        writer.leavesOutJobs = true
        writer.writeDocument(YAMLDocument(root: staged.frame.rootNode(jobs: .mapping([YAMLEntry("", .null)]))))
        // `jobs` is the root's last key when there is no `extra`, so the frame's text ends where the jobs go.
        try writer.withBytes(deliver)
        var head = Chunk(frame: staged.frame, indent: indent)
        head.add(first)
        try head.writer.withBytes(deliver)
        var jobs = head.jobs

        if ranges.isEmpty {
            var chunk = Chunk(after: head)
            for index in rest { chunk.add(staged.batch(index)) }
            try chunk.writer.withBytes(deliver)
            jobs.append(chunk.jobs)
        } else {
            // Chunk `index` goes on from what chunk `index - window` remembered (layouts, checked scripts),
            // taking its place once that one is handed on: no two chunks running at once share them.
            for index in ranges.indices {
                let chunk = inFlight[index % window].wait()
                if index + window < ranges.count {
                    inFlight[index % window] = PendingChunk.start(staged, batches: ranges[index + window], after: chunk)
                }
                try chunk.writer.withBytes(deliver)
                jobs.append(chunk.jobs)
            }
        }
        return jobs
    }

    /// Jobs written one after another by a writer of their own, with what was learnt about them.
    private struct Chunk: Sendable {
        let frame: Workflow
        let indent: Int
        var writer: YAMLWriter
        var jobs = StreamedJobs()
        /// Scripts already checked.
        var scripts = CheckedScripts()

        init(frame: Workflow, indent: Int) {
            self.frame = frame
            self.indent = indent
            writer = YAMLWriter(capacity: 0)
        }

        /// A chunk that goes on from what `previous` remembered, with nothing written yet.
        init(after previous: Chunk) {
            self.init(frame: previous.frame, indent: previous.indent)
            writer.repeats = previous.writer.repeats
            scripts = previous.scripts
        }

        /// Checks and writes the jobs of one batch.
        mutating func add(_ batch: [Job]) {
            for job in batch {
                check(job)
                writer.writeJob(job, indent: indent)
            }
        }

        /// Checks a job on its own, and notes its id and `needs` for the checks across jobs.
        mutating func check(_ job: Job) {
            jobs.ids.append(job.id)
            jobs.needs.append(job.needs)
            guard !jobs.hasJobErrors else { return }
            var errors: [ValidationError] = []
            frame.localJobErrors(of: job, at: "jobs." + job.id, scripts: &scripts, into: &errors)
            jobs.hasJobErrors = !errors.isEmpty
        }
    }

    /// A chunk being built and written on the shared pool of threads.
    private final class PendingChunk: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        /// Written by the task before it signals `done`, read only after waiting on it.
        private var chunk: Chunk?

        static func start(_ staged: StagedWorkflow, batches: Range<Int>, after previous: Chunk) -> PendingChunk {
            let pending = PendingChunk()
            let batch = staged.batch
            DispatchQueue.global().async {
                var chunk = Chunk(after: previous)
                for index in batches {
                    chunk.add(batch(index))
                    if index == batches.lowerBound {
                        // Jobs of a large workflow are mostly alike: size the buffer from the first batch.
                        chunk.writer.reserveCapacity(chunk.writer.byteCount * batches.count * 5 / 4)
                    }
                }
                pending.chunk = chunk
                pending.done.signal()
            }
            return pending
        }

        /// The chunk, once it is written.
        func wait() -> Chunk {
            done.wait()
            return chunk!
        }
    }
}
