import Foundation
import Testing
@testable import Pipewright

@Suite struct ConfigSchemaTests {
    @Test func schemaParsesAndIsDeterministic() throws {
        let text = PipewrightConfig.jsonSchema()
        #expect(text == PipewrightConfig.jsonSchema())
        #expect(text.hasSuffix("}\n") && !text.hasSuffix("\n\n"))
        let schema = try JSONReader.read(text, fileName: "schema.json")
        #expect(schema["$schema"] == .string("https://json-schema.org/draft/2020-12/schema"))
        #expect(schema["$id"] == .string(PipewrightConfig.schemaID))
        #expect(JSONWriter.write(schema) == text)
    }

    /// Every object in the schema is closed, and its properties are the keys the decoder takes.
    @Test func schemaPropertiesMatchTheDecoder() throws {
        let schema = try JSONReader.read(PipewrightConfig.jsonSchema())
        guard case .object(let properties)? = schema["properties"] else { Issue.record("no properties"); return }
        #expect(properties.map(\.key) == PipewrightConfig.root.keys)
        #expect(schema["additionalProperties"] == .bool(false))
        guard case .object(let environment)? = schema["$defs"]?["environment"]?["properties"] else { Issue.record("no environment"); return }
        #expect(environment.map(\.key) == PipewrightConfig.environment.keys)
        var unclosed: [String] = []
        func visit(_ value: JSONValue, _ path: String) {
            switch value {
            case .object(let members):
                if value["type"] == .string("object"), value["properties"] != nil, value["additionalProperties"] != .bool(false) {
                    unclosed.append(path)
                }
                for member in members { visit(member.value, path + "/" + member.key) }
            case .array(let elements):
                for (index, element) in elements.enumerated() { visit(element, path + "/\(index)") }
            default: break
            }
        }
        visit(schema, "#")
        #expect(unclosed == [])
    }

    /// Runs the pinned check-jsonschema, when `Scripts/conformance --install-only` has installed it:
    /// the schema against its metaschema, and the blueprint's and every-field configs against the schema.
    @Test func configsValidateAgainstTheSchema() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let tool = root.appendingPathComponent(".build-tools/venv/bin/check-jsonschema")
        guard FileManager.default.isExecutableFile(atPath: tool.path) else { return }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pipewright-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let schema = directory.appendingPathComponent("schema.json")
        try PipewrightConfig.jsonSchema().write(to: schema, atomically: true, encoding: .utf8)
        var configs: [String] = []
        let pipelines = [ConfigFixtures.blueprint, ConfigFixtures.everyField] + ConfigFixtures.otherKinds
        for (index, pipeline) in pipelines.enumerated() {
            let file = directory.appendingPathComponent("config\(index).json")
            try PipewrightConfig.encode(pipeline, policy: .object([])).write(to: file, atomically: true, encoding: .utf8)
            configs.append(file.path)
        }
        let base = directory.appendingPathComponent("base.json")
        try ConfigFixtures.base(adding: "\"$schema\": \"./schema.json\"").write(to: base, atomically: true, encoding: .utf8)
        configs.append(base.path)
        #expect(try run(tool, ["--check-metaschema", schema.path]) == 0)
        #expect(try run(tool, ["--schemafile", schema.path] + configs) == 0)
    }

    /// The schema refuses what the decoder refuses, where a schema can say it.
    @Test func schemaRejectsBadConfigs() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let tool = root.appendingPathComponent(".build-tools/venv/bin/check-jsonschema")
        guard FileManager.default.isExecutableFile(atPath: tool.path) else { return }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pipewright-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let schema = directory.appendingPathComponent("schema.json")
        try PipewrightConfig.jsonSchema().write(to: schema, atomically: true, encoding: .utf8)
        // Cases whose problem is one a schema can express; cross-field rules are Pipewright's alone.
        let schemaExpressible = ConfigFixtures.errorCases.filter { testCase in
            !testCase.expected.contains { message in
                message.hasPrefix("pipewright.json:") || message.contains(".after:") || message.contains("is already the name")
                    || message.contains("makes the stack name") || message.contains("has an invalid minute")
                    || message.contains("is reserved when destroy") || message.contains("is already a pipeline tag")
                    || message.contains("is also the role of") || message.contains("this build of Pipewright knows")
                    // Stacks: names across stacks, and what a pipeline with stacks may say elsewhere.
                    || message.contains("which is not a stack") || message.contains("is not a stack —") || message.contains("makes a cycle")
                    || message.contains("does not depend on") || message.contains("is this stack itself") || message.contains("names no stack")
                    || message.contains("stacks name their own templates") || message.contains("lists stacks, but")
                    || message.contains("expected the template's path, or stacks")
                    // Verification: only kinds whose stacks Pipewright names.
                    || message.contains("lists commands, but infrastructure.kind")
            }
        }
        // One run for all files: the JSON report lists the files that failed.
        var files: [(line: Int, name: String)] = []
        for testCase in schemaExpressible {
            let file = directory.appendingPathComponent("case\(testCase.line).json")
            try testCase.input.write(to: file, atomically: true, encoding: .utf8)
            files.append((testCase.line, file.path))
        }
        let report = try JSONReader.read(try output(tool, ["-o", "json", "--schemafile", schema.path] + files.map(\.name)))
        guard case .array(let errors)? = report["errors"] else { Issue.record("no errors in the report"); return }
        let failed = Set(errors.compactMap { error -> String? in if case .string(let name)? = error["filename"] { name } else { nil } })
        #expect(schemaExpressible.count >= 40)
        #expect(files.filter { !failed.contains($0.name) }.map(\.line) == [], "the schema accepts the error cases at these lines of ConfigErrorCases.swift")
    }

    private func output(_ tool: URL, _ arguments: [String]) throws -> String {
        let process = Process()
        let pipe = Pipe()
        process.executableURL = tool
        process.arguments = arguments
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    private func run(_ tool: URL, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = tool
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
