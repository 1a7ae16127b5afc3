extension PipewrightConfig {
    /// The pipeline as `pipewright.json` text: deterministic, two-space indented, keys in the order of
    /// ``Keys``, one trailing line break. `policy`, when given, is written last, as is.
    public static func encode(_ pipeline: Pipeline, policy: JSONValue? = nil) -> String {
        JSONWriter.write(document(pipeline, policy: policy))
    }

    /// The pipeline as a JSON value tree; see ``encode(_:policy:)``.
    public static func document(_ pipeline: Pipeline, policy: JSONValue? = nil) -> JSONValue {
        var members: [JSONMember] = [
            JSONMember("version", .int(version)),
            JSONMember("name", .string(pipeline.name)),
            JSONMember("project", .string(pipeline.project)),
            JSONMember("region", .string(pipeline.region)),
            JSONMember("stackNaming", stackNaming(pipeline.stackNaming)),
            JSONMember("infrastructure", infrastructure(pipeline.infrastructure)),
        ]
        if let ciRole = pipeline.ciRole { members.append(JSONMember("ciRole", role(ciRole))) }
        members.append(JSONMember("build", .object([
            "retentionDays": .int(pipeline.build.retentionDays),
            "commands": strings(pipeline.build.commands),
        ])))
        members.append(JSONMember("validation", .object([
            "validateTemplate": .bool(pipeline.validation.validateTemplate),
            "cfnLintVersion": pipeline.validation.cfnLintVersion.map(JSONValue.string) ?? .null,
            "commands": strings(pipeline.validation.commands),
        ])))
        members.append(JSONMember("environments", .array(pipeline.environments.map(environment))))
        if let branches = pipeline.pullRequestBranches { members.append(JSONMember("pullRequestBranches", strings(branches))) }
        members.append(JSONMember("manualDispatch", .bool(pipeline.manualDispatch)))
        if let drift = pipeline.drift {
            members.append(JSONMember("drift", .object([
                "schedule": strings(drift.schedule),
                "githubEnvironment": .string(drift.githubEnvironment),
            ])))
        }
        if let destroy = pipeline.destroy {
            members.append(JSONMember("destroy", .object(["allowProduction": .bool(destroy.allowProduction)])))
        }
        if case .slack(let secret) = pipeline.notification {
            members.append(JSONMember("notify", .object(["slack": .object(["webhookSecret": .string(secret)])])))
        }
        if !pipeline.tags.isEmpty { members.append(JSONMember("tags", tags(pipeline.tags))) }
        if let encryption = pipeline.artifactEncryption {
            members.append(JSONMember("artifactEncryption", .object(["kmsKey": .string(encryption.kmsKey)])))
        }
        members.append(JSONMember("runtime", runtime(pipeline.runtime)))
        if let policy { members.append(JSONMember("policy", policy)) }
        return .object(members)
    }

    private static func stackNaming(_ naming: StackNaming) -> JSONValue {
        var members = [JSONMember("prefix", .string(naming.prefix))]
        if let suffix = naming.suffix { members.append(JSONMember("suffix", .string(suffix))) }
        return .object(members)
    }

    private static func infrastructure(_ infrastructure: Infrastructure) -> JSONValue {
        let kind = JSONMember("kind", .string(infrastructure.kind))
        switch infrastructure {
        case .cloudFormation(let template):
            return .object([kind, JSONMember("template", .string(template.path)), JSONMember("capabilities", capabilities(template.capabilities))])
        case .cdk(let app):
            return .object([
                kind, JSONMember("directory", .string(app.directory)), JSONMember("nodeVersion", .string(app.nodeVersion)),
                JSONMember("cdkNag", .bool(app.cdkNag)),
            ])
        case .sam(let app):
            return .object([
                kind, JSONMember("template", .string(app.template)), JSONMember("packageBucket", .string(app.packageBucket)),
                JSONMember("samCLIVersion", .string(app.samCLIVersion)),
            ])
        case .containerService(let service):
            return .object([
                kind, JSONMember("context", .string(service.context)), JSONMember("dockerfile", .string(service.dockerfile)),
                JSONMember("repository", .string(service.repository)), JSONMember("template", .string(service.template.path)),
                JSONMember("capabilities", capabilities(service.template.capabilities)),
                JSONMember("imageParameter", .string(service.imageParameter)),
            ])
        }
    }

    private static func capabilities(_ capabilities: [Capability]) -> JSONValue {
        .array(capabilities.map { .string($0.rawValue) })
    }

    private static func role(_ role: RoleReference) -> JSONValue {
        switch role {
        case .secret(let name): .object(["secret": .string(name)])
        case .variable(let name): .object(["variable": .string(name)])
        case .arn(let arn): .object(["arn": .string(arn)])
        }
    }

    private static func environment(_ environment: Environment) -> JSONValue {
        var members = [JSONMember("name", .string(environment.name)), JSONMember("account", .string(environment.account))]
        if let region = environment.region { members.append(JSONMember("region", .string(region))) }
        members.append(JSONMember("role", role(environment.role)))
        if let chained = environment.chainedRole { members.append(JSONMember("chainedRole", role(chained))) }
        if let drift = environment.driftRole { members.append(JSONMember("driftRole", role(drift))) }
        if environment.githubEnvironment != environment.name {
            members.append(JSONMember("githubEnvironment", .string(environment.githubEnvironment)))
        }
        members.append(JSONMember("branch", .string(environment.branch)))
        if let after = environment.after { members.append(JSONMember("after", .string(after))) }
        if !environment.parameters.isEmpty {
            members.append(JSONMember("parameters", .object(environment.parameters.map { parameter in
                switch parameter.source {
                case .value(let literal): JSONMember(parameter.key, .string(literal))
                case .secret(let name): JSONMember(parameter.key, .object(["secret": .string(name)]))
                case .variable(let name): JSONMember(parameter.key, .object(["variable": .string(name)]))
                }
            })))
        }
        let strategy: JSONValue = switch environment.strategy {
        case .direct: .string("direct")
        case .changeSet(review: true): .string("changeSet")
        case .changeSet(review: false): .object(["changeSet": .object(["review": .bool(false)])])
        }
        members.append(JSONMember("strategy", strategy))
        members.append(JSONMember("production", .bool(environment.production)))
        if !environment.tags.isEmpty { members.append(JSONMember("tags", tags(environment.tags))) }
        return .object(members)
    }

    private static func runtime(_ runtime: RuntimeSettings) -> JSONValue {
        var members = [
            JSONMember("runner", .string(runtime.runner.rawValue)),
            JSONMember("jobTimeoutMinutes", .int(runtime.jobTimeoutMinutes)),
            JSONMember("deployTimeoutMinutes", .int(runtime.deployTimeoutMinutes)),
        ]
        if let harden = runtime.hardenRunner {
            members.append(JSONMember("hardenRunner", .object([
                "policy": .string(harden.policy.rawValue),
                "allowedEndpoints": strings(harden.allowedEndpoints),
            ])))
        }
        return .object(members)
    }

    private static func tags(_ tags: [Tag]) -> JSONValue {
        .object(tags.map { JSONMember($0.key, .string($0.value)) })
    }

    private static func strings(_ values: [String]) -> JSONValue {
        .array(values.map(JSONValue.string))
    }
}
