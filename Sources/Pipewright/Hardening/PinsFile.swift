/// The pins file: the action pins a repository reviews and commits, written by `pipewright pins update` and
/// named by the config's `pins` key, so a newer release reaches the workflows only through a pull request.
///
/// ```json
/// {
///   "actionPins": {
///     "actions/checkout": { "version": "v7.0.1", "sha": "3d3c42e5aac5ba805825da76410c181273ba90b1" }
///   }
/// }
/// ```
///
/// Its pins replace Pipewright's verified ones; a policy's `actionPins` (an organization's mirror, say) win over both.
public struct PinsFile: Sendable, Hashable {
    /// The pins, sorted by repository.
    public var pins: [PinTable.Pin]

    /// Creates a pins file.
    public init(pins: [PinTable.Pin]) {
        self.pins = pins.sorted { $0.repository < $1.repository }
    }

    /// Reads a pins file's text; `fileName` names it in errors, which name the JSON path, the value and the fix.
    public static func decode(_ text: String, fileName: String = "pipewright-pins.json") throws(ConfigError) -> PinsFile {
        let value: JSONValue
        do {
            value = try JSONReader.read(text, fileName: fileName)
        } catch {
            throw .syntax(error)
        }
        var reader = ConfigReader()
        guard let file = reader.object(fields, value, at: .root), reader.issues.isEmpty else { throw .invalid(reader.issues) }
        var checker = ConfigChecker(pipeline: nil)
        fields.check(&checker, file, at: { .root })
        guard checker.errors.isEmpty else { throw .invalid(checker.errors.map(ConfigIssue.invalid)) }
        return file
    }

    /// The file's text: the pins sorted by repository, so an update's diff shows only what changed.
    public var text: String { JSONWriter.write(Self.fields.write(self)) }

    static let fields = ConfigObject(PinsFile(pins: []), [
        .field("actionPins", \.pins, { $0.pins = $1 }, .actionPins, nil, required: true),
    ])
}

/// A release tag of the form `vMAJOR.MINOR.PATCH` (or without the `v`), ordered by its numbers.
///
/// Pre-releases (`v2.0.0-beta.1`) and other tags are not releases.
public struct ReleaseTag: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The tag as written, e.g. `v6.1.0`.
    public let name: String
    /// Major, minor and patch.
    public let numbers: [Int]

    /// Reads a tag name; `nil` when it is not a release's.
    public init?(_ name: String) {
        let digits = name.hasPrefix("v") ? name.dropFirst() : Substring(name)
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { return nil }
        var numbers: [Int] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 9, part.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(part) else { return nil }
            numbers.append(number)
        }
        self.name = name
        self.numbers = numbers
    }

    /// The major version, e.g. 6 for `v6.1.0`.
    public var major: Int { numbers[0] }

    /// The tag as written.
    public var description: String { name }

    /// Whether `lhs` is an earlier release: by major, minor and patch, then by name (`v1.0.0` before `1.0.0`).
    public static func < (lhs: ReleaseTag, rhs: ReleaseTag) -> Bool {
        lhs.numbers != rhs.numbers ? lhs.numbers.lexicographicallyPrecedes(rhs.numbers) : lhs.name < rhs.name
    }
}

extension PinTable {
    /// The repositories whose actions the workflows use, sorted, each with its pin.
    public func used(by workflows: [GeneratedWorkflow]) -> [Pin] {
        var repositories: Set<String> = []
        for job in workflows.flatMap(\.workflow.jobs) {
            for step in job.steps {
                if let repository = step.usedAction?.repository { repositories.insert(repository) }
            }
        }
        return repositories.sorted().compactMap { pins[$0] }
    }
}

/// The runtimes of actions, as `runs.using` names them in an action's `action.yml`.
public enum ActionRuntime {
    /// The runtimes Pipewright never pins: GitHub's runners retired Node 12 and 16, and scheduled Node 20's
    /// removal for 2026-09-23.
    public static let refused: Set<String> = ["node12", "node16", "node20"]
}
