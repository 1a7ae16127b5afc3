extension Pipeline {
    /// Every rule the pipeline breaks, with the JSON path of the field in `pipewright.json` terms
    /// (`environments[1].after`), whether the pipeline was decoded from a file or built with the DSL.
    ///
    /// Checked: names and identifiers (environments, accounts, regions, role ARNs, secret and variable
    /// names, branches, paths, versions), references (`after`), stack-name length, tags against AWS limits,
    /// cron entries, ranges, and that no free text can inject into a script, the YAML or a JSON `env:` value.
    public func configurationErrors() -> [ValidationError] {
        var checker = ConfigChecker(pipeline: self)
        PipewrightConfig.root.check(&checker, PipewrightConfig.Decoded(pipeline: self), at: { .root })
        return checker.errors
    }
}

/// Where a checked value is, built only when a rule is broken: most values are fine, and a thousand
/// environments would otherwise build a path for each of their fields.
typealias LazyPath = () -> JSONPath

/// Collects the rules a value breaks while its fields' declarations are walked, so problems come in the
/// documented key order. Each field's own rules come with its ``ConfigType``; the rules across fields are here.
struct ConfigChecker {
    /// The pipeline being checked, for rules across fields; `nil` when a policy is.
    let pipeline: Pipeline?
    /// Where each environment name first occurs, while environments are checked.
    var firstIndex: [String: Int] = [:]
    /// The environment being checked.
    var environmentIndex = 0
    /// The stack being checked.
    var stackIndex = 0
    private(set) var errors: [ValidationError] = []

    /// The keys Pipewright puts on every stack; user tags may not repeat them.
    static let builtInTags = ["Environment", "Project", "ManagedBy", "Repository", "CommitSHA"]
    /// AWS's limit of tags per resource.
    static let maximumTags = 50
    /// The longest suffix a manual run may choose (the `environment_suffix` input).
    static let maximumSuffixLength = 20

    init(pipeline: Pipeline?) { self.pipeline = pipeline }

    mutating func fail(_ path: @autoclosure () -> String, _ message: String) {
        errors.append(ValidationError(path: path(), message: message))
    }

    mutating func fail(_ path: LazyPath, _ message: String) {
        errors.append(ValidationError(path: path().rendered, message: message))
    }

    mutating func check(_ text: String, _ rule: TextRule, at path: @autoclosure () -> String) {
        if let problem = rule.problem(text) { fail(path(), problem) }
    }

    mutating func check(_ text: String, _ rule: TextRule, at path: LazyPath) {
        if let problem = rule.problem(text) { fail(path, problem) }
    }

    /// A GitHub secret or variable name.
    mutating func checkName(_ name: String, at path: @autoclosure () -> String) {
        if let problem = TextRule.githubName.problem(name) {
            fail(path(), problem)
        } else if name.hasPrefix("GITHUB_") {
            fail(path(), "\(JSONWriter.quoted(name)) starts with GITHUB_; expected a name of your own — GitHub reserves the GITHUB_ prefix")
        }
    }

    /// A path inside the repository; `directory` also accepts `.`, the repository root.
    mutating func checkPath(_ path: String, directory: Bool = false, at location: LazyPath) {
        if directory, path == "." { return }
        if let problem = TextRule.path.problem(path) {
            fail(location, problem)
        } else if path.containsBytes("..") {
            fail(location, "\(JSONWriter.quoted(path)) contains '..'; expected a path inside the repository")
        }
    }

    // MARK: - Rules across fields

