/// The kinds of value `pipewright.json` and policy files hold, each declared once with its schema and its rule.
///
/// Computed, as a generic type cannot store statics: each is built when the tables of fields are, once.
extension ConfigType where Value == String {
    static var region: ConfigType {
        format(pattern: "^" + AWSFormats.regionPattern + "$", AWSFormats.isRegion) {
            "\(JSONWriter.quoted($0)) is not an AWS region; expected a region such as us-east-1, eu-west-2, cn-north-1 or us-gov-west-1"
        }.defined("region", "An AWS region such as us-east-1.")
    }

    static var accountID: ConfigType {
        format(pattern: "^[0-9]{12}$", AWSFormats.isAccountID) {
            "\(JSONWriter.quoted($0)) is not an AWS account id; expected exactly 12 digits"
        }
    }

    private static func notAVersion(_ text: String) -> String {
        "\(JSONWriter.quoted(text)) is not an exact version; expected three numbers such as 1.51.0 — versions are pinned, never ranges"
    }

    /// An exact version of a tool Pipewright installs from a hash lock it ships (``ToolLocks``); the schema
    /// lists the versions.
    static func lockedVersion(of tool: String, _ versions: [String]) -> ConfigType {
        string(pattern: nil, [JSONMember("enum", .array(versions.map(JSONValue.string)))]).checked { checker, text, path in
            if !AWSFormats.isSemanticVersion(text) {
                checker.fail(path, notAVersion(text))
            } else if !versions.contains(text) {
                checker.fail(path, "\(JSONWriter.quoted(text)) has no hash lock in this Pipewright; expected one of "
                    + versions.joined(separator: ", ") + " — \(tool) installs only from a lock Pipewright ships")
            }
        }
    }

    static var roleARN: ConfigType {
        format(pattern: "^arn:aws(-cn|-us-gov)?:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}$", AWSFormats.isRoleARN) {
            "\(JSONWriter.quoted($0)) is not an IAM role ARN; expected arn:aws:iam::<12-digit account>:role/<name> (partition aws, aws-cn or aws-us-gov)"
        }
    }

    static var githubName: ConfigType {
        string(pattern: TextRule.githubName.pattern, [JSONMember("not", .object(["pattern": .string("^GITHUB_")]))])
            .checked { checker, name, path in checker.checkName(name, at: path().rendered) }
            .defined("githubName", "A GitHub secret or variable name: uppercase letters, digits and _, not starting with a digit or GITHUB_.")
    }

    static var githubEnvironment: ConfigType {
        text(.githubEnvironment).defined("githubEnvironment", "A GitHub environment name.")
    }

    /// A branch name, or a pattern with a trailing `*` or `**` (`release/*`): GitHub's branch filters, its
    /// deployment branch rules and IAM's `StringLike` read a trailing star alike; a star elsewhere they do not.
    static var branch: ConfigType {
        let pattern = String(TextRule.branch.pattern.dropLast()) + "(\\*{1,2})?$"
        return string(pattern: pattern, [JSONMember("not", .object(["pattern": .string("\\.\\.|//|[^*]/$|\\.$|\\.lock$")]))])
            .checked { checker, branch, path in
                var name = Substring(branch), stars = 0
                while name.hasSuffix("*"), stars < 2 { name = name.dropLast(); stars += 1 }
                if stars > 0, name.hasSuffix("/") { name = name.dropLast() }
                if name.contains("*") || (stars > 0 && name.isEmpty) {
                    checker.fail(path, "\(JSONWriter.quoted(branch)) has a '*' that is not at the end of a prefix; expected a branch name, or a prefix and a trailing * or ** such as release/*")
                } else if let problem = TextRule.branch.problem(String(name)) {
                    checker.fail(path, stars > 0 ? "\(JSONWriter.quoted(branch)): \(problem)" : problem)
                } else if name.containsBytes("..") || name.containsBytes("//") || name.hasSuffix("/") || name.hasSuffix(".") || name.hasSuffix(".lock") {
                    checker.fail(path, "\(JSONWriter.quoted(branch)) is not a valid git branch name; expected no '..' or '//' and no '/', '.' or '.lock' at the end")
                }
            }
            .defined("branch", "A git branch name, or a prefix and a trailing * or ** (release/*).")
    }

