/// Every field of `pipewright.json`, declared once: key, where it lives in the ``Pipeline`` (read through a key
/// path literal, written by a closure), type, description, whether its default is worth naming, and when the
/// file leaves it out. Decoding, encoding, the JSON Schema and ``Pipeline/configurationErrors()`` walk these
/// tables; defaults are the DSL's, read from the initial values.
extension PipewrightConfig {
    /// The document's fields, in the order they are written, listed in the schema and checked.
    static let root = ConfigObject<Decoded>(Decoded(pipeline: Pipeline(name: "", project: "", parts: [])), finish: { decoded, members in
        // The prefix defaults to the project, wherever each is written.
        if members.first(where: { $0.key == "stackNaming" })?.value["prefix"] == nil {
            decoded.pipeline.stackNaming.prefix = decoded.pipeline.project
        }
    }, [
        // Read and dropped: it is for editors.
        .field("$schema", { _ in "" }, { _, _ in }, .string(), "The schema this file follows, for editors; ignored by Pipewright.", omittedWhen: { _ in true }),
        .field("version", { _ in version }, { _, _ in }, formatVersion, "The format version.", required: true),
        .field("name", \.pipeline.name, { $0.pipeline.name = $1 }, .text(.pipelineName), "The workflow's display name.", required: true),
        .field("project", \.pipeline.project, { $0.pipeline.project = $1 }, .text(.project), "The project: the Project tag and the default stack-name prefix.", required: true),
        .field(
            "region", \.pipeline.region, { $0.pipeline.region = $1 }, .region, "The region used where an environment names none.", default: .value,
            rule: { checker, decoded, path in checker.checkRegionIsKnown(decoded.pipeline.region, at: path) }
        ),
        .field(
            "additionalRegions", \.pipeline.additionalRegions, { $0.pipeline.additionalRegions = $1 }, .array(.region),
            "Regions newer than this build of Pipewright knows, accepted as written.", omittedWhen: { $0.pipeline.additionalRegions.isEmpty }
        ),
        .field(
            "stackNaming", \.pipeline.stackNaming, { $0.pipeline.stackNaming = $1 }, .object(stackNaming),
            "How stack names are formed: <prefix>-<environment>-<suffix>.",
            rule: { checker, _, path in checker.checkStackNameLength(at: { path().key("prefix") }) }
        ),
        .field(
            "infrastructure", \.pipeline.infrastructure, { $0.pipeline.infrastructure = $1 }, infrastructure,
            "What is built and deployed; kind selects the other keys.", required: true,
            rule: { checker, decoded, path in checker.checkStackTemplate(decoded.pipeline.infrastructure, at: path) }
        ),
        .field(
            "stacks", \.pipeline.stacks, { $0.pipeline.stacks = $1 }, stacks,
            "Several CloudFormation stacks deployed to every environment in dependency order, each as <prefix>-<environment>[-<suffix>]-<name>; infrastructure.kind cloudformation only, with no infrastructure.template.",
            omittedWhen: { $0.pipeline.stacks.isEmpty }
        ),
        .optional(
            "ciRole", \.pipeline.ciRole, { $0.pipeline.ciRole = $1 }, .ciRole,
            "The role the build and validate jobs assume. Never a secret: those jobs are not bound to a GitHub environment."
        ),
        .optional(
            "pipelineAccount", \.pipeline.pipelineAccount, { $0.pipeline.pipelineAccount = $1 }, .accountID,
            "The dedicated AWS account of the CI role, the artifact key and chained deploys' first hops; no environment should deploy to it."
        ),
        .field(
            "oidcSubject", \.pipeline.oidcSubject, { $0.pipeline.oidcSubject = $1 }, .cases,
            "The GitHub OIDC subject the bootstrap's roles trust. default: GitHub's (repo:OWNER/REPO:environment:E). jobWorkflowRef: the repository's subject is customized to include job_workflow_ref, and each role admits only the generated workflow file at its environment's branch (drift: at the deploy branches); without the customization nothing reaches any role. The next steps print the gh api command.",
            default: .value, omittedWhen: { $0.pipeline.oidcSubject == .default }
        ),
        .field("build", \.pipeline.build, { $0.pipeline.build = $1 }, .object(build), "Packaging and upload of the artifact."),
        .field("validation", \.pipeline.validation, { $0.pipeline.validation = $1 }, .object(validation), "Checks run on the artifact before any deploy."),
        .field("environments", \.pipeline.environments, { $0.pipeline.environments = $1 }, environments, "Target environments, in promotion order.", required: true),
        .field(
            "verify", \.pipeline.verify, { $0.pipeline.verify = $1 }, .commands, verifyDescription + " An environment's own verify replaces these.",
            omittedWhen: { $0.pipeline.verify.isEmpty },
            rule: { checker, decoded, path in checker.checkVerify(decoded.pipeline.verify, at: path) }
        ),
        .optional(
            "pullRequestBranches", \.pipeline.pullRequestBranches, { $0.pipeline.pullRequestBranches = $1 }, .array(.branch),
            "Branches whose pull requests are built and validated.",
            default: .text("the deploy branches")
        ),
        .field(
            "manualDispatch", \.pipeline.manualDispatch, { $0.pipeline.manualDispatch = $1 }, .bool,
            "Whether a manual deploy or destroy of one environment is offered.", default: .value
        ),
        .optional(
            "drift", \.pipeline.drift, { $0.pipeline.drift = $1 }, .object(drift),
            "Scheduled and manual drift detection with read-only roles; absent or null turns it off."
        ),
        .optional("destroy", \.pipeline.destroy, { $0.pipeline.destroy = $1 }, .object(destroy), "Guarded manual destroy; absent or null turns it off."),
        .optional(
            "notify", \.pipeline.notification, { $0.pipeline.notification = $1 },
            .object(notify, expected: "an object such as {\"slack\": {\"webhookSecret\": NAME}}"),
            "Where deploy results are posted."
        ),
        .field(
            "tags", \.pipeline.tags, { $0.pipeline.tags = $1 }, .tags,
            "Tags added to every stack, besides \(ConfigChecker.builtInTags.dropLast().joined(separator: ", ")) and \(ConfigChecker.builtInTags.last!), in this order.",
            omittedWhen: { $0.pipeline.tags.isEmpty }, rule: { checker, decoded, path in checker.checkTags(decoded.pipeline.tags, at: path) }
        ),
        .optional(
            "artifactEncryption", \.pipeline.artifactEncryption, { $0.pipeline.artifactEncryption = $1 }, .object(artifactEncryption),
            "KMS encryption of the artifact between jobs."
        ),
        .field("runtime", \.pipeline.runtime, { $0.pipeline.runtime = $1 }, .object(runtime), "Runner, timeouts and egress control shared by every job."),
        .field("policy", \.policy, { $0.policy = $1 }, .anyObject, "Policy settings, read by Pipewright's policy layer.", omittedWhen: { $0.policy == nil }),
        .optional(
            "pins", \.pins, { $0.pins = $1 }, .relativePath,
            "A pins file (written by 'pipewright pins update'), relative to this file, whose action pins replace Pipewright's; a policy's actionPins win over it."
        ),
    ])

