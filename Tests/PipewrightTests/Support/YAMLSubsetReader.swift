@testable import Pipewright

/// Reads back the YAML subset Pipewright's emitter writes (block mappings and sequences, plain, quoted and
/// literal block scalars, `{}`/`[]`, comments), so property tests can check the round trip offline.
/// The conformance script checks the same property with a real YAML 1.2 loader.
struct YAMLSubsetReader {
    struct Failure: Error, CustomStringConvertible {
        let line: Int
        let message: String
        var description: String { "line \(line + 1): \(message)" }
    }

    private let lines: [Substring]
    private var index = 0

    static func read(_ text: String) throws -> YAMLNode {
        var reader = YAMLSubsetReader(lines: text.split(separator: "\n", omittingEmptySubsequences: false))
        reader.skipBlankAndComments()
        let indent = reader.currentIndent
        return try reader.readBlock(indent: indent)
    }

    private init(lines: [Substring]) { self.lines = lines }

    private var currentIndent: Int { lines[index].prefix { $0 == " " }.count }

    private mutating func skipBlankAndComments() {
        while index < lines.count {
            let trimmed = lines[index].drop { $0 == " " }
            if trimmed.isEmpty || trimmed.hasPrefix("#") { index += 1 } else { break }
        }
    }

    private mutating func readBlock(indent: Int) throws -> YAMLNode {
        let content = lines[index].dropFirst(indent)
        if content.hasPrefix("- ") || content == "-" { return try readSequence(indent: indent) }
        return try readMapping(indent: indent)
    }

    private mutating func readSequence(indent: Int) throws -> YAMLNode {
        var items: [YAMLNode] = []
        while index < lines.count {
            skipBlankAndComments()
            guard index < lines.count, currentIndent == indent, lines[index].dropFirst(indent).hasPrefix("-") else { break }
            let rest = lines[index].dropFirst(indent + 2)
            if isMappingEntry(rest) {
                // A mapping that starts on the dash line continues at indent + 2.
                items.append(try readMapping(indent: indent + 2, firstLine: rest))
            } else {
                index += 1
                items.append(try readValue(String(rest), indent: indent + 2))
            }
        }
        return .sequence(items)
    }

    private mutating func readMapping(indent: Int, firstLine: Substring? = nil) throws -> YAMLNode {
        var entries: [YAMLEntry] = []
        var pendingFirst = firstLine
        while index < lines.count {
            let line: Substring
            if let first = pendingFirst {
                line = first
                pendingFirst = nil
            } else {
                skipBlankAndComments()
                guard index < lines.count, currentIndent == indent else { break }
                line = lines[index].dropFirst(indent)
                if line.hasPrefix("- ") { break }
            }
            let (key, rest) = try splitKey(line)
            index += 1
            entries.append(YAMLEntry(key, try readValue(rest, indent: indent + 2)))
        }
        return .mapping(entries)
    }

    private func isMappingEntry(_ text: Substring) -> Bool {
        (try? splitKey(text)) != nil
    }

    private func splitKey(_ text: Substring) throws -> (String, String) {
        if text.first == "'" || text.first == "\"" {
            let (key, end) = try quoted(text)
            let rest = text[end...]
            guard rest.hasPrefix(":") else { throw Failure(line: index, message: "expected ':' after quoted key") }
            return (key, String(rest.dropFirst()))
        }
        var cursor = text.startIndex
        while cursor < text.endIndex {
            if text[cursor] == ":" {
                let next = text.index(after: cursor)
                if next == text.endIndex || text[next] == " " { return (String(text[..<cursor]), String(text[next...])) }
            }
            cursor = text.index(after: cursor)
        }
        throw Failure(line: index, message: "expected a mapping entry in \(text)")
    }

    /// Reads the value after `key:` or `- `; the current line is already consumed.
    private mutating func readValue(_ raw: String, indent: Int) throws -> YAMLNode {
        let text = stripComment(raw.drop { $0 == " " })
        if text.isEmpty {
            skipBlankAndComments()
            guard index < lines.count, currentIndent >= indent - 2 else { return .null }
            let childIndent = currentIndent
            if childIndent > indent - 2 || lines[index].dropFirst(childIndent).hasPrefix("- ") {
                return try readBlock(indent: childIndent)
            }
            return .null
        }
        if text.hasPrefix("|") { return .string(readBlockScalar(header: text, parentIndent: indent - 2)) }
        if text == "{}" { return .mapping([]) }
        if text == "[]" { return .sequence([]) }
        if text.first == "'" || text.first == "\"" { return .string(try quoted(Substring(text)).0) }
        switch text {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "null": return .null
        default:
            if let number = Int(text), String(number) == text { return .int(number) }
            return .string(text)
        }
    }

