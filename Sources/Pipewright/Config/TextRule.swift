/// Byte classes for the small matchers the configuration rules use instead of regular expressions.
enum ASCII {
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    static func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
    static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
    static func isLetter(_ byte: UInt8) -> Bool { isLower(byte) || isUpper(byte) }
    static func isAlphanumeric(_ byte: UInt8) -> Bool { isLetter(byte) || isDigit(byte) }

    /// Whether `byte` is one of the characters of `set`.
    static func isOne(of set: StaticString, _ byte: UInt8) -> Bool {
        UnsafeBufferPointer(start: set.utf8Start, count: set.utf8CodeUnitCount).contains(byte)
    }
}

/// A strict character-class rule for a piece of text: which characters, which first character, how long.
///
/// Text that reaches a workflow's YAML, a `run:` script or a JSON document in an `env:` value is checked
/// with one of these, so a quote, `$`, backtick, backslash, line break or `${{` can never get there.
/// The message names the first offending character and what is allowed. `pattern` says the same as a
/// regular expression, for the JSON Schema.
struct TextRule: Sendable {
    /// The characters allowed anywhere, as a 128-bit set of ASCII bytes (non-ASCII is always refused).
    private let allowedBits: ByteSet
    /// The characters allowed first.
    private let firstBits: ByteSet
    let lengths: ClosedRange<Int>
    /// What is expected, for the message: `1-20 lowercase letters, digits or '-', starting with a letter`.
    let expected: String
    /// Why, or how to fix it, appended after ` — `.
    let hint: String?
    /// The rule as the schema's regular expression.
    let pattern: String

    /// Creates a rule; the predicates are evaluated once, for the 128 ASCII bytes.
    init(
        _ expected: String, lengths: ClosedRange<Int>, pattern: String, hint: String? = nil, first: ((UInt8) -> Bool)? = nil,
        allowed: (UInt8) -> Bool
    ) {
        self.expected = expected
        self.lengths = lengths
        self.pattern = pattern
        self.hint = hint
        let allowedBits = ByteSet(allowed)
        self.allowedBits = allowedBits
        self.firstBits = first.map { first in ByteSet { allowed($0) && first($0) } } ?? allowedBits
    }

    func allowed(_ byte: UInt8) -> Bool { allowedBits.contains(byte) }

    /// Whether the text follows the rule.
    func matches(_ text: String) -> Bool {
        var count = 0
        for byte in text.utf8 {
            guard count == 0 ? firstBits.contains(byte) : allowedBits.contains(byte) else { return false }
            count += 1
        }
        return lengths.contains(count)
    }

    /// Why the text breaks the rule, or `nil`.
    func problem(_ text: String) -> String? {
        if matches(text) { return nil }
        let value = JSONWriter.quoted(text)
        let tail = "; expected " + expected + (hint.map { " — " + $0 } ?? "")
        if text.isEmpty { return "\"\" is empty" + tail }
        var isFirst = true
        for scalar in text.unicodeScalars {
            let byte = scalar.isASCII ? UInt8(scalar.value) : 0xFF
            if isFirst, byte < 0x80, allowed(byte), !firstBits.contains(byte) {
                return value + " starts with " + Self.describe(scalar) + tail
            }
            if byte >= 0x80 || !allowed(byte) { return value + " contains " + Self.describe(scalar) + tail }
            isFirst = false
        }
        return value + " is \(text.unicodeScalars.count) characters long" + tail
    }

    /// A character as messages name it: `'$'`, `"'"`, `a line break`, `U+00E9 'é'`.
    static func describe(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n", "\r": return "a line break"
        case "\t": return "a tab"
        case " ": return "a space"
        case "'": return "\"'\""
        default:
            let hex = String(scalar.value, radix: 16, uppercase: true)
            let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            if scalar.value < 0x20 || scalar.value == 0x7F { return code }
            return scalar.isASCII ? "'\(scalar)'" : "\(code) '\(scalar)'"
        }
    }
}

/// A set of ASCII bytes as two 64-bit masks: membership is a shift and an and.
struct ByteSet: Sendable {
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    init(_ predicate: (UInt8) -> Bool) {
        for byte in UInt8(0)..<128 where predicate(byte) {
            if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
        }
    }

    @inline(__always) func contains(_ byte: UInt8) -> Bool {
        byte < 64 ? low & (1 << UInt64(byte)) != 0 : byte < 128 && high & (1 << UInt64(byte - 64)) != 0
    }
}

