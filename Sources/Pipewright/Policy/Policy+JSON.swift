/// Reading a ``Policy`` from JSON with the reader of `pipewright.json` and its contract: every problem is
/// reported, each naming its JSON path (`policy.hardenRunner.egressPolicy`), the bad value and what is
/// expected — the shape first, in document order, then the rules. A `policy` section is decoded from the
/// tree already read, never written back to text and parsed again.
///
/// The format, every key optional (a missing or `null` key keeps ``Policy/default``'s value):
///
/// ```json
/// {
///   "extends": "../org-policy.json",
///   "requiredTags": { "CostCenter": ["platform", "data"], "Owner": [] },
///   "allowedRegions": ["us-east-1", "eu-west-1"],
///   "allowedAccounts": { "prod": ["333333333333"] },
///   "reviewedChangeSetEnvironments": ["prod"],
///   "neverDestroyEnvironments": ["prod"],
///   "minimumRetentionDays": 30,
///   "requireArtifactEncryption": true,
///   "hardenRunner": { "egressPolicy": "block", "allowedEndpoints": ["api.github.com:443"] },
///   "allowedRunnerLabels": ["ubuntu-24.04"],
///   "actionPins": { "actions/checkout": { "version": "v6.1.0", "sha": "<40 hex>" } },
///   "maxJobTimeoutMinutes": 60
/// }
/// ```
extension Policy {
    /// Reads a policy file's text; `fileName` names it in a JSON syntax error.
    public static func decode(_ text: String, fileName: String = "policy") throws(PolicyDecodingError) -> Policy {
        try Policy(json: read(text, fileName: fileName))
    }

    /// Reads the `policy` section of a `pipewright.json` text, ``Policy/default`` when there is none.
    /// Other keys of the file belong to the configuration reader and are not checked here.
    public static func decode(configSection text: String) throws(PolicyDecodingError) -> Policy {
        let root = try read(text, fileName: "pipewright.json")
        var reader = ConfigReader()
        guard reader.members(root, at: .root) != nil else { throw .invalid(reader.issues) }
        guard let section = root["policy"], section != .null else { return .default }
        return try Policy(json: section)
    }

    private static func read(_ text: String, fileName: String) throws(PolicyDecodingError) -> JSONValue {
        do {
            return try JSONReader.read(text, fileName: fileName)
        } catch {
            throw .syntax(error)
        }
    }

    /// Decodes the JSON format documented on ``Policy/decode(_:fileName:)`` from a value already read, such
    /// as the `policy` section of `pipewright.json`; paths start at `policy`.
    package init(json: JSONValue) throws(PolicyDecodingError) {
        let path = JSONPath.root.key("policy")
        var reader = ConfigReader()
        guard let policy = reader.object(Self.fields, json, at: path), reader.issues.isEmpty else { throw .invalid(reader.issues) }
        var checker = ConfigChecker(pipeline: nil)
        Self.fields.check(&checker, policy, at: { path })
        guard checker.errors.isEmpty else { throw .invalid(checker.errors.map(ConfigIssue.invalid)) }
        self = policy
    }

    /// The policy's fields, in documentation order; absent and `null` keep the default.
    static let fields = ConfigObject(Policy.default, nullIsAbsent: true, [
        .optional("extends", \.extends, { $0.extends = $1 }, .relativePath, nil),
        .field("requiredTags", \.requiredTags, { $0.requiredTags = $1 }, .lists(of: .string(), expected: "an object of tag keys to arrays of allowed values"), nil),
        .field("allowedRegions", \.allowedRegions, { $0.allowedRegions = $1 }, .array(.string()), nil),
        .field("allowedAccounts", \.allowedAccounts, { $0.allowedAccounts = $1 }, .lists(of: .accountID, expected: "an object of environment names to arrays of account ids"), nil),
        .field("reviewedChangeSetEnvironments", \.reviewedChangeSetEnvironments, { $0.reviewedChangeSetEnvironments = $1 }, .array(.string()), nil),
        .field("neverDestroyEnvironments", \.neverDestroyEnvironments, { $0.neverDestroyEnvironments = $1 }, .array(.string()), nil),
        .optional("minimumRetentionDays", \.minimumRetentionDays, { $0.minimumRetentionDays = $1 }, .int(.artifactRetention), nil),
        .field("requireArtifactEncryption", \.requireArtifactEncryption, { $0.requireArtifactEncryption = $1 }, .bool, nil),
        .optional("hardenRunner", \.hardenRunner, { $0.hardenRunner = $1 }, .object(ConfigObject(HardenRunnerRequirement(egressPolicy: .audit), nullIsAbsent: true, [
            .field("egressPolicy", \.egressPolicy, { $0.egressPolicy = $1 }, .egressPolicy, nil, required: true),
            .field("allowedEndpoints", \.allowedEndpoints, { $0.allowedEndpoints = $1 }, .endpoints, nil),
        ])), nil),
        .field("allowedRunnerLabels", \.allowedRunnerLabels, { $0.allowedRunnerLabels = $1 }, .array(.string()), nil),
        .field("actionPins", \.actionPins, { $0.actionPins = $1 }, .actionPins, nil),
        .optional("maxJobTimeoutMinutes", \.maxJobTimeoutMinutes, { $0.maxJobTimeoutMinutes = $1 }, .int(ConfigRange(atLeast: 1, unit: "minutes")), nil),
    ])
}

