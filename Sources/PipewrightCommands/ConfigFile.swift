import Pipewright

/// Reading `pipewright.json` and its policy, and rendering what they describe.
package enum ConfigFile {
    package static let defaultName = "pipewright.json"
    static let policyName = "pipewright-policy.json"

    /// A decoded config: the pipeline and the policy that governs it.
    package struct Loaded {
        package let pipeline: Pipeline
        package let policy: Policy
        package let source: String
    }

    /// The config text `init` writes for a pipeline.
    static func text(for pipeline: Pipeline) -> String {
        PipewrightConfig.encode(pipeline)
    }

    /// Reads, decodes and checks a config, and finds its policy: `--policy FILE`, else `pipewright-policy.json`
    /// beside the config, else the config's `policy` section, else the default policy.
    package static func load(_ path: String, policyFile: String?, in workspace: Workspace) throws(CommandFailure) -> Loaded {
        guard let text = try workspace.read(path) else {
            throw .invalidInput("\(path): no such file in \(workspace.root). Run 'pipewright init' to create one, or pass --config FILE.")
        }
        let decoded: PipewrightConfig.Decoded
        do {
            decoded = try PipewrightConfig.decode(text, fileName: path)
        } catch {
            let messages = error.messages
            if case .syntax = error { throw .invalidInput(messages.joined(separator: "\n")) }
            throw .invalidInput("\(path) is not a valid config; nothing was written:\n" + messages.map { "  " + $0 }.joined(separator: "\n"))
        }
        // `decode` has checked the pipeline's rules already (``PipewrightConfig/Decoded/pipeline``).
        let policy = try loadPolicy(explicit: policyFile, section: decoded.policy, configPath: path, in: workspace)
        return Loaded(pipeline: decoded.pipeline, policy: policy, source: path)
    }

    static func loadPolicy(explicit: String?, section: JSONValue?, configPath: String, in workspace: Workspace) throws(CommandFailure) -> Policy {
        func decoded(_ read: () throws(PolicyDecodingError) -> Policy) throws(CommandFailure) -> Policy {
            do { return try read() } catch { throw .invalidInput(error.description) }
        }
        if let explicit {
            guard let text = try workspace.read(explicit) else { throw .invalidInput("--policy: \(explicit): no such file") }
            return try decoded { () throws(PolicyDecodingError) in try Policy.decode(text, fileName: explicit) }
        }
        let folder = configPath.contains("/") ? String(configPath[..<configPath.lastIndex(of: "/")!]) + "/" : ""
        if let text = try workspace.read(folder + policyName) {
            return try decoded { () throws(PolicyDecodingError) in try Policy.decode(text, fileName: folder + policyName) }
        }
        if let section {
            return try decoded { () throws(PolicyDecodingError) in try Policy(json: section) }
        }
        return .default
    }

    /// Checks, lowers, validates and renders the workflows of a pipeline under a policy; `source` is the
    /// config the headers name, `origin` what described the pipeline, for errors. A policy error stops it
    /// before anything is written; the policy's warnings are returned, one line each, for the caller to print.
    static func render(_ pipeline: Pipeline, policy: Policy = .default, source: String = defaultName, command: String = "pipewright generate",
                       origin: String? = nil) throws(CommandFailure) -> (files: [RenderedFile], warnings: [String]) {
        let generator = Generator(policy: policy, source: source, command: command)
        do {
            let files = try generator.render(pipeline)
            return (files, generator.policyFindings(pipeline).map(describe))
        } catch .invalidPipeline(let errors) {
            throw .invalidInput("\(origin ?? source) describe\(origin == nil ? "s" : "") an invalid pipeline; nothing was written:\n" + errors.map { "  " + $0.description }.joined(separator: "\n"))
        } catch .policyViolation(let findings) {
            throw .invalidInput("\(origin ?? source) break\(origin == nil ? "s" : "") the policy; nothing was written:\n" + findings.map(describe).joined(separator: "\n"))
        } catch {
            throw .invalidInput("the lowered workflows are invalid (a bug in Pipewright; please report it):\n" + error.description)
        }
    }

    /// A policy finding as `generate` prints it: the setting, the rule by id and name, what is wrong, then the fix.
    static func describe(_ finding: Diagnostic) -> String {
        let rule = RuleCatalog.rule(finding.ruleID).map { " (\($0.name))" } ?? ""
        return "  \(finding.severity.rawValue): \(finding.location.path): \(finding.ruleID)\(rule) \(finding.message)"
            + (finding.hint.map { "\n    \($0)" } ?? "")
    }
}
