/// Reading a ``Policy`` from JSON, with the same reader as `pipewright.json`: one parser, and a `policy`
/// section is decoded from the tree already read, never written back to text and parsed again.
///
/// The format, every key optional (a missing key keeps ``Policy/default``'s value):
///
/// ```json
/// {
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
    /// Reads a policy file's text; unknown keys and bad values are errors that name their JSON path.
    public static func decode(_ text: String) throws(PolicyDecodingError) -> Policy {
        try Policy(json: read(text))
    }

    /// Reads the `policy` section of a `pipewright.json` text, ``Policy/default`` when there is none.
    /// Other keys of the file belong to the configuration reader and are not checked here.
    public static func decode(configSection text: String) throws(PolicyDecodingError) -> Policy {
        let root = try read(text)
        guard case .object = root else { throw PolicyDecodingError(path: "", message: "has the wrong type: expected an object") }
        guard let section = root["policy"], section != .null else { return .default }
        return try Policy(json: section, path: "policy")
    }

    private static func read(_ text: String) throws(PolicyDecodingError) -> JSONValue {
        do {
            return try JSONReader.read(text, fileName: "policy")
        } catch {
            throw PolicyDecodingError(path: "", message: "is not valid JSON")
        }
    }

    /// Decodes the JSON format documented on ``Policy/decode(_:)`` from a value already read, such as the
    /// `policy` section of `pipewright.json`. A missing or `null` key keeps ``Policy/default``'s value.
    public init(json: JSONValue) throws(PolicyDecodingError) {
        try self.init(json: json, path: "")
    }

    init(json: JSONValue, path: String) throws(PolicyDecodingError) {
        let root = try PolicyJSON(json, path: path).object(keys: Policy.jsonKeys)
        self = .default
        if let tags = try root["requiredTags"]?.stringLists() { requiredTags = tags }
        if let regions = try root["allowedRegions"]?.strings() { allowedRegions = regions }
        if let accounts = try root["allowedAccounts"]?.stringLists() {
            for (environment, ids) in accounts.sorted(by: { $0.key < $1.key }) {
                for (index, id) in ids.enumerated() where !(id.utf8.count == 12 && id.utf8.allSatisfy { (48...57).contains($0) }) {
                    throw root.error("allowedAccounts.\(environment)[\(index)]", "\"\(id)\" is not an AWS account id: expected 12 digits")
                }
            }
            allowedAccounts = accounts
        }
        if let names = try root["reviewedChangeSetEnvironments"]?.strings() { reviewedChangeSetEnvironments = names }
        if let names = try root["neverDestroyEnvironments"]?.strings() { neverDestroyEnvironments = names }
        if let days = try root["minimumRetentionDays"]?.int() {
            guard (1...90).contains(days) else { throw root.error("minimumRetentionDays", "\(days) is out of range: GitHub keeps artifacts 1 to 90 days") }
            minimumRetentionDays = days
        }
        if let required = try root["requireArtifactEncryption"]?.bool() { requireArtifactEncryption = required }
        if let harden = try root["hardenRunner"]?.object(keys: ["egressPolicy", "allowedEndpoints"]) {
            let mode = try harden.required("egressPolicy").string()
            guard let egress = HardenRunner.Policy(rawValue: mode) else {
                throw harden.error("egressPolicy", "\"\(mode)\" is not an egress policy; expected audit or block" + Suggestion.hint(for: mode, in: ["audit", "block"]))
            }
            hardenRunner = HardenRunnerRequirement(egressPolicy: egress, allowedEndpoints: try harden["allowedEndpoints"]?.strings() ?? [])
        }
        if let labels = try root["allowedRunnerLabels"]?.strings() { allowedRunnerLabels = labels }
        if let pinsObject = try root["actionPins"]?.object(keys: nil) {
            var pins: [PinTable.Pin] = []
            for repository in pinsObject.keys.sorted() {
                let parts = repository.split(separator: "/", omittingEmptySubsequences: false)
                guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                    throw pinsObject.error(repository, "\"\(repository)\" is not a repository: expected owner/repo")
                }
                let pin = try pinsObject.required(repository).object(keys: ["version", "sha"])
                let version = try pin.required("version").string()
                let sha = try pin.required("sha").string()
                guard ActionReference(repository, ref: sha).isPinnedToCommit else {
                    throw pin.error("sha", "\"\(sha)\" is not a commit: expected 40 lowercase hex digits")
                }
                pins.append(PinTable.Pin(repository: repository, version: version, commit: sha))
            }
            actionPins = pins
        }
        if let minutes = try root["maxJobTimeoutMinutes"]?.int() {
            guard minutes >= 1 else { throw root.error("maxJobTimeoutMinutes", "\(minutes) is out of range: expected at least 1 minute") }
            maxJobTimeoutMinutes = minutes
        }
    }

    /// The keys a policy object may have, in documentation order.
    static let jsonKeys = [
        "requiredTags", "allowedRegions", "allowedAccounts", "reviewedChangeSetEnvironments", "neverDestroyEnvironments",
        "minimumRetentionDays", "requireArtifactEncryption", "hardenRunner", "allowedRunnerLabels", "actionPins",
        "maxJobTimeoutMinutes",
    ]
}

