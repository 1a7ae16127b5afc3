#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Pipewright

/// `pipewright pins [update]`: lists the actions the workflows use and their pins, or moves the pins file to
/// each action's newest release that has aged past a cool-down.
struct PinsCommand {
    static let spec = CommandSpec(
        name: "pins",
        summary: "List the actions the workflows use and their pins, or 'pins update' to write newer releases to the pins file.",
        arguments: ["update?"],
        options: [
            .value("--config", "FILE", "The pipeline config (default: pipewright.json in --directory)."),
            .value("--directory", "DIR", "Repository root (default: the current folder)."),
            .flag("--all", "List every pin Pipewright has, not only those of the actions the workflows use."),
            .value("--min-age", "DAYS", "update: skip releases younger than this many days (default: 7)."),
            .value("--output", "FILE", "update: the pins file to write when the config names none (default: pipewright-pins.json beside the config)."),
            .value("--remote", "URL", "update: where each action's repository is, with {repository} for owner/repo (default: https://github.com/{repository}.git)."),
        ],
        discussion: """
        'pins update' asks each action's repository for its release tags with git (no token), and takes the newest
        vX.Y.Z release that is at least --min-age days old (the tag's date), whose commit is on the repository's
        default branch, and whose action.yml runs on a runtime GitHub's runners keep (not node12, node16 or node20).
        It never moves a pin backwards. It writes the pins file the config names in "pins" (or --output, and then
        says to add "pins" to the config); review the diff in a pull request, then run 'pipewright generate'.
        A policy's actionPins win over the pins file. Exits 2 when a repository cannot be read.
        """
    )

    static let defaultRemote = "https://github.com/{repository}.git"
    static let defaultPinsName = "pipewright-pins.json"

    let tool: PipewrightTool
    let arguments: ParsedArguments

    func run() throws -> ExitCode {
        let positionals = arguments.positionals
        if let first = positionals.first, first != "update" { throw UsageError.unexpectedArgument(first, command: "pins") }
        if positionals.isEmpty {
            for option in ["--min-age", "--output", "--remote"] where arguments[option] != nil {
                throw CommandFailure.invalidInput("\(option) applies to 'pins update' only")
            }
        }
        let workspace = tool.workspace(arguments["--directory"])
        let configPath = arguments["--config"] ?? ConfigFile.defaultName
        let config = try ConfigFile.load(configPath, policyFile: nil, in: workspace)
        let generator = Generator(policy: config.policy)
        let used = generator.pins.used(by: generator.lower(config.pipeline))
        guard positionals.isEmpty else {
            if arguments.has("--all") { throw CommandFailure.invalidInput("--all applies to 'pins' only: 'pins update' updates the actions the workflows use") }
            return try update(used, config: config, configPath: configPath, in: workspace)
        }
        let listed = arguments.has("--all") ? generator.pins.pins.values.sorted { $0.repository < $1.repository } : used

        let file = try pinsFile(of: configPath, in: workspace)
        let width = (listed.map(\.repository.count).max() ?? 0) + 2
        let versionWidth = (listed.map(\.version.count).max() ?? 0) + 2
        for pin in listed {
            let source = config.policy.actionPins.last { $0.repository == pin.repository } == nil ? "Pipewright"
                : file?.pins.contains(pin) == true ? file!.path : "policy"
            tool.console.out(pin.repository + String(repeating: " ", count: width - pin.repository.count)
                + pin.version + String(repeating: " ", count: versionWidth - pin.version.count) + pin.commit + "  (" + source + ")\n")
        }
        return .ok
    }

    /// The pins file the config names, read, with its path; `nil` when it names none.
    private func pinsFile(of configPath: String, in workspace: Workspace) throws(CommandFailure) -> (path: String, pins: [PinTable.Pin])? {
        guard let text = try workspace.read(configPath), let name = try? PipewrightConfig.decode(text, fileName: configPath).pins else { return nil }
        let path = FilePaths.appending(name, to: FilePaths.removingLastComponent(of: configPath))
        return (path, try ConfigFile.loadPins(path, in: workspace).pins)
    }

