import Testing
@testable import Pipewright
import PipewrightBlueprints

extension YAMLNode {
    /// The value under a key of a mapping, `nil` otherwise.
    subscript(_ key: String) -> YAMLNode? {
        guard case .mapping(let entries) = self else { return nil }
        return entries.first { $0.key == key }?.value
    }
    var keys: [String] { if case .mapping(let entries) = self { entries.map(\.key) } else { [] } }
    var elements: [YAMLNode] { if case .sequence(let items) = self { items } else { [] } }
    var stringValue: String? { if case .string(let text) = self { text } else { nil } }
    /// `Fn::Sub` text or a plain string.
    var text: String? { stringValue ?? self["Fn::Sub"]?.stringValue }
}

private let pipeline = Blueprint.cloudFormation.pipeline()
private let template = BootstrapTemplate.template(for: pipeline)

private func trustedSubjects(_ resource: String) -> [String] {
    let statement = template["Resources"]?[resource]?["Properties"]?["AssumeRolePolicyDocument"]?["Statement"]?.elements.first
    let equals = statement?["Condition"]?["StringEquals"]
    #expect(equals?["token.actions.githubusercontent.com:aud"]?.stringValue == "sts.amazonaws.com", "\(resource)")
    #expect(statement?["Action"]?.stringValue == "sts:AssumeRoleWithWebIdentity")
    return equals?["token.actions.githubusercontent.com:sub"]?.elements.compactMap(\.text) ?? []
}

@Test func eachRoleTrustsOnlyItsOwnGitHubEnvironmentOrTheDeployBranches() {
    #expect(trustedSubjects("DeployRoleDev") == ["repo:${GitHubRepository}:environment:dev"])
    #expect(trustedSubjects("DeployRoleStaging") == ["repo:${GitHubRepository}:environment:staging"])
    // The plan environment has no reviewers: it reaches only the plan role, which cannot execute.
    #expect(trustedSubjects("DeployRoleProd") == ["repo:${GitHubRepository}:environment:prod"])
    #expect(trustedSubjects("PlanRoleProd") == ["repo:${GitHubRepository}:environment:prod-plan"])
    #expect(trustedSubjects("DestroyRoleDev") == ["repo:${GitHubRepository}:environment:dev-destroy"])
    #expect(template["Resources"]?["DestroyRoleProd"] == nil, "production is never destroyed here")
    for environment in ["Dev", "Staging", "Prod"] {
        #expect(trustedSubjects("DriftRole" + environment) == ["repo:${GitHubRepository}:environment:drift-detection"])
    }
    // Pull requests reach no role at all.
    #expect(trustedSubjects("CIRole") == ["repo:${GitHubRepository}:ref:refs/heads/develop", "repo:${GitHubRepository}:ref:refs/heads/main"])
}

@Test func repositoryIsAParameterAndRolesExistOnlyInTheirAccount() {
    #expect(template["Parameters"]?["GitHubRepository"]?["AllowedPattern"]?.stringValue == "^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")
    #expect(template["Resources"]?["GitHubOIDCProvider"]?["Condition"]?.stringValue == "ShouldCreateOIDCProvider")
    #expect(template["Resources"]?["DeployRoleProd"]?["Condition"]?.stringValue == "ProdRolesInThisAccount")
    let accountCheck = template["Conditions"]?["ProdRolesInThisAccount"]?["Fn::Or"]?.elements.last?["Fn::And"]?.elements.last?["Fn::Equals"]
    #expect(accountCheck?.elements.last?.stringValue == "333333333333")
    #expect(template["Resources"]?["DeployRoleProd"]?["Properties"]?["RoleName"]?.stringValue == "myapp-prod-deploy")
}

