extension Pipeline {
    /// Every rule the pipeline breaks, with the JSON path of the field in `pipewright.json` terms
    /// (`environments[1].after`), whether the pipeline was decoded from a file or built with the DSL.
    ///
    /// Checked: names and identifiers (environments, accounts, regions, role ARNs, secret and variable
    /// names, branches, paths, versions), references (`after`), stack-name length, tags against AWS limits,
    /// cron entries, ranges, and that no free text can inject into a script, the YAML or a JSON `env:` value.
    public func configurationErrors() -> [ValidationError] {
        var validator = PipelineValidator(pipeline: self)
        validator.validate()
        return validator.errors
    }
}

/// Checks a ``Pipeline`` field by field, in the documented key order of `pipewright.json`.
struct PipelineValidator {
    let pipeline: Pipeline
    private(set) var errors: [ValidationError] = []

    /// The keys Pipewright puts on every stack; user tags may not repeat them.
    static let builtInTags = ["Environment", "Project", "ManagedBy", "Repository", "CommitSHA"]
    /// AWS's limit of tags per resource.
    static let maximumTags = 50
    /// The longest suffix a manual run may choose (the `environment_suffix` input).
    static let maximumSuffixLength = 20

    init(pipeline: Pipeline) { self.pipeline = pipeline }

    mutating func fail(_ path: @autoclosure () -> String, _ message: String) {
        errors.append(ValidationError(path: path(), message: message))
    }

    mutating func check(_ text: String, _ rule: TextRule, at path: @autoclosure () -> String) {
        if let problem = rule.problem(text) { fail(path(), problem) }
    }

    mutating func validate() {
        check(pipeline.name, .pipelineName, at: "name")
        check(pipeline.project, .project, at: "project")
        checkRegion(pipeline.region, at: "region")
        checkStackNaming()
        checkInfrastructure()
        if let ciRole = pipeline.ciRole {
            if case .secret = ciRole {
                fail("ciRole", "{\"secret\": \(JSONWriter.quoted(roleName(ciRole)))} is a secret; expected {\"variable\": NAME} or {\"arn\": ARN} — build and validate jobs are not bound to a GitHub environment, so a secret there would be exposed outside any environment's protection")
            } else {
                checkRole(ciRole, at: "ciRole")
            }
        }
        checkRange(pipeline.build.retentionDays, 1...90, unit: "days", why: "GitHub keeps artifacts at most 90 days", at: "build.retentionDays")
        checkCommands(pipeline.build.commands, at: "build.commands")
        if let version = pipeline.validation.cfnLintVersion { checkVersion(version, at: "validation.cfnLintVersion") }
        checkCommands(pipeline.validation.commands, at: "validation.commands")
        checkEnvironments()
        for (index, branch) in (pipeline.pullRequestBranches ?? []).enumerated() {
            checkBranch(branch, at: "pullRequestBranches[\(index)]")
        }
        if let drift = pipeline.drift {
            for (index, entry) in drift.schedule.enumerated() {
                if let problem = Cron(entry).problem { fail("drift.schedule[\(index)]", problem) }
            }
            check(drift.githubEnvironment, .githubEnvironment, at: "drift.githubEnvironment")
        }
        if case .slack(let secret) = pipeline.notification { checkName(secret, at: "notify.slack.webhookSecret") }
        checkTags(pipeline.tags, at: "tags")
        if pipeline.tags.count + Self.builtInTags.count > Self.maximumTags {
            fail("tags", "\(pipeline.tags.count) tags and the \(Self.builtInTags.count) built-in ones make \(pipeline.tags.count + Self.builtInTags.count); expected at most \(Self.maximumTags) per stack, AWS's limit")
        }
        if let encryption = pipeline.artifactEncryption, !AWSFormats.isKMSKey(encryption.kmsKey) {
            fail("artifactEncryption.kmsKey", "\(JSONWriter.quoted(encryption.kmsKey)) is not a KMS key alias or ARN; expected alias/<name> (letters, digits, / _ -) or arn:aws:kms:<region>:<account>:key/<id>")
        }
        checkRuntime()
    }