    private func stripComment(_ text: Substring) -> String {
        if text.first == "'" || text.first == "\"" || text.hasPrefix("|") {
            guard let end = (text.first == "|" ? text.firstIndex(of: " ") : (try? quoted(text))?.1) else { return String(text) }
            return String(text[..<end])
        }
        var cursor = text.startIndex
        while cursor < text.endIndex {
            if text[cursor] == "#", cursor > text.startIndex, text[text.index(before: cursor)] == " " {
                return String(text[..<text.index(before: cursor)])
            }
            cursor = text.index(after: cursor)
        }
        return String(text)
    }

    private mutating func readBlockScalar(header: String, parentIndent: Int) -> String {
        let chomping: Character? = header.contains("-") ? "-" : header.contains("+") ? "+" : nil
        let explicit = header.first { $0.isNumber }.flatMap { Int(String($0)) }
        var body: [Substring] = []
        var blockIndent = explicit.map { parentIndent + $0 }
        while index < lines.count {
            let line = lines[index]
            let spaces = line.prefix { $0 == " " }.count
            if line.allSatisfy({ $0 == " " }) { body.append(""); index += 1; continue }
            if blockIndent == nil { blockIndent = spaces }
            guard spaces >= blockIndent! else { break }
            body.append(line.dropFirst(blockIndent!))
            index += 1
        }
        var trailingEmpty = 0
        while let last = body.last, last.isEmpty { trailingEmpty += 1; body.removeLast() }
        // Trailing empty lines belong to the value only with `+`; the document's final newline is not a line.
        if index == lines.count, trailingEmpty > 0 { trailingEmpty -= 1 }
        let content = body.joined(separator: "\n")
        switch chomping {
        case "-": return content
        case "+": return content + "\n" + String(repeating: "\n", count: trailingEmpty)
        default: return content + "\n"
        }
    }

    private func quoted(_ text: Substring) throws -> (String, Substring.Index) {
        let quote = text.first!
        var out = ""
        var cursor = text.index(after: text.startIndex)
        while cursor < text.endIndex {
            let character = text[cursor]
            if quote == "'" {
                if character == "'" {
                    let next = text.index(after: cursor)
                    if next < text.endIndex, text[next] == "'" { out.append("'"); cursor = text.index(after: next); continue }
                    return (out, next)
                }
                out.append(character)
            } else {
                if character == "\"" { return (out, text.index(after: cursor)) }
                if character == "\\" {
                    cursor = text.index(after: cursor)
                    let escape = text[cursor]
                    switch escape {
                    case "n": out.append("\n")
                    case "t": out.append("\t")
                    case "r": out.append("\r")
                    case "0": out.append("\0")
                    case "\\": out.append("\\")
                    case "\"": out.append("\"")
                    case "/": out.append("/")
                    case "e": out.append("\u{1B}")
                    case "a": out.append("\u{07}")
                    case "b": out.append("\u{08}")
                    case "f": out.append("\u{0C}")
                    case "v": out.append("\u{0B}")
                    case " ": out.append(" ")
                    case "N": out.append("\u{85}")
                    case "_": out.append("\u{A0}")
                    case "L": out.append("\u{2028}")
                    case "P": out.append("\u{2029}")
                    case "x", "u", "U":
                        let width = escape == "x" ? 2 : escape == "u" ? 4 : 8
                        let start = text.index(after: cursor)
                        let end = text.index(start, offsetBy: width)
                        guard let value = UInt32(text[start..<end], radix: 16), let scalar = Unicode.Scalar(value) else {
                            throw Failure(line: index, message: "bad escape")
                        }
                        out.unicodeScalars.append(scalar)
                        cursor = text.index(before: end)
                    default: throw Failure(line: index, message: "unknown escape \\\(escape)")
                    }
                } else {
                    out.append(character)
                }
            }
            cursor = text.index(after: cursor)
        }
        throw Failure(line: index, message: "unterminated quoted scalar")
    }
}

extension YAMLNode {
    /// The node without comments, for comparing a tree with what was read back.
    var withoutComments: YAMLNode {
        switch self {
        case .mapping(let entries): .mapping(entries.map { YAMLEntry($0.key, $0.value.withoutComments) })
        case .sequence(let items): .sequence(items.map(\.withoutComments))
        default: self
        }
    }
}
