import Dispatch

extension YAMLWriter {
    /// What writing a staged workflow's jobs learnt about them, for the checks that span jobs.
    struct StreamedJobs: Sendable {
        /// Every job's id, in order.
        var ids: [String] = []
        /// Every job's `needs`, in the same order.
        var needs: [[String]] = []
        /// Whether a job failed a check of its own (``Workflow/localJobErrors(of:at:into:)``).
        var hasJobErrors = false

        mutating func append(_ other: StreamedJobs) {
            ids += other.ids
            needs += other.needs
            hasJobErrors = hasJobErrors || other.hasJobErrors
        }
    }

    /// Batches written per wave; a wave's text is handed on while the next wave is built and written.
    static let batchesPerWave = 128

    /// Writes a staged workflow, handing its text to `deliver` piece by piece, in order. The pieces joined
    /// are byte for byte what ``writeWorkflow(_:)`` writes for `staged.materialized()`.
    ///
    /// Each batch of jobs is built, checked on its own, written and freed before much else is built, so a
    /// pipeline of any size needs memory for a few waves of jobs only. Many batches are written in waves of
    /// chunks on all cores; while one wave's text is delivered (written to disk), the next is being built.
    static func stream(_ staged: StagedWorkflow, deliver: ([UInt8]) throws -> Void) rethrows -> StreamedJobs {
        let first = staged.batches.first?() ?? []
        // Keys after `jobs`, or no jobs at all (`jobs: {}`), are laid out by the whole-tree path; lowering
        // makes neither.
        guard !first.isEmpty, staged.frame.extra.isEmpty else {
            let workflow = staged.materialized().workflow
            for part in YAMLEmitter.emitUTF8(workflow) { try deliver(part) }
            var jobs = StreamedJobs(ids: workflow.jobs.map(\.id), needs: workflow.jobs.map(\.needs))
            jobs.hasJobErrors = workflow.jobs.contains { job in
                var errors: [ValidationError] = []
                workflow.localJobErrors(of: job, at: "jobs." + job.id, into: &errors)
                return !errors.isEmpty
            }
            return jobs
        }

        var writer = YAMLWriter(capacity: 16 * 1024)
        writer.leavesOutJobs = true
        writer.writeDocument(YAMLDocument(root: staged.frame.rootNode(jobs: .mapping([YAMLEntry("", .null)]))))
        let jobsOffset = writer.jobsOffset!
        let indent = 2
        try deliver(Array(writer.bytes[..<jobsOffset]))
        var head = Chunk(frame: staged.frame, indent: indent, repeats: RepeatedText())
        head.add(first)
        try deliver(head.writer.bytes)
        var jobs = head.jobs
        let rest = staged.batches.dropFirst()

        if rest.count < ParallelChunks.minimumCount {
            var chunk = Chunk(frame: staged.frame, indent: indent, repeats: head.writer.repeats)
            for batch in rest { chunk.add(batch()) }
            try deliver(chunk.writer.bytes)
            jobs.append(chunk.jobs)
        } else {
            var caches = [RepeatedText](repeating: head.writer.repeats, count: ParallelChunks.chunkCount)
            let waves = stride(from: rest.startIndex, to: rest.endIndex, by: batchesPerWave).map { $0..<min($0 + batchesPerWave, rest.endIndex) }
            var pending = Wave.start(staged, batches: waves[0], indent: indent, caches: caches)
            for index in waves.indices {
                let chunks = pending.finish()
                caches = chunks.map(\.writer.repeats)
                if index + 1 < waves.count {
                    pending = Wave.start(staged, batches: waves[index + 1], indent: indent, caches: caches)
                }
                for chunk in chunks {
                    try deliver(chunk.writer.bytes)
                    jobs.append(chunk.jobs)
                }
            }
        }
        let tail = Array(writer.bytes[jobsOffset...])
        if !tail.isEmpty { try deliver(tail) }
        return jobs
    }

    /// Jobs written one after another by a writer of their own, with what was learnt about them.
    private struct Chunk: Sendable {
        let frame: Workflow
        let indent: Int
        var writer: YAMLWriter
        var jobs = StreamedJobs()

        init(frame: Workflow, indent: Int, repeats: RepeatedText) {
            self.frame = frame
            self.indent = indent
            writer = YAMLWriter(capacity: 0)
            writer.repeats = repeats
        }

        /// Checks and writes the jobs of one batch.
        mutating func add(_ batch: [Job]) {
            for job in batch {
                jobs.ids.append(job.id)
                jobs.needs.append(job.needs)
                if !jobs.hasJobErrors {
                    var errors: [ValidationError] = []
                    frame.localJobErrors(of: job, at: "jobs." + job.id, into: &errors)
                    jobs.hasJobErrors = !errors.isEmpty
                }
                writer.writeJob(job, indent: indent)
            }
        }
    }

    /// One wave of batches, split into chunks built and written on all cores, running on another thread.
    private final class Wave: @unchecked Sendable {
        private let group = DispatchGroup()
        /// Written by the wave's thread before `group` is left, read only after waiting on it.
        private var chunks: [Chunk] = []

        static func start(_ staged: StagedWorkflow, batches: Range<Int>, indent: Int, caches: [RepeatedText]) -> Wave {
            let wave = Wave()
            let frame = staged.frame
            let all = staged.batches
            DispatchQueue.global().async(group: wave.group) {
                let count = batches.count
                wave.chunks = ParallelChunks.map(slots: caches.count) { slot in
                    var chunk = Chunk(frame: frame, indent: indent, repeats: caches[slot])
                    let range = (batches.lowerBound + slot * count / caches.count)..<(batches.lowerBound + (slot + 1) * count / caches.count)
                    for index in range {
                        chunk.add(all[index]())
                        if index == range.lowerBound {
                            // Jobs of a large workflow are mostly alike: size the buffer from the first batch.
                            chunk.writer.reserveCapacity(chunk.writer.bytes.count * range.count * 5 / 4)
                        }
                    }
                    return chunk
                }
            }
            return wave
        }

        /// The wave's chunks, in order, once they are all written.
        func finish() -> [Chunk] {
            group.wait()
            return chunks
        }
    }
}