    // MARK: - Top-level sections

    mutating func checkStackNaming() {
        check(pipeline.stackNaming.prefix, .stackPrefix, at: "stackNaming.prefix")
        if let suffix = pipeline.stackNaming.suffix { check(suffix, .stackSuffix, at: "stackNaming.suffix") }
        // A manual run may pick any suffix up to the input's limit, so the longest name uses that.
        let defaultSuffix = pipeline.stackNaming.suffix?.utf8.count ?? 0
        let suffixLength = pipeline.manualDispatch ? max(defaultSuffix, Self.maximumSuffixLength) : defaultSuffix
        guard let longest = pipeline.environments.max(by: { $0.name.utf8.count < $1.name.utf8.count }) else { return }
        // A part that breaks its own rule is reported there; the length of the whole would only repeat it.
        guard TextRule.stackPrefix.matches(pipeline.stackNaming.prefix), TextRule.environmentName.matches(longest.name),
              pipeline.stackNaming.suffix.map(TextRule.stackSuffix.matches) ?? true else { return }
        let length = pipeline.stackNaming.prefix.utf8.count + 1 + longest.name.utf8.count + (suffixLength > 0 ? 1 + suffixLength : 0)
        if length > 128 {
            let suffixNote = suffixLength > 0 ? " with a \(suffixLength)-character suffix" : ""
            fail("stackNaming.prefix", "\(JSONWriter.quoted(pipeline.stackNaming.prefix)) makes the stack name of environment \(JSONWriter.quoted(longest.name)) \(length) characters long\(suffixNote); expected at most 128 — shorten the prefix or the environment name")
        }
    }

    mutating func checkInfrastructure() {
        switch pipeline.infrastructure {
        case .cloudFormation(let template):
            checkPath(template.path, at: "infrastructure.template")
            checkCapabilities(template.capabilities)
        case .cdk(let app):
            checkPath(app.directory, directory: true, at: "infrastructure.directory")
            check(app.nodeVersion, .nodeVersion, at: "infrastructure.nodeVersion")
        case .sam(let app):
            checkPath(app.template, at: "infrastructure.template")
            if !TextRule.githubName.matches(app.packageBucket) { check(app.packageBucket, .bucket, at: "infrastructure.packageBucket") }
            checkVersion(app.samCLIVersion, at: "infrastructure.samCLIVersion")
        case .containerService(let service):
            checkPath(service.context, directory: true, at: "infrastructure.context")
            checkPath(service.dockerfile, at: "infrastructure.dockerfile")
            check(service.repository, .ecrRepository, at: "infrastructure.repository")
            if service.repository.containsBytes("..") || service.repository.containsBytes("//") || service.repository.hasSuffix("/") {
                fail("infrastructure.repository", "\(JSONWriter.quoted(service.repository)) has an empty or '.' path part; expected an ECR repository name such as team/service")
            }
            checkPath(service.template.path, at: "infrastructure.template")
            checkCapabilities(service.template.capabilities)
            check(service.imageParameter, .parameterKey, at: "infrastructure.imageParameter")
        }
    }

    mutating func checkCapabilities(_ capabilities: [Capability]) {
        for (index, capability) in capabilities.enumerated() where capabilities[..<index].contains(capability) {
            fail("infrastructure.capabilities[\(index)]", "\"\(capability.rawValue)\" is listed twice; expected each capability once")
        }
    }

