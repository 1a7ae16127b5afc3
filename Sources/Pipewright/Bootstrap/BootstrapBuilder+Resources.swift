/// The bootstrap stack's resources and outputs.
///
/// Who reaches what is decided here, in IAM, and not by the workflow's YAML, which anyone who can push a branch
/// can rewrite. Each GitHub subject reaches only its own role:
///
/// - pushes to a deploy branch (`ref:refs/heads/<branch>`) reach the CI role; pull requests and other
///   branches reach nothing;
/// - `environment:<E>` reaches E's deploy role: create and execute change sets for a direct deploy, only
///   execute (and describe) for a reviewed one;
/// - `environment:<E>-plan` reaches E's plan role: create, describe and delete change sets, pass the execution
///   role, never execute;
/// - `environment:<E>-destroy` reaches E's destroy role; the drift environment reaches the drift roles,
///   which read configuration and are denied data reads;
/// - `environment:<E>-verify` reaches E's verify role, which only describes E's stacks.
extension BootstrapBuilder {
    func resources() -> YAMLNode {
        var entries = [YAMLEntry("GitHubOIDCProvider", map([
            ("Type", .string("AWS::IAM::OIDCProvider")),
            ("Condition", .string(Self.oidcCondition)),
            ("Properties", map([
                ("Url", .string("https://" + BootstrapNaming.githubIssuer)),
                ("ClientIdList", .sequence([.string("sts.amazonaws.com")])),
            ])),
        ]))]
        for environment in pipeline.environments {
            for purpose in purposes(environment) {
                entries.append(YAMLEntry(roleID(purpose, environment), firstHopRole(purpose, environment)))
                if chains(purpose, environment) {
                    entries.append(YAMLEntry(targetID(purpose, environment), targetRole(purpose, environment)))
                }
            }
            entries.append(YAMLEntry("ExecutionRole" + envID(environment), executionRole(environment)))
        }
        if let ciRole = pipeline.ciRole {
            entries.append(YAMLEntry("CIRole", ciRoleResource(ciRole)))
            if case .containerService(let service) = pipeline.infrastructure {
                entries.append(YAMLEntry("ImageRepository", imageRepository(service)))
            }
        }
        if createsKey, let encryption = pipeline.artifactEncryption {
            entries.append(YAMLEntry("ArtifactKey", artifactKey()))
            entries.append(YAMLEntry("ArtifactKeyAlias", map([
                ("Type", .string("AWS::KMS::Alias")),
                ("Condition", .string(Self.pipelineCondition)),
                ("Properties", map([("AliasName", .string(encryption.kmsKey)), ("TargetKeyId", ref("ArtifactKey"))])),
            ])))
        }
        return .mapping(entries)
    }

    // MARK: - Trust

