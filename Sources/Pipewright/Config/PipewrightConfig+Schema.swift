extension PipewrightConfig {
    /// The JSON Schema (draft 2020-12) of `pipewright.json` version 1, as printed by `pipewright schema`.
    ///
    /// Every object is closed (`additionalProperties: false`); patterns mirror ``Pipeline/configurationErrors()``
    /// where a regular expression can say it. Rules no schema can express (`after` naming an earlier
    /// environment on the same branch, unique environment names, stack-name length across fields, tag
    /// totals per stack, cron field ranges) are checked only by Pipewright. Deterministic: same bytes every time.
    public static func jsonSchema() -> String {
        JSONWriter.write(SchemaBuilder.schema)
    }
}

/// Builds the schema as a ``JSONValue`` tree in a fixed key order.
enum SchemaBuilder {
    static let regionAlternation = "((us|eu|ap|sa|ca|me|af|il|mx|cn)|us-gov)-(north|south|east|west|central|northeast|southeast|northwest|southwest)-[1-9]"
    static let namePattern = "^[A-Z_][A-Z0-9_]{0,99}$"
    static let bucketPattern = "^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$"

    static var schema: JSONValue {
        var root = object(
            "A Pipewright pipeline: what is built, validated and deployed to which AWS environments. Pipewright turns it into hardened GitHub Actions workflows.",
            [
                ("$schema", string("The schema this file follows, for editors; ignored by Pipewright.")),
                ("version", member(["description": .string("The format version."), "const": .int(1)])),
                ("name", string("The workflow's display name.", pattern: "^[A-Za-z0-9 ._()-]{1,100}$")),
                ("project", string("The project: the Project tag and the default stack-name prefix.", pattern: "^[A-Za-z][A-Za-z0-9-]{0,39}$")),
                ("region", ref("region", "The region used where an environment names none. Default: us-east-1.")),
                ("stackNaming", object("How stack names are formed: <prefix>-<environment>-<suffix>.", [
                    ("prefix", string("The first part of every stack name. Default: the project.", pattern: "^[A-Za-z][A-Za-z0-9-]{0,127}$")),
                    ("suffix", nullable(string(nil, pattern: "^[a-z0-9][a-z0-9-]{0,19}$"), "The default last part of every stack name, overridable per manual run; null or absent leaves it off.")),
                ])),
                ("infrastructure", infrastructure),
                ("ciRole", nullable(ciRole, "The role the build and validate jobs assume. Never a secret: those jobs are not bound to a GitHub environment.")),
                ("build", object("Packaging and upload of the artifact.", [
                    ("retentionDays", integer("Days GitHub keeps the artifact. Default: 30.", 1...90)),
                    ("commands", ref("commands", "Commands run in the build job before packaging, e.g. unit tests.")),
                ])),
                ("validation", object("Checks run on the artifact before any deploy.", [
                    ("validateTemplate", boolean("Whether aws cloudformation validate-template runs. Default: true.")),
                    ("cfnLintVersion", nullable(ref("version", nil), "The cfn-lint version installed from PyPI; null skips cfn-lint. Default: 1.51.0.")),
                    ("commands", ref("commands", "Extra commands, run from the repository root after the built-in checks.")),
                ])),
                ("environments", member([
                    "description": .string("Target environments, in promotion order."),
                    "type": .string("array"),
                    "minItems": .int(1),
                    "items": .object(["$ref": .string("#/$defs/environment")]),
                ])),
                ("pullRequestBranches", nullable(member([
                    "type": .string("array"), "items": .object(["$ref": .string("#/$defs/branch")]),
                ]), "Branches whose pull requests are built and validated. Default: the deploy branches.")),
                ("manualDispatch", boolean("Whether a manual deploy or destroy of one environment is offered. Default: true.")),
                ("drift", nullable(object(nil, [
                    ("schedule", member([
                        "description": .string("Cron entries, in UTC: minute hour day-of-month month day-of-week."),
                        "type": .string("array"),
                        "items": .object(["type": .string("string"), "pattern": .string("^ *[^ \\t\\n]+( +[^ \\t\\n]+){4} *$")]),
                    ])),
                    ("githubEnvironment", ref("githubEnvironment", "The unprotected GitHub environment drift jobs are bound to. Default: drift-detection.")),
                ]), "Scheduled and manual drift detection with read-only roles; absent or null turns it off.")),
                ("destroy", nullable(object(nil, [
                    ("allowProduction", boolean("Whether production environments may be destroyed. Default: false.")),
                ]), "Guarded manual destroy; absent or null turns it off.")),
                ("notify", nullable(object(nil, [
                    ("slack", object("A Slack incoming webhook.", [
                        ("webhookSecret", ref("githubName", "The secret holding the webhook URL.")),
                    ], required: ["webhookSecret"])),
                ], required: ["slack"]), "Where deploy results are posted.")),
                ("tags", ref("tags", "Tags added to every stack, besides Environment, Project, ManagedBy, Repository and CommitSHA, in this order.")),
                ("artifactEncryption", nullable(object(nil, [
                    ("kmsKey", string(
                        "A key alias (alias/name) or a KMS key or alias ARN.",
                        pattern: "^(alias/[A-Za-z0-9/_-]{1,250}|arn:aws(-cn|-us-gov)?:kms:\(regionAlternation):[0-9]{12}:(key/[A-Za-z0-9-]{1,64}|alias/[A-Za-z0-9/_-]{1,250}))$"
                    )),
                ], required: ["kmsKey"]), "KMS encryption of the artifact between jobs.")),
                ("runtime", object("Runner, timeouts and egress control shared by every job.", [
                    ("runner", string("The runner label every job uses. Default: ubuntu-24.04.", pattern: "^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")),
                    ("jobTimeoutMinutes", integer("The timeout of ordinary jobs. Default: 15.", 1...360)),
                    ("deployTimeoutMinutes", integer("The timeout of deploy and destroy jobs. Default: 60.", 1...360)),
                    ("hardenRunner", nullable(hardenRunner, "Egress control with harden-runner; absent or null leaves it off.")),
                ])),
                ("policy", member(["description": .string("Policy settings, read by Pipewright's policy layer."), "type": .string("object")])),
            ],
            required: ["version", "name", "project", "infrastructure", "environments"]
        )
        guard case .object(var members) = root else { return root }
        members.insert(contentsOf: [
            JSONMember("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            JSONMember("$id", .string(PipewrightConfig.schemaID)),
            JSONMember("title", .string("pipewright.json")),
        ], at: 0)
        members.append(JSONMember("$defs", definitions))
        root = .object(members)
        return root
    }

    static var infrastructure: JSONValue {
        let capabilities = member([
            "description": .string("Capabilities the template needs. Default: [\"CAPABILITY_NAMED_IAM\"]."),
            "type": .string("array"),
            "uniqueItems": .bool(true),
            "items": .object(["enum": .array(PipewrightConfig.Keys.capabilities.map(JSONValue.string))]),
        ])
        func kind(_ name: String) -> (String, JSONValue) { ("kind", member(["const": .string(name)])) }
        return member([
            "description": .string("What is built and deployed; kind selects the other keys."),
            "oneOf": .array([
                object("A CloudFormation template deployed as is.", [
                    kind("cloudformation"), ("template", ref("path", "The template's path from the repository root.")), ("capabilities", capabilities),
                ], required: ["kind", "template"]),
                object("A CDK app, synthesized once in the build job.", [
                    kind("cdk"),
                    ("directory", ref("directory", "The folder holding package.json and cdk.json. Default: \".\".")),
                    ("nodeVersion", string("The Node.js version. Default: 22.", pattern: "^[0-9][0-9.]{0,19}$")),
                    ("cdkNag", boolean("Whether cdk-nag checks run in synth. Default: true.")),
                ], required: ["kind"]),
                object("A SAM application: sam build, then sam package.", [
                    kind("sam"),
                    ("template", ref("path", "The SAM template's path. Default: template.yaml.")),
                    ("packageBucket", member([
                        "description": .string("The S3 bucket sam package uploads to: a bucket name or a variable NAME."),
                        "type": .string("string"),
                        "anyOf": .array([.object(["pattern": .string(namePattern)]), .object(["pattern": .string(bucketPattern)])]),
                    ])),
                    ("samCLIVersion", ref("version", "The SAM CLI version. Default: 1.142.1.")),
                ], required: ["kind", "packageBucket"]),
                object("A container image built, pushed to ECR by digest under an immutable tag and scanned by ECR (critical findings fail), then deployed with a CloudFormation template.", [
                    kind("container-service"),
                    ("context", ref("directory", "The build context. Default: \".\".")),
                    ("dockerfile", ref("path", "The Dockerfile's path. Default: Dockerfile.")),
                    ("repository", string("The ECR repository name.", pattern: "^[a-z0-9][a-z0-9._/-]{1,255}$")),
                    ("template", ref("path", "The template that runs the service; it receives the image in the imageParameter parameter.")),
                    ("capabilities", capabilities),
                    ("imageParameter", string("The template parameter that receives the image reference (registry/repository@sha256:digest). Default: ImageUri.", pattern: "^[A-Za-z0-9]{1,255}$")),
                ], required: ["kind", "repository", "template"]),
            ]),
        ])
    }

    static var hardenRunner: JSONValue {
        var schema = object(nil, [
            ("policy", member(["description": .string("audit logs outbound traffic; block refuses all but allowedEndpoints."), "enum": .array([.string("audit"), .string("block")])])),
            ("allowedEndpoints", member([
                "description": .string("host:port endpoints allowed when blocking."),
                "type": .string("array"),
                "items": .object(["type": .string("string"), "pattern": .string("^(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*:[0-9]{1,5}$")]),
            ])),
        ], required: ["policy"])
        guard case .object(var members) = schema else { return schema }
        members.append(JSONMember("if", .object(["properties": .object(["policy": .object(["const": .string("block")])])])))
        members.append(JSONMember("then", .object(["required": .array([.string("allowedEndpoints")]), "properties": .object(["allowedEndpoints": .object(["minItems": .int(1)])])])))
        schema = .object(members)
        return schema
    }

    static var ciRole: JSONValue {
        member(["oneOf": .array([roleChoice("variable"), roleChoice("arn")])])
    }

    static func roleChoice(_ key: String) -> JSONValue {
        let value: JSONValue = key == "arn"
            ? member(["type": .string("string"), "pattern": .string("^arn:aws(-cn|-us-gov)?:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}$")])
            : member(["$ref": .string("#/$defs/githubName")])
        return object(nil, [(key, value)], required: [key])
    }

    static var definitions: JSONValue {
        let tagCharacters = "A-Za-z0-9 _.:/=+@-"
        return .object([
            JSONMember("githubName", string(
                "A GitHub secret or variable name: uppercase letters, digits and _, not starting with a digit or GITHUB_.",
                pattern: namePattern, extra: ["not": .object(["pattern": .string("^GITHUB_")])]
            )),
            JSONMember("role", member([
                "description": .string("Where a role ARN comes from: exactly one of a secret, a variable or the ARN itself."),
                "oneOf": .array([roleChoice("secret"), roleChoice("variable"), roleChoice("arn")]),
            ])),
            JSONMember("region", string("An AWS region such as us-east-1.", pattern: "^\(regionAlternation)$")),
            JSONMember("version", string("An exact version such as 1.51.0.", pattern: "^[0-9]{1,9}\\.[0-9]{1,9}\\.[0-9]{1,9}$")),
            JSONMember("path", string(
                "A relative path inside the repository.", pattern: "^[A-Za-z0-9_][A-Za-z0-9_./-]{0,254}$",
                extra: ["not": .object(["pattern": .string("\\.\\.")])]
            )),
            JSONMember("directory", member([
                "description": .string("A folder inside the repository; \".\" is the root."),
                "anyOf": .array([.object(["const": .string(".")]), .object(["$ref": .string("#/$defs/path")])]),
            ])),
            JSONMember("branch", string(
                "A git branch name.", pattern: "^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$",
                extra: ["not": .object(["pattern": .string("\\.\\.|//|/$|\\.$|\\.lock$")])]
            )),
            JSONMember("githubEnvironment", string("A GitHub environment name.", pattern: "^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")),
            JSONMember("commands", member([
                "type": .string("array"),
                "items": .object([
                    "description": .string("One line of trusted shell, run verbatim; no ${{ }} expressions."),
                    "type": .string("string"),
                    "pattern": .string("^[^\\x00-\\x1F\\x7F]*[^\\x00-\\x20\\x7F][^\\x00-\\x1F\\x7F]*$"),
                    "not": .object(["pattern": .string("\\$\\{\\{")]),
                ]),
            ])),
            JSONMember("tags", member([
                "type": .string("object"),
                "maxProperties": .int(PipelineValidator.maximumTags - PipelineValidator.builtInTags.count),
                "propertyNames": .object([
                    "pattern": .string("^[\(tagCharacters)]{1,128}$"),
                    "not": .object(["anyOf": .array([
                        .object(["pattern": .string("^[aA][wW][sS]:")]),
                        .object(["enum": .array(PipelineValidator.builtInTags.map(JSONValue.string))]),
                    ])]),
                ]),
                "additionalProperties": .object(["type": .string("string"), "pattern": .string("^[\(tagCharacters)]{0,256}$")]),
            ])),
            JSONMember("environment", environment),
        ])
    }

    static var environment: JSONValue {
        let source: (String) -> JSONValue = { key in object(nil, [(key, ref("githubName", nil))], required: [key]) }
        return object("A deployment target: an AWS account and region, guarded by a GitHub environment.", [
            ("name", string("The environment's name: part of job ids and stack names.", pattern: "^[a-z][a-z0-9-]{0,19}$")),
            ("account", string("The 12-digit AWS account id.", pattern: "^[0-9]{12}$")),
            ("region", nullable(ref("region", nil), "The region; absent or null uses the pipeline's.")),
            ("role", ref("role", "The role deploy jobs assume through OIDC.")),
            ("chainedRole", nullable(ref("role", nil), "A second role to chain into, for cross-account deploys.")),
            ("driftRole", nullable(ref("role", nil), "The read-only role drift detection assumes; absent or null uses role.")),
            ("githubEnvironment", nullable(ref("githubEnvironment", nil), "The GitHub environment guarding the deploy. Default: the environment's name.")),
            ("branch", ref("branch", "The branch whose pushes deploy this environment.")),
            ("after", nullable(string(nil, pattern: "^[a-z][a-z0-9-]{0,19}$"), "An earlier environment on the same branch that must deploy successfully first, in the same run.")),
            ("parameters", member([
                "description": .string("Template parameters: a literal string, {\"secret\": NAME} or {\"variable\": NAME}."),
                "type": .string("object"),
                "propertyNames": .object(["pattern": .string("^[A-Za-z0-9]{1,255}$")]),
                "additionalProperties": .object(["anyOf": .array([
                    .object(["type": .string("string"), "pattern": .string("^[A-Za-z0-9 _.:/=+@,-]{0,4096}$")]),
                    source("secret"),
                    source("variable"),
                ])]),
            ])),
            ("strategy", member([
                "description": .string("direct: create and execute a change set in one job. changeSet: plan in one job, execute after approval in another; {\"changeSet\": {\"review\": false}} skips the approval."),
                "anyOf": .array([
                    .object(["enum": .array([.string("direct"), .string("changeSet")])]),
                    object(nil, [("changeSet", object(nil, [("review", boolean(nil))]))], required: ["changeSet"]),
                ]),
            ])),
            ("production", boolean("Whether this is production: destroy is refused unless destroy.allowProduction. Default: false.")),
            ("tags", ref("tags", "Tags added to this environment's stacks only.")),
        ], required: ["name", "account", "role", "branch"])
    }

    // MARK: - Builders

    static func member(_ pairs: KeyValuePairs<String, JSONValue>) -> JSONValue { .object(pairs) }

    static func object(_ description: String?, _ properties: [(String, JSONValue)], required: [String] = []) -> JSONValue {
        var members: [JSONMember] = []
        if let description { members.append(JSONMember("description", .string(description))) }
        members.append(JSONMember("type", .string("object")))
        members.append(JSONMember("properties", .object(properties.map { JSONMember($0.0, $0.1) })))
        if !required.isEmpty { members.append(JSONMember("required", .array(required.map(JSONValue.string)))) }
        members.append(JSONMember("additionalProperties", .bool(false)))
        return .object(members)
    }

    static func string(_ description: String?, pattern: String? = nil, extra: KeyValuePairs<String, JSONValue> = [:]) -> JSONValue {
        var members: [JSONMember] = []
        if let description { members.append(JSONMember("description", .string(description))) }
        members.append(JSONMember("type", .string("string")))
        if let pattern { members.append(JSONMember("pattern", .string(pattern))) }
        members += extra.map { JSONMember($0.key, $0.value) }
        return .object(members)
    }

    static func integer(_ description: String, _ range: ClosedRange<Int>) -> JSONValue {
        member(["description": .string(description), "type": .string("integer"), "minimum": .int(range.lowerBound), "maximum": .int(range.upperBound)])
    }

    static func boolean(_ description: String?) -> JSONValue {
        guard let description else { return member(["type": .string("boolean")]) }
        return member(["description": .string(description), "type": .string("boolean")])
    }

    static func ref(_ name: String, _ description: String?) -> JSONValue {
        guard let description else { return member(["$ref": .string("#/$defs/" + name)]) }
        return member(["description": .string(description), "$ref": .string("#/$defs/" + name)])
    }

    /// The schema, or null; the description goes on the outside so editors show it.
    static func nullable(_ schema: JSONValue, _ description: String) -> JSONValue {
        member(["description": .string(description), "anyOf": .array([schema, member(["type": .string("null")])])])
    }
}
