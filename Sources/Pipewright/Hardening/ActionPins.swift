/// The actions Pipewright emits, each pinned to a verified release commit.
///
/// Built from the project's verified pin list (tag → commit, read from each repository's history);
/// only node24 releases are used, because GitHub's runners are removing node20.
/// A policy may override a pin, e.g. to point at an internal mirror (see ``PinTable/overriding(with:)``).
public struct PinTable: Sendable, Hashable {
    /// One pinned action: the repository, the release tag and its commit.
    public struct Pin: Sendable, Hashable {
        /// The action's repository, e.g. `actions/checkout`.
        public let repository: String
        /// The release tag the commit stands for, e.g. `v6.1.0`, written after the pin as a comment.
        public let version: String
        /// The 40-hex commit the tag pointed to when the pin was verified; what `uses:` names.
        public let commit: String

        /// Creates a pin.
        public init(repository: String, version: String, commit: String) {
            self.repository = repository
            self.version = version
            self.commit = commit
        }
    }

    /// The pins, keyed by `owner/repo`.
    public let pins: [String: Pin]

    /// Creates a table from pins; a later pin for the same repository wins.
    public init(_ pins: [Pin]) {
        self.pins = Dictionary(pins.map { ($0.repository, $0) }, uniquingKeysWith: { _, later in later })
    }

    /// The verified defaults.
    public static let verified = PinTable([
        Pin(repository: "actions/checkout", version: "v6.1.0", commit: "d23441a48e516b6c34aea4fa41551a30e30af803"),
        Pin(repository: "actions/upload-artifact", version: "v6.0.0", commit: "b7c566a772e6b6bfb58ed0dc250532a479d7789f"),
        Pin(repository: "actions/download-artifact", version: "v7.0.0", commit: "37930b1c2abaa49bbe596cd826c3c89aef350131"),
        Pin(repository: "aws-actions/configure-aws-credentials", version: "v6.2.3", commit: "e6de054238d6b7531b4efff3b6587d9aade6a06c"),
        Pin(repository: "actions/setup-node", version: "v6.5.0", commit: "249970729cb0ef3589644e2896645e5dc5ba9c38"),
        Pin(repository: "actions/setup-python", version: "v6.3.0", commit: "ece7cb06caefa5fff74198d8649806c4678c61a1"),
        Pin(repository: "step-security/harden-runner", version: "v2.20.1", commit: "b09bb98e06d4d774595224525879c09bc6e98c40"),
        // A composite action (it pins actions/attest by commit itself); Pipewright's own release workflow uses it.
        Pin(repository: "actions/attest-build-provenance", version: "v4.1.0", commit: "a2bbfa25375fe432b6a289bc6b6cd05ecd0c4c32"),
    ])

    /// This table with some repositories pointed at other pins.
    public func overriding(with overrides: [Pin]) -> PinTable {
        PinTable(pins.values.sorted { $0.repository < $1.repository } + overrides)
    }

    /// The pinned reference for a repository's action; `path` selects an action inside the repository.
    ///
    /// Lowering only asks for repositories in the table; asking for another is a programming error.
    public func reference(_ repository: String, path: String? = nil) -> ActionReference {
        guard let pin = pins[repository] else { preconditionFailure("no pin for \(repository)") }
        return ActionReference(path.map { repository + "/" + $0 } ?? repository, ref: pin.commit, version: pin.version)
    }
}
