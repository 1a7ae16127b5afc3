/// How a string scalar is written, chosen so that YAML 1.1 and YAML 1.2 loaders both read back the same string.
///
/// GitHub's own loader, `yq`, PyYAML (1.1) and ruamel (1.2) disagree about what a plain scalar means
/// (`on`, `yes`, `0755`, `1:20`), so the choice quotes anything either version could read as a non-string,
/// and quotes whenever it is unsure: a needless quote costs two characters, a wrong plain scalar breaks a workflow.
enum YAMLScalarStyle: Equatable {
    /// Written as is.
    case plain
    /// Between `'…'`, with `''` for a quote.
    case singleQuoted
    /// Between `"…"`, with backslash escapes; the only style that can carry control characters.
    case doubleQuoted
    /// A literal block scalar (`|`), for text with line breaks.
    case literal(Chomping, needsIndentationIndicator: Bool)

    /// What a literal block scalar does with the line breaks at its end.
    enum Chomping: Equatable {
        /// `|-`: the text ends without a line break.
        case strip
        /// `|`: the text ends with exactly one line break.
        case clip
        /// `|+`: the text ends with several line breaks, all kept.
        case keep

        /// The indicator written after `|`.
        var indicator: String {
            switch self {
            case .strip: "-"
            case .clip: ""
            case .keep: "+"
            }
        }
    }

    /// Picks the style for `text`.
    ///
    /// - Parameter allowingLiteral: whether a block scalar may be used; keys and other single-line
    ///   positions pass `false` and get a double-quoted scalar for text with line breaks.
    init(for text: String, allowingLiteral: Bool) {
        self = text.withUTF8Bytes { Self(utf8: $0, allowingLiteral: allowingLiteral) }
    }

    /// Picks the style for the UTF-8 bytes of a text.
    init(utf8 bytes: UnsafeBufferPointer<UInt8>, allowingLiteral: Bool) {
        // Most keys and many values are words like `name`, `aws-region` or `STACK_NAME`: a letter, then
        // letters, digits, `-` and `_`. Such a word is plain unless it is a reserved word; the general scan
        // below would say the same, at several times the cost, for every key of every job.
        if Self.isPlainWord(bytes) {
            self = .plain
            return
        }
        let scan = ScalarScan(of: bytes)
        if scan.hasUnprintable {
            self = .doubleQuoted
        } else if scan.hasLineBreak {
            if allowingLiteral && !scan.isOnlyLineBreaks {
                // Leading spaces, tabs or empty lines would be taken for indentation by auto-detection.
                let first = scan.firstByte
                let indicator = first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") || first == UInt8(ascii: "\n")
                let chomping: Chomping = switch scan.trailingLineBreaks {
                case 0: .strip
                case 1: .clip
                default: .keep
                }
                self = .literal(chomping, needsIndentationIndicator: indicator)
            } else {
                self = .doubleQuoted
            }
        } else if scan.hasTab {
            self = .doubleQuoted
        } else if Self.isPlainSafe(bytes, scan: scan) && !Self.hasUnicodeSpaceAtEnds(bytes) {
            self = .plain
        } else {
            self = .singleQuoted
        }
    }

    /// A letter followed by letters, digits, `-` and `_`, and not a reserved word: never a number, a
    /// timestamp, an indicator or a separator, so always plain.
    private static func isPlainWord(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, isLetter(first) else { return false }
        // A table lookup per byte: this runs for every key and most values written, and four comparisons
        // per byte made it one of the costliest functions of a large `generate`.
        let isWord = wordBytes.withUnsafeBufferPointer { table in
            bytes.allSatisfy { table[Int($0)] }
        }
        return isWord && !isReservedWord(bytes)
    }

