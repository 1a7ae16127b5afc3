import Testing
@testable import Pipewright

/// One string and the exact text the emitter must write for it as a mapping value.
struct ScalarCase: Sendable, CustomTestStringConvertible {
    let input: String
    let expected: String
    let line: Int

    init(_ input: String, _ expected: String, line: Int = #line) {
        self.input = input
        self.expected = expected
        self.line = line
    }

    var testDescription: String { "line \(line): \(input.debugDescription)" }
}

/// Every expected form was read by hand against YAML 1.1 and 1.2: a plain form here is one that neither
/// version reads as anything but the string, and a quoted one is one that some loader would misread plain.
let scalarCases: [ScalarCase] = [
    // Booleans and nulls of YAML 1.1 and 1.2, in every case variant.
    ScalarCase("on", "'on'"), ScalarCase("On", "'On'"), ScalarCase("ON", "'ON'"),
    ScalarCase("off", "'off'"), ScalarCase("Off", "'Off'"), ScalarCase("OFF", "'OFF'"),
    ScalarCase("yes", "'yes'"), ScalarCase("Yes", "'Yes'"), ScalarCase("YES", "'YES'"),
    ScalarCase("no", "'no'"), ScalarCase("No", "'No'"), ScalarCase("NO", "'NO'"),
    ScalarCase("y", "'y'"), ScalarCase("Y", "'Y'"), ScalarCase("n", "'n'"), ScalarCase("N", "'N'"),
    ScalarCase("true", "'true'"), ScalarCase("True", "'True'"), ScalarCase("TRUE", "'TRUE'"),
    ScalarCase("false", "'false'"), ScalarCase("False", "'False'"), ScalarCase("FALSE", "'FALSE'"),
    ScalarCase("null", "'null'"), ScalarCase("Null", "'Null'"), ScalarCase("NULL", "'NULL'"),
    ScalarCase("~", "'~'"), ScalarCase("", "''"),
    // Numbers in every notation either version knows.
    ScalarCase("3.10", "'3.10'"), ScalarCase("0755", "'0755'"), ScalarCase("0o17", "'0o17'"),
    ScalarCase("0x1F", "'0x1F'"), ScalarCase("0b101", "'0b101'"), ScalarCase("1e3", "'1e3'"),
    ScalarCase("1.0e+3", "'1.0e+3'"), ScalarCase(".5", "'.5'"), ScalarCase("+1", "'+1'"),
    ScalarCase("-1", "'-1'"), ScalarCase("-1.5", "'-1.5'"), ScalarCase("0", "'0'"), ScalarCase("12", "'12'"),
    ScalarCase("1_000", "'1_000'"), ScalarCase("1.", "'1.'"), ScalarCase(".inf", "'.inf'"),
    ScalarCase("-.Inf", "'-.Inf'"), ScalarCase("+.INF", "'+.INF'"), ScalarCase(".nan", "'.nan'"),
    ScalarCase(".NaN", "'.NaN'"), ScalarCase("1:20", "'1:20'"), ScalarCase("190:20:30.15", "'190:20:30.15'"),
    ScalarCase("+", "'+'"),
    // Timestamps of YAML 1.1.
    ScalarCase("2001-12-14", "'2001-12-14'"), ScalarCase("2001-12-14t21:59:43.10-05:00", "'2001-12-14t21:59:43.10-05:00'"),
    ScalarCase("2001-12-14 21:59:43.10 -5", "'2001-12-14 21:59:43.10 -5'"),
    // Indicators at the start.
    ScalarCase("* x", "'* x'"), ScalarCase("*x", "'*x'"), ScalarCase("&a", "'&a'"), ScalarCase("!tag", "'!tag'"),
    ScalarCase("|x", "'|x'"), ScalarCase(">x", "'>x'"), ScalarCase("%x", "'%x'"), ScalarCase("@x", "'@x'"),
    ScalarCase("`x`", "'`x`'"), ScalarCase("'x", "'''x'"), ScalarCase("'", "''''"), ScalarCase("\"x", "'\"x'"),
    ScalarCase("[a]", "'[a]'"), ScalarCase("]", "']'"), ScalarCase("{a}", "'{a}'"), ScalarCase("}", "'}'"),
    ScalarCase(",", "','"), ScalarCase("#x", "'#x'"), ScalarCase("?x", "'?x'"), ScalarCase("? x", "'? x'"),
    ScalarCase(": x", "': x'"), ScalarCase(":x", "':x'"), ScalarCase("- x", "'- x'"), ScalarCase("-", "'-'"),
    ScalarCase("---", "'---'"), ScalarCase("--- x", "'--- x'"), ScalarCase("...", "'...'"),
    ScalarCase("<<", "'<<'"), ScalarCase("=", "'='"),
    // Separators inside, spaces at the ends.
    ScalarCase("a: b", "'a: b'"), ScalarCase("a #b", "'a #b'"), ScalarCase("a:", "'a:'"),
    ScalarCase(" x", "' x'"), ScalarCase("x ", "'x '"), ScalarCase(" ", "' '"),
    ScalarCase("\u{A0}x", "'\u{A0}x'"), ScalarCase("it's 'quoted': yes", "'it''s ''quoted'': yes'"),
    // Control characters and Unicode line breaks only survive as escapes.
    ScalarCase("a\tb", "\"a\\tb\""), ScalarCase("\u{7}", "\"\\x07\""), ScalarCase("a\rb", "\"a\\rb\""),
    ScalarCase("\0", "\"\\x00\""), ScalarCase("x\u{7F}", "\"x\\x7F\""), ScalarCase("\u{85}", "\"\\x85\""),
    ScalarCase("a\u{2028}b", "\"a\\u2028b\""), ScalarCase("a\u{2029}b", "\"a\\u2029b\""),
    ScalarCase("\u{FEFF}x", "\"\\uFEFFx\""), ScalarCase("tab\t\"q\" \\", "\"tab\\t\\\"q\\\" \\\\\""),
    // Safe as they are.
    ScalarCase("it's", "it's"), ScalarCase("a'b", "a'b"), ScalarCase("echo \"hi\"", "echo \"hi\""),
    ScalarCase("${{ github.sha }}", "${{ github.sha }}"),
    ScalarCase("${{ github.event_name == 'push' && 'a' || 'b' }}", "${{ github.event_name == 'push' && 'a' || 'b' }}"),
    ScalarCase("a:b", "a:b"), ScalarCase("a#b", "a#b"), ScalarCase("--flag", "--flag"), ScalarCase("-x", "-x"),
    ScalarCase("ubuntu-latest", "ubuntu-latest"), ScalarCase("ubuntu-24.04", "ubuntu-24.04"),
    ScalarCase("actions/checkout@fbc6f3992d24b796d5a048ff273f7fcc4a7b6c09", "actions/checkout@fbc6f3992d24b796d5a048ff273f7fcc4a7b6c09"),
    ScalarCase("https://example.com/a#b", "https://example.com/a#b"), ScalarCase("v1.2", "v1.2"),
    ScalarCase(".github/workflows", ".github/workflows"), ScalarCase("~/cache", "~/cache"),
    ScalarCase("1password", "1password"), ScalarCase("hello world", "hello world"), ScalarCase("naïve ☃", "naïve ☃"),
    ScalarCase("100%", "100%"), ScalarCase("a, b", "a, b"), ScalarCase("x]", "x]"), ScalarCase("e", "e"),
    ScalarCase("yess", "yess"), ScalarCase("nullable", "nullable"), ScalarCase("info", "info"),
]