    var providerARN: YAMLNode {
        ifCondition(Self.oidcCondition, ref("GitHubOIDCProvider"),
                    sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:oidc-provider/" + BootstrapNaming.githubIssuer))
    }

    /// Trust for GitHub's OIDC tokens of this repository with one of the given subjects, e.g. `environment:prod`.
    func githubTrust(subjects: [String]) -> YAMLNode {
        let issuer = BootstrapNaming.githubIssuer
        return policyDocument([map([
            ("Effect", .string("Allow")),
            ("Principal", map([("Federated", providerARN)])),
            ("Action", .string("sts:AssumeRoleWithWebIdentity")),
            // A branch pattern (`release/*`) matches as IAM's StringLike does; exact subjects as StringEquals.
            ("Condition", map(subjects.contains { $0.contains("*") }
                ? [("StringEquals", map([(issuer + ":aud", .string("sts.amazonaws.com"))])),
                   ("StringLike", map([(issuer + ":sub", .sequence(subjects.map { sub("repo:${\(Self.repositoryParameter)}:" + $0) }))]))]
                : [("StringEquals", map([
                    (issuer + ":aud", .string("sts.amazonaws.com")),
                    (issuer + ":sub", .sequence(subjects.map { sub("repo:${\(Self.repositoryParameter)}:" + $0) })),
                ]))])),
        ])])
    }

    /// The one GitHub environment whose jobs may assume the role of a purpose.
    func githubEnvironment(_ purpose: RolePurpose, _ environment: Environment) -> String {
        switch purpose {
        case .deploy: environment.githubEnvironment
        case .plan: environment.planEnvironment
        case .destroy: environment.destroyEnvironment
        case .drift: pipeline.drift?.githubEnvironment ?? "drift-detection"
        case .verify: environment.verifyEnvironment
        }
    }

    /// Build runs on pushes to the deploy branches only; pull requests validate offline.
    var ciSubjects: [String] {
        pipeline.deployBranches.map { subject("ref:refs/heads/" + $0, workflowFile: pipeline.deployWorkflowFile, branch: $0) }
    }

    /// The subjects a role of a purpose trusts: its one GitHub environment, and, with the customized subject,
    /// the generated workflow file at the environment's branch. Drift runs on a schedule, from the default
    /// branch, and manually from a branch the drift environment admits (protected branches): its roles admit
    /// the drift workflow at any deploy branch, the branches the next steps protect.
    func trustedSubjects(_ purpose: RolePurpose, _ environment: Environment) -> [String] {
        let context = "environment:" + githubEnvironment(purpose, environment)
        guard purpose == .drift else { return [subject(context, workflowFile: pipeline.deployWorkflowFile, branch: environment.branch)] }
        var subjects: [String] = []
        for branch in pipeline.deployBranches {
            let subject = subject(context, workflowFile: pipeline.driftWorkflowFile, branch: branch)
            if !subjects.contains(subject) { subjects.append(subject) }
        }
        return subjects
    }

    /// The subject, after `repo:OWNER/REPO:`, of a job of a workflow file run from a branch: the context alone
    /// (`environment:prod`), or, with the customized subject, the context and the job's workflow at that ref
    /// (`environment:prod:job_workflow_ref:OWNER/REPO/.github/workflows/infrastructure.yml@refs/heads/main`).
    /// Branch and environment names hold no `:`, which GitHub would escape as `%3A`.
    func subject(_ context: String, workflowFile: String, branch: String) -> String {
        switch pipeline.oidcSubject {
        case .default: context
        case .jobWorkflowRef: "\(context):job_workflow_ref:${\(Self.repositoryParameter)}/.github/workflows/\(workflowFile)@refs/heads/\(branch)"
        }
    }

    // MARK: - Roles

    func stackARNs(_ environment: Environment) -> [YAMLNode] {
        let base = "arn:${AWS::Partition}:cloudformation:\(region(environment)):${AWS::AccountId}:stack/\(pipeline.stackNaming.prefix)-\(environment.name)"
        // The suffix varies per manual run; `-*` keeps `dev` from matching a stack of `devtest`.
        guard !pipeline.stacks.isEmpty else { return [sub(base + "/*"), sub(base + "-*/*")] }
        // Several stacks: exactly their names, `<prefix>-<environment>[-<suffix>]-<stack>`.
        return pipeline.stacksInDeployOrder.flatMap { stack in [sub(base + "-" + stack.name + "/*"), sub(base + "-*-" + stack.name + "/*")] }
    }

    func changeSetARN(_ environment: Environment) -> YAMLNode {
        sub("arn:${AWS::Partition}:cloudformation:\(region(environment)):${AWS::AccountId}:changeSet/pw-*/*")
    }

    /// The role a job assumes through OIDC, trusted only by the purpose's GitHub environment. It changes the
    /// stacks itself, or, when the environment chains, lives in the pipeline account and may only chain into
    /// its target role (and decrypt the artifact first).
    func firstHopRole(_ purpose: RolePurpose, _ environment: Environment) -> YAMLNode {
        let name = BootstrapNaming.roleName(pipeline, environment, purpose: purpose)
        let trust = githubTrust(subjects: trustedSubjects(purpose, environment))
        guard chains(purpose, environment) else {
            var statements = purposeStatements(purpose, environment)
            if decrypts(purpose, environment) { statements.append(decryptStatement()) }
            return role(
                name: name, condition: envCondition(environment), description: description(purpose, environment),
                trust: trust, policyName: purpose.rawValue, statements: statements,
                managed: purpose == .drift ? [sub(Self.readOnlyAccess)] : []
            )
        }
        let target = BootstrapNaming.targetRoleName(pipeline, environment, purpose: purpose)
        var statements = [statement("ChainIntoTheTargetRole", actions: ["sts:AssumeRole", "sts:TagSession"],
                                    resources: [sub("arn:${AWS::Partition}:iam::\(environment.account):role/" + target)])]
        if decrypts(purpose, environment) { statements.append(decryptStatement()) }
        return role(
            name: name, condition: Self.pipelineCondition,
            description: "Pipewright: first hop of \(pipeline.project) \(environment.name) \(purpose.rawValue) jobs; chains into \(target)",
            trust: trust, policyName: "chain-to-target", statements: statements, managed: []
        )
    }

    /// The role in the environment's account that a chained first hop assumes: trusted only by that role, named
    /// through the pipeline account's root with `aws:PrincipalArn`, so the trust holds whichever stack is
    /// deployed first.
    func targetRole(_ purpose: RolePurpose, _ environment: Environment) -> YAMLNode {
        let firstHop = "arn:${AWS::Partition}:iam::\(pipelineAccount):role/" + BootstrapNaming.roleName(pipeline, environment, purpose: purpose)
        let trust = policyDocument([map([
            ("Effect", .string("Allow")),
            ("Principal", map([("AWS", sub("arn:${AWS::Partition}:iam::\(pipelineAccount):root"))])),
            ("Action", .sequence([.string("sts:AssumeRole"), .string("sts:TagSession")])),
            ("Condition", map([("ArnEquals", map([("aws:PrincipalArn", sub(firstHop))]))])),
        ])])
        return role(
            name: BootstrapNaming.targetRoleName(pipeline, environment, purpose: purpose), condition: envCondition(environment),
            description: description(purpose, environment) + ", chained from the pipeline account",
            trust: trust, policyName: purpose.rawValue, statements: purposeStatements(purpose, environment), managed: []
        )
    }

    func description(_ purpose: RolePurpose, _ environment: Environment) -> String {
        let stacks = "the \(pipeline.project) \(environment.name) stacks"
        switch purpose {
        case .deploy where environment.strategy.isReviewed: return "Pipewright: executes reviewed change sets of \(stacks)"
        case .deploy: return "Pipewright: deploys \(stacks) through CloudFormation change sets"
        case .plan: return "Pipewright: creates change sets of \(stacks) for review; never executes them"
        case .destroy: return "Pipewright: deletes \(stacks) on a manual destroy"
        case .drift: return "Pipewright: read-only drift detection of \(stacks)"
        case .verify: return "Pipewright: reads the outputs of \(stacks) to verify a deploy; changes nothing"
        }
    }

    /// What each purpose may do with the environment's stacks, and nothing more.
    func purposeStatements(_ purpose: RolePurpose, _ environment: Environment) -> [YAMLNode] {
        let stacks = stackARNs(environment) + [changeSetARN(environment)]
        let describe = ["cloudformation:DescribeChangeSet", "cloudformation:DescribeStacks", "cloudformation:DescribeStackEvents"]
        let create = ["cloudformation:CreateChangeSet", "cloudformation:DeleteChangeSet"]
        let execute = ["cloudformation:ExecuteChangeSet", "cloudformation:ContinueUpdateRollback"]
        switch purpose {
        case .deploy where environment.strategy.isReviewed:
            // CloudFormation executes with the role the change set names: executing passes no role.
            return [statement("ExecuteReviewedChangeSets", actions: describe + execute, resources: stacks)]
        case .deploy:
            return [statement("ManageProjectStacks", actions: create + describe + execute, resources: stacks)] + creationStatements(environment)
        case .plan:
            return [statement("PlanChangeSets", actions: create + describe, resources: stacks)] + creationStatements(environment)
        case .destroy:
            return [statement("DeleteProjectStacks", actions: ["cloudformation:DeleteStack", "cloudformation:DescribeStacks", "cloudformation:DescribeStackEvents"],
                              resources: stackARNs(environment))]
        case .drift:
            return driftStatements(environment)
        case .verify:
            return [statement("DescribeProjectStacks", actions: ["cloudformation:DescribeStacks"], resources: stackARNs(environment))]
        }
    }

    /// What creating a change set needs besides the stack: expanding transforms, and passing the execution role.
    func creationStatements(_ environment: Environment) -> [YAMLNode] {
        var statements: [YAMLNode] = []
        if pipeline.infrastructure.capabilities.contains(.autoExpand) {
            statements.append(statement("ExpandTransforms", actions: ["cloudformation:CreateChangeSet"],
                                        resources: [sub("arn:${AWS::Partition}:cloudformation:\(region(environment)):aws:transform/*")]))
        }
        statements.append(statement("PassOnlyTheExecutionRole", actions: ["iam:PassRole"],
                                    resources: [getAtt("ExecutionRole" + envID(environment), "Arn")],
                                    condition: map([("StringEquals", map([("iam:PassedToService", .string("cloudformation.amazonaws.com"))]))])))
        return statements
    }

    /// The role CloudFormation itself uses. Whatever the templates may create, it may never touch the pipeline's
    /// own roles, the OIDC provider or the bootstrap stack: an unreviewed template must not rewrite the trust
    /// that guards another environment.
    func executionRole(_ environment: Environment) -> YAMLNode {
        map([
            ("Type", .string("AWS::IAM::Role")),
            ("Condition", .string(envCondition(environment))),
            ("Properties", map([
                ("RoleName", .string(BootstrapNaming.executionRoleName(pipeline, environment))),
                ("Description", .string("Pipewright: the role CloudFormation uses to change the \(pipeline.project) \(environment.name) stacks")),
                ("AssumeRolePolicyDocument", policyDocument([map([
                    ("Effect", .string("Allow")),
                    ("Principal", map([("Service", .string("cloudformation.amazonaws.com"))])),
                    ("Action", .string("sts:AssumeRole")),
                    ("Condition", map([("StringEquals", map([("aws:SourceAccount", ref("AWS::AccountId"))]))])),
                ])])),
                ("ManagedPolicyArns", ref("ExecutionPolicyArns")),
                ("Policies", .sequence([map([("PolicyName", .string("protect-the-pipeline")), ("PolicyDocument", policyDocument(protectionStatements))])])),
            ])),
        ])
    }

    /// Every role name the bootstrap creates, in any account.
    var pipelineRoleNames: [String] {
        var names: [String] = []
        if pipeline.ciRole != nil { names.append(BootstrapNaming.ciRoleName(pipeline)) }
        for environment in pipeline.environments {
            for purpose in purposes(environment) {
                names.append(BootstrapNaming.roleName(pipeline, environment, purpose: purpose))
                if chains(purpose, environment) { names.append(BootstrapNaming.targetRoleName(pipeline, environment, purpose: purpose)) }
            }
            names.append(BootstrapNaming.executionRoleName(pipeline, environment))
        }
        return names
    }

    var protectionStatements: [YAMLNode] {
        let roles = pipelineRoleNames.map { sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:role/" + $0) }
        return [
            deny("NeverChangeThePipelineRoles", actions: ["iam:*"],
                 resources: roles + [sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:oidc-provider/" + BootstrapNaming.githubIssuer)]),
            deny("NeverChangeTheBootstrapStack", actions: ["cloudformation:*"],
                 resources: [sub("arn:${AWS::Partition}:cloudformation:*:${AWS::AccountId}:stack/\(BootstrapNaming.bootstrapStackName(pipeline))/*")]),
        ]
    }

    func driftStatements(_ environment: Environment) -> [YAMLNode] {
        [
            statement("DetectDriftOfProjectStacks", actions: [
                "cloudformation:DetectStackDrift", "cloudformation:DescribeStackResourceDrifts",
                "cloudformation:DescribeStacks", "cloudformation:DescribeStackResources",
            ], resources: stackARNs(environment)),
            // DescribeStackDriftDetectionStatus has no resource type: IAM only accepts `*` for it.
            statement("ReadDriftDetectionStatus", actions: ["cloudformation:DescribeStackDriftDetectionStatus"], resources: [.string("*")]),
            // Drift detection reads every resource's configuration with the caller's permissions, hence
            // ReadOnlyAccess; what it grants beyond configuration (stored data, secrets, code) is denied. The
            // drift of an SSM parameter's value or a Lambda function's code is therefore not read.
            deny("NeverReadData", actions: [
                "dynamodb:BatchGetItem", "dynamodb:GetItem", "dynamodb:GetRecords", "dynamodb:Query", "dynamodb:Scan",
                "kms:Decrypt", "lambda:GetFunction", "s3:GetObject", "s3:GetObjectVersion",
                "secretsmanager:GetSecretValue", "ssm:GetParameter", "ssm:GetParameterHistory", "ssm:GetParameters",
                "ssm:GetParametersByPath",
            ], resources: [.string("*")]),
        ]
    }

    func ciRoleResource(_ reference: RoleReference) -> YAMLNode {
        // ValidateTemplate has no resource type: IAM only accepts `*` for it.
        var statements = [statement("ValidateTemplates", actions: ["cloudformation:ValidateTemplate"], resources: [.string("*")])]
        if encrypts {
            statements.append(statement("EncryptAndDecryptTheArtifact", actions: ["kms:GenerateDataKey", "kms:Decrypt"],
                                        resources: [keyResource], condition: encryptionContextCondition(branches: pipeline.deployBranches)))
        }
        statements += packagingStatements
        return role(
            name: BootstrapNaming.ciRoleName(pipeline), condition: Self.pipelineCondition,
            description: "Pipewright: build and validate jobs of \(pipeline.project), on pushes to the deploy branches",
            trust: githubTrust(subjects: ciSubjects), policyName: "build-and-validate", statements: statements, managed: []
        )
    }

    /// What packaging needs beyond the artifact: SAM uploads code to its bucket, under this pipeline's prefix;
    /// a container service pushes to and reads scans of its one repository.
    var packagingStatements: [YAMLNode] {
        switch pipeline.infrastructure {
        case .sam(let app):
            return [
                // s3:ResourceAccount: a bucket of the same name in another account is never written to.
                statement("UploadSAMPackages", actions: ["s3:PutObject", "s3:GetObject"],
                          resources: [sub("arn:${AWS::Partition}:s3:::\(app.packageBucket)/\(pipeline.fileSlug)/*")], condition: inThisAccount),
                statement("LocateTheSAMBucket", actions: ["s3:GetBucketLocation"], resources: [sub("arn:${AWS::Partition}:s3:::\(app.packageBucket)")],
                          condition: inThisAccount),
            ]
        case .containerService:
            return [
                // GetAuthorizationToken has no resource type: IAM only accepts `*` for it.
                statement("LogInToECR", actions: ["ecr:GetAuthorizationToken"], resources: [.string("*")]),
                statement("PushAndScanTheImage", actions: [
                    "ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:CompleteLayerUpload", "ecr:DescribeImageScanFindings",
                    "ecr:DescribeImages", "ecr:InitiateLayerUpload", "ecr:PutImage", "ecr:UploadLayerPart",
                ], resources: [getAtt("ImageRepository", "Arn")]),
            ]
        case .cloudFormation, .cdk:
            return []
        }
    }

    var inThisAccount: YAMLNode { map([("StringEquals", map([("s3:ResourceAccount", ref("AWS::AccountId"))]))]) }

    /// The image repository: tags can never be overwritten, and every push is scanned; the environments'
    /// accounts may pull.
    func imageRepository(_ service: ContainerService) -> YAMLNode {
        var accounts: [String] = []
        for environment in pipeline.environments where !accounts.contains(environment.account) { accounts.append(environment.account) }
        return map([
            ("Type", .string("AWS::ECR::Repository")),
            ("Condition", .string(Self.pipelineCondition)),
            ("DeletionPolicy", .string("Retain")),
            ("UpdateReplacePolicy", .string("Retain")),
            ("Properties", map([
                ("RepositoryName", .string(service.repository)),
                ("ImageTagMutability", .string("IMMUTABLE")),
                ("ImageScanningConfiguration", map([("ScanOnPush", .bool(true))])),
                ("RepositoryPolicyText", policyDocument([map([
                    ("Sid", .string("EnvironmentsPull")),
                    ("Effect", .string("Allow")),
                    ("Principal", map([("AWS", .sequence(accounts.map { sub("arn:${AWS::Partition}:iam::\($0):root") }))])),
                    ("Action", .sequence([.string("ecr:BatchGetImage"), .string("ecr:GetDownloadUrlForLayer")])),
                ])])),
            ])),
        ])
    }

    // MARK: - Key

    /// The keys the pipeline's roles may use: the pipeline account's, in the pipeline's region. The key's own
    /// policy decides which roles may use it; naming keys by pattern keeps the roles and the key independent of
    /// each other, within this stack and across accounts.
    var keyResource: YAMLNode {
        if let encryption = pipeline.artifactEncryption, !createsKey { return .string(encryption.kmsKey) }
        return sub("arn:${AWS::Partition}:kms:\(pipeline.region):\(pipelineAccount):key/*")
    }

    /// Decrypting the artifact, for the role that creates an environment's change set.
    func decryptStatement() -> YAMLNode {
        statement("DecryptTheArtifact", actions: ["kms:Decrypt"], resources: [keyResource], condition: encryptionContextCondition(branches: nil))
    }

    /// The encryption context binds the artifact to this repository, and, where given, to the branches whose
    /// runs may use it; the run id in the context ties each data key to one run.
    func encryptionContextCondition(branches: [String]?) -> YAMLNode {
        var operators = [YAMLEntry("StringEquals", map([("kms:EncryptionContext:repository", ref(Self.repositoryParameter))]))]
        if let branches {
            // A branch pattern (`release/*`) matches as StringLike does.
            let refs = YAMLEntry("kms:EncryptionContext:ref", .sequence(branches.map { .string("refs/heads/" + $0) }))
            if branches.contains(where: { $0.contains("*") }) {
                operators.append(YAMLEntry("StringLike", .mapping([refs])))
            } else if case .mapping(var pairs) = operators[0].value {
                pairs.append(refs)
                operators[0] = YAMLEntry("StringEquals", .mapping(pairs))
            }
        }
        return .mapping(operators)
    }

    /// The role that reads an environment's artifact, and its account as the key's stack names it: the deploy
    /// role (direct) or the plan role (reviewed), in the pipeline account when it chains.
    func decryptingRole(_ environment: Environment) -> (account: String, arn: String)? {
        guard let purpose = purposes(environment).first(where: { decrypts($0, environment) }) else { return nil }
        // The key lives in the pipeline account: its stack knows that account as AWS::AccountId.
        let account = chains(purpose, environment) ? "${AWS::AccountId}" : environment.account
        return (account, "arn:${AWS::Partition}:iam::\(account):role/" + BootstrapNaming.roleName(pipeline, environment, purpose: purpose))
    }

    func artifactKey() -> YAMLNode {
        var statements = [
            // Administration stays with the account, without any use of the key, so the key never becomes
            // unmanageable; only the pipeline's roles encrypt and decrypt.
            map([
                ("Sid", .string("AdministerTheKey")),
                ("Effect", .string("Allow")),
                ("Principal", map([("AWS", sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:root"))])),
                ("Action", .sequence([
                    "kms:CancelKeyDeletion", "kms:CreateAlias", "kms:DeleteAlias", "kms:DescribeKey", "kms:DisableKey",
                    "kms:EnableKey", "kms:EnableKeyRotation", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "kms:ListAliases",
                    "kms:ListResourceTags", "kms:PutKeyPolicy", "kms:ScheduleKeyDeletion", "kms:TagResource", "kms:UntagResource",
                    "kms:UpdateAlias", "kms:UpdateKeyDescription",
                ].map(YAMLNode.string))),
                ("Resource", .string("*")),
            ]),
            keyUse("BuildEncryptsAndValidates", account: "${AWS::AccountId}",
                   roles: ["arn:${AWS::Partition}:iam::${AWS::AccountId}:role/" + BootstrapNaming.ciRoleName(pipeline)],
                   actions: ["kms:GenerateDataKey", "kms:Decrypt"], branches: pipeline.deployBranches),
        ]
        // Each environment's reader, through its account's root narrowed to the role's ARN: a key policy that
        // named another account's role directly would fail while that account's stack is not yet deployed.
        for environment in pipeline.environments {
            guard let reader = decryptingRole(environment) else { continue }
            statements.append(keyUse(envID(environment) + "Decrypts", account: reader.account, roles: [reader.arn],
                                     actions: ["kms:Decrypt"], branches: [environment.branch]))
        }
        return map([
            ("Type", .string("AWS::KMS::Key")),
            ("Condition", .string(Self.pipelineCondition)),
            ("DeletionPolicy", .string("Retain")),
            ("UpdateReplacePolicy", .string("Retain")),
            ("Properties", map([
                ("Description", .string("Pipewright: encrypts the \(pipeline.project) pipeline's artifacts between jobs")),
                ("EnableKeyRotation", .bool(true)),
                ("KeyPolicy", policyDocument(statements)),
            ])),
        ])
    }

    /// A key-policy grant to named roles of one account, for artifacts of this repository built on the given
    /// branches.
    func keyUse(_ sid: String, account: String, roles: [String], actions: [String], branches: [String]) -> YAMLNode {
        var condition = encryptionContextCondition(branches: branches)
        if case .mapping(var operators) = condition {
            operators.append(YAMLEntry("ArnEquals", map([("aws:PrincipalArn", roles.count == 1 ? sub(roles[0]) : .sequence(roles.map(sub)))])))
            condition = .mapping(operators)
        }
        return map([
            ("Sid", .string(sid)),
            ("Effect", .string("Allow")),
            ("Principal", map([("AWS", sub("arn:${AWS::Partition}:iam::\(account):root"))])),
            ("Action", actions.count == 1 ? .string(actions[0]) : .sequence(actions.map(YAMLNode.string))),
            ("Resource", .string("*")),
            ("Condition", condition),
        ])
    }

    // MARK: - Outputs

    func outputs() -> YAMLNode {
        var entries: [YAMLEntry] = []
        var seen: Set<String> = []
        func add(_ key: String, condition: String, value: YAMLNode, description: String) {
            guard seen.insert(key).inserted else { return }
            entries.append(YAMLEntry(key, map([("Description", .string(description)), ("Condition", .string(condition)), ("Value", value)])))
        }
        for setting in githubSettings() {
            add(setting.outputKey, condition: setting.condition, value: getAtt(setting.resource, "Arn"),
                description: "Set GitHub \(setting.kind.rawValue) \(setting.name) to this value (\(setting.purpose))")
        }
        for environment in pipeline.environments {
            add("ExecutionRoleArn" + envID(environment), condition: envCondition(environment),
                value: getAtt("ExecutionRole" + envID(environment), "Arn"),
                description: "The CloudFormation execution role of \(environment.name); the deploy scripts pass it by name")
        }
        if createsKey, let encryption = pipeline.artifactEncryption {
            add("ArtifactKeyArn", condition: Self.pipelineCondition, value: getAtt("ArtifactKey", "Arn"),
                description: "The artifact key; the workflows name it \(encryption.kmsKey)")
        }
        return .mapping(entries)
    }

    func githubSettings() -> [BootstrapGitHubSetting] {
        var settings: [BootstrapGitHubSetting] = []
        func add(_ reference: RoleReference, environment: Environment?, githubEnvironment: String?, purpose: String,
                 resource: String, condition: String) {
            let name: String, kind: BootstrapGitHubSetting.Kind
            switch reference {
            case .variable(let variable): (name, kind) = (variable, .variable)
            case .secret(let secret): (name, kind) = (secret, .secret)
            case .arn: return
            }
            guard !settings.contains(where: { $0.name == name }) else { return }
            settings.append(BootstrapGitHubSetting(
                name: name, kind: kind, outputKey: BootstrapNaming.outputKey(forGitHubName: name),
                githubEnvironments: kind == .secret ? githubEnvironment.map { [$0] } ?? [] : [],
                environment: environment?.name, purpose: purpose, resource: resource, condition: condition
            ))
        }
        if let ciRole = pipeline.ciRole {
            add(ciRole, environment: nil, githubEnvironment: nil, purpose: "CI role of build and validate",
                resource: "CIRole", condition: Self.pipelineCondition)
        }
        for environment in pipeline.environments {
            for purpose in purposes(environment) {
                let github = githubEnvironment(purpose, environment)
                let chained = chains(purpose, environment)
                add(environment.role(for: purpose), environment: environment, githubEnvironment: github,
                    purpose: "\(purpose.rawValue) role of \(environment.name)\(chained ? ", in the pipeline account" : "")",
                    resource: roleID(purpose, environment), condition: chained ? Self.pipelineCondition : envCondition(environment))
                if chained, let target = environment.chainedRole(for: purpose) {
                    add(target, environment: environment, githubEnvironment: github,
                        purpose: "\(purpose.rawValue) target role of \(environment.name), chained into from the pipeline account",
                        resource: targetID(purpose, environment), condition: envCondition(environment))
                }
            }
        }
        return settings
    }

    // MARK: - Policy helpers

    func policyDocument(_ statements: [YAMLNode]) -> YAMLNode {
        map([("Version", .string("2012-10-17")), ("Statement", .sequence(statements))])
    }

    func statement(_ sid: String, actions: [String], resources: [YAMLNode], condition: YAMLNode? = nil) -> YAMLNode {
        var pairs: [(String, YAMLNode)] = [
            ("Sid", .string(sid)),
            ("Effect", .string("Allow")),
            ("Action", actions.count == 1 ? .string(actions[0]) : .sequence(actions.map(YAMLNode.string))),
            ("Resource", resources.count == 1 ? resources[0] : .sequence(resources)),
        ]
        if let condition { pairs.append(("Condition", condition)) }
        return map(pairs)
    }

    func deny(_ sid: String, actions: [String], resources: [YAMLNode]) -> YAMLNode {
        map([
            ("Sid", .string(sid)),
            ("Effect", .string("Deny")),
            ("Action", actions.count == 1 ? .string(actions[0]) : .sequence(actions.map(YAMLNode.string))),
            ("Resource", resources.count == 1 ? resources[0] : .sequence(resources)),
        ])
    }

    func role(name: String, condition: String, description: String, trust: YAMLNode, policyName: String,
              statements: [YAMLNode], managed: [YAMLNode]) -> YAMLNode {
        var properties: [(String, YAMLNode)] = [
            ("RoleName", .string(name)),
            ("Description", .string(description)),
            ("MaxSessionDuration", .int(3600)),
            ("AssumeRolePolicyDocument", trust),
            ("Policies", .sequence([map([("PolicyName", .string(policyName)), ("PolicyDocument", policyDocument(statements))])])),
        ]
        if !managed.isEmpty { properties.append(("ManagedPolicyArns", .sequence(managed))) }
        return map([("Type", .string("AWS::IAM::Role")), ("Condition", .string(condition)), ("Properties", map(properties))])
    }
}
