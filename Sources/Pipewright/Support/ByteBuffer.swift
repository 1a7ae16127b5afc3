/// A growing run of bytes, for text that is built from many small pieces.
///
/// The writers append a key, a colon, a space, a value and a line break for every entry of every job: a
/// million small appends for a large `generate`. `[UInt8].append(contentsOf:)` spends some ninety
/// instructions on each before it copies a byte; here an append is a capacity check and a copy. The
/// buffer is a value, copied on write like an array.
struct ByteBuffer: @unchecked Sendable {
    // Unchecked: the storage is only ever changed through a buffer that holds the sole reference to it.
    private final class Storage {
        let base: UnsafeMutablePointer<UInt8>
        var count = 0
        let capacity: Int

        init(capacity: Int) {
            self.capacity = max(capacity, 16)
            base = .allocate(capacity: self.capacity)
        }

        deinit { base.deallocate() }

        func copy(capacity: Int) -> Storage {
            let copy = Storage(capacity: capacity)
            copy.base.initialize(from: base, count: count)
            copy.count = count
            return copy
        }
    }

    private var storage: Storage

    /// An empty buffer with room for `capacity` bytes.
    init(capacity: Int = 0) {
        storage = Storage(capacity: capacity)
    }

    /// The number of bytes.
    var count: Int { storage.count }

    /// Makes room for `capacity` bytes in all.
    mutating func reserveCapacity(_ capacity: Int) {
        if capacity > storage.capacity || !isKnownUniquelyReferenced(&storage) {
            storage = storage.copy(capacity: max(capacity, storage.count))
        }
    }

    /// Makes the storage this buffer's own, with room for `extra` more bytes.
    @inline(__always)
    private mutating func prepareToAppend(_ extra: Int) {
        if storage.count + extra > storage.capacity || !isKnownUniquelyReferenced(&storage) {
            // Doubling keeps the copies of a growing buffer linear in its final size.
            storage = storage.copy(capacity: max(storage.count + extra, storage.capacity * 2))
        }
    }

    /// Appends one byte.
    @inline(__always)
    mutating func append(_ byte: UInt8) {
        prepareToAppend(1)
        storage.base[storage.count] = byte
        storage.count += 1
    }

    /// Appends a run of bytes.
    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        let extra = bytes.count
        guard extra > 0 else { return }
        prepareToAppend(extra)
        (storage.base + storage.count).initialize(from: bytes.baseAddress!, count: extra)
        storage.count += extra
    }

    /// Appends the bytes of an array.
    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    /// Appends a string's UTF-8 bytes.
    @inline(__always)
    mutating func append(_ text: String) {
        text.withUTF8Bytes { append($0) }
    }

    /// Removes the bytes from `count` on.
    mutating func truncate(to count: Int) {
        precondition(count >= 0 && count <= storage.count, "ByteBuffer index out of range")
        prepareToAppend(0)
        storage.count = count
    }

    /// Calls `body` with the bytes.
    func withUnsafeBufferPointer<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try body(UnsafeBufferPointer(start: storage.base, count: storage.count))
    }

    /// The bytes, decoded as UTF-8.
    var string: String { withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) } }
}
