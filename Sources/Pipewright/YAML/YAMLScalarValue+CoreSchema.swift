/// How a plain scalar's text resolves under the YAML 1.2 core schema (YAML 1.2.2, section 10.3.2).
///
/// Exactly the schema's patterns, which GitHub's loader follows too: `on`, `yes`, `y`, `1_000`, `0b101`,
/// `-0x1F` and `2024-01-01` are strings, although YAML 1.1 loaders, and ruamel in places, read them otherwise.
extension YAMLScalarValue {
    /// The value of a plain scalar whose UTF-8 bytes are `bytes` and text is `text`; `nil` for an integer
    /// that does not fit in 64 bits.
    init?(resolvingPlain bytes: [UInt8], _ text: String) {
        let count = bytes.count
        guard count > 0 else {
            self = .null
            return
        }
        // Most scalars are words or paths: only these first characters can begin anything but a string.
        switch bytes[0] {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
             UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"),
             UInt8(ascii: "F"), UInt8(ascii: "~"):
            break
        default:
            self = .string(text)
            return
        }
        switch text {
        case "null", "Null", "NULL", "~":
            self = .null
            return
        case "true", "True", "TRUE":
            self = .bool(true)
            return
        case "false", "False", "FALSE":
            self = .bool(false)
            return
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF":
            self = .float(.infinity)
            return
        case "-.inf", "-.Inf", "-.INF":
            self = .float(-.infinity)
            return
        case ".nan", ".NaN", ".NAN":
            self = .float(.nan)
            return
        default:
            break
        }
        // 0o17 and 0x1F: lower-case prefix, no sign.
        if count > 2 && bytes[0] == UInt8(ascii: "0") && (bytes[1] == UInt8(ascii: "o") || bytes[1] == UInt8(ascii: "x")) {
            let radix = bytes[1] == UInt8(ascii: "o") ? 8 : 16
            if bytes[2...].allSatisfy({ Self.digitValue($0) < radix }) {
                guard let value = Int(text.dropFirst(2), radix: radix) else { return nil }
                self = .int(value)
                return
            }
        }
        var position = bytes[0] == UInt8(ascii: "+") || bytes[0] == UInt8(ascii: "-") ? 1 : 0
        if position < count && bytes[position...].allSatisfy(Self.isDigit) {
            guard let value = Int(text) else { return nil }
            self = .int(value)
            return
        }
        // [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
        func digits() -> Int {
            let start = position
            while position < count && Self.isDigit(bytes[position]) { position += 1 }
            return position - start
        }
        if position < count && bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard digits() > 0 else {
                self = .string(text)
                return
            }
        } else {
            guard digits() > 0 else {
                self = .string(text)
                return
            }
            if position < count && bytes[position] == UInt8(ascii: ".") {
                position += 1
                _ = digits()
            }
        }
        if position < count && (bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E")) {
            position += 1
            if position < count && (bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-")) { position += 1 }
            guard digits() > 0 else {
                self = .string(text)
                return
            }
        }
        guard position == count, let value = Double(text) else {
            self = .string(text)
            return
        }
        self = .float(value)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// The value of a hexadecimal digit, or 16 for anything else.
    private static func digitValue(_ byte: UInt8) -> Int {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A")) + 10
        default: 16
        }
    }
}
