import Testing

/// One valid document and the tree it must read as.
struct ValidYAMLCase: Sendable, CustomTestStringConvertible {
    let name: String
    let yaml: String
    let expected: YAMLShape
    /// Why ruamel.yaml, the YAML 1.2 loader `Scripts/yaml-reader-agreement` compares with, reads this document
    /// differently; `nil` when it must agree.
    let ruamelDiffers: String?
    let line: Int

    init(_ name: String, _ yaml: String, _ expected: YAMLShape, ruamelDiffers: String? = nil, line: Int = #line) {
        self.name = name
        self.yaml = yaml
        self.expected = expected
        self.ruamelDiffers = ruamelDiffers
        self.line = line
    }

    var testDescription: String { "line \(line): \(name)" }
}

extension YAMLShape: @unchecked Sendable {}

/// Every expected tree was worked out from the YAML 1.2.2 specification (chapters 6 to 9 for the syntax,
/// section 10.3.2 for the core schema), not copied from the reader's output.
let validYAMLCases: [ValidYAMLCase] = [
    // MARK: Block collections
    ValidYAMLCase("a block mapping; `on` is a string", "name: CI\non: push\n",
                  .map(["name": "CI", "on": "push"])),
    ValidYAMLCase("nested mappings and a sequence of mappings",
                  "jobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n      - uses: actions/checkout@v4\n        with:\n          fetch-depth: 1\n",
                  .map(["jobs": .map(["build": .map([
                      "runs-on": "ubuntu-latest",
                      "steps": .seq([.map(["run": "make"]), .map(["uses": "actions/checkout@v4", "with": .map(["fetch-depth": .int(1)])])]),
                  ])])])),
    ValidYAMLCase("a sequence at its key's indentation", "branches:\n- main\n- 'release/*'\nnext: 1\n",
                  .map(["branches": .seq(["main", .single("release/*")]), "next": .int(1)])),
    ValidYAMLCase("compact nested sequences", "- - a\n  - b\n- - c\n",
                  .seq([.seq(["a", "b"]), .seq(["c"])])),
    ValidYAMLCase("four-space indentation and extra spaces after dashes",
                  "a:\n    b:\n        -   x\n        -    y: 1\n             z: 2\n    c: 1\n",
                  .map(["a": .map(["b": .seq(["x", .map(["y": .int(1), "z": .int(2)])]), "c": .int(1)])])),
    ValidYAMLCase("empty values are null", "a:\nb: ~\nc: null\nd: \"\"\ne:\n  -\n  - \n",
                  .map(["a": .null, "b": .null, "c": .null, "d": .double(""), "e": .seq([.null, .null])])),
    ValidYAMLCase("a root sequence", "- a\n- b\n", .seq(["a", "b"])),
    ValidYAMLCase("a root scalar after ---", "--- plain text\n", "plain text"),
    ValidYAMLCase("an empty document", "", .null),
    ValidYAMLCase("a document of comments", "# only a comment\n\n# and another\n", .null),
    ValidYAMLCase("--- and ... with nothing between", "---\n...\n", .null),
    ValidYAMLCase("explicit keys", "? key\n: value\n? other\n:\n  nested: 1\n? lone\nlast: x\n",
                  .map(["key": "value", "other": .map(["nested": .int(1)]), "lone": .null, "last": "x"])),
    ValidYAMLCase("an explicit key as Pipewright writes a long one",
                  "jobs:\n  ? '\(String(repeating: "k", count: 1100))'\n  :\n    runs-on: x\n  short: 1\n",
                  .map(["jobs": .map([.single(String(repeating: "k", count: 1100)): .map(["runs-on": "x"]), "short": .int(1)])])),
    ValidYAMLCase("an explicit entry inside a sequence item", "- ? a\n  : b\n", .seq([.map(["a": "b"])])),
    ValidYAMLCase("an implicit key of exactly 1024 characters", String(repeating: "k", count: 1024) + ": v\n",
                  .map([.plain(String(repeating: "k", count: 1024)): "v"])),
    ValidYAMLCase("keys of other types", "2: a\n~: b\ntrue: c\n3.5: d\n",
                  .map([.int(2): "a", .null: "b", .bool(true): "c", .float(3.5): "d"])),

    // MARK: Anchors and aliases
    ValidYAMLCase("an anchored mapping and its alias",
                  "defaults: &d\n  shell: bash\n  timeout: 5\nbuild: *d\nlist: [&x one, *x]\n",
                  .map(["defaults": .map(["shell": "bash", "timeout": .int(5)]), "build": .map(["shell": "bash", "timeout": .int(5)]),
                        "list": .seq(["one", "one"])])),
    ValidYAMLCase("an anchor before a key belongs to the key", "&k key: v\nother: *k\n",
                  .map(["key": "v", "other": "key"])),
    ValidYAMLCase("an anchor on a sequence item's compact mapping and on a sequence",
                  "- &m {a: 1}\n- *m\n- &s\n  - x\n- *s\n",
                  .seq([.map(["a": .int(1)]), .map(["a": .int(1)]), .seq(["x"]), .seq(["x"])])),
    ValidYAMLCase("an anchor name may hold ':'", "x: &a: 1\ny: *a:\n", .map(["x": .int(1), "y": .int(1)])),
    ValidYAMLCase("a quoted '<<' is an ordinary key (a plain one is a merge key, refused)", "c:\n  '<<': 1\nd: {\"<<\": 2}\n",
                  .map(["c": .map([.single("<<"): .int(1)]), "d": .map([.double("<<"): .int(2)])])),

    // MARK: Flow collections
    ValidYAMLCase("flow collections nested", "{a: 1, b: [x, y], c: {d: e}, 'q': \"r\"}\n",
                  .map(["a": .int(1), "b": .seq(["x", "y"]), "c": .map(["d": "e"]), .single("q"): .double("r")])),
    ValidYAMLCase("a flow sequence over lines, with comments and a trailing comma",
                  "steps: [\n  a,\n  b, # comment\n  c,\n]\n",
                  .map(["steps": .seq(["a", "b", "c"])])),
    ValidYAMLCase("pairs in a flow sequence, keys without values", "[a: 1, b, {c, d: }]\n",
                  .seq([.map(["a": .int(1)]), "b", .map(["c": .null, "d": .null])])),
    ValidYAMLCase("JSON-like keys need no space after ':'", "{\"a\":b, \"c\":[1]}\n",
                  .map([.double("a"): "b", .double("c"): .seq([.int(1)])])),
    ValidYAMLCase("':' inside flow plain scalars", "{a: b:c, url: http://x:8080/p}\n",
                  .map(["a": "b:c", "url": "http://x:8080/p"])),
    ValidYAMLCase("a plain scalar over lines in a flow collection", "[a\n b, c]\n", .seq(["a b", "c"])),
    ValidYAMLCase("empty flow collections", "a: []\nb: {}\nc: [[], {}]\n",
                  .map(["a": .seq([]), "b": .map([]), "c": .seq([.seq([]), .map([])])])),
    ValidYAMLCase("a flow collection less indented than its key on later lines", "key: [a,\nb]\n",
                  .map(["key": .seq(["a", "b"])])),

    // MARK: Plain scalars
    ValidYAMLCase("a multi-line plain scalar folds", "key: first\n  second\n\n  third\n\n\n  fourth\n",
                  .map(["key": "first second\nthird\n\nfourth"])),
    ValidYAMLCase("plain scalars with indicators inside", "a: x:y\nb: a#b\nc: -x\nd: ?y\ne: :z\nf: http://x.y/z?a=b#frag\ng: x :y\n",
                  .map(["a": "x:y", "b": "a#b", "c": "-x", "d": "?y", "e": ":z", "f": "http://x.y/z?a=b#frag", "g": "x :y"])),
    ValidYAMLCase("inner spaces stay, trailing spaces go", "a: x   y   \nb:    z\n", .map(["a": "x   y", "b": "z"])),
    ValidYAMLCase("a multi-line plain scalar in a sequence, and a continuation that starts with '- '",
                  "- a\n  b\n- c\n  - d\n", .seq(["a b", "c - d"])),
    ValidYAMLCase("a multi-line plain scalar at the root", "a\nb\n", "a b"),
    ValidYAMLCase("an expression stays one plain scalar", "if: ${{ github.ref == 'refs/heads/main' && !cancelled() }}\n",
                  .map(["if": "${{ github.ref == 'refs/heads/main' && !cancelled() }}"])),

    // MARK: Quoted scalars
    ValidYAMLCase("single-quoted scalars", "a: 'it''s'\nb: 'a\n  b\n\n  c'\nc: '  spaced  '\nd: ''\ne: 'no \\escape'\n",
                  .map(["a": .single("it's"), "b": .single("a b\nc"), "c": .single("  spaced  "), "d": .single(""), "e": .single("no \\escape")])),
    ValidYAMLCase("every double-quoted escape",
                  "a: \"\\0\\a\\b\\t\\\t\\n\\v\\f\\r\\e\\ \\\"\\/\\\\\\N\\_\\L\\P\"\nb: \"\\x41\\u00e9\\U0001F600\"\n",
                  .map(["a": .double("\u{0}\u{7}\u{8}\t\t\n\u{B}\u{C}\r\u{1B} \"/\\\u{85}\u{A0}\u{2028}\u{2029}"), "b": .double("Aé😀")])),
    ValidYAMLCase("double-quoted line folding and escaped line breaks",
                  "a: \"one\n  two\n\n  three\"\nb: \"x\\\n    y\"\nc: \"trail  \n  ing\"\nd: \"esc\\t\n  tab\"\ne: \"p\\\n\n  q\"\n",
                  .map(["a": .double("one two\nthree"), "b": .double("xy"), "c": .double("trail ing"), "d": .double("esc\t tab"), "e": .double("p\nq")])),
    ValidYAMLCase("a quoted scalar's lines may be less indented than its key", "key: \"a\nb\"\n",
                  .map(["key": .double("a b")])),
    ValidYAMLCase("quoted keys", "\"a b\": 1\n'c': 2\n", .map([.double("a b"): .int(1), .single("c"): .int(2)])),

    // MARK: Block scalars
    ValidYAMLCase("literal chomping: clip, strip, keep", "clip: |\n  a\n  b\n\nstrip: |-\n  a\n\nkeep: |+\n  a\n\nlast: x\n",
                  .map(["clip": .literal("a\nb\n"), "strip": .literal("a"), "keep": .literal("a\n\n"), "last": "x"])),
    ValidYAMLCase("indentation indicators", "a: |2\n   indented\n  next\nb: |1\n  x\nc: |-2\n    y\n",
                  .map(["a": .literal(" indented\nnext\n"), "b": .literal(" x\n"), "c": .literal("  y")])),
    ValidYAMLCase("an indentation indicator under a compact mapping counts from its key", "- k: |2\n     x\n",
                  .seq([.map(["k": .literal(" x\n")])])),
    ValidYAMLCase("leading empty lines and more-indented lines in a literal", "s: |\n\n  a\n    b\n",
                  .map(["s": .literal("\na\n  b\n")])),
    ValidYAMLCase("folding: breaks between text lines, kept around more-indented lines",
                  "f: >\n  one\n  two\n\n  three\n    more\n  four\n",
                  .map(["f": .folded("one two\nthree\n  more\nfour\n")])),
    ValidYAMLCase("folded chomping", "f: >-\n  a\n  b\n\n\ng: >+\n  a\n\n", .map(["f": .folded("a b"), "g": .folded("a\n\n")])),
    ValidYAMLCase("a header comment, and '#' lines inside the content",
                  "k: | # header comment\n  text\n  # not a comment\n# a comment\nj: 1\n",
                  .map(["k": .literal("text\n# not a comment\n"), "j": .int(1)])),
    ValidYAMLCase("empty block scalars", "a: |\nb: |+\n\nc: >-\n", .map(["a": .literal(""), "b": .literal("\n"), "c": .folded("")])),
    ValidYAMLCase("a block scalar at the root", "--- |\n  text\n", .literal("text\n")),
    ValidYAMLCase("a folded scalar at the root, indented 0", "--- >\nfolded\ntext\n", .folded("folded text\n")),
    ValidYAMLCase("a block scalar without a final line break keeps none", "k: |\n  abc", .map(["k": .literal("abc")])),
    ValidYAMLCase("a block scalar below its key", "k:\n  |\n   x\n", .map(["k": .literal("x\n")])),

    // MARK: The core schema
    ValidYAMLCase("integers", "a: 0\nb: -12\nc: +7\nd: 0o17\ne: 0x1F\nf: 007\ng: 0xff\n",
                  .map(["a": .int(0), "b": .int(-12), "c": .int(7), "d": .int(15), "e": .int(31), "f": .int(7), "g": .int(255)])),
    ValidYAMLCase("floats", "a: 1.5\nb: -.5\nc: 1.\nd: 1e3\ne: 6.02E+23\nf: .inf\ng: -.Inf\nh: +.INF\ni: .nan\nj: 3.10\n",
                  .map(["a": .float(1.5), "b": .float(-0.5), "c": .float(1), "d": .float(1000), "e": .float(6.02e23),
                        "f": .float(.infinity), "g": .float(-.infinity), "h": .float(.infinity), "i": .nan, "j": .float(3.1)])),
    ValidYAMLCase("booleans and nulls", "a: true\nb: True\nc: TRUE\nd: false\ne: FALSE\nf: null\ng: Null\nh: NULL\ni: ~\nj:\n",
                  .map(["a": .bool(true), "b": .bool(true), "c": .bool(true), "d": .bool(false), "e": .bool(false),
                        "f": .null, "g": .null, "h": .null, "i": .null, "j": .null])),
    ValidYAMLCase("YAML 1.1 booleans, sexagesimals and odd numbers are strings",
                  "on: yes\nyes: no\nn: y\noff: On\nt: tRUE\nnu: nULL\nti: 12:30\no: 0O17\nx: 0xG\nf: 1e\np: +\nd: .\n",
                  .map(["on": "yes", "yes": "no", "n": "y", "off": "On", "t": "tRUE", "nu": "nULL", "ti": "12:30",
                        "o": "0O17", "x": "0xG", "f": "1e", "p": "+", "d": "."])),
    ValidYAMLCase("numbers the 1.2 core schema does not know are strings", "a: 1_000\nb: 0b101\nc: -0x1F\nd: +0o7\ne: 2024-01-01\n",
                  .map(["a": "1_000", "b": "0b101", "c": "-0x1F", "d": "+0o7", "e": "2024-01-01"]),
                  ruamelDiffers: "ruamel keeps YAML 1.1 forms in its 1.2 resolver: 1_000, 0b101, -0x1F and +0o7 as integers, 2024-01-01 as a date"),
    ValidYAMLCase("a float with an exponent and no integer part", "a: .5e3\n", .map(["a": .float(500)]),
                  ruamelDiffers: "ruamel's 1.2 float pattern needs a sign on the exponent of a float that starts with '.'"),

    // MARK: Comments, markers, encodings, whitespace
    ValidYAMLCase("comments wherever they are allowed",
                  "# header\n\n# leading\nkey: value # trailing\nlist: # after key\n  - a # item comment\n  # between\n  - b\nflow: [a, # in flow\n  b]\nblock: | # header\n  x\n# at end\n",
                  .map(["key": "value", "list": .seq(["a", "b"]), "flow": .seq(["a", "b"]), "block": .literal("x\n")])),
    ValidYAMLCase("--- with a comment, and ... at the end", "--- # start\nkey: v\n... # end\n", .map(["key": "v"])),
    ValidYAMLCase("CR LF line breaks", "a: 1\r\nb: |\r\n  x\r\n  y\r\n", .map(["a": .int(1), "b": .literal("x\ny\n")])),
    ValidYAMLCase("a byte-order mark at the start, and U+FEFF inside text", "\u{FEFF}a: 1\nb: x\u{FEFF}y\n",
                  .map(["a": .int(1), "b": "x\u{FEFF}y"])),
    ValidYAMLCase("an indentation indicator at the top of a document counts from 0", "--- |2\n   x\n", .literal(" x\n")),
    ValidYAMLCase("non-ASCII keys and values", "ключ: значение\nemoji: 😀 ok\n", .map(["ключ": "значение", "emoji": "😀 ok"])),
    ValidYAMLCase("tabs separate tokens within a line", "a:\t1\nb: x\t# c\n", .map(["a": .int(1), "b": "x"]),
                  ruamelDiffers: "ruamel, like PyYAML, rejects a tab as separation in block context; YAML 1.2 allows it"),
    ValidYAMLCase("a whitespace-only line may hold tabs", "a: 1\n \t\nb: 2\n", .map(["a": .int(1), "b": .int(2)]),
                  ruamelDiffers: "ruamel, like PyYAML, rejects a tab on an otherwise empty line; YAML 1.2 allows it"),
]
