import Foundation
import PipewrightSamples
import Testing
@testable import Pipewright
@testable import PipewrightLocalRun
@testable import PipewrightCommands

/// The local runner and the command line carry their own JSON, text and path helpers where they used
/// Foundation's, so that the `pipewright` executable can link only FoundationEssentials. Each is compared here
/// with the Foundation call it replaced, on the inputs that matter and on seeded random ones.
@Suite struct FoundationParityTests {
    // MARK: - fromJSON

    /// `fromJSON` as it was: `JSONSerialization` with fragments, booleans told from numbers by their encoding.
    private static func foundationParse(_ text: String) -> ExpressionValue? {
        func convert(_ object: Any) -> ExpressionValue {
            switch object {
            case let string as String: return .string(string)
            case let number as NSNumber:
                let encoding = String(cString: number.objCType)
                if encoding == "c" || encoding == "B" { return .bool(number.boolValue) }
                return .number(number.doubleValue)
            case let array as [Any]: return .array(array.map(convert))
            case let dictionary as [String: Any]: return .object(dictionary.mapValues(convert))
            default: return .null
            }
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) else { return nil }
        return convert(object)
    }

    /// Equal, with numbers compared bit for bit (so `-0.0` is not `0.0`).
    private static func same(_ a: ExpressionValue?, _ b: ExpressionValue?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case (.number(let x)?, .number(let y)?): return x.bitPattern == y.bitPattern
        case (.array(let x)?, .array(let y)?): return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        case (.object(let x)?, .object(let y)?): return x.keys.sorted() == y.keys.sorted() && x.allSatisfy { same($0.value, y[$0.key]) }
        default: return a == b
        }
    }

    private static func parsed(_ text: String) -> ExpressionValue? { try? ExpressionValue.parseJSON(text) }

    static let jsonTexts = [
        "{\"a\":[1,true,null]}", "2", "\"x\"", "true", "false", "null", " 1 ", "\u{FEFF}[1]",
        "-0", "-0.0", "0", "01", "-01", "1.", ".5", "1.e5", "1e", "1e+", "-", "1e05", "0e5", "1E2", "1E400",
        "1e400", "-1e400", "1e-400", "0.1", "0.30000000000000004", "3.14159265358979323846", "-2.5e-3",
        "123456789012345678901234567890", "18446744073709551615", "18446744073709551616", "9223372036854775807",
        "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "12345678901234567",
        "100000000000000000000000000000000000001", "1.7976931348623157e308", "4.9e-324", "1e127", "1.5e128",
        "[1,]", "{\"a\":1,}", "[1,,]", "[,]", "{,}", "[1 2]", "{\"a\":1,\"a\":2}", "{\"a\" 1}", "{1:2}",
        "\"\\ud83d\\ude00\"", "\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\u0041\"", "\"\\u0000\"", "\"\\/\\b\\f\"",
        "\"\\x\"", "\"\t\"", "\"a", "tru", "True", "nul", "truex", "[true1]", "", "  ", "// c\n1", "1 2", "[1]x",
        String(repeating: "[", count: 512) + String(repeating: "]", count: 512),
        String(repeating: "[", count: 513) + String(repeating: "]", count: 513),
        "{\"é\":1,\"e\u{301}\":2}",
    ]

    @Test(arguments: jsonTexts)
    func fromJSONReadsWhatJSONSerializationRead(_ text: String) {
        #expect(Self.same(Self.parsed(text), Self.foundationParse(text)), "\(text.prefix(60).debugDescription)")
    }

    @Test func fromJSONNumbersMatchJSONSerializationOnRandomLiterals() {
        var random = SeededGenerator(seed: 42)
        func digits(_ count: Int, leadingZero: Bool = true) -> String {
            String((0..<count).map { index in
                Character(String(index == 0 && !leadingZero ? Int.random(in: 1...9, using: &random) : Int.random(in: 0...9, using: &random)))
            })
        }
        for _ in 0..<4000 {
            var literal = Bool.random(using: &random) ? "-" : ""
            let integerDigits = Int.random(in: 1...24, using: &random)
            literal += integerDigits == 1 ? digits(1) : digits(integerDigits, leadingZero: false)
            if Bool.random(using: &random) { literal += "." + digits(Int.random(in: 1...24, using: &random)) }
            if Int.random(in: 0..<3, using: &random) == 0 {
                literal += ["e", "E", "e+", "e-", "E-"].randomElement(using: &random)! + digits(Int.random(in: 1...3, using: &random))
            }
            #expect(Self.same(Self.parsed(literal), Self.foundationParse(literal)), "\(literal)")
        }
    }

    @Test func fromJSONMatchesJSONSerializationOnRandomTexts() {
        var random = SeededGenerator(seed: 7)
        let pieces = ["[", "]", "{", "}", ",", ":", " ", "\"k\"", "\"k\"", "\"j\"", "1", "-0", "2.50", "1e3", "true", "false",
                      "null", "\"\\u00e9\"", "\"\\n\"", "12345678901234567890.5"]
        for _ in 0..<20000 {
            let text = (0..<Int.random(in: 1...10, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            #expect(Self.same(Self.parsed(text), Self.foundationParse(text)), "\(text)")
        }
    }

    @Test func toJSONEscapesControlCharactersAsStringFormatDid() {
        for value in 0..<0x80 {
            let text = "a" + String(Character(Unicode.Scalar(UInt8(value)))) + "é"
            var expected = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": expected += "\\\""
                case "\\": expected += "\\\\"
                case "\n": expected += "\\n"
                case "\r": expected += "\\r"
                case "\t": expected += "\\t"
                case let c where c.value < 0x20: expected += String(format: "\\u%04x", c.value)
                default: expected.unicodeScalars.append(scalar)
                }
            }
            #expect(ExpressionValue.string(text).json == expected + "\"")
        }
    }

    // MARK: - Text

    @Test func caseInsensitiveComparisonMatchesFoundationOnASCII() {
        var random = SeededGenerator(seed: 3)
        let alphabet = (0x20...0x7E).map { Character(Unicode.Scalar(UInt8($0))) } + ["\t", "\n"]
        func text() -> String { String((0..<Int.random(in: 0...5, using: &random)).map { _ in alphabet.randomElement(using: &random)! }) }
        for _ in 0..<20000 {
            let a = text(), b = Bool.random(using: &random) ? text() : a.uppercased()
            #expect(ExpressionEvaluator.compareIgnoringCase(a, b) == a.caseInsensitiveCompare(b).rawValue, "\(a.debugDescription) \(b.debugDescription)")
        }
    }

    @Test func caseInsensitiveEqualityMatchesFoundationBeyondASCII() {
        let pairs = [("ß", "SS"), ("Straße", "STRASSE"), ("é", "e\u{301}"), ("É", "e\u{301}"), ("K", "\u{212A}"), ("Σ", "ς"),
                     ("ﬁ", "FI"), ("Ä", "ä"), ("İ", "i"), ("é", "e"), ("日本", "日本"), ("a", "ä")]
        for (a, b) in pairs {
            #expect((ExpressionEvaluator.compareIgnoringCase(a, b) == 0) == (a.caseInsensitiveCompare(b) == .orderedSame), "\(a) \(b)")
        }
    }

    @Test func containsMatchesFoundationIncludingAnEmptyItem() throws {
        var random = SeededGenerator(seed: 5)
        let alphabet: [Character] = ["a", "B", "b", "-", "/", " "]
        func text(_ length: ClosedRange<Int>) -> String { String((0..<Int.random(in: length, using: &random)).map { _ in alphabet.randomElement(using: &random)! }) }
        for _ in 0..<5000 {
            let search = text(0...6), item = text(0...2)
            let found = try ExpressionEvaluator(context: ExpressionContext()).evaluate(.contains(.string(search), .string(item)))
            #expect(found == .bool(search.lowercased().contains(item.lowercased())), "\(search.debugDescription) \(item.debugDescription)")
        }
    }

    @Test func trimmingMatchesFoundationWhitespacesOnEveryScalar() {
        var differing: [String] = []
        for value in 0...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if ExpressionValue.trimmingSpaces(String(scalar)).isEmpty != CharacterSet.whitespaces.contains(scalar) {
                differing.append("U+" + String(value, radix: 16, uppercase: true))
            }
        }
        #expect(differing == [])
    }

    @Test func trimmingMatchesFoundationWhitespaces() {
        var random = SeededGenerator(seed: 11)
        let alphabet: [Character] = [" ", "\t", "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}", "\u{1680}", "\u{2000}", "\u{2005}", "\u{200A}",
                                     "\u{200B}", "\u{2028}", "\u{202F}", "\u{205F}", "\u{3000}", "\u{FEFF}", "1", "x", "e\u{301}", "\u{301}"]
        for _ in 0..<20000 {
            let text = String((0..<Int.random(in: 0...6, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
            #expect(ExpressionValue.trimmingSpaces(text) == text.trimmingCharacters(in: .whitespaces), "\(text.debugDescription)")
        }
    }

    // MARK: - Paths

    @Test func pathTextMatchesNSString() {
        var random = SeededGenerator(seed: 13)
        // ASCII only: NSString itself traps on some non-ASCII paths with repeated slashes.
        let pieces = ["/", "/", "a", "bc", ".", "..", "x.yml", " "]
        for _ in 0..<20000 {
            let path = (0..<Int.random(in: 0...6, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            let component = (0..<Int.random(in: 0...2, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            let ns = path as NSString
            #expect(FilePaths.lastComponent(of: path) == ns.lastPathComponent, "\(path.debugDescription)")
            #expect(FilePaths.appending(component, to: path) == ns.appendingPathComponent(component), "\(path.debugDescription) + \(component.debugDescription)")
            // NSString traps on a single name without a slash (`a`, `a/`); everything else is compared.
            let fixed = path.split(separator: "/", omittingEmptySubsequences: true)
            if path.hasPrefix("/") || fixed.count != 1 || fixed[0].count != 1 {
                #expect(FilePaths.removingLastComponent(of: path) == ns.deletingLastPathComponent, "\(path.debugDescription)")
            }
        }
    }

    @Test func subpathsListWhatTheDirectoryEnumeratorListed() throws {
        let root = NSTemporaryDirectory() + "pipewright-subpaths-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        for folder in ["a/b", ".hidden", "empty", "outside/d"] {
            try FileManager.default.createDirectory(atPath: root + "/tree/" + folder, withIntermediateDirectories: true)
        }
        for file in ["a/b/f1", "a/f2", ".hidden/h", ".dot", "outside/d/o1"] {
            #expect(FileManager.default.createFile(atPath: root + "/tree/" + file, contents: Data("x".utf8)))
        }
        try FileManager.default.createSymbolicLink(atPath: root + "/tree/linked", withDestinationPath: "outside/d")
        try FileManager.default.createSymbolicLink(atPath: root + "/tree/file-link", withDestinationPath: "a/f2")
        try FileManager.default.createSymbolicLink(atPath: root + "/tree/dangling", withDestinationPath: "nowhere")
        var listed: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: root + "/tree")
        while let relative = enumerator?.nextObject() as? String { listed.append(relative) }
        #expect(FilePaths.subpaths(of: root + "/tree").sorted() == listed.sorted())
        #expect(FilePaths.subpaths(of: root + "/missing").isEmpty)
        #expect(FilePaths.isFolder(root + "/tree/linked") == true)
        #expect(FilePaths.isFolder(root + "/tree/file-link") == false)
        #expect(FilePaths.isFolder(root + "/tree/dangling") == nil)
    }

    @Test func resolvingSymlinksMatchesNSStringWhereNoLinkIsRelative() throws {
        let root = URL(fileURLWithPath: NSTemporaryDirectory() + "pipewright-resolve-" + UUID().uuidString).resolvingSymlinksInPath().path
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/real/sub", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root + "/absolute", withDestinationPath: root + "/real")
        for path in ["", "/real", "/real/sub/", "/real//sub/./x", "/absolute", "/absolute/sub/new/file.yml", "/absolute/../real",
                     "/new/deeper/file", "/real/../../" + FilePaths.lastComponent(of: root) + "/real"] {
            #expect(Workspace.resolvingSymlinks(in: root + path) == (root + path as NSString).resolvingSymlinksInPath, "\(path)")
        }
    }
}