    mutating func checkRuntime() {
        let runtime = pipeline.runtime
        check(runtime.runner.rawValue, .runnerLabel, at: "runtime.runner")
        checkRange(runtime.jobTimeoutMinutes, 1...360, unit: "minutes", why: "GitHub stops jobs after 6 hours", at: "runtime.jobTimeoutMinutes")
        checkRange(runtime.deployTimeoutMinutes, 1...360, unit: "minutes", why: "GitHub stops jobs after 6 hours", at: "runtime.deployTimeoutMinutes")
        guard let harden = runtime.hardenRunner else { return }
        for (index, endpoint) in harden.allowedEndpoints.enumerated() where !AWSFormats.isEndpoint(endpoint) {
            fail("runtime.hardenRunner.allowedEndpoints[\(index)]", "\(JSONWriter.quoted(endpoint)) is not a host:port endpoint; expected a host name and a port such as github.com:443 or *.amazonaws.com:443")
        }
        if harden.policy == .block, harden.allowedEndpoints.isEmpty {
            fail("runtime.hardenRunner.allowedEndpoints", "[] is empty; expected at least one host:port — the block policy refuses every other connection, GitHub's included")
        }
    }

    // MARK: - Environments

    mutating func checkEnvironments() {
        guard !pipeline.environments.isEmpty else {
            fail("environments", "[] is empty; expected at least one environment")
            return
        }
        // Where each name first occurs: an environment repeats a name when that is before it, and `after`
        // may only name an environment that occurs before it.
        var firstIndex: [String: Int] = [:]
        firstIndex.reserveCapacity(pipeline.environments.count)
        for (index, environment) in pipeline.environments.enumerated() where firstIndex[environment.name] == nil {
            firstIndex[environment.name] = index
        }
        for index in pipeline.environments.indices { checkEnvironment(at: index, firstIndex: firstIndex) }
    }

    /// One environment's problems; `firstIndex` holds where each environment name first occurs.
    mutating func checkEnvironment(at index: Int, firstIndex: [String: Int]) {
        let environment = pipeline.environments[index]
        // Paths are built only when something is wrong: most environments are fine.
        func base() -> String { "environments[\(index)]" }
        check(environment.name, .environmentName, at: base() + ".name")
        if let earlier = firstIndex[environment.name], earlier < index {
            fail(base() + ".name", "\(JSONWriter.quoted(environment.name)) is already the name of environments[\(earlier)]; expected a unique name — environment names become job ids and stack names")
        }
        if environment.name == "refused", pipeline.destroy != nil {
            fail(base() + ".name", "\"refused\" is reserved when destroy is on: the job destroy-refused reports refused destroys; expected another name")
        }
        if !AWSFormats.isAccountID(environment.account) {
            fail(base() + ".account", "\(JSONWriter.quoted(environment.account)) is not an AWS account id; expected exactly 12 digits")
        }
        if let region = environment.region { checkRegion(region, at: base() + ".region") }
        checkRole(environment.role, at: base() + ".role")
        if let chained = environment.chainedRole { checkRole(chained, at: base() + ".chainedRole") }
        if let drift = environment.driftRole { checkRole(drift, at: base() + ".driftRole") }
        // Unset, the GitHub environment is the name, whose own rule reports what is wrong with it.
        if environment.githubEnvironment != environment.name || TextRule.environmentName.matches(environment.name) {
            check(environment.githubEnvironment, .githubEnvironment, at: base() + ".githubEnvironment")
        }
        checkBranch(environment.branch, at: base() + ".branch")
        if let after = environment.after { checkAfter(after, of: environment, at: index, firstIndex: firstIndex) }
        checkParameters(environment.parameters, at: base() + ".parameters")
        checkTags(environment.tags, at: base() + ".tags", pipelineTags: pipeline.tags)
        let total = Self.builtInTags.count + pipeline.tags.count + environment.tags.count
        if !environment.tags.isEmpty, total > Self.maximumTags {
            fail(base() + ".tags", "\(environment.tags.count) tags, \(pipeline.tags.count) pipeline tags and the \(Self.builtInTags.count) built-in ones make \(total); expected at most \(Self.maximumTags) per stack, AWS's limit")
        }
    }

