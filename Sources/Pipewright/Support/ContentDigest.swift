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

/// XXH64 as specified in xxHash's `doc/xxhash_spec.md`, seed 0, little-endian reads, over one buffer.
enum XXH64 {
    private static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let prime3: UInt64 = 0x1656_67B1_9E37_79F9
    private static let prime4: UInt64 = 0x85EB_CA77_C2B2_AE63
    private static let prime5: UInt64 = 0x27D4_EB2F_1656_67C5

    /// The digest of `input`.
    static func hash(_ input: UnsafeRawBufferPointer) -> UInt64 {
        var offset = 0
        var hash: UInt64
        if input.count >= 32 {
            var lanes = (prime1 &+ prime2, prime2, UInt64(0), 0 &- prime1)
            while offset + 32 <= input.count {
                lanes.0 = round(lanes.0, word(input, offset))
                lanes.1 = round(lanes.1, word(input, offset + 8))
                lanes.2 = round(lanes.2, word(input, offset + 16))
                lanes.3 = round(lanes.3, word(input, offset + 24))
                offset += 32
            }
            hash = rotate(lanes.0, 1) &+ rotate(lanes.1, 7) &+ rotate(lanes.2, 12) &+ rotate(lanes.3, 18)
            for lane in [lanes.0, lanes.1, lanes.2, lanes.3] {
                hash = (hash ^ round(0, lane)) &* prime1 &+ prime4
            }
        } else {
            hash = prime5
        }
        hash &+= UInt64(input.count)
        while offset + 8 <= input.count {
            hash = rotate(hash ^ round(0, word(input, offset)), 27) &* prime1 &+ prime4
            offset += 8
        }
        if offset + 4 <= input.count {
            let half = UInt64(UInt32(littleEndian: input.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
            hash = rotate(hash ^ (half &* prime1), 23) &* prime2 &+ prime3
            offset += 4
        }
        while offset < input.count {
            hash = rotate(hash ^ (UInt64(input[offset]) &* prime5), 11) &* prime1
            offset += 1
        }
        hash ^= hash >> 33
        hash &*= prime2
        hash ^= hash >> 29
        hash &*= prime3
        hash ^= hash >> 32
        return hash
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