/// Every statement of every policy in the template, as (resource, policy, Sid, Resource value).
private func statements() -> [(resource: String, sid: String, resources: [YAMLNode])] {
    var found: [(String, String, [YAMLNode])] = []
    func collect(_ resource: String, _ document: YAMLNode?) {
        for statement in document?["Statement"]?.elements ?? [] {
            // A statement under Fn::If is the `then` branch.
            let body = statement["Fn::If"]?.elements[1] ?? statement
            let value = body["Resource"]
            found.append((resource, body["Sid"]?.stringValue ?? "?", value.map { $0.elements.isEmpty ? [$0] : $0.elements } ?? []))
        }
    }
    for name in template["Resources"]?.keys ?? [] {
        let properties = template["Resources"]?[name]?["Properties"]
        for policy in properties?["Policies"]?.elements ?? [] { collect(name, policy["PolicyDocument"]) }
        collect(name, properties?["KeyPolicy"])
    }
    return found
}

@Test func wildcardResourcesOnlyWhereIAMAcceptsNothingElse() {
    let wildcards = statements().filter { $0.resources.contains(.string("*")) }.map { "\($0.resource)/\($0.sid)" }
    #expect(wildcards.sorted() == [
        // A key policy's `*` means the key itself.
        "ArtifactKey/AdministerTheKey", "ArtifactKey/BuildEncryptsAndValidates", "ArtifactKey/DevDecrypts", "ArtifactKey/ProdDecrypts",
        "ArtifactKey/StagingDecrypts",
        // ValidateTemplate and DescribeStackDriftDetectionStatus have no resource type; NeverReadData denies
        // what ReadOnlyAccess grants on data, on any resource.
        "CIRole/ValidateTemplates",
        "DriftRoleDev/NeverReadData", "DriftRoleDev/ReadDriftDetectionStatus", "DriftRoleProd/NeverReadData",
        "DriftRoleProd/ReadDriftDetectionStatus", "DriftRoleStaging/NeverReadData", "DriftRoleStaging/ReadDriftDetectionStatus",
    ])
    let stackResources = statements().filter { $0.sid == "ManageProjectStacks" }.flatMap(\.resources).compactMap(\.text)
    #expect(stackResources.contains("arn:${AWS::Partition}:cloudformation:us-east-1:${AWS::AccountId}:stack/myapp-staging-*/*"))
    // Only the roles that create change sets pass the execution role: the direct deploys' and prod's plan role.
    let passRole = statements().filter { $0.sid == "PassOnlyTheExecutionRole" }
    #expect(passRole.map(\.resource) == ["DeployRoleDev", "DeployRoleStaging", "PlanRoleProd"])
    #expect(passRole.allSatisfy {
        $0.resources.first?["Fn::GetAtt"]?.elements.first?.stringValue == "ExecutionRole" + $0.resource.drop { $0 != "R" }.dropFirst("Role".count)
    })
}

@Test func artifactKeyRotatesAndBindsTheRepository() {
    let key = template["Resources"]?["ArtifactKey"]?["Properties"]
    #expect(key?["EnableKeyRotation"] == .bool(true))
    #expect(template["Resources"]?["ArtifactKeyAlias"]?["Properties"]?["AliasName"]?.stringValue == "alias/myapp-pipeline-artifacts")
    let admin = key?["KeyPolicy"]?["Statement"]?.elements.first?["Action"]?.elements.compactMap(\.stringValue) ?? []
    #expect(!admin.contains { ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"].contains($0) || $0.hasSuffix("*") })
    let build = key?["KeyPolicy"]?["Statement"]?.elements[1]
    #expect(build?["Condition"]?["StringEquals"]?["kms:EncryptionContext:repository"]?["Ref"]?.stringValue == "GitHubRepository")
    #expect(build?["Condition"]?["StringEquals"]?["kms:EncryptionContext:ref"]?.elements.compactMap(\.stringValue) == ["refs/heads/develop", "refs/heads/main"])
    // Another account's reader is named through that account's root, narrowed to the one role.
    let prod = key?["KeyPolicy"]?["Statement"]?.elements.first { $0["Sid"]?.stringValue == "ProdDecrypts" }
    #expect(prod?["Principal"]?["AWS"]?.text == "arn:${AWS::Partition}:iam::333333333333:root")
    #expect(prod?["Condition"]?["ArnEquals"]?["aws:PrincipalArn"]?.text == "arn:${AWS::Partition}:iam::333333333333:role/myapp-prod-plan")
    #expect(prod?["Condition"]?["StringEquals"]?["kms:EncryptionContext:ref"]?.elements.compactMap(\.stringValue) == ["refs/heads/main"])
}