    /// Letters, digits, `-` and `_`.
    private static let wordBytes: [Bool] = (0...255).map { byte in
        let value = UInt8(byte)
        return isLetter(value) || isDigit(value) || value == UInt8(ascii: "-") || value == UInt8(ascii: "_")
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    /// Whether a single-line string without tabs or control characters may be written plain.
    private static func isPlainSafe(_ bytes: UnsafeBufferPointer<UInt8>, scan: ScalarScan) -> Bool {
        let count = bytes.count
        guard count > 0 else { return false }
        if scan.hasMappingSeparator || scan.hasCommentStart { return false }
        let first = bytes[0]
        let second: UInt8 = count > 1 ? bytes[1] : 0
        switch first {
        case UInt8(ascii: "-"):
            // `-x` is a plain scalar (`--flag`), but `-`, `- x` and a `---` document marker are not.
            if count == 1 || second == UInt8(ascii: " ") || startsWith(bytes, "---") { return false }
        case UInt8(ascii: "."):
            if startsWith(bytes, "...") { return false }
        case UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"),
             UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"),
             UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""),
             UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"), UInt8(ascii: " "):
            return false
        default:
            break
        }
        if bytes[count - 1] == UInt8(ascii: " ") { return false }
        if isReservedWord(bytes) { return false }
        if looksNumeric(bytes, scan: scan) { return false }
        // YAML 1.1 timestamps (`2001-12-14`, `2001-12-14 21:59:43.10 -5`) start with four digits and a dash.
        if count >= 5, (0..<4).allSatisfy({ isDigit(bytes[$0]) }), bytes[4] == UInt8(ascii: "-") { return false }
        return true
    }

    /// Booleans and nulls of YAML 1.1 and 1.2 in every letter case, the merge key `<<` and the
    /// YAML 1.1 value key `=`, which PyYAML's safe loader rejects outright.
    private static func isReservedWord(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count <= 5 else { return false }
        // Packing the ASCII-lowercased bytes into an integer compares without allocating: this runs for most keys.
        var packed: UInt64 = 0
        for byte in bytes {
            packed = packed << 8 | UInt64(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte)
        }
        // y, n, yes, no, on, off, true, false, null, ~, <<, = — packed the same way; a switch over constants
        // is a few comparisons, where a set hashed every key of every job.
        switch packed {
        case 0x79, 0x6e, 0x79_6573, 0x6e6f, 0x6f6e, 0x6f_6666, 0x7472_7565, 0x66_616c_7365, 0x6e75_6c6c, 0x7e, 0x3c3c, 0x3d:
            return true
        default:
            return false
        }
    }

    /// Whether the text could be an int or float in any notation of YAML 1.1 or 1.2.
    ///
    /// Deliberately wider than either grammar: after an optional sign, anything that starts with a digit
    /// or a dot and uses only digits, hex letters, `x`, `o`, `.`, `_`, `:`, `+` and `-` is treated as a number.
    private static func looksNumeric(_ bytes: UnsafeBufferPointer<UInt8>, scan: ScalarScan) -> Bool {
        var start = 0
        if bytes[0] == UInt8(ascii: "+") || bytes[0] == UInt8(ascii: "-") { start = 1 }
        guard start < bytes.count else { return true }
        let lead = bytes[start]
        guard isDigit(lead) || lead == UInt8(ascii: ".") else { return false }
        if scan.isNumberAlphabetOnly { return true }
        // `.inf`, `-.Inf`, `.NaN`: letters outside the number alphabet.
        guard bytes.count - start == 4 else { return false }
        var word = ""
        for index in start..<bytes.count { word.unicodeScalars.append(Unicode.Scalar(bytes[index] | 0x20)) }
        return word == ".inf" || word == ".nan"
    }

    /// Unicode spaces at either end (a no-break space, an ideographic space) survive only when quoted,
    /// and a reader cannot see them; quoting makes them visible too.
    private static func hasUnicodeSpaceAtEnds(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // ASCII spaces are handled byte-wise; Unicode properties are slow, so only ask them about non-ASCII ends.
        guard let firstByte = bytes.first, let lastByte = bytes.last, firstByte >= 0x80 || lastByte >= 0x80 else { return false }
        let text = String(decoding: bytes, as: UTF8.self)
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        return first.properties.isWhitespace || last.properties.isWhitespace
    }

    private static func startsWith(_ bytes: UnsafeBufferPointer<UInt8>, _ prefix: StaticString) -> Bool {
        guard bytes.count >= prefix.utf8CodeUnitCount else { return false }
        return (0..<prefix.utf8CodeUnitCount).allSatisfy { bytes[$0] == prefix.utf8Start[$0] }
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
