/// The digest in a generated file's header: 64-bit FNV-1a over the body's UTF-8 bytes, as 16 hex digits.
///
/// It tells Pipewright's own output from a hand edit; it authenticates nothing (anyone can recompute any
/// digest), so a fast non-cryptographic hash serves, and SHA-256 was a quarter of `generate`'s time.
enum ContentDigest {
    /// The digest of a text.
    static func hex(_ text: String) -> String {
        var text = text
        return text.withUTF8(hex)
    }

    /// The digest of a text's UTF-8 bytes.
    static func hex(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8](repeating: 0, count: 16)
        for index in 0..<16 {
            out[index] = digits[Int((hash >> UInt64(60 - 4 * index)) & 0xf)]
        }
        return String(decoding: out, as: UTF8.self)
    }
}
