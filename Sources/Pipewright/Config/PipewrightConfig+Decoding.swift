extension PipewrightConfig {
    /// Reads `pipewright.json` text into a pipeline, checking the JSON, the document's shape and the
    /// pipeline's rules (``Pipeline/configurationErrors()``).
    ///
    /// Shape problems (unknown keys, wrong types, missing keys, bad enum values) are all reported together,
    /// in document order; rule problems are checked once the shape is right, and are all reported together
    /// too, in the documented key order.
    public static func decode(_ text: String, fileName: String = "pipewright.json") throws(ConfigError) -> Decoded {
        let value: JSONValue
        do {
            value = try JSONReader.read(text, fileName: fileName)
        } catch {
            throw .syntax(error)
        }
        return try decode(value)
    }

    /// Reads an already parsed document; see ``decode(_:fileName:)``.
    public static func decode(_ value: JSONValue) throws(ConfigError) -> Decoded {
        var reader = ConfigReader()
        let decoded = reader.document(value)
        guard reader.issues.isEmpty, let decoded else { throw .invalid(reader.issues) }
        let errors = decoded.pipeline.configurationErrors()
        guard errors.isEmpty else { throw .invalid(errors.map(ConfigIssue.invalid)) }
        return decoded
    }
}

extension ConfigReader {
    mutating func document(_ value: JSONValue) -> PipewrightConfig.Decoded? {
        let path = JSONPath.root
        guard let members = members(value, at: path, expected: "an object (the pipewright.json document)") else { return nil }
        // Another version may mean other keys: nothing else is worth reporting until the version is right.
        guard let version = members.first(where: { $0.key == "version" }) else {
            report(.missingKey(path: path.rendered, key: "version"))
            return nil
        }
        guard let number = int(version.value, at: path.key("version")) else { return nil }
        guard number == PipewrightConfig.version else {
            report(path.key("version"), "\(number) is not a supported version; expected \(PipewrightConfig.version) (this build of Pipewright reads version \(PipewrightConfig.version))")
            return nil
        }

        var pipeline = Pipeline(name: "", project: "", parts: [])
        var prefix: String?
        var suffix: String?
        var policy: JSONValue?
        var complete = true
        func keep<T>(_ value: T?, _ assign: (T) -> Void) {
            if let value { assign(value) } else { complete = false }
        }
        for member in members {
            let memberPath = path.key(member.key)
            let value = member.value
            switch member.key {
            case "$schema": keep(string(value, at: memberPath)) { _ in }
            case "version": break
            case "name": keep(string(value, at: memberPath)) { pipeline.name = $0 }
            case "project": keep(string(value, at: memberPath)) { pipeline.project = $0 }
            case "region": keep(string(value, at: memberPath)) { pipeline.region = $0 }
            case "stackNaming":
                keep(stackNaming(value, at: memberPath)) { prefix = $0.prefix; suffix = $0.suffix }
            case "infrastructure": keep(infrastructure(value, at: memberPath)) { pipeline.infrastructure = $0 }
            case "ciRole":
                if value == .null { pipeline.ciRole = nil } else { keep(role(value, at: memberPath)) { pipeline.ciRole = $0 } }
            case "build": keep(build(value, at: memberPath)) { pipeline.build = $0 }
            case "validation": keep(validation(value, at: memberPath)) { pipeline.validation = $0 }
            case "environments":
                keep(array(value, at: memberPath, expected: "an array of environments") { $0.environment($1, at: $2) }) { pipeline.environments = $0 }
            case "pullRequestBranches":
                if value == .null { pipeline.pullRequestBranches = nil } else { keep(strings(value, at: memberPath)) { pipeline.pullRequestBranches = $0 } }
            case "manualDispatch": keep(bool(value, at: memberPath)) { pipeline.manualDispatch = $0 }
            case "drift":
                if value == .null { pipeline.drift = nil } else { keep(drift(value, at: memberPath)) { pipeline.drift = $0 } }
            case "destroy":
                if value == .null { pipeline.destroy = nil } else { keep(destroy(value, at: memberPath)) { pipeline.destroy = $0 } }
            case "notify":
                if value == .null { pipeline.notification = nil } else { keep(notification(value, at: memberPath)) { pipeline.notification = $0 } }
            case "tags": keep(tags(value, at: memberPath)) { pipeline.tags = $0 }
            case "artifactEncryption":
                if value == .null {
                    pipeline.artifactEncryption = nil
                } else {
                    keep(artifactEncryption(value, at: memberPath)) { pipeline.artifactEncryption = $0 }
                }
            case "runtime": keep(runtime(value, at: memberPath)) { pipeline.runtime = $0 }
            case "policy":
                if case .object = value { policy = value } else { wrongType(value, at: memberPath, expected: "an object"); complete = false }
            default:
                unknownKey(member.key, at: memberPath, allowed: PipewrightConfig.Keys.document)
                complete = false
            }
        }
        guard require(["name", "project", "infrastructure", "environments"], in: members, at: path), complete else { return nil }
        pipeline.stackNaming = StackNaming(prefix: prefix ?? pipeline.project, suffix: suffix)
        return PipewrightConfig.Decoded(pipeline: pipeline, policy: policy)
    }

