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
        /// The config's text, to place problems found later at a line and column (``ConfigPositions``).
        package let text: String
        /// Set when `--policy FILE` was applied without being recorded as the config's `policy.extends`:
        /// what to tell the user, since a plain `pipewright generate` would not apply it.
        package let unrecordedPolicy: String?
    }

    /// The config text `init` writes for a pipeline, with a `policy` section extending `policyFile` when given.
    static func text(for pipeline: Pipeline, extending policyFile: String? = nil) -> String {
        PipewrightConfig.encode(pipeline, policy: policyFile.map { .object([JSONMember("extends", .string($0))]) })
    }

    /// Reads, decodes and checks a config, and the policy that governs it: the config's `policy` section,
    /// the file its `extends` names, `pipewright-policy.json` beside the config, and `--policy FILE`, merged
    /// field by field with the stricter value winning (``Policy/merged(with:named:)``); the default policy
    /// when there is none.
    package static func load(_ path: String, policyFile: String?, in workspace: Workspace) throws(CommandFailure) -> Loaded {
        guard let text = try workspace.read(path) else {
            throw .invalidInput("\(path): no such file in \(workspace.root). Run 'pipewright init' to create one, or pass --config FILE.")
        }
        let decoded: PipewrightConfig.Decoded
        do {
            decoded = try PipewrightConfig.decode(text, fileName: path)
        } catch {
            throw failure(error, in: text, file: path, what: "\(path) is not a valid config")
        }
        // `decode` has checked the pipeline's rules already (``PipewrightConfig/Decoded/pipeline``).
        var (policy, unrecorded) = try loadPolicy(explicit: policyFile, section: decoded.policy, configPath: path, configText: text, in: workspace)
        if let pins = decoded.pins {
            // The policy's own pins (an organization's mirror) are applied after, so they win.
            policy.actionPins = try loadPins(FilePaths.appending(pins, to: FilePaths.removingLastComponent(of: path)), in: workspace).pins + policy.actionPins
        }
        return Loaded(pipeline: decoded.pipeline, policy: policy, source: path, text: text, unrecordedPolicy: unrecorded)
    }

    /// A JSON file's problems as one input error: a syntax error as it is, otherwise `what` and every problem at
    /// its line and column in `file` (paths without `droppingPrefix`, for a policy file's top-level settings).
    static func failure(_ error: ConfigError, in text: String, file: String, what: String, droppingPrefix prefix: String? = nil) -> CommandFailure {
        switch error {
        case .syntax(let syntax):
            return .invalidInput(syntax.description)
        case .invalid(let issues):
            let positions = ConfigPositions(text)
            let messages = issues.map { positions.describe($0.description, at: $0.path, in: file, droppingPrefix: prefix) }
            return .invalidInput(what + "; nothing was written:\n" + messages.map { "  " + $0 }.joined(separator: "\n"))
        }
    }

    /// Reads the pins file a config names; a missing or invalid one is an input error, never a silent
    /// return to Pipewright's own pins.
    package static func loadPins(_ path: String, in workspace: Workspace) throws(CommandFailure) -> PinsFile {
        guard let text = try workspace.read(path) else {
            throw .invalidInput("pins: \(path): no such file in \(workspace.root). Run 'pipewright pins update' to write it, or remove \"pins\" from the config to use Pipewright's own pins.")
        }
        do {
            return try PinsFile.decode(text, fileName: path)
        } catch {
            throw failure(error, in: text, file: path, what: "\(path) is not a valid pins file")
        }
    }

    /// The merged policy of a config (see ``load(_:policyFile:in:)``), and, when `explicit` names a file the
    /// config does not record, what to tell the user about it.
    static func loadPolicy(explicit: String?, section: JSONValue?, configPath: String, configText: String = "",
                           in workspace: Workspace) throws(CommandFailure) -> (Policy, unrecorded: String?) {
        /// A policy's problems, each at its line and column in `file`; a policy file's settings sit at its top level.
        func decoded(_ file: String, text: String, inConfig: Bool, _ read: () throws(PolicyDecodingError) -> Policy) throws(CommandFailure) -> Policy {
            do { return try read() } catch {
                throw failure(error, in: text, file: file, what: "\(inConfig ? "the policy section of " + file : file) is not a valid policy",
                              droppingPrefix: inConfig ? nil : "policy")
            }
        }
        func file(_ path: String, named name: String) throws(CommandFailure) -> Policy? {
            guard let text = try workspace.read(path) else { return nil }
            let policy = try decoded(path, text: text, inConfig: false) { () throws(PolicyDecodingError) in try Policy.decode(text, fileName: path) }
            if let extends = policy.extends {
                throw .invalidInput("\(name): policy.extends: \(JSONWriter.quoted(extends)) — a policy file cannot extend another; only the policy section of \(defaultName) may. Merge the two files, or extend both from \(configPath).")
            }
            return policy
        }
        let folder = FilePaths.removingLastComponent(of: configPath)
        var sources: [(name: String, policy: Policy)] = []
        var recorded: String?
        if let section {
            let own = try decoded(configPath, text: configText, inConfig: true) { () throws(PolicyDecodingError) in try Policy(json: section) }
            sources.append(("the policy section of \(configPath)", own))
            if let extends = own.extends {
                let path = FilePaths.appending(extends, to: folder)
                recorded = path
                guard let organization = try file(path, named: path) else {
                    throw .invalidInput("policy.extends: \(JSONWriter.quoted(extends)) in \(configPath): no such file (\(workspace.path(path))). The workflows were generated under this policy; nothing was written. Restore the file, or remove policy.extends from \(configPath) to generate without it.")
                }
                sources.append((path, organization))
            }
        }
        let siblingPath = FilePaths.appending(policyName, to: folder)
        if let sibling = try file(siblingPath, named: siblingPath) { sources.append((siblingPath, sibling)) }
        var unrecorded: String?
        if let explicit {
            let same = recorded.map { Workspace.resolvingSymlinks(in: workspace.path($0)) == Workspace.resolvingSymlinks(in: workspace.path(explicit)) } ?? false
            if !same {
                guard let policy = try file(explicit, named: explicit) else { throw .invalidInput("--policy: \(explicit): no such file") }
                sources.append((explicit, policy))
                let relative = relativePath(workspace.relative(explicit), from: FilePaths.removingLastComponent(of: workspace.relative(configPath)))
                unrecorded = recorded.map { recorded in
                    "--policy \(explicit) is not the policy \(configPath) records (policy.extends: \(JSONWriter.quoted(recorded))), so a plain 'pipewright generate' would not apply it. To apply it from now on, set \"extends\": \(JSONWriter.quoted(relative)) in the policy section of \(configPath)."
                } ?? "--policy \(explicit) is not recorded in \(configPath), so a plain 'pipewright generate' would drop it. Record it: add \"policy\": {\"extends\": \(JSONWriter.quoted(relative))} to \(configPath) (or, for a new repository, run 'pipewright init --policy \(explicit)'), then run 'pipewright generate'."
            }
        }
        var policy: Policy?
        for source in sources {
            guard let merged = policy else {
                policy = source.policy
                continue
            }
            do {
                policy = try merged.merged(with: source.policy, named: source.name)
            } catch {
                throw .invalidInput("the policies of \(sources.map(\.name).joined(separator: ", ")) conflict; nothing was written:\n" + error.errors.map { "  " + $0.description }.joined(separator: "\n"))
            }
        }
        return (policy ?? .default, unrecorded)
    }

    /// A repository path as seen from a folder of the repository: what `policy.extends` records.
    static func relativePath(_ path: String, from folder: String) -> String {
        guard !folder.isEmpty, !path.hasPrefix("/") else { return path }
        if path.hasPrefix(folder + "/") { return String(path.dropFirst(folder.count + 1)) }
        let depth = folder.split(separator: "/").count
        return String(repeating: "../", count: depth) + path
    }

    /// Checks, lowers, validates and renders the workflows of a pipeline under a policy; `source` is the
    /// config the headers name, `origin` what described the pipeline, for errors. A policy error stops it
    /// before anything is written; the policy's warnings are returned, one line each, for the caller to print.
    /// `text` is the config's, to place each problem at its line and column.
    static func render(_ pipeline: Pipeline, policy: Policy = .default, source: String = defaultName, command: String = "pipewright generate",
                       origin: String? = nil, text: String? = nil) throws(CommandFailure) -> (files: [RenderedFile], warnings: [String]) {
        let generator = Generator(policy: policy, source: source, command: command)
        let placed = describer(placingIn: text)
        do {
            let files = try generator.render(pipeline)
            return (files, generator.policyFindings(pipeline).map(placed))
        } catch {
            throw failure(error, source: origin ?? source, plural: origin != nil, describing: placed)
        }
    }

    /// ``describe(_:)`` with each finding placed at its line and column in the config's `text`, when known.
    static func describer(placingIn text: String?) -> (Diagnostic) -> String {
        guard let text else { return describe }
        // Read for positions only when there is a finding to place: reading a 1,000-environment config again
        // cost a clean 'generate' a tenth of its instructions.
        var read: ConfigPositions?
        return { finding in
            let positions = read ?? ConfigPositions(text)
            read = positions
            guard let position = positions.position(of: finding.location.path) else { return describe(finding) }
            var finding = finding
            finding.location.line = position.line
            finding.location.column = position.column
            return describe(finding)
        }
    }

    /// Why a pipeline could not be rendered, as the command reports it; `plural` when `source` names several
    /// files, `describing` how a policy finding is written (placed at its line and column when the text is known).
    static func failure(_ error: GenerationError, source: String, plural: Bool = false,
                        describing: (Diagnostic) -> String = describe) -> CommandFailure {
        switch error {
        case .invalidPipeline(let errors):
            .invalidInput("\(source) describe\(plural ? "" : "s") an invalid pipeline; nothing was written:\n" + errors.map { "  " + $0.description }.joined(separator: "\n"))
        case .policyViolation(let findings):
            .invalidInput("\(source) break\(plural ? "" : "s") the policy; nothing was written:\n" + findings.map(describing).joined(separator: "\n"))
        default:
            .invalidInput("the lowered workflows are invalid (a bug in Pipewright; please report it):\n" + error.description)
        }
    }

    /// A policy finding as `generate` prints it: where (`pipewright.json:12:9:` when placed), the setting, the rule
    /// by id and name, what is wrong, then the fix.
    static func describe(_ finding: Diagnostic) -> String {
        let rule = RuleCatalog.rule(finding.ruleID).map { " (\($0.name))" } ?? ""
        let place = finding.location.line.map { line in "\(finding.location.file):\(line):\(finding.location.column ?? 1): " } ?? ""
        return "  \(finding.severity.rawValue): \(place)\(finding.location.path): \(finding.ruleID)\(rule) \(finding.message)"
            + (finding.hint.map { "\n    \($0)" } ?? "")
    }
}