    private func update(_ used: [PinTable.Pin], config: ConfigFile.Loaded, configPath: String, in workspace: Workspace) throws -> ExitCode {
        let minimumAge: Int
        if let text = arguments["--min-age"] {
            guard let days = Int(text), days >= 0 else { throw CommandFailure.invalidInput("--min-age: \"\(text)\" is not a number of days; expected 0 or more, e.g. --min-age 7") }
            minimumAge = days
        } else {
            minimumAge = 7
        }
        let remote = arguments["--remote"] ?? Self.defaultRemote
        guard remote.contains("{repository}") else {
            throw CommandFailure.invalidInput("--remote: \"\(remote)\" has no {repository}; expected e.g. https://github.com/{repository}.git")
        }
        let existing = try pinsFile(of: configPath, in: workspace)
        let target = existing?.path ?? arguments["--output"] ?? FilePaths.appending(Self.defaultPinsName, to: FilePaths.removingLastComponent(of: configPath))
        let policyPinned = Set(try ConfigFile.load(configPath, policyFile: nil, in: workspace).policy.actionPins.map(\.repository))
            .subtracting(existing?.pins.map(\.repository) ?? [])

        var pins = existing?.pins ?? []
        var changed = 0
        let now = Int(time(nil))
        for pin in used {
            if policyPinned.contains(pin.repository) {
                tool.console.out("\(pin.repository): \(pin.version), pinned by the policy; not changed\n")
                continue
            }
            let url = remote.replacing("{repository}", with: pin.repository)
            tool.console.out("\(pin.repository): \(pin.version) — asking \(url)\n")
            let resolver = ReleaseResolver(url: url, minimumAgeDays: minimumAge, now: now)
            let outcome = try resolver.newest(after: pin)
            for note in outcome.notes { tool.console.out("  " + note + "\n") }
            guard let newer = outcome.pin else {
                tool.console.out("  keeps \(pin.version)\n")
                continue
            }
            tool.console.out("  moves to \(newer.version) (\(newer.commit))\n")
            pins.removeAll { $0.repository == pin.repository }
            pins.append(newer)
            changed += 1
        }
        guard changed > 0 else {
            tool.console.out("Every pin is current; nothing was written.\n")
            return .ok
        }
        try workspace.write(PinsFile(pins: pins).text, to: target)
        tool.console.out("Wrote \(changed) newer pin\(changed == 1 ? "" : "s") to \(workspace.relative(target)). Review the diff, then run 'pipewright generate'.\n")
        if existing == nil {
            let name = target.hasPrefix(FilePaths.removingLastComponent(of: configPath) + "/") ? String(target.dropFirst(FilePaths.removingLastComponent(of: configPath).count + 1)) : target
            tool.console.out("Add \"pins\": \"\(name)\" to \(workspace.relative(configPath)) so that generate uses them.\n")
        }
        return .ok
    }
}

/// Finds an action's newest acceptable release with git: tags from `git ls-remote`, then, only when a newer
/// release exists, a blob-less bare clone to read the tag's date, whether its commit is on the default
/// branch, and the runtime its `action.yml` names.
struct ReleaseResolver {
    let url: String
    let minimumAgeDays: Int
    /// Seconds since 1970, for the cool-down.
    let now: Int

    struct Outcome {
        /// The newest acceptable release newer than the pin, if any.
        let pin: PinTable.Pin?
        /// Why newer releases were passed over, newest first.
        let notes: [String]
    }