/// The variables and secrets the workflows' configure-aws-credentials steps read a role from.
private func roleReferences(_ workflows: [GeneratedWorkflow]) -> Set<String> {
    var names: Set<String> = []
    for job in workflows.flatMap(\.workflow.jobs) {
        for step in job.steps where step.usedAction?.repository == "aws-actions/configure-aws-credentials" {
            for expression in step.actionInputs["role-to-assume"]?.text?.expressions ?? [] {
                for reference in expression.contextReferences where reference.root == .vars || reference.root == .secrets {
                    names.insert(reference.path.joined(separator: "."))
                }
            }
        }
    }
    return names
}

@Test(arguments: BlueprintCatalog.all.map(\.name))
func outputsAreExactlyTheRolesTheWorkflowsReference(_ name: String) throws {
    let pipeline = try #require(BlueprintCatalog.named(name)).pipeline()
    let settings = BootstrapTemplate.githubSettings(for: pipeline)
    #expect(Set(settings.map(\.name)) == roleReferences(Generator().lower(pipeline)))
    let outputs = BootstrapTemplate.template(for: pipeline)["Outputs"]
    for setting in settings {
        let output = outputs?[setting.outputKey]
        #expect(output != nil, "no output \(setting.outputKey) for \(setting.name)")
        #expect(output?["Description"]?.stringValue?.contains("Set GitHub \(setting.kind.rawValue) \(setting.name) ") == true)
    }
}

@Test func nextStepsNameEveryEnvironmentAndSetting() {
    let text = BootstrapTemplate.nextSteps(for: pipeline)
    for name in ["dev", "staging", "prod", "prod-plan", "drift-detection", "AWS_CI_ROLE_ARN", "AWS_ROLE_ARN_PROD", "AWSDRIFTROLEARNDEV", "SLACK_WEBHOOK_URL"] {
        #expect(text.contains(name), "\(name) missing")
    }
}

@Test func nextStepsDeployInTheRightRegionAndSayWhatTheExecutionRolesLack() {
    var multiRegion = pipeline
    multiRegion.region = "eu-west-1"
    multiRegion.environments[2].region = "eu-central-1"
    let text = BootstrapTemplate.nextSteps(for: multiRegion)
    let deploys = text.split(separator: "\n").filter { $0.contains("aws cloudformation deploy") }
    // The pipeline account first, then each environment's.
    #expect(deploys.count == 4)
    #expect(deploys.map { $0.contains("--region eu-west-1 ") } == [true, true, true, false])
    #expect(deploys[3].contains("--region eu-central-1 "))
    // The default blueprint's template needs CAPABILITY_NAMED_IAM, which PowerUserAccess cannot serve.
    #expect(text.contains("Your stacks create IAM resources (CAPABILITY_NAMED_IAM), which the execution roles'"))
    #expect(text.contains("add ExecutionPolicyArns=arn:aws:iam::aws:policy/PowerUserAccess,"))
    // Advice names the pipewright.json field first, the DSL second.
    var unnamed = pipeline
    unnamed.pipelineAccount = nil
    #expect(BootstrapTemplate.nextSteps(for: unnamed).contains("Set \"pipelineAccount\" in pipewright.json (PipelineAccount(...) in Swift)"))

    var noIAM = pipeline
    noIAM.infrastructure = .cloudFormation(CloudFormationTemplate(path: "t.yaml", capabilities: []))
    #expect(!BootstrapTemplate.nextSteps(for: noIAM).contains("ExecutionPolicyArns"))
}

