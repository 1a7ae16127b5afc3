/// PW015: tools installed in scripts are pinned to a version, like actions are pinned to a commit.
struct PinnedToolInstalls: PolicyRule {
    init() {}
    let id = "PW015"
    let name = "pinned-tool-installs"
    let title = "No unpinned tool installs: `pip install x==1.2.3`, `npm ci`, `npx --no-install`"
    let severity = Severity.error
    let tags = ["security", "supply-chain"]
    let explanation = RuleExplanation(
        what: "Every `run:` script: `pip`/`pip3`/`python -m pip`/`uv pip install` of a package without `==` (or `===`, a `@` URL, a local path or an archive; `-r`/`-c` files are accepted); `npm install`/`npm i` without packages, where `npm ci` belongs; `npm install pkg` without `@version` (or with `@latest`); `npx` without `--no-install` (or `--no`).",
        why: "`pip install cfn-lint` or `npx cdk synth` installs whatever the registry serves that minute, so a hijacked or typo-squatted release (the `ultralytics` PyPI compromise of December 2024, the `nx` npm compromise of August 2025) runs with the job's credentials. `npm install` also rewrites the lock file instead of honouring it.",
        fix: "Pin every install (`pip install \"cfn-lint==1.51.0\"`, ideally with `--require-hashes -r requirements.txt`), use `npm ci` against a committed lock file, and run project tools with `npx --no-install` so only locked versions run."
    )

    func check(_ audit: WorkflowAudit) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        for job in audit.workflow.jobs {
            for (index, command) in audit.stepCommands(of: job) {
                if let problem = Self.problem(with: command) {
                    findings.append(finding(audit, at: WorkflowPath.step(job, index) + ".run", "job \(job.id): \(problem) (script line \(command.line))"))
                }
            }
        }
        return findings
    }

    /// What is unpinned about a command, if anything.
    static func problem(with command: ScriptCommand) -> String? {
        guard let program = command.program else { return nil }
        var arguments = command.arguments
        var isPip = program == "pip" || program == "pip3"
        if (program == "python" || program == "python3"), arguments.starts(with: ["-m", "pip"]) { isPip = true; arguments.removeFirst(2) }
        if program == "uv", arguments.first == "pip" { isPip = true; arguments.removeFirst() }
        if isPip, arguments.first == "install" {
            let unpinned = packages(in: Array(arguments.dropFirst()), valued: ["-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-i", "--index-url", "--extra-index-url", "-t", "--target", "--prefix", "-f", "--find-links", "--root", "--python-version", "--platform"])
                .filter { !isPinnedPythonPackage($0) }
            return unpinned.isEmpty ? nil : "pip install of \(unpinned.joined(separator: ", ")) without a pinned version"
        }
        if program == "npm", let subcommand = arguments.first, ["install", "i", "add", "isntall"].contains(subcommand) {
            let named = packages(in: Array(arguments.dropFirst()), valued: ["--prefix", "--registry", "--omit", "--include", "-w", "--workspace"])
            if named.isEmpty { return "npm \(subcommand) resolves versions afresh; use npm ci to install exactly the lock file" }
            let unpinned = named.filter { !isPinnedNodePackage($0) }
            return unpinned.isEmpty ? nil : "npm \(subcommand) of \(unpinned.joined(separator: ", ")) without a pinned version"
        }
        if program == "npx", !command.has("--no-install"), !command.has("--no") {
            let tool = arguments.first { !$0.hasPrefix("-") } ?? "a package"
            return "npx \(tool) may download and run a package that is not installed; add --no-install"
        }
        return nil
    }

    /// The non-option arguments, skipping the values of options that take one.
    static func packages(in arguments: [String], valued: Set<String>) -> [String] {
        var result: [String] = []
        var skipNext = false
        for word in arguments {
            if skipNext { skipNext = false; continue }
            if word.hasPrefix("-") { skipNext = valued.contains(word); continue }
            result.append(word)
        }
        return result
    }

    static func isPinnedPythonPackage(_ word: String) -> Bool {
        word.containsBytes("==") || word.containsBytes("@") || word.hasPrefix(".") || word.hasPrefix("/") || word.hasPrefix("$")
            || word.hasSuffix(".whl") || word.hasSuffix(".tar.gz") || word.hasSuffix(".zip")
    }

    static func isPinnedNodePackage(_ word: String) -> Bool {
        if word.hasPrefix(".") || word.hasPrefix("/") || word.hasPrefix("$") || word.hasSuffix(".tgz") || word.containsBytes(":") { return true }
        guard let at = word.dropFirst().lastIndex(of: "@") else { return false }
        let version = word[word.index(after: at)...]
        return !version.isEmpty && version != "latest" && version != "next" && !version.hasPrefix("^") && !version.hasPrefix("~") && version != "*"
    }
}
