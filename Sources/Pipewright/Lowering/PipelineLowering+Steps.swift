/// Steps shared by several jobs.
extension PipelineLowering {
    /// harden-runner first, when egress control is on; a block allows what the jobs need and the user's own
    /// endpoints (``blockedEgressEndpoints``).
    var hardenRunnerSteps: [Step] {
        guard let harden = pipeline.runtime.hardenRunner else { return [] }
        var inputs: Mapping<WorkflowValue> = ["egress-policy": .text(WorkflowText(harden.policy.rawValue))]
        if harden.policy == .block {
            inputs["allowed-endpoints"] = .text(WorkflowText(blockedEgressEndpoints.joined(separator: "\n") + "\n"))
        }
        return [.uses("Harden the runner", pins.reference("step-security/harden-runner"), with: inputs)]
    }

    /// Checkout without leaving the token in `.git/config`.
    var checkoutStep: Step {
        .uses("Check out", pins.reference("actions/checkout"), with: ["persist-credentials": false])
    }

    /// OIDC credentials for a role, and the chained role after it when there is one.
    ///
    /// `publishesAccountID` leaves the account id unmasked, for a job whose outputs must carry it: GitHub drops
    /// any job output that contains a masked value.
    func credentialSteps(role: RoleReference, chainedRole: RoleReference? = nil, region: String, sessionName: WorkflowText,
                         publishesAccountID: Bool = false) -> [Step] {
        var first: Mapping<WorkflowValue> = [
            "role-to-assume": .text(role.text),
            "role-session-name": .text(sessionName),
            "aws-region": .text(WorkflowText(region)),
        ]
        if publishesAccountID { first["mask-aws-account-id"] = false }
        guard let chainedRole else {
            return [.uses("Assume the AWS role (OIDC)", pins.reference("aws-actions/configure-aws-credentials"), with: first)]
        }
        first["mask-aws-account-id"] = true
        return [
            .uses("Assume the AWS role (OIDC)", pins.reference("aws-actions/configure-aws-credentials"), with: first),
            .uses("Chain into the target account's role", pins.reference("aws-actions/configure-aws-credentials"), with: [
                "role-to-assume": .text(chainedRole.text),
                "role-chaining": true,
                "role-session-name": .text(sessionName),
                "aws-region": .text(WorkflowText(region)),
            ]),
        ]
    }

    /// Download the build artifact, verify it against the build's manifest digest before anything else
    /// touches it, and decrypt it when it is encrypted. Needs credentials first when encrypted.
    func artifactSteps(credentials: [Step]) -> [Step] {
        artifactFetchSteps + credentials + artifactDecryptSteps
    }

    /// Decrypt the artifact, when it is encrypted.
    private var artifactDecryptSteps: [Step] {
        // The key lives in the pipeline's region, whatever region the job deploys to.
        pipeline.artifactEncryption == nil ? [] : [.run("Decrypt the artifact (KMS)", env: ["KEY_REGION": .text(WorkflowText(pipeline.region))], WorkflowText(Scripts.decryptBundle))]
    }

    /// Deletes the decrypted bundle whatever happened before.
    var deleteBundleStep: Step {
        .run("Delete the plaintext artifact", if: .always(), WorkflowText(Scripts.deleteBundle))
    }

    /// Download the build artifact and verify its checksums.
    private var artifactFetchSteps: [Step] {
        let encrypted = pipeline.artifactEncryption != nil
        let folder = encrypted ? "artifact/encrypted" : "artifact/bundle"
        return [
            .uses("Download the build artifact", pins.reference("actions/download-artifact"), with: [
                "name": .expression(.needs("build", output: "artifact-name")),
                "path": .text(WorkflowText(folder)),
            ]),
            .run("Verify the artifact checksums", env: [
                "EXPECTED_MANIFEST_SHA256": .expression(.needs("build", output: "manifest-sha256")),
            ], WorkflowText(encrypted ? Scripts.verifyEncryptedArtifact : Scripts.verifyPlainArtifact)),
        ]
    }

