/// The digest in a generated file's header: XXH64 (seed 0) of the body's UTF-8 bytes, as 16 hex digits.
///
/// It tells Pipewright's own output from a hand edit; it authenticates nothing (anyone can recompute any
/// digest), so a fast non-cryptographic hash serves. XXH64 reads 32 bytes per round in four independent
/// lanes: on a 20 MB workflow it costs a few milliseconds, where byte-at-a-time FNV-1a cost a tenth of
/// `generate`. Any `xxhsum -H1` or xxHash binding recomputes it.
enum ContentDigest {
    /// The digest of a text.
    static func hex(_ text: String) -> String {
        var text = text
        return text.withUTF8(hex)
    }

    /// The digest of a text's UTF-8 bytes.
    static func hex(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        hex(XXH64.hash(UnsafeRawBufferPointer(bytes)))
    }

    /// A 64-bit value as 16 lowercase hex digits.
    static func hex(_ value: UInt64) -> String {
        let digits: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: 16) { out in
            for index in 0..<16 {
                out[index] = digits.utf8Start[Int((value >> UInt64(60 - 4 * index)) & 0xf)]
            }
            return 16
        }
    }
}

/// XXH64 as specified in xxHash's `doc/xxhash_spec.md`, seed 0, little-endian reads; fed in any number of
/// pieces, so a text written in parts is digested without joining them.
struct XXH64 {
    private static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let prime3: UInt64 = 0x1656_67B1_9E37_79F9
    private static let prime4: UInt64 = 0x85EB_CA77_C2B2_AE63
    private static let prime5: UInt64 = 0x27D4_EB2F_1656_67C5

    private var lane1 = prime1 &+ prime2
    private var lane2 = prime2
    private var lane3: UInt64 = 0
    private var lane4 = 0 &- prime1
    /// Bytes of an unfinished 32-byte stripe, carried to the next piece.
    private var pending: [UInt8] = []
    private var totalCount = 0

    /// The digest of one buffer.
    static func hash(_ input: UnsafeRawBufferPointer) -> UInt64 {
        var state = XXH64()
        state.update(input)
        return state.finalize()
    }

    /// Feeds the next piece of the input.
    mutating func update(_ input: UnsafeRawBufferPointer) {
        totalCount += input.count
        var offset = 0
        if !pending.isEmpty {
            let taken = min(32 - pending.count, input.count)
            pending += input[0..<taken]
            offset = taken
            guard pending.count == 32 else { return }
            pending.withUnsafeBytes { consumeStripe($0, at: 0) }
            pending.removeAll(keepingCapacity: true)
        }
        while offset + 32 <= input.count {
            consumeStripe(input, at: offset)
            offset += 32
        }
        pending += input[offset...]
    }

    /// The digest of everything fed.
    func finalize() -> UInt64 {
        var hash: UInt64
        if totalCount >= 32 {
            hash = Self.rotate(lane1, 1) &+ Self.rotate(lane2, 7) &+ Self.rotate(lane3, 12) &+ Self.rotate(lane4, 18)
            for lane in [lane1, lane2, lane3, lane4] {
                hash = (hash ^ Self.round(0, lane)) &* Self.prime1 &+ Self.prime4
            }
        } else {
            hash = Self.prime5
        }
        hash &+= UInt64(totalCount)
        return pending.withUnsafeBytes { tail in
            var offset = 0
            while offset + 8 <= tail.count {
                hash = Self.rotate(hash ^ Self.round(0, Self.word(tail, offset)), 27) &* Self.prime1 &+ Self.prime4
                offset += 8
            }
            if offset + 4 <= tail.count {
                let half = UInt64(UInt32(littleEndian: tail.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
                hash = Self.rotate(hash ^ (half &* Self.prime1), 23) &* Self.prime2 &+ Self.prime3
                offset += 4
            }
            while offset < tail.count {
                hash = Self.rotate(hash ^ (UInt64(tail[offset]) &* Self.prime5), 11) &* Self.prime1
                offset += 1
            }
            hash ^= hash >> 33
            hash &*= Self.prime2
            hash ^= hash >> 29
            hash &*= Self.prime3
            hash ^= hash >> 32
            return hash
        }
    }

    @inline(__always) private mutating func consumeStripe(_ input: UnsafeRawBufferPointer, at offset: Int) {
        lane1 = Self.round(lane1, Self.word(input, offset))
        lane2 = Self.round(lane2, Self.word(input, offset + 8))
        lane3 = Self.round(lane3, Self.word(input, offset + 16))
        lane4 = Self.round(lane4, Self.word(input, offset + 24))
    }

    @inline(__always) private static func word(_ input: UnsafeRawBufferPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: input.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    @inline(__always) private static func round(_ accumulator: UInt64, _ input: UInt64) -> UInt64 {
        rotate(accumulator &+ input &* prime2, 31) &* prime1
    }

    @inline(__always) private static func rotate(_ value: UInt64, _ count: UInt64) -> UInt64 {
        (value << count) | (value >> (64 - count))
    }
}
