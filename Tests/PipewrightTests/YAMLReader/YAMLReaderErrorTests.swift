import Testing
import Pipewright

/// One invalid document and its error, word for word.
struct InvalidYAMLCase: Sendable, CustomTestStringConvertible {
    let yaml: String
    let error: String
    let line: Int

    init(_ yaml: String, _ error: String, line: Int = #line) {
        self.yaml = yaml
        self.error = error
        self.line = line
    }

    var testDescription: String { "line \(line): \(yaml.debugDescription)" }
}

/// Each position was counted by hand; each message names what is wrong and what to write instead.
let invalidYAMLCases: [InvalidYAMLCase] = [
    // Structure
    InvalidYAMLCase("jobs:\n  build:\n    runs-on\n    steps: []\n", "3:5: expected ':' after the mapping key \"runs-on\""),
    InvalidYAMLCase("build:\n  steps: []\n  runs-on\n", "3:3: expected ':' after the mapping key \"runs-on\""),
    InvalidYAMLCase("a:\n\tb: 1\n", "2:1: a tab in indentation; YAML indents with spaces only"),
    InvalidYAMLCase("a:\n  \t- b\n", "2:3: a tab in indentation; YAML indents with spaces only"),
    InvalidYAMLCase("-\tk: v\n", "1:2: a tab in indentation; YAML indents with spaces only"),
    InvalidYAMLCase("a: \"x\"\n  b: 1\n", "2:3: unexpected indentation: this line is indented more than the keys of its mapping (column 1)"),
    InvalidYAMLCase("a:\n    b: 1\n  c: 2\n", "3:3: unexpected indentation: this line is indented more than the keys of its mapping (column 1)"),
    InvalidYAMLCase("- - a\n  - b\n - c\n", "3:2: unexpected indentation: this line is indented more than the items of its sequence (column 1)"),
    InvalidYAMLCase("a: 1\n  b: 2\n", "2:3: the plain scalar that starts at 1:4 goes on here, where ': ' is not allowed; indent \"b\" like the keys above it, or quote the scalar"),
    InvalidYAMLCase("a:\n  - b\n  c: d\n", "3:3: expected '- ' for the next item of the sequence at column 3, found 'c'"),
    InvalidYAMLCase("- a\nb: c\n", "2:1: expected '- ' for the next item of the sequence at column 1, found 'b'"),
    InvalidYAMLCase("  a: 1\nb: 2\n", "2:1: this line is indented less than the document's first line (column 3); expected the end of the document"),
    InvalidYAMLCase("\"a\"\nb\n", "2:1: expected the end of the document, found 'b'; a document has one top-level node"),
    InvalidYAMLCase("a: b: c\n", "1:5: unexpected ': ' after \"b\"; a value on its key's line cannot be a mapping — quote the value, or start the mapping on the next line"),
    InvalidYAMLCase("a: - b\n", "1:4: a sequence cannot start on the same line as its key; start it on the next line"),
    InvalidYAMLCase("--- a: b\n", "1:6: a mapping cannot start on the '---' line; start it on the next line"),
    InvalidYAMLCase("--- - a\n", "1:5: a sequence cannot start on the same line as '---'; start it on the next line"),
    InvalidYAMLCase(": x\n", "1:1: expected a mapping key before ':'"),
    InvalidYAMLCase("a: 1\nb:\n  - x\n- y\n", "4:1: expected a mapping key at column 1, found a sequence item; a sequence belongs under a key"),
    InvalidYAMLCase("a:\n  b: 1\n c: 2\n", "3:2: unexpected indentation: this line is indented more than the keys of its mapping (column 1)"),
    InvalidYAMLCase("jobs:\n  a:\n    steps:\n      - run: x\n     - run: y\n", "5:6: unexpected indentation: this line is indented more than the keys of its mapping (column 5)"),
    InvalidYAMLCase("a: >\n  x\n b\n", "3:2: unexpected indentation: this line is indented more than the keys of its mapping (column 1)"),
    InvalidYAMLCase("a: |2\n b\n", "2:2: unexpected indentation: this line is indented more than the keys of its mapping (column 1)"),
    // Keys
    InvalidYAMLCase("a: 1\nb: 2\na: 3\n", "3:1: duplicate key \"a\" (first at line 1); each key may appear once"),
    InvalidYAMLCase("on:\n  push: {}\n  push: {}\n", "3:3: duplicate key \"push\" (first at line 2); each key may appear once"),
    InvalidYAMLCase("{a: 1, a: 2}\n", "1:8: duplicate key \"a\" (first at line 1); each key may appear once"),
    InvalidYAMLCase("true: 1\nTrue: 2\n", "2:1: duplicate key \"True\" (first at line 1); each key may appear once"),
    InvalidYAMLCase("[a]: b\n", "1:1: a mapping key must be a scalar, not a sequence"),
    InvalidYAMLCase("{a: 1}: x\n", "1:1: a mapping key must be a scalar, not a mapping"),
    InvalidYAMLCase("? [a]\n: b\n", "1:1: a mapping key must be a scalar, not a sequence"),
    InvalidYAMLCase("\"a\nb\": 1\n", "1:1: an implicit key must be on one line; write a longer key as an explicit key ('? key')"),
    InvalidYAMLCase(String(repeating: "k", count: 1025) + ": v\n",
                    "1:1: an implicit key is limited to 1024 characters and this one has 1025; write it as an explicit key ('? key')"),
    InvalidYAMLCase("\"a\": 1\na: 2\n", "2:1: duplicate key \"a\" (first at line 1); each key may appear once"),
    InvalidYAMLCase("? a\n: 1\n? a\n: 2\n", "3:3: duplicate key \"a\" (first at line 1); each key may appear once"),
    InvalidYAMLCase("base: &b {x: 1}\nc:\n  <<: *b\n", "3:3: merge keys ('<<') are not supported: GitHub Actions does not merge them; write the keys out, or quote '<<' to mean the text"),
    InvalidYAMLCase("c: {<<: {x: 1}}\n", "1:5: merge keys ('<<') are not supported: GitHub Actions does not merge them; write the keys out, or quote '<<' to mean the text"),
    // Documents
    InvalidYAMLCase("a: 1\n---\nb: 2\n", "2:1: a workflow file holds one YAML document; found a second one here"),
    InvalidYAMLCase("a: 1\n...\nb: 2\n", "3:1: a workflow file holds one YAML document; found a second one here"),
    InvalidYAMLCase("a: 1\n... x\n", "2:5: expected a comment or the end of the line after '...', found 'x'"),
    InvalidYAMLCase("%YAML 1.2\n---\na: 1\n", "1:1: directives ('%YAML', '%TAG') are not supported; a workflow needs none — remove the line"),
    // Scalars
    InvalidYAMLCase("a: \"abc\n", "1:4: a double-quoted scalar starts here and never ends; expected a closing '\"'"),
    InvalidYAMLCase("a: 'abc\n", "1:4: a single-quoted scalar starts here and never ends; expected a closing \"'\""),
    InvalidYAMLCase("a: \"\\q\"\n", "1:5: invalid escape '\\q'; expected one of \\0 \\a \\b \\t \\n \\v \\f \\r \\e \\<space> \\\" \\/ \\\\ \\N \\_ \\L \\P \\xXX \\uXXXX \\UXXXXXXXX"),
    InvalidYAMLCase("a: \"\\x4\"\n", "1:5: expected 2 hexadecimal digits after '\\x'"),
    InvalidYAMLCase("a: \"\\uD800\"\n", "1:5: the escape '\\uD800' is not a Unicode character (a surrogate, or beyond U+10FFFF)"),
    InvalidYAMLCase("a: \"\\U00110000\"\n", "1:5: the escape '\\U00110000' is not a Unicode character (a surrogate, or beyond U+10FFFF)"),
    InvalidYAMLCase("a: \"x\n---\ny\"\n", "2:1: a document marker inside the quoted scalar that starts at 1:4; close the quote first"),
    InvalidYAMLCase("a: \"b\" c\n", "1:8: expected a comment or the end of the line after the quoted scalar \"b\", found 'c'"),
    InvalidYAMLCase("a: \"b\"#c\n", "1:7: a comment needs a space before '#'"),
    InvalidYAMLCase("a: @b\n", "1:4: '@' is reserved in YAML and cannot start a plain scalar; quote the value"),
    InvalidYAMLCase("a: %b\n", "1:4: '%' cannot start a plain scalar; quote the value"),
    InvalidYAMLCase("a: 99999999999999999999\n", "1:4: the integer 99999999999999999999 does not fit in 64 bits; quote it to keep it as text"),
    InvalidYAMLCase("a: |x\n  b\n", "1:5: expected a chomping indicator ('-' or '+'), an indentation indicator (1-9), a comment or the end of the line after '|', found 'x'"),
    InvalidYAMLCase("a: >0\n  b\n", "1:5: an indentation indicator is a digit from 1 to 9, not 0"),
    InvalidYAMLCase("a: |\n    \n  b\n", "2:1: an empty line at the start of a block scalar has 4 spaces, more than the 2 of its first line; remove them, or give the indentation with an indicator ('|2')"),
    InvalidYAMLCase("run: \"echo\n  hi\n", "1:6: a double-quoted scalar starts here and never ends; expected a closing '\"'"),
    InvalidYAMLCase("a: \"x\\\n", "1:4: a double-quoted scalar starts here and never ends; expected a closing '\"'"),
    InvalidYAMLCase("a: 'it''s\n", "1:4: a single-quoted scalar starts here and never ends; expected a closing \"'\""),
    InvalidYAMLCase("a: 'x' y\n", "1:8: expected a comment or the end of the line after the quoted scalar \"x\", found 'y'"),
    InvalidYAMLCase("a: \"\\u12\"\n", "1:5: expected 4 hexadecimal digits after '\\u'"),
    InvalidYAMLCase("a: \"\\U0001F60\"\n", "1:5: expected 8 hexadecimal digits after '\\U'"),
    // Flow collections
    InvalidYAMLCase("a: [1, 2\n", "1:4: the flow sequence that starts here never ends; expected ']'"),
    InvalidYAMLCase("a: {b: 1\n", "1:4: the flow mapping that starts here never ends; expected '}'"),
    InvalidYAMLCase("[a, , b]\n", "1:5: expected an entry or ']' in the flow sequence, found ','"),
    InvalidYAMLCase("{a: 1 b: 2}\n", "1:8: expected ',' or '}' after an entry of the flow mapping that starts at 1:1, found ':'"),
    InvalidYAMLCase("a: [b] c\n", "1:8: expected a comment or the end of the line after the flow sequence, found 'c'"),
    InvalidYAMLCase("[ | ]\n", "1:3: a block scalar ('|' or '>') cannot appear inside a flow collection; use a quoted scalar"),
    InvalidYAMLCase("[- a]\n", "1:2: a block sequence ('- ') cannot appear inside a flow collection; write the items between '[' and ']'"),
    InvalidYAMLCase("{? a: b}\n", "1:2: explicit keys ('? ') are not supported inside a flow collection; write 'key: value'"),
    InvalidYAMLCase("a: [\n---\n]\n", "2:1: a document marker inside the flow sequence that starts at 1:4; close the flow sequence first"),
    InvalidYAMLCase("on: [push,\n  pull_request\njobs: {}\n", "2:3: an implicit key must be on one line; if the flow sequence that starts at 1:5 should end before it, it lacks its ']'"),
    InvalidYAMLCase("[a, \"b]\n", "1:5: a double-quoted scalar starts here and never ends; expected a closing '\"'"),
    InvalidYAMLCase("a: [b, c]]\n", "1:10: expected a comment or the end of the line after the flow sequence, found ']'"),
    InvalidYAMLCase("a: {b: 1}}\n", "1:10: expected a comment or the end of the line after the flow mapping, found '}'"),
    // Anchors, aliases, tags
    InvalidYAMLCase("a: *nope\n", "1:4: the alias '*nope' names no anchor defined before it"),
    InvalidYAMLCase("a: &x [*x]\n", "1:8: the alias '*x' names no anchor defined before it"),
    InvalidYAMLCase("a: &x &y 1\n", "1:7: a node has at most one anchor; found a second '&'"),
    InvalidYAMLCase("a: &x *y\n", "1:4: an alias cannot have an anchor of its own"),
    InvalidYAMLCase("a: !!str 1\n", "1:4: tags ('!') are not supported; a workflow needs none — remove the tag, or quote the value if '!' belongs to it"),
    InvalidYAMLCase("- &a x\n- *a\n- *b\n", "3:3: the alias '*b' names no anchor defined before it"),
    InvalidYAMLCase("a: *\n", "1:4: expected a name after '*'"),
    InvalidYAMLCase("a: & x\n", "1:4: expected a name after '&'"),
    InvalidYAMLCase("a: !foo x\n", "1:4: tags ('!') are not supported; a workflow needs none — remove the tag, or quote the value if '!' belongs to it"),
    // Characters
    InvalidYAMLCase("a: b\u{7}\n", "1:5: the control character U+0007 is not allowed in YAML; write it as an escape inside double quotes"),
    InvalidYAMLCase("a: \u{85}\u{9F}\n", "1:5: the control character U+009F is not allowed in YAML; write it as an escape inside double quotes"),
    InvalidYAMLCase("a: b\u{0}\n", "1:5: the control character U+0000 is not allowed in YAML; write it as an escape inside double quotes"),
]

@Suite struct YAMLReaderErrorTests {
    @Test(arguments: invalidYAMLCases)
    func rejectsInvalidDocuments(_ testCase: InvalidYAMLCase) {
        do {
            let document = try YAMLReader.read(testCase.yaml)
            Issue.record("read without an error: \(YAMLShape(document.root))")
        } catch {
            #expect(error.description == testCase.error)
        }
    }
}