    static var path: ConfigType {
        string(pattern: TextRule.path.pattern, [JSONMember("not", .object(["pattern": .string("\\.\\.")]))])
            .checked { checker, path, location in checker.checkPath(path, at: location) }
            .defined("path", "A relative path inside the repository.")
    }

    static var directory: ConfigType {
        path.described([JSONMember("anyOf", .array([.object(["const": .string(".")]), .object(path.schema)]))])
            .checked { checker, path, location in checker.checkPath(path, directory: true, at: location) }
            .defined("directory", "A folder inside the repository; \".\" is the root.")
    }

    /// One line of the repository owner's shell, run verbatim in a `run:` script. GitHub expands `${{ }}` in
    /// `run:` before the shell starts, which is the injection Pipewright keeps out of every script, so it is
    /// refused here too; so are line breaks, which would hide a second command.
    static var command: ConfigType {
        ConfigType(
            read: { reader, value, path in reader.string(value, at: path) }, write: { .string($0) },
            schema: [
                JSONMember("description", .string("One line of trusted shell, run verbatim; no ${{ }} expressions.")),
                JSONMember("type", .string("string")),
                JSONMember("pattern", .string("^[^\\x00-\\x1F\\x7F]*[^\\x00-\\x20\\x7F][^\\x00-\\x1F\\x7F]*$")),
                JSONMember("not", .object(["pattern": .string("\\$\\{\\{")])),
            ],
            check: { checker, command, path in
                let value = JSONWriter.quoted(command)
                if command.utf8.allSatisfy({ $0 == 0x20 }) {
                    checker.fail(path, "\(value) is empty; expected a shell command")
                } else if command.containsExpressionOpener {
                    checker.fail(path, "\(value) contains '${{'; expected plain shell — GitHub would expand the expression into the script before it runs; read values from environment variables instead")
                } else if let control = command.unicodeScalars.first(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                    checker.fail(path, "\(value) contains \(TextRule.describe(control)); expected one command on one line — put longer scripts in a file in the repository and run that")
                }
            }
        )
    }

    static var cron: ConfigType {
        string(pattern: "^ *[^ \\t\\n]+( +[^ \\t\\n]+){4} *$").checked { checker, entry, path in
            if let problem = Cron(entry).problem { checker.fail(path, problem) }
        }
    }

    /// A `host:port` endpoint harden-runner may connect to.
    static var endpoint: ConfigType {
        format(
            pattern: "^(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*:[0-9]{1,5}$", AWSFormats.isEndpoint
        ) { "\(JSONWriter.quoted($0)) is not a host:port endpoint; expected a host name and a port such as github.com:443 or *.amazonaws.com:443" }
    }

    static var kmsKey: ConfigType {
        format(
            pattern: "^(alias/[A-Za-z0-9/_-]{1,250}|arn:aws(-cn|-us-gov)?:kms:\(AWSFormats.regionPattern):[0-9]{12}:(key/[A-Za-z0-9-]{1,64}|alias/[A-Za-z0-9/_-]{1,250}))$",
            AWSFormats.isKMSKey
        ) { "\(JSONWriter.quoted($0)) is not a KMS key alias or ARN; expected alias/<name> (letters, digits, / _ -) or arn:aws:kms:<region>:<account>:key/<id>" }
    }

    /// An S3 bucket name, or the NAME of a variable holding one.
    static var packageBucket: ConfigType {
        string(pattern: nil, [
            JSONMember("anyOf", .array([.object(["pattern": .string(TextRule.githubName.pattern)]), .object(["pattern": .string(TextRule.bucket.pattern)])])),
        ]).checked { checker, bucket, path in
            if !TextRule.githubName.matches(bucket) { checker.check(bucket, .bucket, at: path) }
        }
    }

    static var ecrRepository: ConfigType {
        text(.ecrRepository).checked { checker, repository, path in
            checker.check(repository, .ecrRepository, at: path)
            if repository.containsBytes("..") || repository.containsBytes("//") || repository.hasSuffix("/") {
                checker.fail(path, "\(JSONWriter.quoted(repository)) has an empty or '.' path part; expected an ECR repository name such as team/service")
            }
        }
    }
}

extension ConfigType where Value == [String] {
    static var commands: ConfigType {
        array(.command).defined("commands")
    }