    /// Forms the stack name from its checked parts, and the role session name.
    func prepareStep(for environment: Environment) -> Step {
        .run("Resolve the stack name", id: "prepare", env: [
            "STACK_PREFIX": .text(WorkflowText(pipeline.stackNaming.prefix)),
            "ENVIRONMENT_NAME": .text(WorkflowText(environment.name)),
            "STACK_SUFFIX": suffixValue,
        ], WorkflowText(Scripts.prepareDeploy))
    }

    /// The stack-name suffix: the manual run's input when given, else the configured default.
    var suffixValue: WorkflowValue {
        pipeline.manualDispatch
            ? .expression(.inputs("environment_suffix") || .string(pipeline.stackNaming.suffix ?? ""))
            : .text(WorkflowText(pipeline.stackNaming.suffix ?? ""))
    }

    var sessionName: WorkflowText { WorkflowText(.steps("prepare", output: "session-name")) }
    var stackName: WorkflowValue { .expression(.steps("prepare", output: "stack-name")) }

    /// Posts the job's result, success or failure; the webhook secret is visible to this step only.
    func notifySteps(_ prefix: String, when condition: Expression = !.cancelled()) -> [Step] {
        guard case .slack(let secret)? = pipeline.notification else { return [] }
        var step = Step.run("Notify Slack", if: condition, env: [
            "SLACK_WEBHOOK_URL": .expression(.secrets(secret)),
            "MESSAGE_PREFIX": .text(WorkflowText(prefix)),
            "STACK_NAME": stackName,
            "JOB_STATUS": .expression(.job("status")),
        ], WorkflowText(Scripts.notifySlack))
        // Slack being down must not turn a successful deploy into a failed one.
        step.continueOnError = true
        return [step]
    }

    /// The template file inside the bundle, keeping the source's extension.
    var bundledTemplate: String {
        let path: String
        switch pipeline.infrastructure {
        case .cloudFormation(let template): path = template.path
        case .containerService(let service): path = service.template.path
        case .sam: path = "packaged.yaml"
        case .cdk: path = "template.json"
        }
        // Split on the UTF-8 view: splitting characters cost tens of thousands of instructions per job.
        let name = path.utf8.split(separator: UInt8(ascii: "/")).last ?? path.utf8[...]
        let parts = name.split(separator: UInt8(ascii: "."))
        return "template." + (parts.count > 1 ? String(decoding: parts.last!, as: UTF8.self) : "yaml")
    }

    /// The tags every stack operation carries, as the JSON document `--tags` takes.
    func stackTags(for environment: Environment) -> WorkflowText {
        var tags = KeyValueList(key: "Key", value: "Value")
        tags.add("Environment", .literal(environment.name))
        tags.add("Project", .literal(pipeline.project))
        tags.add("ManagedBy", .literal("Pipewright"))
        tags.add("Repository", .expression(.github("repository")))
        tags.add("CommitSHA", .expression(.github("sha")))
        for tag in pipeline.tags + environment.tags { tags.add(tag.key, .literal(tag.value)) }
        return tags.build()
    }

    /// The stack parameters of an environment's one stack (``stackParameters(_:image:)``).
    func stackParameters(for environment: Environment) -> Mapping<WorkflowValue> {
        stackParameters(environment.parameters, image: true)
    }