    /// The longest stack name fits CloudFormation's 128 characters; a manual run may pick any suffix up to
    /// the input's limit, so the longest name uses that.
    mutating func checkStackNameLength(at path: LazyPath) {
        guard let pipeline else { return }
        let naming = pipeline.stackNaming
        let defaultSuffix = naming.suffix?.utf8.count ?? 0
        let suffixLength = pipeline.manualDispatch ? max(defaultSuffix, Self.maximumSuffixLength) : defaultSuffix
        guard let longest = pipeline.environments.max(by: { $0.name.utf8.count < $1.name.utf8.count }) else { return }
        // A part that breaks its own rule is reported there; the length of the whole would only repeat it.
        guard TextRule.stackPrefix.matches(naming.prefix), TextRule.environmentName.matches(longest.name),
              naming.suffix.map(TextRule.stackSuffix.matches) ?? true else { return }
        let longestStack = pipeline.stacks.map(\.name.utf8.count).max() ?? 0
        let length = naming.prefix.utf8.count + 1 + longest.name.utf8.count + (suffixLength > 0 ? 1 + suffixLength : 0) + (longestStack > 0 ? 1 + longestStack : 0)
        if length > 128 {
            let suffixNote = suffixLength > 0 ? " with a \(suffixLength)-character suffix" : ""
            let stackNote = longestStack > 0 ? " and its longest stack name" : ""
            fail(path, "\(JSONWriter.quoted(naming.prefix)) makes the stack name of environment \(JSONWriter.quoted(longest.name))\(stackNote) \(length) characters long\(suffixNote); expected at most 128 — shorten the prefix or the environment name")
        }
    }

    /// Checks the environments one by one, their problems in document order.
    mutating func checkEnvironments(_ environments: [Environment], with object: ConfigObject<Environment>, at path: LazyPath) {
        // Where each name first occurs: an environment repeats a name when that is before it, and `after`
        // may only name an environment that occurs before it. Knowing this up front, each environment is
        // checked on its own.
        var firstIndex: [String: Int] = [:]
        firstIndex.reserveCapacity(environments.count)
        for (index, environment) in environments.enumerated() where firstIndex[environment.name] == nil {
            firstIndex[environment.name] = index
        }
        let base = path()
        self.firstIndex = firstIndex
        for index in environments.indices {
            environmentIndex = index
            object.check(&self, environments[index], at: { base.index(index) })
        }
    }

    /// An environment's name is unique and not reserved.
    mutating func checkEnvironmentName(_ name: String, at path: LazyPath) {
        if let earlier = firstIndex[name], earlier < environmentIndex {
            fail(path, "\(JSONWriter.quoted(name)) is already the name of environments[\(earlier)]; expected a unique name — environment names become job ids and stack names")
        }
        if name == "refused", pipeline?.destroy != nil {
            fail(path, "\"refused\" is reserved when destroy is on: the job destroy-refused reports refused destroys; expected another name")
        }
    }

    /// `after` must name an earlier environment on the same branch: the deploy jobs of one push run in
    /// one workflow run, and a job can only wait for jobs of its own run.
    mutating func checkAfter(of environment: Environment, at path: LazyPath) {
        guard let after = environment.after, let pipeline else { return }
        let index = environmentIndex
        // Where names first occur is in `firstIndex`; the whole list is searched only to explain a mistake.
        guard let target = firstIndex[after], target < index else {
            let names = pipeline.environments.map(\.name)
            if let later = names.firstIndex(of: after) {
                let which = later == index ? "this environment itself" : "environments[\(later)], which comes later"
                fail(path, "\(JSONWriter.quoted(after)) is \(which); expected an earlier environment — environments deploy in the order they are listed")
                return
            }
            var seen: Set<String> = []
            let earlier = names[..<index].filter { $0 != environment.name && seen.insert($0).inserted }
            let list = earlier.isEmpty ? "an earlier environment, but there is none" : "one of " + earlier.joined(separator: ", ")
            fail(path, "\(JSONWriter.quoted(after)) is not an environment; expected \(list)" + Suggestion.hint(for: after, in: earlier))
            return
        }
        let predecessor = pipeline.environments[target]
        if predecessor.branch != environment.branch {
            fail(path, "\(JSONWriter.quoted(after)) deploys from branch \(JSONWriter.quoted(predecessor.branch)), this environment from \(JSONWriter.quoted(environment.branch)); expected an environment on the same branch — a push to one branch starts one workflow run, and a job can only wait for jobs in its own run")
        }
    }

