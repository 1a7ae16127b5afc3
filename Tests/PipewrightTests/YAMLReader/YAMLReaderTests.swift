import Foundation
import Testing
import Pipewright

/// The reader against hand-built trees, positions and comments.
///
/// With PIPEWRIGHT_YAML_TABLE_OUT=DIR, `readsValidDocuments` also writes each document as `DIR/line-N.yml`
/// and the reader's typed reading as `DIR/line-N.reader.json` (plus `line-N.ruamel-differs` with the reason
/// where ruamel is known to read it otherwise), for `Scripts/yaml-reader-agreement` to compare with ruamel.
@Suite struct YAMLReaderTests {
    @Test(arguments: validYAMLCases)
    func readsValidDocuments(_ testCase: ValidYAMLCase) throws {
        let document = try YAMLReader.read(testCase.yaml)
        #expect(YAMLShape(document.root) == testCase.expected)
        if let out = ProcessInfo.processInfo.environment["PIPEWRIGHT_YAML_TABLE_OUT"] {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            let base = out + "/line-\(testCase.line)"
            try Data(testCase.yaml.utf8).write(to: URL(fileURLWithPath: base + ".yml"))
            try (TypedJSON.encode(document.root) + "\n").write(toFile: base + ".reader.json", atomically: true, encoding: .utf8)
            if let reason = testCase.ruamelDiffers {
                try (reason + "\n").write(toFile: base + ".ruamel-differs", atomically: true, encoding: .utf8)
            }
        }
    }

    /// Every node and key of a document that uses each construct, as `line:column` and what is there.
    @Test func recordsLineAndColumnOfEveryNode() throws {
        let yaml = """
        # comment
        name: CI
        on:
          push:
            branches: [main, 'dev']
        jobs:
          build:
            steps:
              - uses: a
                with: {k: "v"}
              - run: |
                  make
              -
            empty:
          ? explicit
          : &anchor value
          alias: *anchor
        ünï: café
        """
        let document = try YAMLReader.read(yaml)
        #expect(Self.positions(document.root) == [
            "2:1 map", "2:1 name", "2:7 CI",
            "3:1 on", "4:3 map", "4:3 push", "5:5 map", "5:5 branches", "5:15 seq", "5:16 main", "5:22 dev",
            "6:1 jobs", "7:3 map", "7:3 build", "8:5 map", "8:5 steps", "9:7 seq",
            "9:9 map", "9:9 uses", "9:15 a", "10:9 with", "10:15 map", "10:16 k", "10:19 v",
            "11:9 map", "11:9 run", "11:14 make\n",
            "13:8 null",
            "14:5 empty", "14:11 null",
            "15:5 explicit", "16:13 value",
            "17:3 alias", "17:10 value",
            "18:1 ünï", "18:6 café",
        ])
    }

    /// Flattens a tree into `line:column what`, depth first, keys before values.
    static func positions(_ node: YAMLSourceNode) -> [String] {
        let here = "\(node.line):\(node.column)"
        switch node.content {
        case .scalar(let scalar):
            return [here + " " + (scalar.value == .null ? "null" : scalar.text)]
        case .sequence(let items):
            return [here + " seq"] + items.flatMap(positions)
        case .mapping(let pairs):
            return [here + " map"] + pairs.flatMap { positions($0.key) + positions($0.value) }
        }
    }

    @Test func keepsCommentsWhereEntriesCanHoldThem() throws {
        let yaml = """
        # Generated: do not edit.
        # Second header line.

        # Above name.
        name: CI # after a scalar
        jobs: # after a key
          # Above build.
          build:
            steps:
              # Above the dash: belongs to the first key of the item's mapping.
              - uses: a # pinned
              - b # dropped: a sequence item holds no comment
        #
        last: x
        # dropped: nothing follows
        """
        let document = try YAMLReader.read(yaml)
        #expect(document.header == ["Generated: do not edit.", "Second header line."])
        let pairs = try #require(document.root.mapping)
        #expect(pairs.map(\.leadingComments) == [["Above name."], [], [""]])
        #expect(pairs.map(\.trailingComment) == ["after a scalar", "after a key", nil])
        let build = try #require(document.root["jobs"]?.mapping?.first)
        #expect(build.leadingComments == ["Above build."])
        let firstStep = try #require(document.root["jobs"]?["build"]?["steps"]?.sequence?.first?.mapping?.first)
        #expect(firstStep.leadingComments == ["Above the dash: belongs to the first key of the item's mapping."])
        #expect(firstStep.trailingComment == "pinned")
    }

    @Test func headerNeedsABlankLineOrDocumentStart() throws {
        #expect(try YAMLReader.read("# Above the key.\nkey: v\n").header == [])
        #expect(try YAMLReader.read("# Above the key.\nkey: v\n").root.mapping?.first?.leadingComments == ["Above the key."])
        #expect(try YAMLReader.read("# Header.\n---\n# Above.\nkey: v\n").header == ["Header."])
    }

    @Test func convertsToYAMLNode() throws {
        let document = try YAMLReader.read("""
        python: 3.10
        big: 1e3
        true: yes
        1: one
        list: [~, 0x10, 'x']
        """)
        #expect(document.root.yamlNode == .mapping([
            YAMLEntry("python", .string("3.10")),
            YAMLEntry("big", .string("1e3")),
            YAMLEntry("true", .string("yes")),
            YAMLEntry("1", .string("one")),
            YAMLEntry("list", .sequence([.null, .int(16), .string("x")])),
        ]))
        // The float stays a float on the read tree; only the conversion turns it into its text.
        #expect(document.root["python"]?.scalar?.value == .float(3.1))
        #expect(document.root["python"]?.scalar?.text == "3.10")
        #expect(document.root["true"]?.scalar?.value == .string("yes"))
        #expect(document.root.mapping?[2].key.scalar?.value == .bool(true))
    }

    @Test func errorDescriptionIsLineColumnMessage() {
        let error = YAMLReadError(line: 3, column: 5, message: "expected ':' after the mapping key \"runs-on\"")
        #expect(error.description == "3:5: expected ':' after the mapping key \"runs-on\"")
    }
}
