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
        var index = 0
        while index < count {
            let byte = bytes[index]
            switch byte {
            case 0x0A:
                hasLineBreak = true
                isNumberAlphabetOnly = false
            case 0x09:
                hasTab = true
                isNumberAlphabetOnly = false
            case 0x00..<0x20, 0x7F:
                hasUnprintable = true
                isNumberAlphabetOnly = false
            case UInt8(ascii: ":"):
                if index + 1 == count || bytes[index + 1] == UInt8(ascii: " ") { hasMappingSeparator = true }
            case UInt8(ascii: "#"):
                if index > 0 && bytes[index - 1] == UInt8(ascii: " ") { hasCommentStart = true }
                isNumberAlphabetOnly = false
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
                 UInt8(ascii: "A")...UInt8(ascii: "F"), UInt8(ascii: "x"), UInt8(ascii: "X"), UInt8(ascii: "o"),
                 UInt8(ascii: "O"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "+"), UInt8(ascii: "-"):
                break
            case 0xC2:
                // U+0080...U+009F.
                if index + 1 < count && bytes[index + 1] <= 0x9F { hasUnprintable = true }
                isNumberAlphabetOnly = false
            case 0xE2:
                // U+2028, U+2029.
                if index + 2 < count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9) {
                    hasUnprintable = true
                }
                isNumberAlphabetOnly = false
            case 0xEF:
                // U+FEFF, U+FFFE, U+FFFF.
                if index + 2 < count {
                    let second = bytes[index + 1], third = bytes[index + 2]
                    if (second == 0xBB && third == 0xBF) || (second == 0xBF && (third == 0xBE || third == 0xBF)) {
                        hasUnprintable = true
                    }
                }
                isNumberAlphabetOnly = false
            default:
                isNumberAlphabetOnly = false
            }
            index += 1
        }
        var end = count
        while end > 0 && bytes[end - 1] == 0x0A { end -= 1 }
        trailingLineBreaks = count - end
    }
}
