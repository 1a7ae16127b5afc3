/// A workflow produced by lowering, with the file it belongs in under `.github/workflows/`.
public struct GeneratedWorkflow: Sendable, Hashable {
    /// The file name, e.g. `infrastructure.yml`.
    public let fileName: String
    /// The workflow.
    public let workflow: Workflow

    /// Creates a generated workflow.
    public init(fileName: String, workflow: Workflow) {
        self.fileName = fileName
        self.workflow = workflow
    }
}

extension Pipeline {
    /// The base of the workflow file names: the pipeline name in lowercase, words joined by `-`.
    public var fileSlug: String {
        // Byte by byte: only ASCII letters and digits are kept, and asking Unicode properties and lowercasing
        // per scalar made this 4% of a 100-environment `generate`, which asks for the slug once per environment.
        // Every byte of a non-ASCII scalar is at least 0x80, so it separates words just as the scalar would.
        var slug: [UInt8] = []
        var pendingDash = false
        for byte in name.utf8 {
            let lowercased = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
            if (lowercased >= UInt8(ascii: "a") && lowercased <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) {
                if pendingDash && !slug.isEmpty { slug.append(UInt8(ascii: "-")) }
                slug.append(lowercased)
                pendingDash = false
            } else {
                pendingDash = true
            }
        }
        return slug.isEmpty ? "pipeline" : String(decoding: slug, as: UTF8.self)
    }

    /// The deploy workflow's file name under `.github/workflows/`, e.g. `infrastructure.yml`.
    public var deployWorkflowFile: String { fileSlug + ".yml" }

    /// The drift workflow's file name under `.github/workflows/`, e.g. `infrastructure-drift.yml`.
    public var driftWorkflowFile: String { fileSlug + "-drift.yml" }
}