@Test func nextStepsCustomizeTheOIDCSubjectOnlyWhenTheTrustExpectsIt() {
    #expect(!BootstrapTemplate.nextSteps(for: pipeline).contains("oidc/customization"))
    var customized = pipeline
    customized.oidcSubject = .jobWorkflowRef
    let lines = BootstrapTemplate.nextSteps(for: customized, repository: "acme/app").split(separator: "\n").map(String.init)
    let heading = lines.firstIndex { $0.hasSuffix("Customize the repository's OIDC subject to name each job's workflow file and ref; until it is set, no job reaches any role:") }
    #expect(heading != nil)
    #expect(lines.contains(#"       gh api -X PUT repos/acme/app/actions/oidc/customization/sub --input - <<< '{"use_default":false,"include_claim_keys":["repo","context","job_workflow_ref"]}'"#))
    #expect(lines.contains("   and the drift roles jobs of .github/workflows/infrastructure-drift.yml run from a deploy branch: scheduled drift runs on the default branch, which must be one of them."))
    // Before the outputs are stored: the first run needs both.
    let outputs = lines.firstIndex { $0.contains("Store each output of the bootstrap stack") }
    #expect(heading.flatMap { heading in outputs.map { heading < $0 } } == true)
}

@Test func theCustomizedSubjectNamesTheWorkflowFileAtTheRoleBranch() throws {
    var customized = pipeline
    customized.oidcSubject = .jobWorkflowRef
    let resources = BootstrapTemplate.template(for: customized)["Resources"]
    func subjects(_ role: String) -> [String] {
        let statement = resources?[role]?["Properties"]?["AssumeRolePolicyDocument"]?["Statement"]?.elements.first
        return statement?["Condition"]?["StringEquals"]?["token.actions.githubusercontent.com:sub"]?.elements.compactMap(\.text) ?? []
    }
    let file = "${GitHubRepository}/.github/workflows/infrastructure"
    #expect(subjects("PlanRoleProd") == ["repo:${GitHubRepository}:environment:prod-plan:job_workflow_ref:\(file).yml@refs/heads/main"])
    #expect(subjects("CIRole") == ["develop", "main"].map { "repo:${GitHubRepository}:ref:refs/heads/\($0):job_workflow_ref:\(file).yml@refs/heads/\($0)" })
    #expect(subjects("DriftRoleDev") == ["develop", "main"].map { "repo:${GitHubRepository}:environment:drift-detection:job_workflow_ref:\(file)-drift.yml@refs/heads/\($0)" })
}