    /// `version`: only this build's is read; another version may mean other keys, so nothing else is read.
    static let formatVersion = ConfigType<Int>(
        read: { reader, value, path in
            guard let number = reader.int(value, at: path) else { return nil }
            guard number == version else {
                reader.report(path, "\(number) is not a supported version; expected \(version) (this build of Pipewright reads version \(version))")
                return nil
            }
            return number
        },
        write: { .int($0) }, schema: [JSONMember("const", .int(version))]
    )

    static let stackNaming = ConfigObject<StackNaming>(StackNaming(prefix: ""), [
        .field("prefix", \.prefix, { $0.prefix = $1 }, .text(.stackPrefix), "The first part of every stack name.", default: .text("the project")),
        .optional("suffix", \.suffix, { $0.suffix = $1 }, .text(.stackSuffix), "The default last part of every stack name, overridable per manual run; null or absent leaves it off."),
    ])

    static let infrastructure = ConfigType<Infrastructure>.tagged(by: "kind", [
        .variant("cloudformation", "A CloudFormation template deployed as is, or, with stacks, several.", ConfigObject(CloudFormationTemplate(path: ""), [
            // Required unless stacks name the templates: the infrastructure field's rule says which.
            .field(
                "template", \.path, { $0.path = $1 }, ConfigType.path.checked(nil), "The template's path from the repository root; absent with stacks.",
                omittedWhen: { $0.path.isEmpty }
            ),
            .field(
                "capabilities", \.capabilities, { $0.capabilities = $1 }, .capabilities, "Capabilities the template needs; absent with stacks.",
                default: .value, omittedWhen: { $0.path.isEmpty }
            ),
        ]), embed: Infrastructure.cloudFormation) { if case .cloudFormation(let template) = $0 { template } else { nil } },
        .variant("cdk", "A CDK app, synthesized once in the build job.", ConfigObject(CDKApp(), [
            .field("directory", \.directory, { $0.directory = $1 }, .directory, "The folder holding package.json and cdk.json.", default: .value),
            .field("nodeVersion", \.nodeVersion, { $0.nodeVersion = $1 }, .text(.nodeVersion), "The Node.js version.", default: .value),
            .field("cdkNag", \.cdkNag, { $0.cdkNag = $1 }, .bool, "Whether synth runs with --strict, so any warning fails the build — cdk-nag's included, when the app adds its checks as an aspect (Pipewright does not add them).", default: .value),
        ]), embed: Infrastructure.cdk) { if case .cdk(let app) = $0 { app } else { nil } },
        .variant("sam", "A SAM application: sam build, then sam package.", ConfigObject(SAMApp(packageBucket: ""), [
            .field("template", \.template, { $0.template = $1 }, .path, "The SAM template's path.", default: .value),
            .field(
                "packageBucket", \.packageBucket, { $0.packageBucket = $1 }, .packageBucket,
                "The S3 bucket sam package uploads to: a bucket name or a variable NAME.", required: true
            ),
            .field(
                "samCLIVersion", \.samCLIVersion, { $0.samCLIVersion = $1 }, ConfigType.lockedVersion(of: "the SAM CLI", ToolLocks.samCLIVersions),
                "The SAM CLI version, installed from the hash lock Pipewright ships for it.", default: .value
            ),
        ]), embed: Infrastructure.sam) { if case .sam(let app) = $0 { app } else { nil } },
        .variant(
            "container-service",
            "A container image built, pushed to ECR by digest under an immutable tag and scanned by ECR (critical findings fail), then deployed with a CloudFormation template.",
            ConfigObject(ContainerService(repository: "", template: CloudFormationTemplate(path: "")), [
                .field("context", \.context, { $0.context = $1 }, .directory, "The build context.", default: .value),
                .field("dockerfile", \.dockerfile, { $0.dockerfile = $1 }, .path, "The Dockerfile's path.", default: .value),
                .field("repository", \.repository, { $0.repository = $1 }, .ecrRepository, "The ECR repository name.", required: true),
                .field(
                    "template", \.template.path, { $0.template.path = $1 }, .path,
                    "The template that runs the service; it receives the image in the imageParameter parameter.", required: true
                ),
                .capabilities(\.template.capabilities, { $0.template.capabilities = $1 }),
                .field(
                    "imageParameter", \.imageParameter, { $0.imageParameter = $1 }, .text(.parameterKey),
                    "The template parameter that receives the image reference (registry/repository@sha256:digest).", default: .value
                ),
            ]),
            embed: Infrastructure.containerService
        ) { if case .containerService(let service) = $0 { service } else { nil } },
    ])