    mutating func stackNaming(_ value: JSONValue, at path: JSONPath) -> (prefix: String?, suffix: String?)? {
        guard let members = members(value, at: path) else { return nil }
        var result: (prefix: String?, suffix: String?) = (nil, nil)
        var complete = true
        for member in members {
            let memberPath = path.key(member.key)
            switch member.key {
            case "prefix":
                if let text = string(member.value, at: memberPath) { result.prefix = text } else { complete = false }
            case "suffix":
                if member.value == .null { continue }
                if let text = string(member.value, at: memberPath) { result.suffix = text } else { complete = false }
            default:
                unknownKey(member.key, at: memberPath, allowed: PipewrightConfig.Keys.stackNaming)
                complete = false
            }
        }
        return complete ? result : nil
    }

    mutating func infrastructure(_ value: JSONValue, at path: JSONPath) -> Infrastructure? {
        guard let members = members(value, at: path) else { return nil }
        // The kind decides which keys are allowed, so it is read first wherever it is written.
        guard let kindMember = members.first(where: { $0.key == "kind" }) else {
            report(.missingKey(path: path.rendered, key: "kind"))
            return nil
        }
        guard let kind = oneOf(kindMember.value, at: path.key("kind"), PipewrightConfig.Keys.infrastructureKinds) else { return nil }
        let allowed = PipewrightConfig.Keys.infrastructure(kind: kind)
        var template: String?
        var capabilities: [Capability]?
        var directory: String?
        var nodeVersion: String?
        var cdkNag: Bool?
        var packageBucket: String?
        var samCLIVersion: String?
        var context: String?
        var dockerfile: String?
        var repository: String?
        var imageParameter: String?
        var complete = true
        func keep<T>(_ value: T?, _ target: inout T?) {
            if let value { target = value } else { complete = false }
        }
        for member in members {
            let memberPath = path.key(member.key)
            guard allowed.contains(member.key) else {
                unknownKey(member.key, at: memberPath, allowed: allowed)
                complete = false
                continue
            }
            switch member.key {
            case "kind": break
            case "template": keep(string(member.value, at: memberPath), &template)
            case "capabilities":
                keep(array(member.value, at: memberPath, expected: "an array of capabilities") { reader, item, itemPath in
                    reader.oneOf(item, at: itemPath, PipewrightConfig.Keys.capabilities).flatMap(Capability.init(rawValue:))
                }, &capabilities)
            case "directory": keep(string(member.value, at: memberPath), &directory)
            case "nodeVersion": keep(string(member.value, at: memberPath), &nodeVersion)
            case "cdkNag": keep(bool(member.value, at: memberPath), &cdkNag)
            case "packageBucket": keep(string(member.value, at: memberPath), &packageBucket)
            case "samCLIVersion": keep(string(member.value, at: memberPath), &samCLIVersion)
            case "context": keep(string(member.value, at: memberPath), &context)
            case "dockerfile": keep(string(member.value, at: memberPath), &dockerfile)
            case "repository": keep(string(member.value, at: memberPath), &repository)
            case "imageParameter": keep(string(member.value, at: memberPath), &imageParameter)
            default: break
            }
        }
        let required: [String] = switch kind {
        case "cloudformation": ["template"]
        case "sam": ["packageBucket"]
        case "container-service": ["repository", "template"]
        default: []
        }
        guard require(required, in: members, at: path), complete else { return nil }
        switch kind {
        case "cdk":
            let defaults = CDKApp()
            return .cdk(CDKApp(directory: directory ?? defaults.directory, nodeVersion: nodeVersion ?? defaults.nodeVersion, cdkNag: cdkNag ?? defaults.cdkNag))
        case "sam":
            let defaults = SAMApp(packageBucket: "")
            return .sam(SAMApp(template: template ?? defaults.template, packageBucket: packageBucket!, samCLIVersion: samCLIVersion ?? defaults.samCLIVersion))
        case "container-service":
            let defaults = ContainerService(repository: "", template: CloudFormationTemplate(path: ""))
            let service = ContainerService(
                context: context ?? defaults.context, dockerfile: dockerfile ?? defaults.dockerfile, repository: repository!,
                template: CloudFormationTemplate(path: template!, capabilities: capabilities ?? defaults.template.capabilities),
                imageParameter: imageParameter ?? defaults.imageParameter
            )
            return .containerService(service)
        default:
            return .cloudFormation(CloudFormationTemplate(path: template!, capabilities: capabilities ?? CloudFormationTemplate(path: "").capabilities))
        }
    }