@Test func chainedDeploysStartInTheSharedAccountAndChainIntoTheTargetAccount() {
    let cdk = BootstrapTemplate.template(for: Blueprint.cdk.pipeline())
    let resources = cdk["Resources"]
    // The first hops trust GitHub, live in the pipeline account, and may do nothing but chain (and, for the
    // plan, decrypt the artifact first, as the key policy beside them allows).
    #expect(resources?["DeployRoleProd"]?["Condition"]?.stringValue == "InThePipelineAccount")
    let hop = resources?["DeployRoleProd"]?["Properties"]?["Policies"]?.elements.first?["PolicyDocument"]?["Statement"]?.elements ?? []
    #expect(hop.compactMap { $0["Sid"]?.stringValue } == ["ChainIntoTheTargetRole"])
    #expect(hop.first?["Resource"]?.text == "arn:${AWS::Partition}:iam::333333333333:role/myapp-prod-target")
    let planHop = resources?["PlanRoleProd"]?["Properties"]?["Policies"]?.elements.first?["PolicyDocument"]?["Statement"]?.elements ?? []
    #expect(planHop.compactMap { $0["Sid"]?.stringValue } == ["ChainIntoTheTargetRole", "DecryptTheArtifact"])
    #expect(planHop.first?["Resource"]?.text == "arn:${AWS::Partition}:iam::333333333333:role/myapp-prod-plan-target")
    let keyStatements = resources?["ArtifactKey"]?["Properties"]?["KeyPolicy"]?["Statement"]?.elements ?? []
    let prodReader = keyStatements.first { $0["Sid"]?.stringValue == "ProdDecrypts" }
    #expect(prodReader?["Condition"]?["ArnEquals"]?["aws:PrincipalArn"]?.text == "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/myapp-prod-plan")
    // Each target role lives in the environment's account and trusts only its own first hop.
    #expect(resources?["TargetRoleProd"]?["Condition"]?.stringValue == "ProdRolesInThisAccount")
    let trust = resources?["TargetRoleProd"]?["Properties"]?["AssumeRolePolicyDocument"]?["Statement"]?.elements.first
    #expect(trust?["Principal"]?["AWS"]?.text == "arn:${AWS::Partition}:iam::${PipelineAccountId}:root")
    #expect(trust?["Condition"]?["ArnEquals"]?["aws:PrincipalArn"]?.text == "arn:${AWS::Partition}:iam::${PipelineAccountId}:role/myapp-prod-deploy")
    let planTrust = resources?["PlanTargetRoleProd"]?["Properties"]?["AssumeRolePolicyDocument"]?["Statement"]?.elements.first
    #expect(planTrust?["Condition"]?["ArnEquals"]?["aws:PrincipalArn"]?.text == "arn:${AWS::Partition}:iam::${PipelineAccountId}:role/myapp-prod-plan")
    #expect(cdk["Parameters"]?["PipelineAccountId"]?["Default"]?.stringValue == "000000000000")
    #expect(cdk["Outputs"]?["AWSTARGETROLEARNPROD"]?["Condition"]?.stringValue == "ProdRolesInThisAccount")
    #expect(cdk["Outputs"]?["AWSROLEARNPROD"]?["Condition"]?.stringValue == "InThePipelineAccount")
}

@Test func containerServicesGetAnImmutableScannedRepositoryAndTheRightsToPushToIt() {
    let service = BootstrapTemplate.template(for: Blueprint.containerService.pipeline())
    let repository = service["Resources"]?["ImageRepository"]?["Properties"]
    #expect(repository?["ImageTagMutability"]?.stringValue == "IMMUTABLE")
    #expect(repository?["ImageScanningConfiguration"]?["ScanOnPush"] == .bool(true))
    let ci = service["Resources"]?["CIRole"]?["Properties"]?["Policies"]?.elements.first?["PolicyDocument"]?["Statement"]?.elements ?? []
    let push = ci.first { $0["Sid"]?.stringValue == "PushAndScanTheImage" }
    #expect(push?["Resource"] == .mapping([YAMLEntry("Fn::GetAtt", .sequence([.string("ImageRepository"), .string("Arn")]))]))
    #expect(ci.first { $0["Sid"]?.stringValue == "LogInToECR" }?["Resource"] == .string("*"))

    let sam = BootstrapTemplate.template(for: Blueprint.sam.pipeline())
    let upload = sam["Resources"]?["CIRole"]?["Properties"]?["Policies"]?.elements.first?["PolicyDocument"]?["Statement"]?.elements
        .first { $0["Sid"]?.stringValue == "UploadSAMPackages" }
    #expect(upload?["Resource"]?.text == "arn:${AWS::Partition}:s3:::myapp-sam-artifacts/serverless-app/*")
}

