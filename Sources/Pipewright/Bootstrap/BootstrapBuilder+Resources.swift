/// The bootstrap stack's resources and outputs.
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
            entries.append(YAMLEntry("DeployRole" + envID(environment), deployRole(environment)))
            if environment.chainedRole != nil {
                entries.append(YAMLEntry("TargetRole" + envID(environment), targetRole(environment)))
            }
            entries.append(YAMLEntry("ExecutionRole" + envID(environment), executionRole(environment)))
            if usesDriftRole(environment) {
                entries.append(YAMLEntry("DriftRole" + envID(environment), driftRole(environment)))
            }
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
                ("Condition", .string(Self.sharedCondition)),
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
            ("Condition", map([("StringEquals", map([
                (issuer + ":aud", .string("sts.amazonaws.com")),
                (issuer + ":sub", .sequence(subjects.map { sub("repo:${\(Self.repositoryParameter)}:" + $0) })),
            ]))])),
        ])])
    }

    /// The GitHub subjects that may assume an environment's deploy role: the jobs bound to its GitHub
    /// environment, the plan job of a reviewed deploy, and drift jobs when they use this role.
    func deploySubjects(_ environment: Environment) -> [String] {
        var subjects = ["environment:" + environment.githubEnvironment]
        if environment.strategy.isReviewed { subjects.append("environment:" + environment.planEnvironment) }
        if deployRoleRunsDrift(environment), let drift = pipeline.drift { subjects.append("environment:" + drift.githubEnvironment) }
        var seen: Set<String> = []
        return subjects.filter { seen.insert($0).inserted }
    }

    /// Build and validate run on pushes to the deploy branches and on pull requests; no environment.
    var ciSubjects: [String] {
        pipeline.deployBranches.map { "ref:refs/heads/" + $0 } + ["pull_request"]
    }

    // MARK: - Roles

    func stackARNs(_ environment: Environment) -> [YAMLNode] {
        let base = "arn:${AWS::Partition}:cloudformation:\(region(environment)):${AWS::AccountId}:stack/\(pipeline.stackNaming.prefix)-\(environment.name)"
        // The suffix varies per manual run; `-*` keeps `dev` from matching a stack of `devtest`.
        return [sub(base + "/*"), sub(base + "-*/*")]
    }

    func changeSetARN(_ environment: Environment) -> YAMLNode {
        sub("arn:${AWS::Partition}:cloudformation:\(region(environment)):${AWS::AccountId}:changeSet/pw-*/*")
    }

    /// The role a deploy job assumes through OIDC. With a chained role it lives in the shared account and may
    /// only chain into the environment's target role (and decrypt the artifact); otherwise it deploys itself.
    func deployRole(_ environment: Environment) -> YAMLNode {
        guard environment.chainedRole != nil else {
            return role(
                name: BootstrapNaming.deployRoleName(pipeline, environment), condition: envCondition(environment),
                description: "Pipewright: deploys \(pipeline.project) \(environment.name) through CloudFormation change sets",
                trust: githubTrust(subjects: deploySubjects(environment)), policyName: "deploy-stacks",
                statements: stackStatements(environment), managed: deployRoleRunsDrift(environment) ? [sub(Self.readOnlyAccess)] : []
            )
        }
        var statements = [statement("ChainIntoTheTargetRole", actions: ["sts:AssumeRole", "sts:TagSession"], resources: [targetRoleARN(environment)])]
        if let key = decryptStatement(sid: "DecryptTheArtifact", actions: ["kms:Decrypt"]) { statements.append(key) }
        return role(
            name: BootstrapNaming.deployRoleName(pipeline, environment), condition: Self.sharedCondition,
            description: "Pipewright: first hop of \(pipeline.project) \(environment.name) deploys; chains into \(BootstrapNaming.targetRoleName(pipeline, environment))",
            trust: githubTrust(subjects: deploySubjects(environment)), policyName: "chain-to-target", statements: statements, managed: []
        )
    }

    /// The role in the environment's account that changes its stacks, assumed only by chaining from the deploy role.
    func targetRole(_ environment: Environment) -> YAMLNode {
        let trust = policyDocument([map([
            ("Effect", .string("Allow")),
            ("Principal", map([("AWS", sub("arn:${AWS::Partition}:iam::${\(Self.sharedAccountParameter)}:role/" + BootstrapNaming.deployRoleName(pipeline, environment)))])),
            ("Action", .sequence([.string("sts:AssumeRole"), .string("sts:TagSession")])),
        ])])
        return role(
            name: BootstrapNaming.targetRoleName(pipeline, environment), condition: envCondition(environment),
            description: "Pipewright: deploys \(pipeline.project) \(environment.name) through CloudFormation change sets, chained from the shared account",
            trust: trust, policyName: "deploy-stacks",
            statements: stackStatements(environment), managed: deployRoleRunsDrift(environment) ? [sub(Self.readOnlyAccess)] : []
        )
    }

    func targetRoleARN(_ environment: Environment) -> YAMLNode {
        sub("arn:${AWS::Partition}:iam::\(environment.account):role/" + BootstrapNaming.targetRoleName(pipeline, environment))
    }

    /// What deploying an environment takes: change sets on the project's stacks and passing the execution role.
    func stackStatements(_ environment: Environment) -> [YAMLNode] {
        var stackActions = [
            "cloudformation:CreateChangeSet", "cloudformation:DeleteChangeSet", "cloudformation:DescribeChangeSet",
            "cloudformation:ExecuteChangeSet", "cloudformation:DescribeStacks", "cloudformation:DescribeStackEvents",
            "cloudformation:ContinueUpdateRollback",
        ]
        if pipeline.destroy != nil, !environment.production || (pipeline.destroy?.allowProduction ?? false) {
            stackActions.append("cloudformation:DeleteStack")
        }
        var statements = [statement("ManageProjectStacks", actions: stackActions, resources: stackARNs(environment) + [changeSetARN(environment)])]
        if pipeline.infrastructure.capabilities.contains(.autoExpand) {
            statements.append(statement("ExpandTransforms", actions: ["cloudformation:CreateChangeSet"],
                                        resources: [sub("arn:${AWS::Partition}:cloudformation:\(region(environment)):aws:transform/*")]))
        }
        statements.append(statement("PassOnlyTheExecutionRole", actions: ["iam:PassRole"],
                                    resources: [getAtt("ExecutionRole" + envID(environment), "Arn")],
                                    condition: map([("StringEquals", map([("iam:PassedToService", .string("cloudformation.amazonaws.com"))]))])))
        if environment.chainedRole == nil, let key = decryptStatement(sid: "DecryptTheArtifact", actions: ["kms:Decrypt"]) {
            statements.append(key)
        }
        if deployRoleRunsDrift(environment) { statements += driftStatements(environment) }
        return statements
    }

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
            ])),
        ])
    }

    func driftStatements(_ environment: Environment) -> [YAMLNode] {
        [
            statement("DetectDriftOfProjectStacks", actions: [
                "cloudformation:DetectStackDrift", "cloudformation:DescribeStackResourceDrifts",
                "cloudformation:DescribeStacks", "cloudformation:DescribeStackResources",
            ], resources: stackARNs(environment)),
            // DescribeStackDriftDetectionStatus has no resource type: IAM only accepts `*` for it.
            statement("ReadDriftDetectionStatus", actions: ["cloudformation:DescribeStackDriftDetectionStatus"], resources: [.string("*")]),
        ]
    }

    func driftRole(_ environment: Environment) -> YAMLNode {
        guard let drift = pipeline.drift else { preconditionFailure("drift role without drift detection") }
        // Drift detection reads every resource of the stack with the caller's permissions, so the role needs
        // read access to every resource type the template may hold: AWS's ReadOnlyAccess, nothing that writes.
        return role(
            name: BootstrapNaming.driftRoleName(pipeline, environment), condition: envCondition(environment),
            description: "Pipewright: read-only drift detection of the \(pipeline.project) \(environment.name) stacks",
            trust: githubTrust(subjects: ["environment:" + drift.githubEnvironment]), policyName: "detect-drift",
            statements: driftStatements(environment), managed: [sub(Self.readOnlyAccess)]
        )
    }

    func ciRoleResource(_ reference: RoleReference) -> YAMLNode {
        // ValidateTemplate has no resource type: IAM only accepts `*` for it.
        var statements = [statement("ValidateTemplates", actions: ["cloudformation:ValidateTemplate"], resources: [.string("*")])]
        if let key = decryptStatement(sid: "EncryptAndDecryptTheArtifact", actions: ["kms:GenerateDataKey", "kms:Decrypt"]) {
            statements.append(key)
        }
        statements += packagingStatements
        return role(
            name: BootstrapNaming.ciRoleName(pipeline), condition: Self.sharedCondition,
            description: "Pipewright: build and validate jobs of \(pipeline.project)",
            trust: githubTrust(subjects: ciSubjects), policyName: "build-and-validate", statements: statements, managed: []
        )
    }

    /// What packaging needs beyond the artifact: SAM uploads code to its bucket, under this pipeline's prefix;
    /// a container service pushes to and reads scans of its one repository.
    var packagingStatements: [YAMLNode] {
        switch pipeline.infrastructure {
        case .sam(let app):
            return [
                statement("UploadSAMPackages", actions: ["s3:PutObject", "s3:GetObject"],
                          resources: [sub("arn:${AWS::Partition}:s3:::\(app.packageBucket)/\(pipeline.fileSlug)/*")]),
                statement("LocateTheSAMBucket", actions: ["s3:GetBucketLocation"], resources: [sub("arn:${AWS::Partition}:s3:::\(app.packageBucket)")]),
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

    /// The image repository: tags can never be overwritten, and every push is scanned; the environments'
    /// accounts may pull.
    func imageRepository(_ service: ContainerService) -> YAMLNode {
        var accounts: [String] = []
        for environment in pipeline.environments where !accounts.contains(environment.account) { accounts.append(environment.account) }
        return map([
            ("Type", .string("AWS::ECR::Repository")),
            ("Condition", .string(Self.sharedCondition)),
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

    /// KMS use of the artifact key, bound to this repository by the encryption context the scripts send.
    ///
    /// Only for a key the pipeline names by ARN: a key created here grants the roles in its key policy, which
    /// is enough within one account, and an identity policy naming the key would make the roles and the key
    /// depend on each other.
    func decryptStatement(sid: String, actions: [String]) -> YAMLNode? {
        guard encrypts, !createsKey, let keyARN else { return nil }
        return statement(sid, actions: actions, resources: [keyARN], condition: encryptionContextCondition)
    }

    var encryptionContextCondition: YAMLNode {
        map([("StringEquals", map([("kms:EncryptionContext:repository", ref(Self.repositoryParameter))]))])
    }

    // MARK: - Key

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
            map([
                ("Sid", .string("BuildEncryptsAndValidateDecrypts")),
                ("Effect", .string("Allow")),
                ("Principal", map([("AWS", getAtt("CIRole", "Arn"))])),
                ("Action", .sequence([.string("kms:GenerateDataKey"), .string("kms:Decrypt")])),
                ("Resource", .string("*")),
                ("Condition", encryptionContextCondition),
            ]),
        ]
        // A chained environment's deploy role lives here, beside the key, whatever account it deploys to.
        let deployRoles = pipeline.environments.map {
            $0.chainedRole != nil
                ? getAtt("DeployRole" + envID($0), "Arn")
                : ifCondition(envCondition($0), getAtt("DeployRole" + envID($0), "Arn"), noValue)
        }
        let deploysDecrypt = map([
            ("Sid", .string("DeploysDecrypt")),
            ("Effect", .string("Allow")),
            ("Principal", map([("AWS", .sequence(deployRoles))])),
            ("Action", .string("kms:Decrypt")),
            ("Resource", .string("*")),
            ("Condition", encryptionContextCondition),
        ])
        if chains {
            statements.append(deploysDecrypt)
        } else if let any = anyEnvironmentConditionName {
            statements.append(ifCondition(any, deploysDecrypt, noValue))
        }
        return map([
            ("Type", .string("AWS::KMS::Key")),
            ("Condition", .string(Self.sharedCondition)),
            ("DeletionPolicy", .string("Retain")),
            ("UpdateReplacePolicy", .string("Retain")),
            ("Properties", map([
                ("Description", .string("Pipewright: encrypts the \(pipeline.project) pipeline's artifacts between jobs")),
                ("EnableKeyRotation", .bool(true)),
                ("KeyPolicy", policyDocument(statements)),
            ])),
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
            add(setting.outputKey, condition: outputCondition(for: setting),
                value: getAtt(resourceID(for: setting), "Arn"),
                description: "Set GitHub \(setting.kind.rawValue) \(setting.name) to this value (\(setting.purpose))")
        }
        for environment in pipeline.environments {
            add("ExecutionRoleArn" + envID(environment), condition: envCondition(environment),
                value: getAtt("ExecutionRole" + envID(environment), "Arn"),
                description: "The CloudFormation execution role of \(environment.name); the deploy scripts pass it by name")
        }
        if createsKey, let encryption = pipeline.artifactEncryption {
            add("ArtifactKeyArn", condition: Self.sharedCondition, value: getAtt("ArtifactKey", "Arn"),
                description: "The artifact key; the workflows name it \(encryption.kmsKey)")
        }
        return .mapping(entries)
    }

    func resourceID(for setting: BootstrapGitHubSetting) -> String {
        guard let name = setting.environment, let environment = pipeline.environment(named: name) else { return "CIRole" }
        if setting.purpose.hasPrefix("drift") { return "DriftRole" + envID(environment) }
        if setting.purpose.hasPrefix("target") { return "TargetRole" + envID(environment) }
        return "DeployRole" + envID(environment)
    }

    /// The condition under which a setting's role exists in this account.
    func outputCondition(for setting: BootstrapGitHubSetting) -> String {
        guard let name = setting.environment, let environment = pipeline.environment(named: name) else { return Self.sharedCondition }
        if environment.chainedRole != nil, resourceID(for: setting).hasPrefix("DeployRole") { return Self.sharedCondition }
        return envCondition(environment)
    }

    func githubSettings() -> [BootstrapGitHubSetting] {
        var settings: [BootstrapGitHubSetting] = []
        func add(_ reference: RoleReference, environment: Environment?, githubEnvironments: [String], purpose: String) {
            let name: String, kind: BootstrapGitHubSetting.Kind
            switch reference {
            case .variable(let variable): (name, kind) = (variable, .variable)
            case .secret(let secret): (name, kind) = (secret, .secret)
            case .arn: return
            }
            guard !settings.contains(where: { $0.name == name }) else { return }
            settings.append(BootstrapGitHubSetting(name: name, kind: kind, outputKey: BootstrapNaming.outputKey(forGitHubName: name),
                                                   githubEnvironments: kind == .secret ? githubEnvironments : [],
                                                   environment: environment?.name, purpose: purpose))
        }
        if let ciRole = pipeline.ciRole { add(ciRole, environment: nil, githubEnvironments: [], purpose: "CI role of build and validate") }
        for environment in pipeline.environments {
            add(environment.role, environment: environment, githubEnvironments: deploySubjects(environment).map { String($0.dropFirst("environment:".count)) },
                purpose: "deploy role of \(environment.name)")
            if let chained = environment.chainedRole {
                add(chained, environment: environment, githubEnvironments: deploySubjects(environment).map { String($0.dropFirst("environment:".count)) },
                    purpose: "target role of \(environment.name), chained into from its deploy role")
            }
            if usesDriftRole(environment), let driftRole = environment.driftRole, let drift = pipeline.drift {
                add(driftRole, environment: environment, githubEnvironments: [drift.githubEnvironment], purpose: "drift role of \(environment.name)")
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