    func newest(after pin: PinTable.Pin) throws(CommandFailure) -> Outcome {
        let listing = try git(["ls-remote", "--tags", url])
        var commits: [String: String] = [:]
        for line in listing.split(separator: "\n") {
            let fields = line.split(separator: "\t")
            guard fields.count == 2, fields[1].hasPrefix("refs/tags/") else { continue }
            var name = String(fields[1].dropFirst("refs/tags/".count))
            let peeled = name.hasSuffix("^{}")
            if peeled { name.removeLast(3) }
            // An annotated tag is listed twice: the tag object, then `^{}` with the commit it points to.
            if peeled || commits[name] == nil { commits[name] = String(fields[0]) }
        }
        let current = ReleaseTag(pin.version)
        let newer = commits.keys.compactMap(ReleaseTag.init).filter { current == nil || $0 > current! }.sorted(by: >)
        guard !newer.isEmpty else { return Outcome(pin: nil, notes: ["no release newer than \(pin.version)"]) }

        let folder = try temporaryFolder()
        defer { _ = try? Subprocess.run(["rm", "-rf", folder]) }
        let clone = folder + "/repository.git"
        _ = try git(["clone", "--bare", "--quiet", "--filter=blob:none", url, clone])
        var notes: [String] = []
        for tag in newer {
            guard let commit = commits[tag.name] else { continue }
            let dates = try git(["-C", clone, "for-each-ref", "--format=%(taggerdate:unix) %(committerdate:unix)", "refs/tags/" + tag.name])
            let date = dates.split(separator: " ").first.flatMap { Int($0) }
            if let date, now - date < minimumAgeDays * 86_400 {
                notes.append("\(tag.name) is \((now - date) / 86_400) days old, younger than the cool-down of \(minimumAgeDays) days; skipped")
                continue
            }
            let onDefaultBranch = try Subprocess.run(["git", "-C", clone, "merge-base", "--is-ancestor", commit, "HEAD"], environment: Self.environment)
            guard onDefaultBranch.status != 1 else {
                notes.append("\(tag.name) (\(commit)) is not on the default branch's history; skipped")
                continue
            }
            if let runtime = try runtime(of: commit, in: clone), ActionRuntime.refused.contains(runtime) {
                notes.append("\(tag.name) runs on \(runtime), which GitHub's runners no longer keep; skipped")
                continue
            }
            return Outcome(pin: PinTable.Pin(repository: pin.repository, version: tag.name, commit: commit), notes: notes)
        }
        return Outcome(pin: nil, notes: notes)
    }

    /// `runs.using` of the action at the repository's root, `nil` when there is no readable `action.yml`.
    private func runtime(of commit: String, in clone: String) throws(CommandFailure) -> String? {
        for name in ["action.yml", "action.yaml"] {
            let shown = try Subprocess.run(["git", "-C", clone, "show", commit + ":" + name], environment: Self.environment)
            guard shown.succeeded, let document = try? YAMLReader.read(shown.stdout) else { continue }
            if case .string(let using)? = document.root["runs"]?["using"]?.scalar?.value { return using }
        }
        return nil
    }

    /// Never prompt for credentials: a remote that asks for them fails instead.
    static let environment = ["GIT_TERMINAL_PROMPT": "0"]

    private func git(_ arguments: [String]) throws(CommandFailure) -> String {
        let result = try Subprocess.run(["git"] + arguments, environment: Self.environment)
        guard result.succeeded else {
            let lines = result.stderr.split(separator: "\n").map { $0.trimmingPrefix("fatal: ") }
            let message = lines.isEmpty ? "exit status \(result.status)" : lines.joined(separator: " ")
            throw .invalidInput("git \(arguments.first ?? "") \(url) failed: \(message)\nCheck the repository and --remote; nothing was written.")
        }
        return result.stdout
    }

    private func temporaryFolder() throws(CommandFailure) -> String {
        let base = (getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp") + "/pipewright-pins-XXXXXX"
        var template = Array(base.utf8CString)
        guard let created = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw .invalidInput("cannot create a temporary folder under \(base): \(String(cString: strerror(errno)))")
        }
        return String(cString: created)
    }
}