    /// The `host:port` endpoints harden-runner's block policy allows.
    static var endpoints: ConfigType { array(.endpoint) }
}

extension ConfigType where Value == [Capability] {
    static var capabilities: ConfigType {
        array(.cases, expected: "an array of capabilities", uniqueItems: true).checked { checker, capabilities, path in
            for (index, capability) in capabilities.enumerated() where capabilities[..<index].contains(capability) {
                checker.fail({ path().index(index) }, "\"\(capability.rawValue)\" is listed twice; expected each capability once")
            }
        }
    }
}

extension ConfigType where Value == HardenRunner.Policy {
    /// `audit` or `block`.
    static var egressPolicy: ConfigType {
        ConfigType<String>.oneOf(["audit", "block"]).map { HardenRunner.Policy(rawValue: $0)! } _: { $0.rawValue }
    }
}

extension ConfigType where Value == [Tag] {
    /// Tags as an object of keys to values, in document order. Their rules depend on where they are (an
    /// environment's tags count the pipeline's), so the fields that hold tags check them.
    static var tags: ConfigType {
        ConfigType(
            read: { reader, value, path in
                reader.entries(value, at: path, expected: "an object of tag keys to values") { reader, key, value, path in
                    reader.string(value, at: path).map { Tag(key, $0) }
                }
            },
            write: { .object($0.map { JSONMember($0.key, .string($0.value)) }) },
            schema: [
                JSONMember("type", .string("object")),
                JSONMember("maxProperties", .int(ConfigChecker.maximumTags - ConfigChecker.builtInTags.count)),
                JSONMember("propertyNames", .object([
                    "pattern": .string(TextRule.tagKey.pattern),
                    "not": .object(["anyOf": .array([
                        .object(["pattern": .string("^[aA][wW][sS]:")]),
                        .object(["enum": .array(ConfigChecker.builtInTags.map(JSONValue.string))]),
                    ])]),
                ])),
                JSONMember("additionalProperties", .object(["type": .string("string"), "pattern": .string(TextRule.tagValue.pattern)])),
            ]
        ).defined("tags")
    }
}

extension ConfigType where Value == RoleReference {
    /// `{"secret": NAME}`, `{"variable": NAME}` or `{"arn": ARN}`: exactly one key.
    private static var anyRole: ConfigType {
        let keys = ["secret", "variable", "arn"]
        let listed = "\"secret\", \"variable\" or \"arn\""
        let (githubName, roleARN) = (ConfigType<String>.githubName, ConfigType<String>.roleARN)
        return ConfigType(
            read: { reader, value, path in
                guard let members = reader.members(value, at: path, expected: "an object with one of " + listed) else { return nil }
                var result: RoleReference?
                var complete = true
                for member in members {
                    let memberPath = path.key(member.key)
                    guard keys.contains(member.key) else {
                        reader.unknownKey(member.key, at: memberPath, allowed: keys)
                        complete = false
                        continue
                    }
                    guard let text = reader.string(member.value, at: memberPath) else { complete = false; continue }
                    result = switch member.key {
                    case "secret": .secret(text)
                    case "variable": .variable(text)
                    default: .arn(text)
                    }
                }
                guard complete else { return nil }
                guard members.count == 1, let result else {
                    reader.report(path, "\(value.excerpt) has \(members.count) keys; expected exactly one of " + listed)
                    return nil
                }
                return result
            },
            write: { role in
                switch role {
                case .secret(let name): .object(["secret": .string(name)])
                case .variable(let name): .object(["variable": .string(name)])
                case .arn(let arn): .object(["arn": .string(arn)])
                }
            },
            schema: [JSONMember("oneOf", .array(keys.map { choice($0) }))],
            check: { checker, role, path in
                switch role {
                case .secret(let name): githubName.check?(&checker, name, { path().key("secret") })
                case .variable(let name): githubName.check?(&checker, name, { path().key("variable") })
                case .arn(let arn): roleARN.check?(&checker, arn, { path().key("arn") })
                }
            }
        )
    }

    /// The schema of the role given by `key`.
    private static func choice(_ key: String) -> JSONValue {
        .object(ConfigObject<String>("", [.field(key, { $0 }, { $0 = $1 }, key == "arn" ? .roleARN : .githubName, nil, required: true)]).schema)
    }