    static let build = ConfigObject<BuildSettings>(BuildSettings(), [
        .field("retentionDays", \.retentionDays, { $0.retentionDays = $1 }, .int(.artifactRetention), "Days GitHub keeps the artifact.", default: .value),
        .field("commands", \.commands, { $0.commands = $1 }, .commands, "Commands run in the build job before packaging, e.g. unit tests."),
    ])

    static let validation = ConfigObject<ValidationSettings>(ValidationSettings(), [
        .field("validateTemplate", \.validateTemplate, { $0.validateTemplate = $1 }, .bool, "Whether aws cloudformation validate-template runs.", default: .value),
        .field(
            "cfnLintVersion", \.cfnLintVersion, { $0.cfnLintVersion = $1 },
            ConfigType.lockedVersion(of: "cfn-lint", ToolLocks.cfnLintVersions).orNull,
            "The cfn-lint version, installed from the hash lock Pipewright ships for it; null skips cfn-lint.", default: .value
        ),
        .field("commands", \.commands, { $0.commands = $1 }, .commands, "Extra commands, run from the repository root after the built-in checks."),
    ])

    static let environment = ConfigObject<Environment>(Environment("", account: "", role: .variable(""), branch: ""), [
        .field(
            "name", \.name, { $0.name = $1 }, .text(.environmentName), "The environment's name: part of job ids and stack names.", required: true,
            rule: { checker, environment, path in checker.checkEnvironmentName(environment.name, at: path) }
        ),
        .field("account", \.account, { $0.account = $1 }, .accountID, "The 12-digit AWS account id.", required: true),
        .optional(
            "region", \.region, { $0.region = $1 }, .region, "The region; absent or null uses the pipeline's.",
            rule: { checker, environment, path in checker.checkRegionIsKnown(environment.region, at: path) }
        ),
        .field(
            "role", \.role, { $0.role = $1 }, .role, "The role deploy jobs assume through OIDC.", required: true,
            rule: { checker, environment, path in checker.checkRoleIsOwn(of: environment, at: path) }
        ),
        .optional("chainedRole", \.chainedRole, { $0.chainedRole = $1 }, .role, "A second role to chain into, for cross-account deploys."),
        .optional(
            "driftRole", \.driftRole, { $0.driftRole = $1 }, .role,
            "The read-only role drift detection assumes; absent or null: role's name with _DRIFT appended (an ARN: the bootstrap's drift role)."
        ),
        .optional(
            "planRole", \.planRole, { $0.planRole = $1 }, .role,
            "The role the plan job of a reviewed deploy assumes; absent or null: role's name with _PLAN appended (an ARN: the bootstrap's plan role)."
        ),
        .optional(
            "destroyRole", \.destroyRole, { $0.destroyRole = $1 }, .role,
            "The role a manual destroy assumes; absent or null: role's name with _DESTROY appended (an ARN: the bootstrap's destroy role)."
        ),
        .optional(
            "verifyRole", \.verifyRole, { $0.verifyRole = $1 }, .role,
            "The read-only role the verification after a deploy assumes; absent or null: role's name with _VERIFY appended (an ARN: the bootstrap's verify role)."
        ),
        .optional(
            "wave", \.wave, { $0.wave = $1 }, .githubEnvironment,
            "A wave: environments that deploy together, after one approval, in one GitHub environment named after the wave (multi-region production as one decision).",
            rule: { checker, environment, path in checker.checkWave(of: environment, at: path) }
        ),
        .field(
            // The name's own rule reports a GitHub environment that is the name: one problem, reported once.
            "githubEnvironment", { $0.githubEnvironment == ($0.wave ?? $0.name) ? nil : $0.githubEnvironment },
            { if let name = $1 { $0.githubEnvironment = name } }, ConfigType.githubEnvironment.orNull,
            "The GitHub environment guarding the deploy.", default: .text("the wave's name, or else the environment's"),
            omittedWhen: { $0.githubEnvironment == ($0.wave ?? $0.name) },
            whenAbsent: { $0.githubEnvironment = $0.wave ?? $0.name }
        ),
        .field("branch", \.branch, { $0.branch = $1 }, .branch, "The branch whose pushes deploy this environment.", required: true),
        // Checked against the other environments, not as text: "is not an environment" says more.
        .optional(
            "after", \.after, { $0.after = $1 }, .string(pattern: TextRule.environmentName.pattern),
            "An earlier environment on the same branch that must deploy successfully first, in the same run.",
            rule: { checker, environment, path in checker.checkAfter(of: environment, at: path) }
        ),
        .field(
            "parameters", \.parameters, { $0.parameters = $1 }, .parameters,
            "Template parameters: a literal string, {\"secret\": NAME} or {\"variable\": NAME}. With stacks, each key names its stack: \"<stack>.<Key>\".",
            omittedWhen: { $0.parameters.isEmpty }
        ),
        .field(
            "strategy", \.strategy, { $0.strategy = $1 }, .strategy,
            "direct: create and execute a change set in one job. changeSet: plan in one job, execute after approval in another; {\"changeSet\": {\"review\": false}} skips the approval."
        ),
        .field("production", \.production, { $0.production = $1 }, .bool, "Whether this is production: destroy is refused unless destroy.allowProduction.", default: .value),
        .optional("runner", \.runner, { $0.runner = $1 }, .runner, "Where this environment's jobs run; absent or null uses runtime.runner."),
        .field(
            "tags", \.tags, { $0.tags = $1 }, .tags, "Tags added to this environment's stacks only.", omittedWhen: { $0.tags.isEmpty },
            rule: { checker, environment, path in checker.checkTags(environment.tags, at: path, pipelineTags: checker.pipeline?.tags ?? []) }
        ),
        .optional(
            "verify", \.verify, { $0.verify = $1 }, .commands,
            verifyDescription + " Replaces the pipeline's verify for this environment; [] turns verification off here; absent or null uses the pipeline's.",
            rule: { checker, environment, path in checker.checkVerify(environment.verify ?? [], at: path) }
        ),
    ])