extension TextRule {
    static let pipelineName = TextRule("1-100 letters, digits, spaces and - _ . ( )", lengths: 1...100, pattern: "^[A-Za-z0-9 ._()-]{1,100}$") {
        ASCII.isAlphanumeric($0) || ASCII.isOne(of: " -_.()", $0)
    }
    static let project = TextRule(
        "1-40 letters, digits or '-', starting with a letter", lengths: 1...40, pattern: "^[A-Za-z][A-Za-z0-9-]{0,39}$",
        hint: "it becomes the Project tag and the default stack-name prefix", first: ASCII.isLetter
    ) { ASCII.isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    static let stackPrefix = TextRule(
        "letters, digits or '-', starting with a letter", lengths: 1...128, pattern: "^[A-Za-z][A-Za-z0-9-]{0,127}$", hint: "it starts every stack name", first: ASCII.isLetter
    ) { ASCII.isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    static let stackSuffix = TextRule(
        "1-20 lowercase letters, digits or '-', not starting with '-'", lengths: 1...20, pattern: "^[a-z0-9][a-z0-9-]{0,19}$", hint: "it ends every stack name",
        first: { ASCII.isLower($0) || ASCII.isDigit($0) }
    ) { ASCII.isLower($0) || ASCII.isDigit($0) || $0 == UInt8(ascii: "-") }
    static let environmentName = TextRule(
        "1-20 lowercase letters, digits or '-', starting with a letter", lengths: 1...20, pattern: "^[a-z][a-z0-9-]{0,19}$",
        hint: "environment names become job ids and stack-name parts", first: ASCII.isLower
    ) { ASCII.isLower($0) || ASCII.isDigit($0) || $0 == UInt8(ascii: "-") }
    static let stackName = TextRule(
        "1-20 lowercase letters, digits or '-', starting with a letter", lengths: 1...20, pattern: "^[a-z][a-z0-9-]{0,19}$",
        hint: "stack names become stack-name parts and step ids", first: ASCII.isLower
    ) { ASCII.isLower($0) || ASCII.isDigit($0) || $0 == UInt8(ascii: "-") }
    static let githubName = TextRule(
        "uppercase letters, digits and '_', not starting with a digit", lengths: 1...100, pattern: "^[A-Z_][A-Z0-9_]{0,99}$",
        first: { ASCII.isUpper($0) || $0 == UInt8(ascii: "_") }
    ) { ASCII.isUpper($0) || ASCII.isDigit($0) || $0 == UInt8(ascii: "_") }
    static let githubEnvironment = TextRule(
        "1-100 letters, digits and . _ -, starting with a letter or digit", lengths: 1...100, pattern: "^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$", first: ASCII.isAlphanumeric
    ) { ASCII.isAlphanumeric($0) || ASCII.isOne(of: "._-", $0) }
    static let branch = TextRule(
        "a branch name of 1-100 letters, digits and . _ / -, starting with a letter or digit", lengths: 1...100, pattern: "^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$", first: ASCII.isAlphanumeric
    ) { ASCII.isAlphanumeric($0) || ASCII.isOne(of: "._/-", $0) }
    static let path = TextRule(
        "a relative path of letters, digits and _ . / -, starting with a letter, digit or '_'", lengths: 1...255, pattern: "^[A-Za-z0-9_][A-Za-z0-9_./-]{0,254}$",
        first: { ASCII.isAlphanumeric($0) || $0 == UInt8(ascii: "_") }
    ) { ASCII.isAlphanumeric($0) || ASCII.isOne(of: "_./-", $0) }
    static let parameterKey = TextRule("1-255 letters or digits", lengths: 1...255, pattern: "^[A-Za-z0-9]{1,255}$", allowed: ASCII.isAlphanumeric)
    static let parameterValue = TextRule(
        "letters, digits, spaces and _ . : / = + - @ ,", lengths: 0...4096, pattern: "^[A-Za-z0-9 _.:/=+@,-]{0,4096}$", hint: "pass secrets with {\"secret\": NAME}"
    ) { ASCII.isAlphanumeric($0) || ASCII.isOne(of: " _.:/=+-@,", $0) }
    static let tagKey = TextRule("1-128 letters, digits, spaces and _ . : / = + - @", lengths: 1...128, pattern: "^[A-Za-z0-9 _.:/=+@-]{1,128}$") {
        ASCII.isAlphanumeric($0) || ASCII.isOne(of: " _.:/=+-@", $0)
    }
    static let tagValue = TextRule("0-256 letters, digits, spaces and _ . : / = + - @", lengths: 0...256, pattern: "^[A-Za-z0-9 _.:/=+@-]{0,256}$") {
        ASCII.isAlphanumeric($0) || ASCII.isOne(of: " _.:/=+-@", $0)
    }
    static let nodeVersion = TextRule("a Node.js version such as 22 or 22.11.0", lengths: 1...20, pattern: "^[0-9][0-9.]{0,19}$", first: ASCII.isDigit) {
        ASCII.isDigit($0) || $0 == UInt8(ascii: ".")
    }
    static let runnerLabel = TextRule(
        "1-100 letters, digits and . _ -, starting with a letter or digit", lengths: 1...100, pattern: "^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$", first: ASCII.isAlphanumeric
    ) { ASCII.isAlphanumeric($0) || ASCII.isOne(of: "._-", $0) }
    static let ecrRepository = TextRule(
        "2-256 lowercase letters, digits and . _ / -, starting with a letter or digit", lengths: 2...256, pattern: "^[a-z0-9][a-z0-9._/-]{1,255}$",
        first: { ASCII.isLower($0) || ASCII.isDigit($0) }
    ) { ASCII.isLower($0) || ASCII.isDigit($0) || ASCII.isOne(of: "._/-", $0) }
    static let bucket = TextRule(
        "an S3 bucket name (3-63 lowercase letters, digits, '.' or '-') or a variable NAME", lengths: 3...63, pattern: "^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$",
        first: { ASCII.isLower($0) || ASCII.isDigit($0) }
    ) { ASCII.isLower($0) || ASCII.isDigit($0) || ASCII.isOne(of: ".-", $0) }
}