    static var role: ConfigType {
        anyRole.defined("role", "Where a role ARN comes from: exactly one of a secret, a variable or the ARN itself.")
    }

    /// The build and validate jobs' role: never a secret, as those jobs are not bound to a GitHub environment.
    static var ciRole: ConfigType {
        let role = anyRole
        return role.described([JSONMember("oneOf", .array([choice("variable"), choice("arn")]))]).checked { checker, reference, path in
            guard case .secret(let name) = reference else { return role.check!(&checker, reference, path) }
            checker.fail(path, "{\"secret\": \(JSONWriter.quoted(name))} is a secret; expected {\"variable\": NAME} or {\"arn\": ARN} — build and validate jobs are not bound to a GitHub environment, so a secret there would be exposed outside any environment's protection")
        }
    }
}

extension ConfigType where Value == DeployStrategy {
    /// `"direct"`, `"changeSet"` (reviewed) or `{"changeSet": {"review": false}}`.
    static var strategy: ConfigType {
        let expectation = "\"direct\", \"changeSet\" or {\"changeSet\": {\"review\": false}}"
        let options = ConfigObject<Bool>(true, [.field("review", { $0 }, { $0 = $1 }, .bool, nil)])
        let wrapper = ConfigObject<Bool>(true, [.field("changeSet", { $0 }, { $0 = $1 }, .object(options), nil, required: true)])
        return ConfigType(
            read: { reader, value, path in
                switch value {
                case .string:
                    return reader.oneOf(value, at: path, ["direct", "changeSet"]).map { $0 == "direct" ? .direct : .changeSet(review: true) }
                case .object(let members):
                    var result: DeployStrategy?
                    var complete = true
                    for member in members {
                        let memberPath = path.key(member.key)
                        guard member.key == "changeSet" else {
                            reader.unknownKey(member.key, at: memberPath, allowed: wrapper.keys)
                            complete = false
                            continue
                        }
                        guard let review = reader.object(options, member.value, at: memberPath, expected: "an object such as {\"review\": false}") else {
                            complete = false
                            continue
                        }
                        result = .changeSet(review: review)
                    }
                    guard complete else { return nil }
                    guard let result else {
                        reader.report(path, "{} names no strategy; expected \(expectation)")
                        return nil
                    }
                    return result
                default:
                    reader.wrongType(value, at: path, expected: expectation)
                    return nil
                }
            },
            write: { strategy in
                switch strategy {
                case .direct: .string("direct")
                case .changeSet(review: true): .string("changeSet")
                case .changeSet(review: false): wrapper.write(false)
                }
            },
            schema: [JSONMember("anyOf", .array([.object(["enum": .array([.string("direct"), .string("changeSet")])]), .object(wrapper.schema)]))]
        )
    }
}

extension ConfigType where Value == [Parameter] {
    /// An environment's template parameters: a literal string, `{"secret": NAME}` or `{"variable": NAME}`, in
    /// document order; with stacks, each key names its stack, `<stack>.<Key>`.
    static var parameters: ConfigType { parameters(ofStack: false) }

    /// A stack's template parameters: as an environment's, and `{"output": "<stack>.<OutputKey>"}`.
    static var stackParameters: ConfigType { parameters(ofStack: true) }

