import Testing
@testable import Pipewright
import PipewrightBlueprints

/// The tables of fields drive everything: for every declared field, the schema lists its key with the declared
/// description and range, the encoder writes it, and decoding an out-of-range value is refused with the range
/// error naming it. The schema and the files are searched as JSON, not through the tables.
@Suite struct ConfigTableTests {
    typealias Declared = (path: [String], field: ConfigShape.Field)

    /// Every declared field, with its keys from the document; array elements add no key.
    static func declared(_ shape: ConfigShape, under prefix: [String] = []) -> [Declared] {
        shape.fields.flatMap { field in
            [(prefix + [field.key], field)] + field.nested.flatMap { declared($0, under: prefix + [field.key]) }
        }
    }

    static let configFields = declared(PipewrightConfig.root.shape)
    static let policyFields = declared(Policy.fields.shape)

    @Test func tablesCoverTheFormat() {
        #expect(Self.configFields.count >= 60)
        #expect(Self.configFields.filter { $0.field.range != nil }.map { $0.path.joined(separator: ".") }
            == ["build.retentionDays", "runtime.jobTimeoutMinutes", "runtime.deployTimeoutMinutes"])
        #expect(Self.policyFields.filter { $0.field.range != nil }.map { $0.path.joined(separator: ".") } == ["minimumRetentionDays", "maxJobTimeoutMinutes"])
    }

    // MARK: - The schema

    /// The schemas a node stands for, through `$ref`, `anyOf`, `oneOf` and `items`.
    static func expanded(_ node: JSONValue, in schema: JSONValue) -> [JSONValue] {
        var nodes = [node]
        if case .string(let reference)? = node["$ref"], reference.hasPrefix("#/$defs/"), let target = schema["$defs"]?[String(reference.dropFirst(8))] {
            nodes += expanded(target, in: schema)
        }
        for key in ["anyOf", "oneOf"] {
            if case .array(let choices)? = node[key] { nodes += choices.flatMap { expanded($0, in: schema) } }
        }
        if let items = node["items"] { nodes += expanded(items, in: schema) }
        return nodes
    }

    /// The schemas of the property at `path`, every place it is declared.
    static func properties(at path: [String], in schema: JSONValue) -> [JSONValue] {
        var nodes = [schema]
        for key in path {
            nodes = nodes.flatMap { expanded($0, in: schema) }.compactMap { $0["properties"]?[key] }
        }
        return nodes
    }

    @Test(arguments: configFields.map { $0.path.joined(separator: ".") })
    func schemaListsTheDeclaration(_ dotted: String) throws {
        let schema = try JSONReader.read(PipewrightConfig.jsonSchema())
        for (path, field) in Self.configFields where path.joined(separator: ".") == dotted {
            let found = Self.properties(at: path, in: schema)
            #expect(!found.isEmpty, "the schema has no \(dotted)")
            if let description = field.description {
                #expect(found.contains { if case .string(let text)? = $0["description"] { text.hasPrefix(description) } else { false } }, "\(dotted): \(found)")
            }
            if let range = field.range {
                let bounds = found.flatMap { Self.expanded($0, in: schema) }.filter { $0["minimum"] != nil }
                #expect(bounds.contains { $0["minimum"] == .int(range.bounds.lowerBound) && $0["maximum"] == .int(range.bounds.upperBound) }, "\(dotted): \(bounds)")
            }
        }
    }

    /// Each `$ref` names a definition, and each definition is referred to.
    @Test func definitionsAreComplete() throws {
        let schema = try JSONReader.read(PipewrightConfig.jsonSchema())
        var references: Set<String> = []
        func visit(_ value: JSONValue) {
            switch value {
            case .object(let members):
                for member in members {
                    if member.key == "$ref", case .string(let reference) = member.value { references.insert(String(reference.dropFirst(8))) }
                    visit(member.value)
                }
            case .array(let elements): elements.forEach(visit)
            default: break
            }
        }
        visit(schema)
        guard case .object(let definitions)? = schema["$defs"] else { Issue.record("no $defs"); return }
        #expect(references == Set(definitions.map(\.key)))
    }

    // MARK: - The encoder

    /// The key paths an encoded document writes; array elements add no key.
    static func written(_ value: JSONValue, under prefix: [String] = [], into paths: inout Set<[String]>) {
        switch value {
        case .object(let members):
            for member in members {
                paths.insert(prefix + [member.key])
                written(member.value, under: prefix + [member.key], into: &paths)
            }
        case .array(let elements):
            for element in elements { written(element, under: prefix, into: &paths) }
        default: break
        }
    }

    @Test func encoderWritesEveryField() {
        var paths: Set<[String]> = []
        let pipelines = [ConfigFixtures.everyField, ConfigFixtures.blueprint] + ConfigFixtures.otherKinds
        for pipeline in pipelines { Self.written(PipewrightConfig.document(pipeline, policy: .object([]), pins: "pipewright-pins.json"), into: &paths) }
        // `$schema` is for editors: read and dropped, never written.
        let missing = Self.configFields.map(\.path).filter { !paths.contains($0) && $0 != ["$schema"] }
        #expect(missing == [], "the fixtures do not write these fields, or the encoder leaves them out")
    }

    @Test func policyEncoderWritesEveryFieldAndReadsItBack() throws {
        let policy = Policy(
            requiredTags: ["CostCenter": ["platform"]], allowedRegions: ["eu-west-1"], allowedAccounts: ["prod": ["333333333333"]],
            reviewedChangeSetEnvironments: ["prod"], neverDestroyEnvironments: ["prod"], minimumRetentionDays: 30,
            requireArtifactEncryption: true, hardenRunner: HardenRunnerRequirement(egressPolicy: .block, allowedEndpoints: ["github.com:443"]),
            allowedRunnerLabels: ["ubuntu-24.04"],
            actionPins: [PinTable.Pin(repository: "actions/checkout", version: "v6", commit: String(repeating: "a", count: 40))],
            maxJobTimeoutMinutes: 30, extends: "../org-policy.json"
        )
        let document = Policy.fields.write(policy)
        var paths: Set<[String]> = []
        Self.written(document, into: &paths)
        #expect(Self.policyFields.map(\.path).filter { !paths.contains($0) } == [])
        #expect(try Policy(json: document) == policy)
    }

    // MARK: - The rules

    /// `value` with the member at `path` set to `replacement`, the first element of an array taken; and the path as
    /// messages render it.
    static func setting(_ value: JSONValue, _ path: ArraySlice<String>, to replacement: JSONValue, rendered: String = "") -> (JSONValue, String) {
        switch value {
        case .array(var elements) where !elements.isEmpty:
            let (element, text) = setting(elements[0], path, to: replacement, rendered: rendered + "[0]")
            elements[0] = element
            return (.array(elements), text)
        case .object(var members):
            guard let key = path.first else { return (replacement, rendered) }
            let position = members.firstIndex { $0.key == key } ?? { members.append(JSONMember(key, .object([]))); return members.count - 1 }()
            let (member, text) = setting(members[position].value, path.dropFirst(), to: replacement, rendered: rendered.isEmpty ? key : rendered + "." + key)
            members[position].value = member
            return (.object(members), text)
        default:
            return (replacement, rendered)
        }
    }

    /// The values just outside a range.
    static func outside(_ range: ConfigRange) -> [Int] {
        [range.bounds.lowerBound - 1] + (range.bounds.upperBound == Int.max ? [] : [range.bounds.upperBound + 1])
    }

    /// What a range error says, written out here rather than taken from ``ConfigRange``.
    static func rangeMessage(_ value: Int, _ range: ConfigRange) -> String {
        let expected = range.bounds.upperBound == Int.max
            ? "at least \(range.bounds.lowerBound) \(range.bounds.lowerBound == 1 ? String(range.unit.dropLast()) : range.unit)"
            : "\(range.bounds.lowerBound)-\(range.bounds.upperBound) \(range.unit)"
        return "\(value) is out of range; expected \(expected)" + (range.reason.map { " — " + $0 } ?? "")
    }

    @Test func outOfRangeValuesAreRefusedNamingTheField() throws {
        let document = PipewrightConfig.document(ConfigFixtures.everyField)
        for (path, field) in Self.configFields {
            guard let range = field.range else { continue }
            for value in Self.outside(range) {
                let (broken, rendered) = Self.setting(document, path[...], to: .int(value))
                #expect(throws: ConfigError.invalid([.invalid(ValidationError(path: rendered, message: Self.rangeMessage(value, range)))]), "\(rendered) = \(value)") {
                    try PipewrightConfig.decode(JSONWriter.write(broken))
                }
            }
        }
        for (path, field) in Self.policyFields {
            guard let range = field.range else { continue }
            for value in Self.outside(range) {
                let (broken, rendered) = Self.setting(.object([]), path[...], to: .int(value))
                #expect(throws: PolicyDecodingError.invalid([.invalid(ValidationError(path: "policy." + rendered, message: Self.rangeMessage(value, range)))])) {
                    try Policy.decode(JSONWriter.write(broken))
                }
            }
        }
    }
}
