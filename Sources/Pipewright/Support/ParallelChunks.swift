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
        return map(slots: chunkCount) { chunk in body((chunk * count / chunkCount)..<((chunk + 1) * count / chunkCount)) }
    }

    /// `body` applied to each of `0..<slots` on all cores, the results in slot order.
    static func map<Result: Sendable>(slots: Int, _ body: @Sendable (Int) -> Result) -> [Result] {
        [Result](unsafeUninitializedCapacity: slots) { buffer, initialized in
            let results = Slots(base: buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: slots) { slot in
                (results.base + slot).initialize(to: body(slot))
            }
            initialized = slots
        }
    }

    /// `transform` applied to each item, in order; many items are transformed in chunks on all cores.
    static func map<Item: Sendable, Result: Sendable>(_ items: [Item], _ transform: @Sendable (Item) -> Result) -> [Result] {
        Array(map(count: items.count) { range in items[range].map(transform) }.joined())
    }

    /// The result array's storage, shared by the chunks: each initializes only its own slot, and
    /// `concurrentPerform` returns only after all of them have.
    private struct Slots<Element>: @unchecked Sendable {
        let base: UnsafeMutablePointer<Element>
    }
}
