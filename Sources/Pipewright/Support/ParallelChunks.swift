import Dispatch

/// Work over many alike items — a large pipeline's environments, jobs or job texts — split into contiguous
/// chunks that run on all cores, with the results in chunk order.
///
/// Each chunk's result depends on its own items alone, so the outcome is the same as one pass in order;
/// only the time differs. Below `minimumCount` items the single pass is taken, so small pipelines never
/// start a thread.
enum ParallelChunks {
    /// Items from which the work is split; fewer are not worth a thread.
    static let minimumCount = 64
    /// Chunks per run: a few per core, so one slow chunk does not leave a core idle.
    static let chunkCount = 8

    /// `body` applied to contiguous ranges covering `0..<count`, in order.
    static func map<Result: Sendable>(count: Int, _ body: @Sendable (Range<Int>) -> Result) -> [Result] {
        guard count >= minimumCount else { return [body(0..<count)] }
        let chunks = chunkCount
        return [Result](unsafeUninitializedCapacity: chunks) { buffer, initialized in
            let slots = Slots(base: buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                (slots.base + chunk).initialize(to: body((chunk * count / chunks)..<((chunk + 1) * count / chunks)))
            }
            initialized = chunks
        }
    }

    /// The result array's storage, shared by the chunks: each initializes only its own slot, and
    /// `concurrentPerform` returns only after all of them have.
    private struct Slots<Element>: @unchecked Sendable {
        let base: UnsafeMutablePointer<Element>
    }
}
