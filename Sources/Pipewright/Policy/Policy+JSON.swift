import Foundation

/// Reading a ``Policy`` from JSON. Kept in this one file so the decoding can move to the shared
/// `pipewright.json` reader without touching the rest of the policy engine.
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
        try decodeRoot(text, section: nil)
    }

    /// Reads the `policy` section of a `pipewright.json` text, ``Policy/default`` when there is none.
    /// Other keys of the file belong to the configuration reader and are not checked here.
    public static func decode(configSection text: String) throws(PolicyDecodingError) -> Policy {
        try decodeRoot(text, section: "policy")
    }

    private static func decodeRoot(_ text: String, section: String?) throws(PolicyDecodingError) -> Policy {
        let decoder = JSONDecoder()
        do {
            if let section {
                return try decoder.decode(ConfigWithPolicy.self, from: Data(text.utf8)).policy ?? .default
            }
            return try decoder.decode(Policy.self, from: Data(text.utf8))
        } catch let error as PolicyDecodingError {
            throw error
        } catch let error as DecodingError {
            throw PolicyDecodingError(decodingError: error)
        } catch {
            throw PolicyDecodingError(path: "", message: "is not valid JSON: \(error.localizedDescription)")
        }
    }

    /// The keys a policy object may have, in documentation order.
    static let jsonKeys = [
        "requiredTags", "allowedRegions", "allowedAccounts", "reviewedChangeSetEnvironments", "neverDestroyEnvironments",
        "minimumRetentionDays", "requireArtifactEncryption", "hardenRunner", "allowedRunnerLabels", "actionPins",
        "maxJobTimeoutMinutes",
    ]
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

    init(decodingError: DecodingError) {
        func render(_ codingPath: [any CodingKey]) -> String {
            var out = ""
            for key in codingPath {
                if let index = key.intValue { out += "[\(index)]" } else { out += (out.isEmpty ? "" : ".") + key.stringValue }
            }
            return out
        }
        switch decodingError {
        case .typeMismatch(let type, let context):
            self.init(path: render(context.codingPath), message: "has the wrong type: expected \(Self.describe(type))")
        case .valueNotFound(let type, let context):
            self.init(path: render(context.codingPath), message: "is null: expected \(Self.describe(type))")
        case .keyNotFound(let key, let context):
            self.init(path: render(context.codingPath + [key]), message: "is missing")
        case .dataCorrupted(let context):
            self.init(path: render(context.codingPath), message: "is not valid JSON")
        @unknown default:
            self.init(path: "", message: "cannot be read")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type: "an integer"
        case is Bool.Type: "true or false"
        case is [String].Type, is [Any].Type: "an array"
        default: "an object"
        }
    }
}

/// A JSON object key of any name, so unknown keys can be listed.
private struct AnyKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

private func pathString(_ codingPath: [any CodingKey], _ key: String? = nil) -> String {
    var out = ""
    for item in codingPath {
        if let index = item.intValue { out += "[\(index)]" } else { out += (out.isEmpty ? "" : ".") + item.stringValue }
    }
    if let key { out += (out.isEmpty ? "" : ".") + key }
    return out
}

/// Fails on the first key not in `known`, suggesting the closest known one.
private func rejectUnknownKeys(_ container: KeyedDecodingContainer<AnyKey>, known: [String]) throws {
    for key in container.allKeys.map(\.stringValue).sorted() where !known.contains(key) {
        throw PolicyDecodingError(
            path: pathString(container.codingPath, key),
            message: "is not a policy key; expected one of \(known.joined(separator: ", "))" + Suggestion.hint(for: key, in: known)
        )
    }
}

private struct ConfigWithPolicy: Decodable {
    let policy: Policy?
    private enum Keys: String, CodingKey { case policy }
    init(from decoder: any Decoder) throws {
        policy = try decoder.container(keyedBy: Keys.self).decodeIfPresent(Policy.self, forKey: .policy)
    }
}