    /// What `verify` does, for both places it is written.
    static let verifyDescription = "Commands run after each deploy of an environment, from the repository root under bash -euo pipefail, in a job bound to the unprotected GitHub environment <githubEnvironment>-verify under the read-only verify role. Each stack's outputs are in their environment as STACK_OUTPUT_<STACK>_<KEY> and its name as STACK_NAME_<STACK> (uppercase, other characters than letters and digits as _; one stack: STACK_OUTPUT_<KEY>, STACK_NAME), with AWS_REGION. A failure fails the environment, notifies and stops the environments after it; a completed update is not rolled back."

    static let environmentType = ConfigType.object(environment)
        .defined("environment", "A deployment target: an AWS account and region, guarded by a GitHub environment.")

    /// The environments, checked together: names are unique and `after` names an earlier one.
    static let environments = ConfigType<[Environment]>.array(
        environmentType, expected: "an array of environments", noun: "environment"
    ) { checker, environments, path in checker.checkEnvironments(environments, with: environment, at: path) }

    static let stack = ConfigObject<Stack>(Stack("", template: ""), [
        .field(
            "name", \.name, { $0.name = $1 }, .text(.stackName), "The stack's name: the last part of its stack name, and of its steps' ids.", required: true,
            rule: { checker, stack, path in checker.checkStackName(stack.name, at: path) }
        ),
        .field("template", \.template.path, { $0.template.path = $1 }, .path, "The template's path from the repository root.", required: true),
        .capabilities(\.template.capabilities, { $0.template.capabilities = $1 }),
        .field(
            "dependsOn", \.dependsOn, { $0.dependsOn = $1 }, .array(.string(pattern: TextRule.stackName.pattern)),
            "Stacks deployed before this one, in every environment.", omittedWhen: { $0.dependsOn.isEmpty },
            rule: { checker, stack, path in checker.checkDependsOn(of: stack, at: path) }
        ),
        .field(
            "parameters", \.parameters, { $0.parameters = $1 }, .stackParameters,
            "Template parameters: a literal string, {\"secret\": NAME}, {\"variable\": NAME}, or {\"output\": \"<stack>.<OutputKey>\"}, an output of a stack in dependsOn, read after it deploys. An environment's \"<stack>.<Key>\" parameters override these.",
            omittedWhen: { $0.parameters.isEmpty }
        ),
        .field(
            "tags", \.tags, { $0.tags = $1 }, .tags, "Tags added to this stack only.", omittedWhen: { $0.tags.isEmpty },
            rule: { checker, stack, path in checker.checkTags(stack.tags, at: path, pipelineTags: checker.pipeline?.tags ?? []) }
        ),
    ])