@Test(arguments: scalarCases)
func scalarIsWrittenInTheSafeStyle(_ scalarCase: ScalarCase) {
    let yaml = YAMLEmitter.emit(.mapping([YAMLEntry("k", .string(scalarCase.input))]))
    #expect(yaml == "k: \(scalarCase.expected)\n", "case at line \(scalarCase.line)")
}

@Test(arguments: scalarCases)
func keyIsQuotedByTheSameRules(_ scalarCase: ScalarCase) {
    guard scalarCase.input != "on" else { return }
    let yaml = YAMLEmitter.emit(.mapping([YAMLEntry(scalarCase.input, .int(1))]))
    #expect(yaml == "\(scalarCase.expected): 1\n", "case at line \(scalarCase.line)")
}

@Test func keyOnIsWrittenPlainAsGitHubDocumentsIt() {
    let yaml = YAMLEmitter.emit(.mapping([YAMLEntry("on", .mapping([YAMLEntry("push", .mapping([]))]))]))
    #expect(yaml == "on:\n  push: {}\n")
}

@Test func keyWithLineBreakIsDoubleQuoted() {
    #expect(YAMLEmitter.emit(.mapping([YAMLEntry("a\nb", .int(1))])) == "\"a\\nb\": 1\n")
}

@Test func keyTooLongForAnImplicitKeyUsesTheExplicitForm() {
    let key = String(repeating: "k", count: 1100)
    let yaml = YAMLEmitter.emit(.mapping([
        YAMLEntry(key, .string("v")),
        YAMLEntry(key + "2", .mapping([YAMLEntry("a", .int(1))])),
    ]))
    #expect(yaml == "? \(key)\n: v\n\n? \(key)2\n:\n  a: 1\n")
}

@Test func nonStringScalarsArePlain() {
    let yaml = YAMLEmitter.emit(.mapping([
        YAMLEntry("int", .int(-42)), YAMLEntry("yes", .bool(true)), YAMLEntry("no", .bool(false)),
        YAMLEntry("nothing", .null),
    ]))
    #expect(yaml == "int: -42\n'yes': true\n'no': false\nnothing: null\n")
}

@Test func rootScalarsAreWrittenAlone() {
    #expect(YAMLEmitter.emit(.string("on")) == "'on'\n")
    #expect(YAMLEmitter.emit(.string("plain")) == "plain\n")
    #expect(YAMLEmitter.emit(.int(3)) == "3\n")
    #expect(YAMLEmitter.emit(.null) == "null\n")
    #expect(YAMLEmitter.emit(.string("a\nb\n")) == "|\n  a\n  b\n")
    // Loaders disagree about an indentation indicator at the root, so double quotes stand in.
    #expect(YAMLEmitter.emit(.string(" a\nb")) == "\" a\\nb\"\n")
}