    private static func parameters(ofStack: Bool) -> ConfigType {
        let sources = ofStack ? ["secret", "variable", "output"] : ["secret", "variable"]
        let expectation = ofStack
            ? "a string, {\"secret\": NAME}, {\"variable\": NAME} or {\"output\": \"<stack>.<OutputKey>\"}"
            : "a string, {\"secret\": NAME} or {\"variable\": NAME}"
        let keyPattern = ofStack ? TextRule.parameterKey.pattern : "^([a-z][a-z0-9-]{0,19}\\.)?[A-Za-z0-9]{1,255}$"
        return ConfigType(
            read: { reader, value, path in
                reader.entries(value, at: path, expected: "an object of parameter names to values") { reader, key, value, path in
                    switch value {
                    case .string(let literal):
                        return Parameter(key, .value(literal))
                    case .object(let members):
                        guard members.count == 1 else {
                            reader.report(path, "\(value.excerpt) has \(members.count) keys; expected \(expectation)")
                            return nil
                        }
                        let member = members[0]
                        guard sources.contains(member.key) else {
                            reader.unknownKey(member.key, at: path.key(member.key), allowed: sources)
                            return nil
                        }
                        guard let name = reader.string(member.value, at: path.key(member.key)) else { return nil }
                        switch member.key {
                        case "secret": return Parameter(key, .secret(name))
                        case "variable": return Parameter(key, .variable(name))
                        default:
                            guard let dot = name.firstIndex(of: "."), dot != name.startIndex, name.index(after: dot) != name.endIndex else {
                                reader.report(path.key(member.key), "\(JSONWriter.quoted(name)) names no output; expected \"<stack>.<OutputKey>\", such as \"network.VpcId\"")
                                return nil
                            }
                            return Parameter(key, .output(stack: String(name[..<dot]), output: String(name[name.index(after: dot)...])))
                        }
                    default:
                        reader.wrongType(value, at: path, expected: expectation)
                        return nil
                    }
                }
            },
            write: { parameters in
                .object(parameters.map { parameter in
                    switch parameter.source {
                    case .value(let literal): JSONMember(parameter.key, .string(literal))
                    case .secret(let name): JSONMember(parameter.key, .object(["secret": .string(name)]))
                    case .variable(let name): JSONMember(parameter.key, .object(["variable": .string(name)]))
                    case .output(let stack, let output): JSONMember(parameter.key, .object(["output": .string(stack + "." + output)]))
                    }
                })
            },
            schema: [
                JSONMember("type", .string("object")),
                JSONMember("propertyNames", .object(["pattern": .string(keyPattern)])),
                JSONMember("additionalProperties", .object(["anyOf": .array([.object(ConfigType<String>.string(pattern: TextRule.parameterValue.pattern).schema)] + sources.map { key in
                    let type: ConfigType<String> = key == "output" ? .string(pattern: "^[a-z][a-z0-9-]{0,19}\\.[A-Za-z0-9]{1,255}$") : .githubName
                    return .object(ConfigObject<String>("", [.field(key, { $0 }, { $0 = $1 }, type, nil, required: true)]).schema)
                })])),
            ],
            check: { checker, parameters, path in checker.checkParameters(parameters, ofStack: ofStack, at: path) }
        )
    }
}

extension ConfigType where Value == Runner {
    /// A label (`"ubuntu-24.04"`), labels a runner must all carry (`["self-hosted", "linux", "deployers"]`), or a
    /// runner group with labels (`{"group": "deployers", "labels": ["linux"]}`).
    static var runner: ConfigType {
        let label = ConfigType<String>.text(.runnerLabel).map(RunnerLabel.init(rawValue:)) { $0.rawValue }
        let labels = ConfigType<[RunnerLabel]>.array(label, expected: "an array of runner labels", uniqueItems: true, noun: "label")
        let grouped = ConfigObject<Runner>(Runner([], group: ""), [
            .field("group", { $0.group ?? "" }, { $0.group = $1 }, .text(.runnerLabel), "The runner group.", required: true),
            .field("labels", \.labels, { $0.labels = $1 }, .array(label, expected: "an array of runner labels", uniqueItems: true),
                   "Labels the group's runner must carry.", omittedWhen: { $0.labels.isEmpty }),
        ])
        let expectation = "a runner label, an array of labels, or {\"group\": NAME, \"labels\": [...]}"
        return ConfigType(
            read: { reader, value, path in
                switch value {
                case .string: return label.read(&reader, value, path).map { Runner([$0]) }
                case .array: return labels.read(&reader, value, path).map { Runner($0) }
                case .object: return reader.object(grouped, value, at: path, expected: expectation)
                default:
                    reader.wrongType(value, at: path, expected: expectation)
                    return nil
                }
            },
            write: { runner in
                if runner.group != nil { return grouped.write(runner) }
                return runner.labels.count == 1 ? label.write(runner.labels[0]) : labels.write(runner.labels)
            },
            schema: [JSONMember("anyOf", .array([.object(label.schema), .object(labels.schema), .object(grouped.schema)]))],
            check: { checker, runner, path in
                if runner.group == nil { labels.check?(&checker, runner.labels, path) } else { grouped.check(&checker, runner, at: path) }
            }
        ).defined("runner", "Where jobs run: a label, labels a runner must all carry, or a runner group with labels.")
    }
}