    /// The environments of a wave deploy as one: they share one GitHub environment, whose approval releases them
    /// all, so they must also share what decides when they run — branch, `after`, strategy and production. No
    /// environment outside the wave may use its GitHub environment: that approval would release it too.
    mutating func checkWave(of environment: Environment, at path: LazyPath) {
        guard let pipeline, let wave = environment.wave else { return }
        let index = environmentIndex
        guard let first = pipeline.environments[..<index].firstIndex(where: { $0.wave == wave }) else {
            // The wave's first environment speaks for it, once.
            if let outsider = pipeline.environments.firstIndex(where: { $0.wave != wave && $0.githubEnvironment == environment.githubEnvironment }) {
                fail(path, "\(JSONWriter.quoted(wave)) deploys in GitHub environment \(JSONWriter.quoted(environment.githubEnvironment)), which environments[\(outsider)] (\(JSONWriter.quoted(pipeline.environments[outsider].name))) also uses outside the wave, so the wave's one approval would release it too; expected a wave name no other environment's GitHub environment has")
            }
            return
        }
        let leader = pipeline.environments[first]
        func differs(_ what: String, _ mine: String, _ theirs: String) {
            fail(path, "\(JSONWriter.quoted(wave)) is also the wave of environments[\(first)] (\(JSONWriter.quoted(leader.name))), whose \(what) is \(theirs), this environment's \(mine); expected one \(what) for every environment of a wave — it deploys as one")
        }
        if leader.githubEnvironment != environment.githubEnvironment {
            differs("githubEnvironment", JSONWriter.quoted(environment.githubEnvironment), JSONWriter.quoted(leader.githubEnvironment))
        } else if leader.branch != environment.branch {
            differs("branch", JSONWriter.quoted(environment.branch), JSONWriter.quoted(leader.branch))
        } else if leader.after != environment.after {
            differs("\"after\"", environment.after.map(JSONWriter.quoted) ?? "absent", leader.after.map(JSONWriter.quoted) ?? "absent")
        } else if leader.strategy.isReviewed != environment.strategy.isReviewed {
            differs("review", environment.strategy.isReviewed ? "reviewed" : "not reviewed", leader.strategy.isReviewed ? "reviewed" : "not reviewed")
        } else if leader.production != environment.production {
            differs("\"production\"", String(environment.production), String(leader.production))
        }
    }

    /// Each deploy role trusts one GitHub environment (`pipewright bootstrap` makes one per environment), so
    /// a role an earlier environment already deploys with would refuse this one. A repository variable or
    /// an ARN names the same role everywhere; a secret may differ per environment, so it is not compared.
    /// A region of the right shape that AWS does not offer (`us-east-3`, `eu-west-4`) deploys nowhere; one newer
    /// than this build's list is accepted when the pipeline lists it in `additionalRegions`.
    mutating func checkRegionIsKnown(_ region: String?, at path: LazyPath) {
        guard let region, AWSFormats.isRegion(region), !AWSFormats.knownRegions.contains(region),
              !(pipeline?.additionalRegions.contains(region) ?? false) else { return }
        fail(path, "\(JSONWriter.quoted(region)) is not an AWS region this build of Pipewright knows" + Suggestion.hint(for: region, in: AWSFormats.knownRegions)
             + "; expected a region AWS offers, such as us-east-1 or eu-west-2, or, for a region newer than this build, add it to \"additionalRegions\"")
    }

    mutating func checkRoleIsOwn(of environment: Environment, at path: LazyPath) {
        guard let pipeline, !environment.role.isSecret else { return }
        let index = environmentIndex
        guard let earlier = pipeline.environments[..<index].firstIndex(where: {
            $0.role == environment.role && $0.githubEnvironment != environment.githubEnvironment
        }) else { return }
        let other = pipeline.environments[earlier]
        let role = switch environment.role {
        case .variable(let name): "{\"variable\": \(JSONWriter.quoted(name))}"
        case .arn(let arn): "{\"arn\": \(JSONWriter.quoted(arn))}"
        case .secret(let name): "{\"secret\": \(JSONWriter.quoted(name))}"
        }
        fail(path, "\(role) is also the role of environments[\(earlier)] (\(JSONWriter.quoted(other.name))), whose trust admits only GitHub environment \(JSONWriter.quoted(other.githubEnvironment)), so this environment's deploy would be refused; expected a role of its own — pipewright bootstrap creates one per environment")
    }

