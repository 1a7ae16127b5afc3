import Testing
@testable import Pipewright

@Test func jsonKeepsOrderIndentsAndDropsComments() {
    let node = YAMLNode.map([
        YAMLEntry("name", .string("CI"), comment: "dropped", leadingComments: ["dropped too"]),
        YAMLEntry("on", .map([YAMLEntry("push", .map([YAMLEntry("branches", .sequence([.string("main"), .string("v*")]))]))])),
        YAMLEntry("permissions", .map([])),
        YAMLEntry("args", .sequence([])),
        YAMLEntry("count", .int(-3)),
        YAMLEntry("flags", .sequence([.bool(true), .bool(false), .null])),
        YAMLEntry("matrix", .sequence([.sequence([.int(1)]), .map([YAMLEntry("a", .string("b"))])])),
    ])
    #expect(JSONEmitter.emit(node) == """
        {
          "name": "CI",
          "on": {
            "push": {
              "branches": [
                "main",
                "v*"
              ]
            }
          },
          "permissions": {},
          "args": [],
          "count": -3,
          "flags": [
            true,
            false,
            null
          ],
          "matrix": [
            [
              1
            ],
            {
              "a": "b"
            }
          ]
        }

        """)
}

/// DEL is escaped too: RFC 8259 allows it raw, but an escape keeps it visible in a diff.
@Test func jsonEscapesPerRFC8259AndWritesNonASCIIAsIs() {
    let text = "q\" b\\ n\n r\r t\t nul\u{0} esc\u{1B} us\u{1F} del\u{7F} é ☃ 🚀 \u{2028} / ${{ x }}"
    #expect(JSONEmitter.emit(.string(text))
        == "\"q\\\" b\\\\ n\\n r\\r t\\t nul\\u0000 esc\\u001B us\\u001F del\\u007F é ☃ 🚀 \u{2028} / ${{ x }}\"\n")
}

@Test func jsonOfBareScalars() {
    #expect(JSONEmitter.emit(.int(0)) == "0\n")
    #expect(JSONEmitter.emit(.bool(true)) == "true\n")
    #expect(JSONEmitter.emit(.null) == "null\n")
    #expect(JSONEmitter.emit(.map([])) == "{}\n")
    #expect(JSONEmitter.emit(.sequence([])) == "[]\n")
    #expect(JSONEmitter.emit(.map([YAMLEntry("on", .string("on"))])) == "{\n  \"on\": \"on\"\n}\n")
}
