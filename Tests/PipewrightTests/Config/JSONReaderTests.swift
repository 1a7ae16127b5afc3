import Testing
@testable import Pipewright

@Suite struct JSONReaderTests {
    @Test func keepsMemberOrderAndLiterals() throws {
        let value = try JSONReader.read(#"{"b": [1, -2.5e3, true, false, null], "a": "x\"y\u00e9\ud83d\ude00\n"}"#)
        #expect(value == .object([
            JSONMember("b", .array([.number("1"), .number("-2.5e3"), .bool(true), .bool(false), .null])),
            JSONMember("a", .string("x\"yé😀\n")),
        ]))
    }

    @Test func writerAndReaderAgree() throws {
        let value = JSONValue.object([
            "text": .string("tab\tquote\"back\\slash\u{01}é"), "empty": .object([]), "list": .array([]), "n": .int(-3),
        ])
        let text = JSONWriter.write(value)
        #expect(text == "{\n  \"text\": \"tab\\tquote\\\"back\\\\slash\\u0001é\",\n  \"empty\": {},\n  \"list\": [],\n  \"n\": -3\n}\n")
        #expect(try JSONReader.read(text) == value)
    }

    @Test func rejectsDuplicateKeysInLargeObjects() {
        let members = (0..<40).map { "\"k\($0)\": \($0)" }.joined(separator: ",\n") + ",\n\"k7\": 0"
        #expect(throws: JSONSyntaxError(fileName: "pipewright.json", line: 42, column: 1, message: "duplicate key \"k7\" (first at line 9); each key may appear once")) {
            try JSONReader.read("{\n" + members + "}")
        }
    }

    @Test(arguments: [
        ("{\"a\": 1 \"b\": 2}", 1, 9, "expected ',' or '}' after an object member"),
        ("{\"a\": \"line\nbreak\"}", 1, 12, "line break inside a string; write it as \\n"),
        ("{\"a\": \"\\x\"}", 1, 9, "invalid escape '\\x' in a string; expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX"),
        ("{\"é\": 1.}", 1, 9, "expected a digit after the decimal point"),
        ("{} {}", 1, 4, "unexpected text after the JSON value"),
        ("{\"a\" 1}", 1, 6, "expected ':' after the key \"a\", found '1'"),
        ("\u{FEFF}[1,]", 1, 5, "expected a value after ','; trailing commas are not allowed"),
    ])
    func reportsPositions(input: String, line: Int, column: Int, message: String) {
        #expect(throws: JSONSyntaxError(fileName: "pipewright.json", line: line, column: column, message: message)) {
            try JSONReader.read(input)
        }
    }

    @Test func refusesDeepNesting() {
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: JSONSyntaxError(fileName: "pipewright.json", line: 1, column: 65, message: "nesting deeper than 64 levels")) {
            try JSONReader.read(deep)
        }
    }
}