extension Policy: Decodable {
    /// Decodes the JSON format documented on ``Policy/decode(_:)``.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        try rejectUnknownKeys(c, known: Policy.jsonKeys)
        func value<T: Decodable>(_ key: String, _ type: T.Type) throws -> T? {
            try c.decodeIfPresent(type, forKey: AnyKey(key))
        }
        func fail(_ key: String, _ message: String) -> PolicyDecodingError {
            PolicyDecodingError(path: pathString(c.codingPath, key), message: message)
        }
        let defaults = Policy.default
        self = defaults
        if let tags = try value("requiredTags", [String: [String]].self) { requiredTags = tags }
        if let regions = try value("allowedRegions", [String].self) { allowedRegions = regions }
        if let accounts = try value("allowedAccounts", [String: [String]].self) {
            for (environment, ids) in accounts.sorted(by: { $0.key < $1.key }) {
                for (index, id) in ids.enumerated() where !(id.utf8.count == 12 && id.utf8.allSatisfy { (48...57).contains($0) }) {
                    throw fail("allowedAccounts.\(environment)[\(index)]", "\"\(id)\" is not an AWS account id: expected 12 digits")
                }
            }
            allowedAccounts = accounts
        }
        if let names = try value("reviewedChangeSetEnvironments", [String].self) { reviewedChangeSetEnvironments = names }
        if let names = try value("neverDestroyEnvironments", [String].self) { neverDestroyEnvironments = names }
        if let days = try value("minimumRetentionDays", Int.self) {
            guard (1...90).contains(days) else { throw fail("minimumRetentionDays", "\(days) is out of range: GitHub keeps artifacts 1 to 90 days") }
            minimumRetentionDays = days
        }
        if let required = try value("requireArtifactEncryption", Bool.self) { requireArtifactEncryption = required }
        if c.contains(AnyKey("hardenRunner")) {
            let nested = try c.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("hardenRunner"))
            try rejectUnknownKeys(nested, known: ["egressPolicy", "allowedEndpoints"])
            let mode = try nested.decode(String.self, forKey: AnyKey("egressPolicy"))
            guard let egress = HardenRunner.Policy(rawValue: mode) else {
                throw fail("hardenRunner.egressPolicy", "\"\(mode)\" is not an egress policy; expected audit or block" + Suggestion.hint(for: mode, in: ["audit", "block"]))
            }
            let endpoints = try nested.decodeIfPresent([String].self, forKey: AnyKey("allowedEndpoints")) ?? []
            hardenRunner = HardenRunnerRequirement(egressPolicy: egress, allowedEndpoints: endpoints)
        }
        if let labels = try value("allowedRunnerLabels", [String].self) { allowedRunnerLabels = labels }
        if c.contains(AnyKey("actionPins")) {
            let pinsContainer = try c.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("actionPins"))
            var pins: [PinTable.Pin] = []
            for key in pinsContainer.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) {
                let repository = key.stringValue
                let parts = repository.split(separator: "/", omittingEmptySubsequences: false)
                guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                    throw fail("actionPins.\(repository)", "\"\(repository)\" is not a repository: expected owner/repo")
                }
                let pin = try pinsContainer.nestedContainer(keyedBy: AnyKey.self, forKey: key)
                try rejectUnknownKeys(pin, known: ["version", "sha"])
                let version = try pin.decode(String.self, forKey: AnyKey("version"))
                let sha = try pin.decode(String.self, forKey: AnyKey("sha"))
                guard ActionReference(repository, ref: sha).isPinnedToCommit else {
                    throw fail("actionPins.\(repository).sha", "\"\(sha)\" is not a commit: expected 40 lowercase hex digits")
                }
                pins.append(PinTable.Pin(repository: repository, version: version, commit: sha))
            }
            actionPins = pins
        }
        if let minutes = try value("maxJobTimeoutMinutes", Int.self) {
            guard minutes >= 1 else { throw fail("maxJobTimeoutMinutes", "\(minutes) is out of range: expected at least 1 minute") }
            maxJobTimeoutMinutes = minutes
        }
    }
}