    /// The stacks, checked together: names are unique, dependencies exist and make no cycle.
    static let stackType = ConfigType.object(stack).defined("stack", "A CloudFormation stack of the pipeline, deployed to every environment.")

    static let stacks = ConfigType<[Stack]>.array(stackType, expected: "an array of stacks") { checker, stacks, path in checker.checkStacks(stacks, with: stack, at: path) }

    static let drift = ConfigObject<DriftDetection>(DriftDetection(schedule: []), [
        .field("schedule", \.schedule, { $0.schedule = $1 }, .array(.cron), "Cron entries, in UTC: minute hour day-of-month month day-of-week."),
        .field(
            "githubEnvironment", \.githubEnvironment, { $0.githubEnvironment = $1 }, .githubEnvironment,
            "The unprotected GitHub environment drift jobs are bound to.", default: .value
        ),
    ])

    static let destroy = ConfigObject<DestroySettings>(DestroySettings(), [
        .field("allowProduction", \.allowProduction, { $0.allowProduction = $1 }, .bool, "Whether production environments may be destroyed.", default: .value),
    ])

    static let notify = ConfigObject<Notify>(Notify.slack(webhookSecret: ""), [
        .field(
            "slack", { switch $0 { case .slack(let secret): secret } }, { $0 = .slack(webhookSecret: $1) },
            .object(ConfigObject("", [.field("webhookSecret", { $0 }, { $0 = $1 }, .githubName, "The secret holding the webhook URL.", required: true)])),
            "A Slack incoming webhook.", required: true
        ),
    ])