/// A reviewed environment's change set is created by its plan job, so its secret parameters must be stored where
/// that job reads them; the Slack webhook only where the notifying jobs run, never for every branch's workflow.
@Test func secretsAreStoredInTheEnvironmentsThatReadThem() throws {
    var secrets = pipeline
    secrets.environments[1].parameters.append(.secret("DatabasePassword", "STAGING_DB_PASSWORD"))
    secrets.environments[2].parameters.append(.secret("DatabasePassword", "PROD_DB_PASSWORD"))
    let text = BootstrapTemplate.nextSteps(for: secrets)
    #expect(text.contains("   - PROD_DB_PASSWORD: template parameter DatabasePassword of prod (secret in environment prod-plan)\n"))
    #expect(text.contains("   - STAGING_DB_PASSWORD: template parameter DatabasePassword of staging (secret in environment staging)\n"))
    #expect(text.contains("{{resolve:secretsmanager:NAME}}"))
    #expect(text.contains("   - SLACK_WEBHOOK_URL: a Slack incoming webhook URL (secret in environments dev, dev-destroy, staging, staging-destroy, prod, drift-detection; not a repository secret, which any branch's workflow can read)\n"))
    // The plan job is where the secret is read; the execute job never sees it.
    let yaml = try #require(Generator().render(secrets).first).contents
    let plan = yaml[yaml.range(of: "\n  plan-prod:\n")!.lowerBound..<yaml.range(of: "\n  deploy-prod:\n")!.lowerBound]
    let execute = yaml[yaml.range(of: "\n  deploy-prod:\n")!.lowerBound..<yaml.range(of: "\n  destroy-dev:\n")!.lowerBound]
    #expect(plan.contains("    environment: prod-plan\n"))
    #expect(plan.contains("${{ secrets.PROD_DB_PASSWORD }}"))
    #expect(!execute.contains("PROD_DB_PASSWORD"))
}

/// Every GitHub environment the matrix depends on is created before the first run, with reviewers where the
/// design needs them, self-review prevented, no admin bypass and deployment branch rules.
@Test func nextStepsCreateEveryEnvironmentWithItsRules() {
    let text = BootstrapTemplate.nextSteps(for: pipeline)
    #expect(text.contains("gh api -X PUT repos/OWNER/REPO/environments/prod --input - <<< '{\"prevent_self_review\":true,\"reviewers\":[{\"type\":\"Team\",\"id\":TEAM_ID}],\"can_admins_bypass\":false,"))
    #expect(text.contains("gh api -X POST repos/OWNER/REPO/environments/prod-plan/deployment-branch-policies -f name=main -f type=branch"))
    #expect(text.contains("gh api -X PUT repos/OWNER/REPO/environments/dev-destroy --input - <<< '{\"prevent_self_review\":true,"))
    #expect(text.contains("gh api -X PUT repos/OWNER/REPO/branches/main/protection"))
    #expect(!text.contains("environments/prod-destroy"), "production is never destroyed here")
}

/// CloudFormation refuses a template over 51,200 bytes passed inline: such a bootstrap's deploy commands
/// upload it, and say how; a smaller one's pass it inline.
@Test(arguments: BlueprintCatalog.all.map(\.name))
func nextStepsUploadATemplateTooLargeToPassInline(_ name: String) throws {
    let pipeline = try #require(BlueprintCatalog.named(name)).pipeline()
    let size = BootstrapTemplate.yaml(for: pipeline).utf8.count
    let text = BootstrapTemplate.nextSteps(for: pipeline)
    let deploys = text.split(separator: "\n").filter { $0.contains("aws cloudformation deploy") }
    #expect(!deploys.isEmpty)
    let oversized = size > BootstrapTemplate.inlineTemplateLimit
    #expect(deploys.allSatisfy { $0.contains(" --s3-bucket BUCKET ") } == oversized, "\(name): \(size) bytes")
    #expect(deploys.allSatisfy { !$0.contains("--s3-bucket") } == !oversized)
    #expect(text.contains("The template is \(size) bytes, over CloudFormation's limit of 51200 for a template passed inline") == oversized)
}

@Test func aPipelineOfManyEnvironmentsHasItsBootstrapUploaded() {
    var large = pipeline
    for index in 1...6 {
        var copy = large.environments[0]
        copy.name = "feature\(index)"
        copy.role = .variable("AWS_ROLE_ARN_FEATURE\(index)")
        large.environments.append(copy)
    }
    #expect(BootstrapTemplate.yaml(for: large).utf8.count > BootstrapTemplate.inlineTemplateLimit)
    #expect(BootstrapTemplate.nextSteps(for: large).contains("--template-file pipewright-bootstrap.yaml --s3-bucket BUCKET --stack-name "))
}