/// A policy that cannot be read: a JSON syntax error, or every problem in it, as for `pipewright.json`.
public typealias PolicyDecodingError = ConfigError

extension ConfigType where Value == String {
    /// A file named relative to the file that names it: not empty, not absolute, so every clone finds it.
    static var relativePath: ConfigType {
        format(pattern: "^[^/]", { !$0.isEmpty && !$0.hasPrefix("/") }) { path in
            "\(JSONWriter.quoted(path)) is not a relative path; expected a file relative to pipewright.json, such as \"../org-policy.json\", that every clone of the repository has"
        }
    }
}

extension ConfigType where Value == [String: [String]] {
    /// An object of names to arrays, such as `{"prod": ["333333333333"]}`; checked in name order.
    static func lists(of element: ConfigType<String>, expected: String) -> ConfigType {
        let list = ConfigType<[String]>.array(element)
        let (read, write) = (list.read, list.write)
        var checkLists: (@Sendable (inout ConfigChecker, [String: [String]], LazyPath) -> Void)?
        if let check = list.check {
            checkLists = { checker, lists, path in
                for key in lists.keys.sorted() { check(&checker, lists[key]!, { path().key(key) }) }
            }
        }
        return ConfigType(
            read: { reader, value, path in
                let entries = reader.entries(value, at: path, expected: expected) { reader, key, value, path in read(&reader, value, path).map { (key, $0) } }
                return entries.map { Dictionary(uniqueKeysWithValues: $0) }
            },
            write: { lists in .object(lists.keys.sorted().map { JSONMember($0, write(lists[$0]!)) }) },
            schema: [JSONMember("type", .string("object")), JSONMember("additionalProperties", .object(list.schema))],
            check: checkLists
        )
    }
}

extension ConfigType where Value == [PinTable.Pin] {
    /// Pins by repository, `{"owner/repo": {"version": …, "sha": <40 hex>}}`, kept sorted by repository.
    static var actionPins: ConfigType {
        typealias Pin = PinTable.Pin
        let commit = ConfigType<String>.format(pattern: "^[0-9a-f]{40}$", { ActionReference("", ref: $0).isPinnedToCommit }) {
            "\(JSONWriter.quoted($0)) is not a commit; expected 40 lowercase hex digits"
        }
        let pin = ConfigObject(Pin(repository: "", version: "", commit: ""), [
            .field("version", \.version, { $0 = Pin(repository: $0.repository, version: $1, commit: $0.commit) }, .string(), nil, required: true),
            .field("sha", \.commit, { $0 = Pin(repository: $0.repository, version: $0.version, commit: $1) }, commit, nil, required: true),
        ])
        return ConfigType(
            read: { reader, value, path in
                reader.entries(value, at: path, expected: "an object of owner/repo names to pins") { reader, repository, value, path in
                    reader.object(pin, value, at: path).map { Pin(repository: repository, version: $0.version, commit: $0.commit) }
                }?.sorted { $0.repository < $1.repository }
            },
            write: { pins in .object(pins.map { JSONMember($0.repository, pin.write($0)) }) },
            schema: [JSONMember("type", .string("object")), JSONMember("additionalProperties", .object(pin.schema))],
            check: { checker, pins, path in
                for entry in pins {
                    let parts = entry.repository.split(separator: "/", omittingEmptySubsequences: false)
                    if parts.count != 2 || parts.contains(where: \.isEmpty) {
                        checker.fail({ path().key(entry.repository) }, "\(JSONWriter.quoted(entry.repository)) is not a repository; expected owner/repo")
                    }
                    pin.check(&checker, entry, at: { path().key(entry.repository) })
                }
            }
        )
    }
}