    /// `after` must name an earlier environment on the same branch: the deploy jobs of one push run in
    /// one workflow run, and a job can only wait for jobs of its own run.
    mutating func checkAfter(_ after: String, of environment: Environment, at index: Int, firstIndex: [String: Int]) {
        func path() -> String { "environments[\(index)].after" }
        // Where names first occur is in `firstIndex`; the whole list is searched only to explain a mistake.
        guard let target = firstIndex[after], target < index else {
            let names = pipeline.environments.map(\.name)
            if let later = names.firstIndex(of: after) {
                let which = later == index ? "this environment itself" : "environments[\(later)], which comes later"
                fail(path(), "\(JSONWriter.quoted(after)) is \(which); expected an earlier environment — environments deploy in the order they are listed")
                return
            }
            var seen: Set<String> = []
            let earlier = names[..<index].filter { $0 != environment.name && seen.insert($0).inserted }
            let list = earlier.isEmpty ? "an earlier environment, but there is none" : "one of " + earlier.joined(separator: ", ")
            fail(path(), "\(JSONWriter.quoted(after)) is not an environment; expected \(list)" + Suggestion.hint(for: after, in: earlier))
            return
        }
        let predecessor = pipeline.environments[target]
        if predecessor.branch != environment.branch {
            fail(path(), "\(JSONWriter.quoted(after)) deploys from branch \(JSONWriter.quoted(predecessor.branch)), this environment from \(JSONWriter.quoted(environment.branch)); expected an environment on the same branch — a push to one branch starts one workflow run, and a job can only wait for jobs in its own run")
        }
    }

    mutating func checkParameters(_ parameters: [Parameter], at base: @autoclosure () -> String) {
        guard !parameters.isEmpty else { return }
        var seen: Set<String> = []
        for parameter in parameters {
            func path() -> String { base() + "." + parameter.key }
            check(parameter.key, .parameterKey, at: base() + "[" + JSONWriter.quoted(parameter.key) + "]")
            if !seen.insert(parameter.key).inserted {
                fail(path(), "is set twice; expected each parameter once")
            }
            if case .containerService(let service) = pipeline.infrastructure, parameter.key == service.imageParameter {
                fail(path(), "is set by Pipewright to the pushed image's digest reference; expected another parameter name")
            }
            switch parameter.source {
            case .value(let literal): check(literal, .parameterValue, at: path())
            case .secret(let name): checkName(name, at: path() + ".secret")
            case .variable(let name): checkName(name, at: path() + ".variable")
            }
        }
    }

    // MARK: - Shared checks

    mutating func checkRegion(_ region: String, at path: @autoclosure () -> String) {
        if !AWSFormats.isRegion(region) {
            fail(path(), "\(JSONWriter.quoted(region)) is not an AWS region; expected a region such as us-east-1, eu-west-2, cn-north-1 or us-gov-west-1")
        }
    }

    mutating func checkRole(_ role: RoleReference, at path: @autoclosure () -> String) {
        switch role {
        case .secret(let name): checkName(name, at: path() + ".secret")
        case .variable(let name): checkName(name, at: path() + ".variable")
        case .arn(let arn):
            if !AWSFormats.isRoleARN(arn) {
                fail(path() + ".arn", "\(JSONWriter.quoted(arn)) is not an IAM role ARN; expected arn:aws:iam::<12-digit account>:role/<name> (partition aws, aws-cn or aws-us-gov)")
            }
        }
    }

    func roleName(_ role: RoleReference) -> String {
        switch role {
        case .secret(let name), .variable(let name), .arn(let name): name
        }
    }

    /// A GitHub secret or variable name.
    mutating func checkName(_ name: String, at path: @autoclosure () -> String) {
        if let problem = TextRule.githubName.problem(name) {
            fail(path(), problem)
        } else if name.hasPrefix("GITHUB_") {
            fail(path(), "\(JSONWriter.quoted(name)) starts with GITHUB_; expected a name of your own — GitHub reserves the GITHUB_ prefix")
        }
    }