    static let artifactEncryption = ConfigObject<ArtifactEncryption>(ArtifactEncryption(kmsKey: ""), [
        .field("kmsKey", \.kmsKey, { $0.kmsKey = $1 }, .kmsKey, "A key alias (alias/name) or a KMS key or alias ARN.", required: true),
    ])

    static let runtime = ConfigObject<RuntimeSettings>(RuntimeSettings(), [
        .field(
            "runner", \.runner, { $0.runner = $1 }, .runner,
            "Where every job runs, unless an environment names its own runner.", default: .value
        ),
        .field("jobTimeoutMinutes", \.jobTimeoutMinutes, { $0.jobTimeoutMinutes = $1 }, .int(.jobMinutes), "The timeout of ordinary jobs.", default: .value),
        .field("deployTimeoutMinutes", \.deployTimeoutMinutes, { $0.deployTimeoutMinutes = $1 }, .int(.jobMinutes), "The timeout of deploy and destroy jobs.", default: .value),
        .optional("hardenRunner", \.hardenRunner, { $0.hardenRunner = $1 }, .object(hardenRunner), "Egress control with harden-runner; absent or null leaves it off."),
        .optional(
            "pullRequestRunner", \.pullRequestRunner, { $0.pullRequestRunner = $1 }, .runner,
            "Where the offline pull-request job runs, which runs a pull request's code; absent or null: runner when GitHub hosts it, else ubuntu-24.04. A self-hosted runner here should be ephemeral."
        ),
    ])

    static let hardenRunner: ConfigObject<HardenRunner> = {
        let policy = ConfigField<HardenRunner>.field(
            "policy", \.policy, { $0.policy = $1 }, .egressPolicy,
            "audit logs outbound traffic; block refuses all but the endpoints the jobs need and allowedEndpoints.", required: true
        )
        let endpoints = ConfigField<HardenRunner>.field(
            "allowedEndpoints", \.allowedEndpoints, { $0.allowedEndpoints = $1 }, .endpoints,
            "host:port endpoints allowed when blocking, besides those the jobs need (GitHub, the AWS services of the regions used, PyPI, npm, Slack), which Pipewright adds."
        )
        return ConfigObject(HardenRunner(policy: .audit), [policy, endpoints])
    }()
}

extension ConfigField {
    /// The CloudFormation capabilities of a template: one declaration for both kinds that take a template.
    static func capabilities(
        _ get: @escaping @Sendable (Root) -> [Capability], _ set: @escaping @Sendable (inout Root, [Capability]) -> Void
    ) -> ConfigField {
        field("capabilities", get, set, .capabilities, "Capabilities the template needs.", default: .value)
    }
}