    static let roleExpectation = "an object with one of \"secret\", \"variable\" or \"arn\""

    mutating func role(_ value: JSONValue, at path: JSONPath) -> RoleReference? {
        guard let members = members(value, at: path, expected: Self.roleExpectation) else { return nil }
        var result: RoleReference?
        var complete = true
        for member in members {
            let memberPath = path.key(member.key)
            guard PipewrightConfig.Keys.role.contains(member.key) else {
                unknownKey(member.key, at: memberPath, allowed: PipewrightConfig.Keys.role)
                complete = false
                continue
            }
            guard let name = string(member.value, at: memberPath) else { complete = false; continue }
            result = switch member.key {
            case "secret": .secret(name)
            case "variable": .variable(name)
            default: .arn(name)
            }
        }
        guard complete else { return nil }
        guard members.count == 1, let result else {
            report(path, "\(value.excerpt) has \(members.count) keys; expected exactly one of \"secret\", \"variable\" or \"arn\"")
            return nil
        }
        return result
    }

    mutating func build(_ value: JSONValue, at path: JSONPath) -> BuildSettings? {
        guard let members = members(value, at: path) else { return nil }
        var settings = BuildSettings()
        var complete = true
        for member in members {
            let memberPath = path.key(member.key)
            switch member.key {
            case "retentionDays":
                if let days = int(member.value, at: memberPath) { settings.retentionDays = days } else { complete = false }
            case "commands":
                if let commands = strings(member.value, at: memberPath) { settings.commands = commands } else { complete = false }
            default:
                unknownKey(member.key, at: memberPath, allowed: PipewrightConfig.Keys.build)
                complete = false
            }
        }
        return complete ? settings : nil
    }

    mutating func validation(_ value: JSONValue, at path: JSONPath) -> ValidationSettings? {
        guard let members = members(value, at: path) else { return nil }
        var settings = ValidationSettings()
        var complete = true
        for member in members {
            let memberPath = path.key(member.key)
            switch member.key {
            case "validateTemplate":
                if let flag = bool(member.value, at: memberPath) { settings.validateTemplate = flag } else { complete = false }
            case "cfnLintVersion":
                if member.value == .null {
                    settings.cfnLintVersion = nil
                } else if let version = string(member.value, at: memberPath) {
                    settings.cfnLintVersion = version
                } else {
                    complete = false
                }
            case "commands":
                if let commands = strings(member.value, at: memberPath) { settings.commands = commands } else { complete = false }
            default:
                unknownKey(member.key, at: memberPath, allowed: PipewrightConfig.Keys.validation)
                complete = false
            }
        }
        return complete ? settings : nil
    }

    mutating func environment(_ value: JSONValue, at path: JSONPath) -> Environment? {
        guard let members = members(value, at: path) else { return nil }
        var name: String?
        var account: String?
        var region: String?
        var role: RoleReference?
        var chainedRole: RoleReference?
        var driftRole: RoleReference?
        var githubEnvironment: String?
        var branch: String?
        var after: String?
        var parameters: [Parameter] = []
        var strategy = DeployStrategy.direct
        var production = false
        var tags: [Tag] = []
        var complete = true
        func keep<T>(_ value: T?, _ target: inout T?) {
            if let value { target = value } else { complete = false }
        }
        func set<T>(_ value: T?, _ target: inout T) {
            if let value { target = value } else { complete = false }
        }
        for member in members {
            let memberPath = path.key(member.key)
            let value = member.value
            let isNull = value == .null
            switch member.key {
            case "name": keep(string(value, at: memberPath), &name)
            case "account": keep(string(value, at: memberPath), &account)
            case "region": if !isNull { keep(string(value, at: memberPath), &region) }
            case "role": keep(self.role(value, at: memberPath), &role)
            case "chainedRole": if !isNull { keep(self.role(value, at: memberPath), &chainedRole) }
            case "driftRole": if !isNull { keep(self.role(value, at: memberPath), &driftRole) }
            case "githubEnvironment": if !isNull { keep(string(value, at: memberPath), &githubEnvironment) }
            case "branch": keep(string(value, at: memberPath), &branch)
            case "after": if !isNull { keep(string(value, at: memberPath), &after) }
            case "parameters": set(self.parameters(value, at: memberPath), &parameters)
            case "strategy": set(self.strategy(value, at: memberPath), &strategy)
            case "production": set(bool(value, at: memberPath), &production)
            case "tags": set(self.tags(value, at: memberPath), &tags)
            default:
                unknownKey(member.key, at: memberPath, allowed: PipewrightConfig.Keys.environment)
                complete = false
            }
        }
        guard require(["name", "account", "role", "branch"], in: members, at: path), complete,
              let name, let account, let role, let branch else { return nil }
        return Environment(
            name, account: account, region: region, role: role, chainedRole: chainedRole, driftRole: driftRole,
            githubEnvironment: githubEnvironment, branch: branch, after: after, parameters: parameters,
            strategy: strategy, production: production, tags: tags
        )
    }