    mutating func checkBranch(_ branch: String, at path: @autoclosure () -> String) {
        if let problem = TextRule.branch.problem(branch) {
            fail(path(), problem)
        } else if branch.containsBytes("..") || branch.containsBytes("//") || branch.hasSuffix("/") || branch.hasSuffix(".") || branch.hasSuffix(".lock") {
            fail(path(), "\(JSONWriter.quoted(branch)) is not a valid git branch name; expected no '..' or '//' and no '/', '.' or '.lock' at the end")
        }
    }

    /// A path inside the repository; `directory` also accepts `.`, the repository root.
    mutating func checkPath(_ path: String, directory: Bool = false, at location: @autoclosure () -> String) {
        if directory, path == "." { return }
        if let problem = TextRule.path.problem(path) {
            fail(location(), problem)
        } else if path.containsBytes("..") {
            fail(location(), "\(JSONWriter.quoted(path)) contains '..'; expected a path inside the repository")
        }
    }

    mutating func checkVersion(_ version: String, at path: @autoclosure () -> String) {
        if !AWSFormats.isSemanticVersion(version) {
            fail(path(), "\(JSONWriter.quoted(version)) is not an exact version; expected three numbers such as 1.51.0 — versions are pinned, never ranges")
        }
    }

    mutating func checkRange(_ value: Int, _ range: ClosedRange<Int>, unit: String, why: String, at path: String) {
        if !range.contains(value) {
            fail(path, "\(value) is out of range; expected \(range.lowerBound)-\(range.upperBound) \(unit) — \(why)")
        }
    }

    /// Commands are the repository owner's own shell, run verbatim as one line of a `run:` script. GitHub
    /// expands `${{ }}` in `run:` before the shell starts, which is the injection Pipewright keeps out of
    /// every script, so it is refused here too; so are line breaks, which would hide a second command.
    mutating func checkCommands(_ commands: [String], at base: String) {
        for (index, command) in commands.enumerated() {
            let value = JSONWriter.quoted(command)
            if command.utf8.allSatisfy({ $0 == 0x20 }) {
                fail("\(base)[\(index)]", "\(value) is empty; expected a shell command")
            } else if command.containsExpressionOpener {
                fail("\(base)[\(index)]", "\(value) contains '${{'; expected plain shell — GitHub would expand the expression into the script before it runs; read values from environment variables instead")
            } else if let control = command.unicodeScalars.first(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                fail("\(base)[\(index)]", "\(value) contains \(TextRule.describe(control)); expected one command on one line — put longer scripts in a file in the repository and run that")
            }
        }
    }

    mutating func checkTags(_ tags: [Tag], at base: @autoclosure () -> String, pipelineTags: [Tag] = []) {
        guard !tags.isEmpty else { return }
        var seen = Set(pipelineTags.map(\.key))
        for tag in tags {
            func path() -> String { base() + (TextRule.parameterKey.matches(tag.key) ? "." + tag.key : "[" + JSONWriter.quoted(tag.key) + "]") }
            if let problem = TextRule.tagKey.problem(tag.key) {
                fail(path(), "key " + problem)
                continue
            }
            if tag.key.lowercased().hasPrefix("aws:") {
                fail(path(), "key \(JSONWriter.quoted(tag.key)) starts with aws:; expected a key of your own — AWS reserves the aws: prefix")
            } else if Self.builtInTags.contains(tag.key) {
                fail(path(), "key \(JSONWriter.quoted(tag.key)) is a tag Pipewright sets on every stack; expected a key other than " + Self.builtInTags.joined(separator: ", "))
            } else if !seen.insert(tag.key).inserted {
                let whereSet = pipelineTags.contains { $0.key == tag.key } ? "is already a pipeline tag" : "is set twice"
                fail(path(), "key \(JSONWriter.quoted(tag.key)) \(whereSet); expected each tag key once per stack")
            }
            check(tag.value, .tagValue, at: path())
        }
    }
}