/// A verified environment gets a verify role trusted by `<env>-verify` alone that only describes its stacks; an
/// environment whose verification is off, and every pipeline without verify, gets none.
@Test func verifyRolesExistOnlyForVerifiedEnvironmentsAndOnlyDescribeTheirStacks() throws {
    #expect(template["Resources"]?.keys.contains { $0.hasPrefix("VerifyRole") } == false, "no verify commands, no verify role")
    var verified = pipeline
    verified.verify = ["test -n \"$STACK_OUTPUT_APIURL\""]
    verified.environments[0].verify = []
    let resources = try #require(BootstrapTemplate.template(for: verified)["Resources"])
    #expect(resources.keys.filter { $0.hasPrefix("VerifyRole") } == ["VerifyRoleStaging", "VerifyRoleProd"])
    let role = try #require(resources["VerifyRoleProd"]?["Properties"])
    #expect(role["RoleName"]?.stringValue == "myapp-prod-verify")
    #expect(role["ManagedPolicyArns"] == nil)
    let statement = role["AssumeRolePolicyDocument"]?["Statement"]?.elements.first
    #expect(statement?["Condition"]?["StringEquals"]?["token.actions.githubusercontent.com:sub"]?.elements.compactMap(\.text)
            == ["repo:${GitHubRepository}:environment:prod-verify"])
    #expect(statement?["Condition"]?["StringEquals"]?["token.actions.githubusercontent.com:aud"]?.stringValue == "sts.amazonaws.com")
    let statements = role["Policies"]?.elements.first?["PolicyDocument"]?["Statement"]?.elements ?? []
    #expect(statements.count == 1)
    #expect(statements.first?["Action"]?.stringValue == "cloudformation:DescribeStacks")
    #expect(statements.first?["Resource"]?.elements.compactMap(\.text) == [
        "arn:${AWS::Partition}:cloudformation:us-east-1:${AWS::AccountId}:stack/myapp-prod/*",
        "arn:${AWS::Partition}:cloudformation:us-east-1:${AWS::AccountId}:stack/myapp-prod-*/*",
    ])
    // CloudFormation's execution roles may never change it.
    let yaml = BootstrapTemplate.yaml(for: verified)
    #expect(yaml.contains("role/myapp-prod-verify"))
}

@Test func nextStepsSetUpTheVerifyEnvironmentsWithoutReviewers() {
    var verified = pipeline
    verified.verify = ["test -n \"$STACK_OUTPUT_APIURL\""]
    verified.environments[0].verify = []
    let text = BootstrapTemplate.nextSteps(for: verified)
    #expect(text.contains("   - prod-verify: no reviewers (it runs right after the deploy; its role only describes the stacks); deployment branches: main\n"))
    #expect(text.contains(#"gh api -X PUT repos/OWNER/REPO/environments/prod-verify --input - <<< '{"can_admins_bypass":false,"deployment_branch_policy":{"protected_branches":false,"custom_branch_policies":true}}'"#))
    #expect(text.contains("gh api -X POST repos/OWNER/REPO/environments/staging-verify/deployment-branch-policies -f name=main -f type=branch"))
    #expect(!text.contains("dev-verify"), "dev is not verified")
    #expect(text.contains("   - AWS_ROLE_ARN_PROD_VERIFY (repository variable) = output AWSROLEARNPRODVERIFY of myapp-pipewright-bootstrap in 333333333333\n"))
    #expect(text.contains("(secret in environments dev, dev-destroy, staging, staging-destroy, staging-verify, prod, prod-verify, drift-detection;"))
    #expect(!BootstrapTemplate.nextSteps(for: pipeline).contains("-verify"))
}