    static let strategyExpectation = "\"direct\", \"changeSet\" or {\"changeSet\": {\"review\": false}}"

    mutating func strategy(_ value: JSONValue, at path: JSONPath) -> DeployStrategy? {
        switch value {
        case .string:
            return oneOf(value, at: path, PipewrightConfig.Keys.strategies).map { $0 == "direct" ? .direct : .changeSet(review: true) }
        case .object(let members):
            var result: DeployStrategy?
            var complete = true
            for member in members {
                let memberPath = path.key(member.key)
                guard member.key == "changeSet" else {
                    unknownKey(member.key, at: memberPath, allowed: ["changeSet"])
                    complete = false
                    continue
                }
                guard let options = self.members(member.value, at: memberPath, expected: "an object such as {\"review\": false}") else {
                    complete = false
                    continue
                }
                var review = true
                for option in options {
                    let optionPath = memberPath.key(option.key)
                    guard option.key == "review" else {
                        unknownKey(option.key, at: optionPath, allowed: PipewrightConfig.Keys.changeSet)
                        complete = false
                        continue
                    }
                    if let flag = bool(option.value, at: optionPath) { review = flag } else { complete = false }
                }
                result = .changeSet(review: review)
            }
            guard complete else { return nil }
            guard let result else {
                report(path, "{} names no strategy; expected \(Self.strategyExpectation)")
                return nil
            }
            return result
        default:
            wrongType(value, at: path, expected: Self.strategyExpectation)
            return nil
        }
    }

    static let parameterExpectation = "a string, {\"secret\": NAME} or {\"variable\": NAME}"

    mutating func parameters(_ value: JSONValue, at path: JSONPath) -> [Parameter]? {
        entries(value, at: path, expected: "an object of parameter names to values") { reader, key, value, path in
            switch value {
            case .string(let literal):
                return Parameter(key, .value(literal))
            case .object(let members):
                guard members.count == 1 else {
                    reader.report(path, "\(value.excerpt) has \(members.count) keys; expected \(Self.parameterExpectation)")
                    return nil
                }
                let member = members[0]
                guard PipewrightConfig.Keys.parameterSource.contains(member.key) else {
                    reader.unknownKey(member.key, at: path.key(member.key), allowed: PipewrightConfig.Keys.parameterSource)
                    return nil
                }
                guard let name = reader.string(member.value, at: path.key(member.key)) else { return nil }
                return Parameter(key, member.key == "secret" ? .secret(name) : .variable(name))
            default:
                reader.wrongType(value, at: path, expected: Self.parameterExpectation)
                return nil
            }
        }
    }

    mutating func tags(_ value: JSONValue, at path: JSONPath) -> [Tag]? {
        entries(value, at: path, expected: "an object of tag keys to values") { reader, key, value, path in
            reader.string(value, at: path).map { Tag(key, $0) }
        }
    }

    mutating func drift(_ value: JSONValue, at path: JSONPath) -> DriftDetection? {
        guard let members = members(value, at: path) else { return nil }
        var drift = DriftDetection(schedule: [])
        var complete = true
        for member in members {
            let memberPath = path.key(member.key)
            switch member.key {
            case "schedule":
                if let schedule = strings(member.value, at: memberPath) { drift.schedule = schedule } else { complete = false }
            case "githubEnvironment":
                if let name = string(member.value, at: memberPath) { drift.githubEnvironment = name } else { complete = false }
            default:
                unknownKey(member.key, at: memberPath, allowed: PipewrightConfig.Keys.drift)
                complete = false
            }
        }
        return complete ? drift : nil
    }