/// A JSON value of a policy with its path, and the typed reads the policy format needs.
private struct PolicyJSON {
    let value: JSONValue
    let path: String

    init(_ value: JSONValue, path: String) {
        self.value = value
        self.path = path
    }

    func child(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

    func error(_ key: String, _ message: String) -> PolicyDecodingError {
        PolicyDecodingError(path: child(key), message: message)
    }

    private func wrongType(_ expected: String) -> PolicyDecodingError {
        PolicyDecodingError(path: path, message: value == .null ? "is null: expected \(expected)" : "has the wrong type: expected \(expected)")
    }

    /// The member under a key; a missing or `null` member reads as absent.
    subscript(key: String) -> PolicyJSON? {
        guard let member = value[key], member != .null else { return nil }
        return PolicyJSON(member, path: child(key))
    }

    func required(_ key: String) throws(PolicyDecodingError) -> PolicyJSON {
        guard let member = value[key] else { throw error(key, "is missing") }
        return PolicyJSON(member, path: child(key))
    }

    var keys: [String] {
        if case .object(let members) = value { members.map(\.key) } else { [] }
    }

    /// This value as an object; with `keys`, the first unknown key (in sorted order) is an error.
    func object(keys known: [String]?) throws(PolicyDecodingError) -> PolicyJSON {
        guard case .object(let members) = value else { throw wrongType("an object") }
        if let known {
            for key in members.map(\.key).sorted() where !known.contains(key) {
                throw error(key, "is not a policy key; expected one of \(known.joined(separator: ", "))" + Suggestion.hint(for: key, in: known))
            }
        }
        return self
    }

    func string() throws(PolicyDecodingError) -> String {
        guard case .string(let text) = value else { throw wrongType("a string") }
        return text
    }

    func int() throws(PolicyDecodingError) -> Int {
        guard let number = value.intValue else { throw wrongType("an integer") }
        return number
    }

    func bool() throws(PolicyDecodingError) -> Bool {
        guard case .bool(let flag) = value else { throw wrongType("true or false") }
        return flag
    }

    func strings() throws(PolicyDecodingError) -> [String] {
        guard case .array(let elements) = value else { throw wrongType("an array") }
        var result: [String] = []
        for (index, element) in elements.enumerated() {
            result.append(try PolicyJSON(element, path: path + "[\(index)]").string())
        }
        return result
    }

    /// An object whose members are arrays of strings, such as `requiredTags`.
    func stringLists() throws(PolicyDecodingError) -> [String: [String]] {
        guard case .object(let members) = value else { throw wrongType("an object") }
        var result: [String: [String]] = [:]
        for member in members {
            result[member.key] = try PolicyJSON(member.value, path: child(member.key)).strings()
        }
        return result
    }
}

/// A policy that cannot be read: where (a JSON path such as `hardenRunner.egressPolicy`), and what is wrong.
public struct PolicyDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The JSON path, empty for the whole document.
    public let path: String
    /// What is wrong and what is expected.
    public let message: String

    /// Creates an error.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// `policy: path: message`.
    public var description: String { "policy: " + (path.isEmpty ? "" : path + ": ") + message }
}