    /// An environment's parameters (`ofStack: false`) or the current stack's (``stackIndex``). With stacks, an
    /// environment's keys name their stack, `<stack>.<Key>`; only a stack's parameters read outputs.
    mutating func checkParameters(_ parameters: [Parameter], ofStack: Bool, at base: LazyPath) {
        guard !parameters.isEmpty else { return }
        let stackNames = pipeline?.stacks.map(\.name) ?? []
        var seen: Set<String> = []
        for parameter in parameters {
            func path() -> String { base().rendered + (TextRule.parameterKey.matches(parameter.key) ? "." + parameter.key : "[" + JSONWriter.quoted(parameter.key) + "]") }
            var key = Substring(parameter.key)
            if !ofStack, !stackNames.isEmpty {
                guard let dot = key.firstIndex(of: "."), stackNames.contains(String(key[..<dot])) else {
                    let named = key.firstIndex(of: ".").map { String(key[..<$0]) }
                    let problem = named.map { "names \(JSONWriter.quoted($0)), which is not a stack" } ?? "names no stack"
                    var unique: [String] = []
                    for name in stackNames where !unique.contains(name) { unique.append(name) }
                    fail(path(), "\(problem); expected \"<stack>.<Key>\" with a stack of \(unique.joined(separator: ", ")) (each environment parameter goes to one stack)"
                         + (named.map { Suggestion.hint(for: $0, in: unique) } ?? ""))
                    continue
                }
                key = key[key.index(after: dot)...]
            }
            check(String(key), .parameterKey, at: base().rendered + "[" + JSONWriter.quoted(parameter.key) + "]")
            if !seen.insert(parameter.key).inserted {
                fail(path(), "is set twice; expected each parameter once")
            }
            if case .containerService(let service) = pipeline?.infrastructure, parameter.key == service.imageParameter {
                fail(path(), "is set by Pipewright to the pushed image's digest reference; expected another parameter name")
            }
            switch parameter.source {
            case .value(let literal): check(literal, .parameterValue, at: path())
            case .secret(let name): checkName(name, at: path() + ".secret")
            case .variable(let name): checkName(name, at: path() + ".variable")
            case .output(let stack, let output):
                guard ofStack else {
                    fail(path(), "reads an output of stack \(JSONWriter.quoted(stack)); expected a string, {\"secret\": NAME} or {\"variable\": NAME} — only a stack's parameters (stacks[n].parameters) read another stack's outputs")
                    continue
                }
                checkOutputSource(stack: stack, output: output, at: path() + ".output")
            }
        }
    }

    /// A stack's tags: the keys and values, no key twice and no more than AWS allows, counting the
    /// pipeline's tags for an environment's (`pipelineTags`).
    mutating func checkTags(_ tags: [Tag], at base: LazyPath, pipelineTags: [Tag]? = nil) {
        guard !tags.isEmpty else { return }
        var seen = Set((pipelineTags ?? []).map(\.key))
        for tag in tags {
            func path() -> String { base().rendered + (TextRule.parameterKey.matches(tag.key) ? "." + tag.key : "[" + JSONWriter.quoted(tag.key) + "]") }
            if let problem = TextRule.tagKey.problem(tag.key) {
                fail(path(), "key " + problem)
                continue
            }
            if tag.key.lowercased().hasPrefix("aws:") {
                fail(path(), "key \(JSONWriter.quoted(tag.key)) starts with aws:; expected a key of your own — AWS reserves the aws: prefix")
            } else if Self.builtInTags.contains(tag.key) {
                fail(path(), "key \(JSONWriter.quoted(tag.key)) is a tag Pipewright sets on every stack; expected a key other than " + Self.builtInTags.joined(separator: ", "))
            } else if !seen.insert(tag.key).inserted {
                let whereSet = pipelineTags?.contains { $0.key == tag.key } == true ? "is already a pipeline tag" : "is set twice"
                fail(path(), "key \(JSONWriter.quoted(tag.key)) \(whereSet); expected each tag key once per stack")
            }
            check(tag.value, .tagValue, at: path())
        }
        let total = Self.builtInTags.count + (pipelineTags?.count ?? 0) + tags.count
        guard total > Self.maximumTags else { return }
        let parts = pipelineTags.map { "\(tags.count) tags, \($0.count) pipeline tags" } ?? "\(tags.count) tags"
        fail(base, "\(parts) and the \(Self.builtInTags.count) built-in ones make \(total); expected at most \(Self.maximumTags) per stack, AWS's limit")
    }
}