    mutating func destroy(_ value: JSONValue, at path: JSONPath) -> DestroySettings? {
        guard let members = members(value, at: path) else { return nil }
        var settings = DestroySettings()
        var complete = true
        for member in members {
            let memberPath = path.key(member.key)
            guard member.key == "allowProduction" else {
                unknownKey(member.key, at: memberPath, allowed: PipewrightConfig.Keys.destroy)
                complete = false
                continue
            }
            if let flag = bool(member.value, at: memberPath) { settings.allowProduction = flag } else { complete = false }
        }
        return complete ? settings : nil
    }

    mutating func notification(_ value: JSONValue, at path: JSONPath) -> Notify? {
        guard let members = members(value, at: path, expected: "an object such as {\"slack\": {\"webhookSecret\": NAME}}") else { return nil }
        var result: Notify?
        var complete = true
        for member in members {
            let memberPath = path.key(member.key)
            guard member.key == "slack" else {
                unknownKey(member.key, at: memberPath, allowed: PipewrightConfig.Keys.notify)
                complete = false
                continue
            }
            guard let slack = self.members(member.value, at: memberPath) else { complete = false; continue }
            var secret: String?
            for option in slack {
                let optionPath = memberPath.key(option.key)
                guard option.key == "webhookSecret" else {
                    unknownKey(option.key, at: optionPath, allowed: PipewrightConfig.Keys.slack)
                    complete = false
                    continue
                }
                secret = string(option.value, at: optionPath)
                if secret == nil { complete = false }
            }
            if !require(["webhookSecret"], in: slack, at: memberPath) { complete = false }
            if let secret { result = .slack(webhookSecret: secret) }
        }
        guard complete else { return nil }
        guard let result else {
            report(.missingKey(path: path.rendered, key: "slack"))
            return nil
        }
        return result
    }

    mutating func artifactEncryption(_ value: JSONValue, at path: JSONPath) -> ArtifactEncryption? {
        guard let members = members(value, at: path) else { return nil }
        var key: String?
        var complete = true
        for member in members {
            let memberPath = path.key(member.key)
            guard member.key == "kmsKey" else {
                unknownKey(member.key, at: memberPath, allowed: PipewrightConfig.Keys.artifactEncryption)
                complete = false
                continue
            }
            key = string(member.value, at: memberPath)
            if key == nil { complete = false }
        }
        guard require(["kmsKey"], in: members, at: path), complete, let key else { return nil }
        return ArtifactEncryption(kmsKey: key)
    }

    mutating func runtime(_ value: JSONValue, at path: JSONPath) -> RuntimeSettings? {
        guard let members = members(value, at: path) else { return nil }
        var settings = RuntimeSettings()
        var complete = true
        for member in members {
            let memberPath = path.key(member.key)
            switch member.key {
            case "runner":
                if let label = string(member.value, at: memberPath) { settings.runner = RunnerLabel(rawValue: label) } else { complete = false }
            case "jobTimeoutMinutes":
                if let minutes = int(member.value, at: memberPath) { settings.jobTimeoutMinutes = minutes } else { complete = false }
            case "deployTimeoutMinutes":
                if let minutes = int(member.value, at: memberPath) { settings.deployTimeoutMinutes = minutes } else { complete = false }
            case "hardenRunner":
                if member.value == .null { settings.hardenRunner = nil; continue }
                if let harden = hardenRunner(member.value, at: memberPath) { settings.hardenRunner = harden } else { complete = false }
            default:
                unknownKey(member.key, at: memberPath, allowed: PipewrightConfig.Keys.runtime)
                complete = false
            }
        }
        return complete ? settings : nil
    }

    mutating func hardenRunner(_ value: JSONValue, at path: JSONPath) -> HardenRunner? {
        guard let members = members(value, at: path) else { return nil }
        var policy: HardenRunner.Policy?
        var endpoints: [String] = []
        var complete = true
        for member in members {
            let memberPath = path.key(member.key)
            switch member.key {
            case "policy":
                policy = oneOf(member.value, at: memberPath, PipewrightConfig.Keys.hardenRunnerPolicies).flatMap(HardenRunner.Policy.init(rawValue:))
                if policy == nil { complete = false }
            case "allowedEndpoints":
                if let list = strings(member.value, at: memberPath) { endpoints = list } else { complete = false }
            default:
                unknownKey(member.key, at: memberPath, allowed: PipewrightConfig.Keys.hardenRunner)
                complete = false
            }
        }
        guard require(["policy"], in: members, at: path), complete, let policy else { return nil }
        return HardenRunner(policy: policy, allowedEndpoints: endpoints)
    }
}
