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
        var slug = ""
        var pendingDash = false
        for scalar in name.unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar), scalar.isASCII {
                if pendingDash && !slug.isEmpty { slug += "-" }
                slug.unicodeScalars.append(contentsOf: String(scalar).lowercased().unicodeScalars)
                pendingDash = false
            } else {
                pendingDash = true
            }
        }
        return slug.isEmpty ? "pipeline" : slug
    }
}
