/// What the emitter needs to know about a string, gathered in one pass over its UTF-8 bytes.
///
/// One pass, no regular expressions: classifying every scalar of a thousand-job workflow must stay cheap.
struct ScalarScan {
    /// The first byte, or 0 for an empty string.
    private(set) var firstByte: UInt8 = 0
    /// A character that no loader accepts raw in any style but double quotes: control characters other than
    /// tab and line feed, DEL, C1 controls (including NEL), U+2028, U+2029, U+FEFF, U+FFFE and U+FFFF.
    /// NEL and the Unicode separators are line breaks to YAML 1.1 loaders but not to 1.2 ones, so only an
    /// escape means the same to both.
    private(set) var hasUnprintable = false
    /// A line feed.
    private(set) var hasLineBreak = false
    /// A tab.
    private(set) var hasTab = false
    /// `: ` anywhere or `:` at the end: where a plain scalar would end and a mapping value begin.
    private(set) var hasMappingSeparator = false
    /// ` #`: where a plain scalar would end and a comment begin.
    private(set) var hasCommentStart = false
    /// Only bytes that can occur in a YAML 1.1 or 1.2 number: digits, hex letters, `xXoO._:+-`.
    private(set) var isNumberAlphabetOnly = true
    /// How many line feeds end the string.
    private(set) var trailingLineBreaks = 0
    /// Whether the string is non-empty and made only of line feeds.
    var isOnlyLineBreaks: Bool { byteCount > 0 && trailingLineBreaks == byteCount }

    private var byteCount = 0

    /// Scans `bytes`.
    init(of bytes: UnsafeBufferPointer<UInt8>) {
        let count = bytes.count
        byteCount = count
        guard count > 0 else { return }
        firstByte = bytes[0]
        // One table lookup per byte, and a look at the neighbours only for the few bytes whose meaning depends
        // on them: the per-byte `switch` this replaces was a tenth of a large `generate`.
        var seen: UInt8 = 0
        Self.classes.withUnsafeBufferPointer { classes in
            let raw = UnsafeRawBufferPointer(bytes)
            var index = 0
            while index < count {
                // Once a byte outside the number alphabet is seen, eight bytes of printable ASCII other than
                // `:` and `#` can tell nothing more, and are skipped together: long conditions and JSON values
                // are mostly such runs.
                if seen & ByteClass.notNumber != 0, index + 8 <= count,
                   Self.isPlainRun(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))) {
                    index += 8
                    continue
                }
                let byteClass = classes[Int(bytes[index])]
                seen |= byteClass
                if byteClass & ByteClass.needsContext != 0 { scanInContext(bytes, at: index) }
                index += 1
            }
        }
        hasLineBreak = seen & ByteClass.lineBreak != 0
        hasTab = seen & ByteClass.tab != 0
        if seen & ByteClass.unprintable != 0 { hasUnprintable = true }
        isNumberAlphabetOnly = seen & ByteClass.notNumber == 0
        var end = count
        while end > 0 && bytes[end - 1] == 0x0A { end -= 1 }
        trailingLineBreaks = count - end
    }

    /// Whether all eight bytes of `word` are printable ASCII (0x20–0x7E) other than `:` and `#`, tested
    /// together: a byte is zero in `v` exactly where it matched, and `(v - 0x01…) & ~v & 0x80…` flags a zero byte.
    @inline(__always)
    private static func isPlainRun(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ value: UInt64) -> Bool { (value &- ones) & ~value & highs != 0 }
        if word & highs != 0 { return false }  // a byte of 0x80 or more
        if (word &- ones &* 0x20) & ~word & highs != 0 { return false }  // a byte below 0x20
        return !hasZeroByte(word ^ (ones &* 0x7F)) && !hasZeroByte(word ^ (ones &* 0x3A)) && !hasZeroByte(word ^ (ones &* 0x23))
    }

    /// Looks at the neighbours of a byte marked ``ByteClass/needsContext``.
    private mutating func scanInContext(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) {
        let count = bytes.count
        switch bytes[index] {
        case UInt8(ascii: ":"):
            if index + 1 == count || bytes[index + 1] == UInt8(ascii: " ") { hasMappingSeparator = true }
        case UInt8(ascii: "#"):
            if index > 0 && bytes[index - 1] == UInt8(ascii: " ") { hasCommentStart = true }
        case 0xC2:
            // U+0080...U+009F.
            if index + 1 < count && bytes[index + 1] <= 0x9F { hasUnprintable = true }
        case 0xE2:
            // U+2028, U+2029.
            if index + 2 < count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9) {
                hasUnprintable = true
            }
        case 0xEF:
            // U+FEFF, U+FFFE, U+FFFF.
            if index + 2 < count {
                let second = bytes[index + 1], third = bytes[index + 2]
                if (second == 0xBB && third == 0xBF) || (second == 0xBF && (third == 0xBE || third == 0xBF)) {
                    hasUnprintable = true
                }
            }
        default:
            break
        }
    }

    /// What a byte tells on its own, as bits that a scan ORs together.
    private enum ByteClass {
        static let lineBreak: UInt8 = 1
        static let tab: UInt8 = 2
        /// C0 controls other than tab and line feed, and DEL.
        static let unprintable: UInt8 = 4
        /// Outside the number alphabet of ``ScalarScan/isNumberAlphabetOnly``.
        static let notNumber: UInt8 = 8
        /// `:`, `#` and the lead bytes of the unprintable non-ASCII scalars: their meaning depends on neighbours.
        static let needsContext: UInt8 = 16
    }

    private static let classes: [UInt8] = (0...255).map { (byte: Int) -> UInt8 in
        switch byte {
        case 0x0A: ByteClass.lineBreak | ByteClass.notNumber
        case 0x09: ByteClass.tab | ByteClass.notNumber
        case 0x00..<0x20, 0x7F: ByteClass.unprintable | ByteClass.notNumber
        case Int(UInt8(ascii: ":")): ByteClass.needsContext
        case Int(UInt8(ascii: "#")), 0xC2, 0xE2, 0xEF: ByteClass.needsContext | ByteClass.notNumber
        case Int(UInt8(ascii: "0"))...Int(UInt8(ascii: "9")), Int(UInt8(ascii: "a"))...Int(UInt8(ascii: "f")),
             Int(UInt8(ascii: "A"))...Int(UInt8(ascii: "F")), Int(UInt8(ascii: "x")), Int(UInt8(ascii: "X")),
             Int(UInt8(ascii: "o")), Int(UInt8(ascii: "O")), Int(UInt8(ascii: ".")), Int(UInt8(ascii: "_")),
             Int(UInt8(ascii: "+")), Int(UInt8(ascii: "-")):
            0
        default: ByteClass.notNumber
        }
    }
}
