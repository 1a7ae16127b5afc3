/// A syntax error in a JSON text, at a 1-based line and column (columns count Unicode scalars).
///
/// Rendered as `pipewright.json:3:15: expected ',' or '}' after an object member`.
public struct JSONSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file named in the message.
    public let fileName: String
    /// The 1-based line.
    public let line: Int
    /// The 1-based column, in Unicode scalars.
    public let column: Int
    /// What is wrong and what was expected.
    public let message: String

    /// Creates an error.
    public init(fileName: String, line: Int, column: Int, message: String) {
        self.fileName = fileName
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line:column: message`.
    public var description: String { "\(fileName):\(line):\(column): \(message)" }
}

/// Reads JSON text (RFC 8259) into a ``JSONValue``, keeping member order and rejecting duplicate keys.
///
/// Hand-written over UTF-8 bytes, rather than `JSONSerialization`, so errors carry an exact position and
/// objects keep their order. Strict: no comments, no trailing commas, no leading zeros, no control
/// characters inside strings. A leading byte-order mark is skipped.
///
/// ```
/// try JSONReader.read("{\"a\": [1, true]}")   // .object([JSONMember("a", .array([.number("1"), .bool(true)]))])
/// ```
package struct JSONReader {
    /// How deep arrays and objects may nest; deeper input is refused instead of exhausting the stack.
    package static let maximumDepth = 64

    /// The text's UTF-8 bytes, read in place and only while ``read(_:fileName:)`` runs: an array
    /// copy of the text cost a copy of the file and a bounds check on every byte read.
    private let bytes: UnsafeBufferPointer<UInt8>
    private let fileName: String
    private var index = 0
    private var depth = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>, fileName: String) {
        self.bytes = bytes
        self.fileName = fileName
    }

    /// Parses a whole JSON text.
    package static func read(_ text: String, fileName: String = "pipewright.json") throws(JSONSyntaxError) -> JSONValue {
        let result: Result<JSONValue, JSONSyntaxError> = text.withUTF8Bytes { bytes in
            var reader = JSONReader(bytes, fileName: fileName)
            return Result { () throws(JSONSyntaxError) -> JSONValue in try reader.readDocument() }
        }
        return try result.get()
    }

    private mutating func readDocument() throws(JSONSyntaxError) -> JSONValue {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        skipWhitespace()
        guard index < bytes.count else { throw error("expected a JSON value, found the end of the file") }
        let value = try parseValue()
        skipWhitespace()
        guard index == bytes.count else { throw error("unexpected text after the JSON value") }
        return value
    }

    // MARK: - Values

    private mutating func parseValue() throws(JSONSyntaxError) -> JSONValue {
        guard index < bytes.count else { throw error("expected a JSON value, found the end of the file") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        case UInt8(ascii: "/"): throw error("comments are not allowed in JSON")
        default: throw error("expected a JSON value (object, array, string, number, true, false or null), found \(describeCurrent())")
        }
    }

    private mutating func parseObject() throws(JSONSyntaxError) -> JSONValue {
        try enter()
        index += 1
        // Room for a typical object's members from the start, rather than growing one member at a time.
        var members: [JSONMember] = []
        members.reserveCapacity(8)
        var keyOffsets: [Int] = []
        keyOffsets.reserveCapacity(8)
        var lookup: [String: Int] = [:]
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return .object([])
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                if !members.isEmpty, index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                    throw error("expected a string key after ','; trailing commas are not allowed")
                }
                if index < bytes.count, bytes[index] == UInt8(ascii: "/") { throw error("comments are not allowed in JSON") }
                throw error(members.isEmpty ? "expected a string key or '}', found \(describeCurrent())" : "expected a string key after ',', found \(describeCurrent())")
            }
            let keyOffset = index
            let key = try parseString()
            // Small objects are searched directly; big ones get a dictionary, built once they grow.
            let previous: Int?
            if members.count < 16 {
                // Lengths first: most keys differ in length, and comparing strings is a call into the runtime.
                let length = key.utf8.count
                previous = members.firstIndex { $0.key.utf8.count == length && $0.key == key }
            } else {
                if lookup.isEmpty { for (position, member) in members.enumerated() { lookup[member.key] = position } }
                previous = lookup[key]
            }
            if let previous {
                index = keyOffset
                throw error("duplicate key \(JSONWriter.quoted(key)) (first at line \(position(of: keyOffsets[previous]).line)); each key may appear once")
            }
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw error("expected ':' after the key \(JSONWriter.quoted(key)), found \(describeCurrent())")
            }
            index += 1
            skipWhitespace()
            let value = try parseValue()
            if !lookup.isEmpty { lookup[key] = members.count }
            members.append(JSONMember(key, value))
            keyOffsets.append(keyOffset)
            skipWhitespace()
            guard index < bytes.count else { throw error("expected ',' or '}' after an object member, found the end of the file") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { index += 1; break }
            throw error("expected ',' or '}' after an object member")
        }
        depth -= 1
        return .object(members)
    }

    private mutating func parseArray() throws(JSONSyntaxError) -> JSONValue {
        try enter()
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return .array([])
        }
        while true {
            skipWhitespace()
            if !elements.isEmpty, index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                throw error("expected a value after ','; trailing commas are not allowed")
            }
            elements.append(try parseValue())
            skipWhitespace()
            guard index < bytes.count else { throw error("expected ',' or ']' after an array element, found the end of the file") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; break }
            throw error("expected ',' or ']' after an array element")
        }
        depth -= 1
        return .array(elements)
    }

    private mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        if depth > Self.maximumDepth { throw error("nesting deeper than \(Self.maximumDepth) levels") }
    }

    // MARK: - Scalars

    private mutating func parseString() throws(JSONSyntaxError) -> String {
        let open = index
        index += 1
        let start = index
        // Fast path: no escapes, so the bytes are the string.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                // Decoded from a buffer: decoding an array slice took the generic path, a third of reading.
                let end = index
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw controlCharacterError(byte) }
            index += 1
        }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: String(decoding: bytes[start..<index], as: UTF8.self).unicodeScalars)
        var utf8Run: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                scalars.append(contentsOf: String(decoding: utf8Run, as: UTF8.self).unicodeScalars)
                index += 1
                return String(scalars)
            }
            if byte < 0x20 { throw controlCharacterError(byte) }
            guard byte == UInt8(ascii: "\\") else {
                utf8Run.append(byte)
                index += 1
                continue
            }
            scalars.append(contentsOf: String(decoding: utf8Run, as: UTF8.self).unicodeScalars)
            utf8Run.removeAll(keepingCapacity: true)
            guard index + 1 < bytes.count else { break }
            let escape = bytes[index + 1]
            switch escape {
            case UInt8(ascii: "\""): scalars.append("\"")
            case UInt8(ascii: "\\"): scalars.append("\\")
            case UInt8(ascii: "/"): scalars.append("/")
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "u"):
                scalars.append(try parseUnicodeEscape())
                continue
            default:
                index += 1
                let shown = escape >= 0x21 && escape < 0x7F ? "'\\" + String(UnicodeScalar(escape)) + "'" : describe(escape)
                throw error("invalid escape \(shown) in a string; expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX")
            }
            index += 2
        }
        index = open
        throw error("unterminated string")
    }

    /// Reads `\uXXXX`, or a surrogate pair `\uD83D\uDE00`, at `index`.
    private mutating func parseUnicodeEscape() throws(JSONSyntaxError) -> Unicode.Scalar {
        let high = try hexQuad(at: index + 2)
        index += 6
        if (0xD800...0xDBFF).contains(high) {
            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                throw error("lone surrogate in a \\u escape; expected a low surrogate \\uDC00-\\uDFFF next")
            }
            let low = try hexQuad(at: index + 2)
            guard (0xDC00...0xDFFF).contains(low) else { throw error("expected a low surrogate \\uDC00-\\uDFFF after a high surrogate") }
            index += 6
            return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))!
        }
        guard let scalar = Unicode.Scalar(high) else { throw error("lone surrogate in a \\u escape") }
        return scalar
    }

    private mutating func hexQuad(at offset: Int) throws(JSONSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for position in offset..<(offset + 4) {
            guard position < bytes.count, let digit = hexValue(bytes[position]) else {
                index = min(position, bytes.count)
                throw error("invalid \\u escape; expected four hexadecimal digits")
            }
            value = value << 4 | digit
        }
        return value
    }

    private func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    private func controlCharacterError(_ byte: UInt8) -> JSONSyntaxError {
        switch byte {
        case 0x0A, 0x0D: error("line break inside a string; write it as \\n")
        case 0x09: error("tab inside a string; write it as \\t")
        default: error("control character \(describe(byte)) inside a string; escape it as \\u00XX")
        }
    }

    private mutating func parseNumber() throws(JSONSyntaxError) -> JSONValue {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw error("expected a digit in a number") }
        if bytes[index] == UInt8(ascii: "0"), index + 1 < bytes.count, isDigit(bytes[index + 1]) {
            throw error("numbers must not have leading zeros")
        }
        skipDigits()
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("expected a digit after the decimal point") }
            skipDigits()
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("expected a digit in the exponent") }
            skipDigits()
        }
        return .number(String(decoding: bytes[start..<index], as: UTF8.self))
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private mutating func skipDigits() {
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    }

    private mutating func expectWord(_ word: StaticString) throws(JSONSyntaxError) {
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        var end = index
        while end < bytes.count, (bytes[end] | 0x20) >= UInt8(ascii: "a"), (bytes[end] | 0x20) <= UInt8(ascii: "z") { end += 1 }
        guard bytes[index..<end].elementsEqual(expected) else {
            throw error("unexpected word '\(String(decoding: bytes[index..<end], as: UTF8.self))'; expected a JSON value (object, array, string, number, true, false or null)")
        }
        index = end
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    // MARK: - Errors

    private func error(_ message: String) -> JSONSyntaxError {
        let (line, column) = position(of: index)
        return JSONSyntaxError(fileName: fileName, line: line, column: column, message: message)
    }

    /// The 1-based line and column of a byte offset; computed only for errors, so reading stays a single pass.
    private func position(of offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for byte in bytes[0..<min(offset, bytes.count)] {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }

    private func describeCurrent() -> String {
        index < bytes.count ? describe(bytes[index]) : "the end of the file"
    }

    private func describe(_ byte: UInt8) -> String {
        if byte >= 0x21, byte < 0x7F { return "'" + String(UnicodeScalar(byte)) + "'" }
        switch byte {
        case 0x20: return "a space"
        case 0x0A: return "a line break"
        default:
            let hex = String(byte, radix: 16, uppercase: true)
            return "byte 0x" + (hex.count == 1 ? "0" : "") + hex
        }
    }
}