    /// The stack parameters as step variables, one per value, which the script turns into the `--parameters`
    /// document with `jq --arg` (`Scripts.assembleParameters`): `PARAMETER_<key>` for a literal, a variable
    /// or the image (`image`, for a container service), `SECRET_PARAMETER_<key>` for a secret, and the keys of
    /// each kind in order. Outputs of other stacks are ``outputParameters(_:)``'s.
    func stackParameters(_ parameters: [Parameter], image: Bool) -> Mapping<WorkflowValue> {
        var values = Mapping<WorkflowValue>()
        var secrets = Mapping<WorkflowValue>()
        var keys: [String] = []
        var secretKeys: [String] = []
        for parameter in parameters {
            switch parameter.source {
            case .value(let literal):
                values["PARAMETER_" + parameter.key] = .text(WorkflowText(literal))
                keys.append(parameter.key)
            case .variable(let name):
                values["PARAMETER_" + parameter.key] = .expression(.vars(name))
                keys.append(parameter.key)
            case .secret(let name):
                secrets["SECRET_PARAMETER_" + parameter.key] = .expression(.secrets(name))
                secretKeys.append(parameter.key)
            case .output:
                continue
            }
        }
        if image, case .containerService(let service) = pipeline.infrastructure {
            values["PARAMETER_" + service.imageParameter] = .expression(.needs("build", output: "image-uri"))
            keys.append(service.imageParameter)
        }
        var env: Mapping<WorkflowValue> = [
            "PARAMETER_KEYS": .text(WorkflowText(keys.joined(separator: " "))),
            "SECRET_PARAMETER_KEYS": .text(WorkflowText(secretKeys.joined(separator: " "))),
        ]
        for (key, value) in values { env[key] = value }
        for (key, value) in secrets { env[key] = value }
        return env
    }

    /// The environment of a step that creates a change set.
    func changeSetEnvironment(for environment: Environment) -> Mapping<WorkflowValue> {
        var env: Mapping<WorkflowValue> = [
            "STACK_NAME": stackName,
            "TEMPLATE_FILE": .text(WorkflowText("artifact/bundle/" + bundledTemplate)),
            "CAPABILITIES": .text(WorkflowText(pipeline.infrastructure.capabilities.map(\.rawValue).joined(separator: " "))),
            "STACK_TAGS": .text(stackTags(for: environment)),
            "CFN_EXECUTION_ROLE_ARN": .text(WorkflowText(BootstrapNaming.executionRoleARN(pipeline, environment))),
        ]
        for (key, value) in stackParameters(for: environment) { env[key] = value }
        return env
    }

    /// Captures the stack's outputs as an artifact and its status as a step output.
    func outputSteps(for environment: Environment) -> [Step] {
        [
            .run("Capture the stack outputs", id: "outputs", env: [
                "STACK_NAME": stackName,
                "ENVIRONMENT_NAME": .text(WorkflowText(environment.name)),
            ], WorkflowText(Scripts.captureOutputs)),
            uploadOutputsStep(for: environment),
        ]
    }

    func uploadOutputsStep(for environment: Environment) -> Step {
        .uses("Upload the stack outputs", pins.reference("actions/upload-artifact"), with: [
            "name": .text("stack-outputs-\(environment.name)-\(.github("run_attempt"))"),
            "path": "stack-outputs/",
            "retention-days": .int(pipeline.build.retentionDays),
            "if-no-files-found": "error",
        ])
    }

    func region(of environment: Environment) -> String { environment.region ?? pipeline.region }

    func permissions(checkout: Bool, assume reason: String?) -> Permissions {
        var grants: [PermissionGrant] = []
        if checkout { grants.append(.read(.contents, because: Reason.checkout)) }
        if let reason { grants.append(.write(.idToken, because: reason)) }
        return grants.isEmpty ? .empty : .scopes(grants)
    }
}

/// A JSON array of objects with a key and a value, `[{"Key":"Project","Value":"myapp"},…]`, as CloudFormation
/// takes tags; a value may be an expression of GitHub's own (`github.repository`, `github.sha`). Keys and literal values are JSON-safe: validation
/// allows no quote, backslash or control character in them.
private struct KeyValueList {
    private var text = WorkflowTextBuilder()
    private let opening: String
    private let separator: String
    private var isEmpty = true

    init(key: String, value: String) {
        opening = "{\"" + key + "\":\""
        separator = "\",\"" + value + "\":\""
        text.append("[")
    }

    mutating func add(_ key: String, _ value: WorkflowText.Segment) {
        if !isEmpty { text.append(",") }
        text.append(opening)
        text.append(key)
        text.append(separator)
        text.append(value)
        text.append("\"}")
        isEmpty = false
    }

    consuming func build() -> WorkflowText {
        text.append("]")
        return text.build()
    }
}
