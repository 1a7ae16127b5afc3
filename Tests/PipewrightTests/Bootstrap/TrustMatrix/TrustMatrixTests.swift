import Testing
@testable import Pipewright
import PipewrightBlueprints

// The trust matrix (docs: TrustMatrix.md), checked against the bootstrap template as IAM would evaluate it:
// every blueprint and variant is deployed in the model, in the pipeline account and every environment's
// account, and each GitHub subject is asked which roles it reaches and what they may do. The expectations are
// written from the design, not from the builder's code.

private let repository = "acme/app"
private let pipelineAccount = "000000000000"

/// A pipeline deployed in the model.
private struct Matrix {
    let pipeline: Pipeline
    let deployment: IAMDeployment

    init(_ pipeline: Pipeline, executionPolicy: String? = nil) throws {
        self.pipeline = pipeline
        var accounts: [(account: String, region: String)] = [(pipelineAccount, pipeline.region)]
        for environment in pipeline.environments where !accounts.contains(where: { $0.account == environment.account }) {
            accounts.append((environment.account, environment.region ?? pipeline.region))
        }
        var parameters = ["GitHubRepository": repository]
        if let executionPolicy { parameters["ExecutionPolicyArns"] = executionPolicy }
        deployment = try IAMDeployment(template: BootstrapTemplate.yaml(for: pipeline), stacks: accounts.map {
            IAMStack(account: $0.account, region: $0.region, parameters: parameters, stackName: pipeline.project + "-pipewright-bootstrap")
        })
    }

    /// The roles a subject of this repository reaches, as `account/name`.
    func reach(_ subject: String, repository: String = repository, audience: String = "sts.amazonaws.com") -> [String] {
        deployment.rolesReachable(by: GitHubToken(sub: "repo:\(repository):" + subject, aud: audience)).map(Self.short)
    }

    /// Whether some role the subject reaches may call the action on the resource.
    func may(_ subject: String, _ action: String, on resource: String) throws -> Bool {
        try deployment.rolesReachable(by: GitHubToken(sub: "repo:\(repository):" + subject)).contains {
            try deployment.may($0, action, on: resource)
        }
    }

    /// Whether some role the subject reaches may use the artifact key with the context a run on `ref` sends.
    func mayUseKey(_ subject: String, _ action: String, ref: String, repository: String = repository) throws -> Bool {
        guard let key = deployment.keys.first else { return false }
        let context = ["repository": repository, "ref": ref, "run_id": "42"]
        return try deployment.rolesReachable(by: GitHubToken(sub: "repo:acme/app:" + subject)).contains {
            try deployment.kmsAllows($0, action, on: key.arn, encryptionContext: context)
        }
    }

    static func short(_ arn: String) -> String {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        return "\(parts[4])/\(arn.split(separator: "/").last!)"
    }

    /// The ARN of a stack of the environment: `<prefix>-<environment>-main`, followed by `-<part>` when given.
    func stack(_ environment: Environment, _ part: String? = nil) -> String {
        let name = "\(pipeline.stackNaming.prefix)-\(environment.name)-main" + (part.map { "-" + $0 } ?? "")
        return "arn:aws:cloudformation:\(environment.region ?? pipeline.region):\(environment.account):stack/\(name)/0123"
    }

    /// Every stack the pipeline deploys to the environment: its one stack, or each of several, with the suffix
    /// and without it.
    func stacks(_ environment: Environment) -> [String] {
        guard !pipeline.stacks.isEmpty else { return [stack(environment)] }
        let region = environment.region ?? pipeline.region
        return pipeline.stacks.flatMap { stack in
            [self.stack(environment, stack.name),
             "arn:aws:cloudformation:\(region):\(environment.account):stack/\(pipeline.stackNaming.prefix)-\(environment.name)-\(stack.name)/0123"]
        }
    }

    /// Whether the environment's deploys are verified, so it has a verify role.
    func verifies(_ environment: Environment) -> Bool { pipeline.verifies(environment) }

    /// What the design says a subject reaches: the role of its purpose, and the target it chains into.
    func designed(_ purpose: RolePurpose, _ environment: Environment) -> [String] {
        let name = BootstrapNaming.roleName(pipeline, environment, purpose: purpose)
        guard purpose != .drift, purpose != .verify, environment.chainedRole != nil else { return ["\(environment.account)/\(name)"] }
        return ["\(pipelineAccount)/\(name)", "\(environment.account)/" + BootstrapNaming.targetRoleName(pipeline, environment, purpose: purpose)].sorted()
    }

    /// What the GitHub environment of `purpose` of the environment reaches: the designed roles of every environment
    /// of its wave, which share their GitHub environments (one approval for all of them).
    /// A verify role exists only for an environment that verifies.
    func designedForWave(_ purpose: RolePurpose, _ environment: Environment) -> [String] {
        pipeline.wave(of: environment).filter { purpose != .verify || verifies($0) }.flatMap { designed(purpose, $0) }.sorted()
    }
}

/// The blueprints, and variants of the default one.
private let variants: [(String, Pipeline)] = {
    var result = BlueprintCatalog.all.map { ($0.name, $0.pipeline()) }
    var noDriftRole = Blueprint.cloudFormation.pipeline()
    for index in noDriftRole.environments.indices { noDriftRole.environments[index].driftRole = nil }
    result.append(("no drift role", noDriftRole))
    var secrets = Blueprint.cloudFormation.pipeline()
    secrets.environments[2].parameters.append(.secret("DatabasePassword", "DB_PASSWORD"))
    secrets.environments[2].role = .secret("AWS_ROLE_ARN_PROD")
    result.append(("secret parameters and roles", secrets))
    var chained = Blueprint.cloudFormation.pipeline()
    chained.environments[1].chainedRole = .variable("AWS_TARGET_ROLE_ARN_STAGING")
    chained.environments[2].chainedRole = .variable("AWS_TARGET_ROLE_ARN_PROD")
    result.append(("chained roles", chained))
    var secondRegion = Blueprint.cloudFormation.pipeline()
    secondRegion.environments[2].region = "eu-west-1"
    secondRegion.environments.append(Environment(
        "prod-eu", account: "444444444444", region: "eu-central-1", role: .variable("AWS_ROLE_ARN_PROD_EU"), branch: "main",
        after: "prod", strategy: .changeSet(review: true), production: true
    ))
    result.append(("second region and account", secondRegion))
    var twoStacks = Blueprint.cloudFormation.pipeline()
    twoStacks.stacks = [
        Stack("network", template: "infrastructure/network.yaml"),
        Stack("app", template: "infrastructure/app.yaml", dependsOn: ["network"], parameters: [.output("VpcId", stack: "network", output: "VpcId")]),
    ]
    twoStacks.infrastructure = .cloudFormation(CloudFormationTemplate(path: ""))
    twoStacks.environments[1].chainedRole = .variable("AWS_TARGET_ROLE_ARN_STAGING")
    twoStacks.verify = ["test -n \"$STACK_OUTPUT_NETWORK_VPCID\""]
    result.append(("two stacks", twoStacks))
    // prod and prod-eu deploy as one wave: both in GitHub environment "prod", one approval for both.
    var wave = Blueprint.cloudFormation.pipeline()
    wave.environments[2].wave = "prod"
    wave.environments.append(Environment(
        "prod-eu", account: "444444444444", region: "eu-central-1", role: .variable("AWS_ROLE_ARN_PROD_EU"), wave: "prod", branch: "main",
        after: wave.environments[2].after, strategy: .changeSet(review: true), production: true
    ))
    result.append(("production wave", wave))
    var verified = Blueprint.cloudFormation.pipeline()
    verified.verify = ["test -n \"$STACK_OUTPUT_APIURL\""]
    verified.environments[0].verify = []
    verified.environments[2].chainedRole = .variable("AWS_TARGET_ROLE_ARN_PROD")
    result.append(("verified", verified))
    return result
}()

@Test(arguments: variants.map(\.0))
func eachSubjectReachesOnlyItsOwnRoles(_ name: String) throws {
    let matrix = try Matrix(try #require(variants.first { $0.0 == name }).1)
    let pipeline = matrix.pipeline
    // Pull requests, other branches, tags, other repositories and other audiences reach nothing.
    for subject in ["pull_request", "ref:refs/heads/feature", "ref:refs/tags/v1", "environment:unknown"] {
        #expect(matrix.reach(subject) == [], "\(name): \(subject)")
    }
    #expect(matrix.reach("environment:prod", repository: "evil/app") == [])
    #expect(matrix.reach("environment:prod", audience: "https://github.com/acme") == [])
    for branch in pipeline.deployBranches {
        #expect(matrix.reach("ref:refs/heads/" + branch) == ["\(pipelineAccount)/myapp-ci"], "\(name): \(branch)")
    }
    for environment in pipeline.environments {
        // The environments of a wave share their GitHub environments, so each reaches the roles of all of them.
        func designed(_ purpose: RolePurpose) -> [String] { matrix.designedForWave(purpose, environment) }
        #expect(matrix.reach("environment:" + environment.githubEnvironment) == designed(.deploy), "\(name): \(environment.name)")
        #expect(matrix.reach("environment:" + environment.planEnvironment) == (environment.strategy.isReviewed ? designed(.plan) : []),
                "\(name): \(environment.name) plan")
        #expect(matrix.reach("environment:" + environment.destroyEnvironment) == (environment.production ? [] : designed(.destroy)),
                "\(name): \(environment.name) destroy")
        #expect(matrix.reach("environment:" + environment.verifyEnvironment) == designed(.verify),
                "\(name): \(environment.name) verify")
    }
    if name == "production wave" {
        #expect(matrix.reach("environment:prod") == ["333333333333/myapp-prod-deploy", "444444444444/myapp-prod-eu-deploy"])
        #expect(matrix.reach("environment:prod-eu") == [], "a wave's members have no GitHub environment of their own")
    }
    let drift = pipeline.environments.flatMap { matrix.designed(.drift, $0) }.sorted()
    #expect(matrix.reach("environment:drift-detection") == drift, "\(name): drift")
}

/// With `oidcSubject: jobWorkflowRef` the repository's subject names the job's workflow file and ref
/// (`include_claim_keys: ["repo", "context", "job_workflow_ref"]`), and every role admits only the generated file
/// at the branch it serves: GitHub's default subject, another file and another ref all reach nothing.
@Test(arguments: variants.map(\.0))
func theCustomizedSubjectAdmitsOnlyTheGeneratedWorkflowAtItsBranch(_ name: String) throws {
    var pipeline = try #require(variants.first { $0.0 == name }).1
    pipeline.oidcSubject = .jobWorkflowRef
    let matrix = try Matrix(pipeline)
    let deployFile = pipeline.deployWorkflowFile, driftFile = pipeline.driftWorkflowFile
    func ran(_ file: String, at ref: String, in workflowRepository: String = repository) -> String {
        ":job_workflow_ref:\(workflowRepository)/.github/workflows/\(file)@\(ref)"
    }

    // The customization not set: the default subjects, which the uncustomized matrix admits, reach nothing.
    var contexts = ["environment:drift-detection"] + pipeline.deployBranches.map { "ref:refs/heads/" + $0 }
    for environment in pipeline.environments {
        contexts += [environment.githubEnvironment, environment.planEnvironment, environment.destroyEnvironment, environment.verifyEnvironment].map { "environment:" + $0 }
    }
    for context in contexts {
        #expect(matrix.reach(context) == [], "\(name): default subject \(context)")
    }
    #expect(matrix.reach("pull_request" + ran(deployFile, at: "refs/pull/7/merge")) == [], "\(name): pull request")

    for branch in pipeline.deployBranches {
        let context = "ref:refs/heads/" + branch
        #expect(matrix.reach(context + ran(deployFile, at: "refs/heads/" + branch)) == ["\(pipelineAccount)/myapp-ci"], "\(name): build on \(branch)")
        for other in [ran("hand-made.yml", at: "refs/heads/" + branch), ran(deployFile, at: "refs/heads/feature"),
                      ran(driftFile, at: "refs/heads/" + branch), ran(deployFile, at: "refs/heads/" + branch, in: "evil/app")] {
            #expect(matrix.reach(context + other) == [], "\(name): \(context)\(other)")
        }
    }
    for environment in pipeline.environments {
        let exact = ran(deployFile, at: "refs/heads/" + environment.branch)
        let expected: [(String, [String])] = [
            (environment.githubEnvironment, matrix.designedForWave(.deploy, environment)),
            (environment.planEnvironment, environment.strategy.isReviewed ? matrix.designedForWave(.plan, environment) : []),
            (environment.destroyEnvironment, environment.production ? [] : matrix.designedForWave(.destroy, environment)),
            (environment.verifyEnvironment, matrix.designedForWave(.verify, environment)),
        ]
        for (githubEnvironment, roles) in expected {
            let context = "environment:" + githubEnvironment
            #expect(matrix.reach(context + exact) == roles, "\(name): \(context) from \(deployFile) on \(environment.branch)")
            // The same file written on another branch, e.g. pushed to a feature branch and dispatched from it.
            let otherBranch = pipeline.deployBranches.first { $0 != environment.branch } ?? "feature"
            for other in [ran(deployFile, at: "refs/heads/" + otherBranch), ran(deployFile, at: "refs/heads/feature"),
                          ran("hand-made.yml", at: "refs/heads/" + environment.branch), ran(driftFile, at: "refs/heads/" + environment.branch),
                          ran(deployFile, at: "refs/tags/v1")] {
                #expect(matrix.reach(context + other) == [], "\(name): \(context)\(other)")
            }
        }
    }
    let drift = pipeline.environments.flatMap { matrix.designed(.drift, $0) }.sorted()
    for branch in pipeline.deployBranches {
        #expect(matrix.reach("environment:drift-detection" + ran(driftFile, at: "refs/heads/" + branch)) == drift, "\(name): drift on \(branch)")
        #expect(matrix.reach("environment:drift-detection" + ran(deployFile, at: "refs/heads/" + branch)) == [], "\(name): drift from the deploy file")
    }
    #expect(matrix.reach("environment:drift-detection" + ran(driftFile, at: "refs/heads/feature")) == [], "\(name): drift on feature")
}

@Test(arguments: variants.map(\.0))
func onlyTheProtectedEnvironmentExecutesAndOnlyThePlanCreates(_ name: String) throws {
    let matrix = try Matrix(try #require(variants.first { $0.0 == name }).1)
    let environments = matrix.pipeline.environments
    var subjects = ["pull_request", "ref:refs/heads/feature", "environment:drift-detection"] + matrix.pipeline.deployBranches.map { "ref:refs/heads/" + $0 }
    for environment in environments {
        subjects += [environment.githubEnvironment, environment.planEnvironment, environment.destroyEnvironment, environment.verifyEnvironment].map { "environment:" + $0 }
    }
    for environment in environments {
      for stack in matrix.stacks(environment) {
        let own = "environment:" + environment.githubEnvironment
        let reviewed = environment.strategy.isReviewed
        for subject in subjects {
            let executes = try matrix.may(subject, "cloudformation:ExecuteChangeSet", on: stack)
            #expect(executes == (subject == own), "\(name): \(subject) executes in \(environment.name)")
            let creates = try matrix.may(subject, "cloudformation:CreateChangeSet", on: stack)
            let planner = reviewed ? "environment:" + environment.planEnvironment : own
            #expect(creates == (subject == planner), "\(name): \(subject) creates change sets in \(environment.name)")
            let deletes = try matrix.may(subject, "cloudformation:DeleteStack", on: stack)
            let destroyer = environment.production ? nil : "environment:" + environment.destroyEnvironment
            #expect(deletes == (subject == destroyer), "\(name): \(subject) deletes \(environment.name)")
            #expect(try !matrix.may(subject, "cloudformation:UpdateStack", on: stack), "\(name): \(subject) updates \(environment.name)")
        }
      }
    }
}

/// With several stacks, each role reaches exactly the pipeline's stack names: not the one-stack name, nor a
/// stack the pipeline does not list.
@Test func severalStacksScopeEveryRoleToTheirNames() throws {
    let matrix = try Matrix(try #require(variants.first { $0.0 == "two stacks" }).1)
    for environment in matrix.pipeline.environments {
        let planner = "environment:" + (environment.strategy.isReviewed ? environment.planEnvironment : environment.githubEnvironment)
        for stack in matrix.stacks(environment) {
            #expect(try matrix.may(planner, "cloudformation:CreateChangeSet", on: stack), "\(environment.name): \(stack)")
            #expect(try matrix.may("environment:" + environment.githubEnvironment, "cloudformation:ExecuteChangeSet", on: stack), "\(environment.name): \(stack)")
            #expect(try matrix.may("environment:drift-detection", "cloudformation:DetectStackDrift", on: stack), "\(environment.name): \(stack)")
        }
        for other in [matrix.stack(environment), matrix.stack(environment, "database")] {
            #expect(try !matrix.may(planner, "cloudformation:CreateChangeSet", on: other), "\(environment.name): \(other)")
            #expect(try !matrix.may("environment:" + environment.githubEnvironment, "cloudformation:ExecuteChangeSet", on: other), "\(environment.name): \(other)")
        }
    }
}

/// The verify role of an environment is reached from its `-verify` environment alone, and only describes that
/// environment's stacks: it cannot deploy, plan, execute, destroy, detect drift, read data or the artifact.
@Test(arguments: variants.map(\.0))
func theVerifyRoleOnlyDescribesItsEnvironmentsStacks(_ name: String) throws {
    let matrix = try Matrix(try #require(variants.first { $0.0 == name }).1)
    let pipeline = matrix.pipeline
    var subjects = ["pull_request", "ref:refs/heads/feature", "environment:drift-detection"] + pipeline.deployBranches.map { "ref:refs/heads/" + $0 }
    for environment in pipeline.environments {
        subjects += [environment.githubEnvironment, environment.planEnvironment, environment.destroyEnvironment, environment.verifyEnvironment].map { "environment:" + $0 }
    }
    for environment in pipeline.environments {
        let verify = "environment:" + environment.verifyEnvironment
        let role = "\(environment.account)/" + BootstrapNaming.roleName(pipeline, environment, purpose: .verify)
        // No other subject reaches the verify role.
        for subject in subjects where subject != verify {
            #expect(!matrix.reach(subject).contains(role), "\(name): \(subject) reaches \(role)")
        }
        guard matrix.verifies(environment) else {
            #expect(matrix.reach(verify) == [], "\(name): \(environment.name) is not verified")
            continue
        }
        #expect(matrix.reach(verify) == [role], "\(name): \(environment.name)")
        for stack in matrix.stacks(environment) {
            #expect(try matrix.may(verify, "cloudformation:DescribeStacks", on: stack), "\(name): \(environment.name) describes \(stack)")
            for action in [
                "cloudformation:CreateChangeSet", "cloudformation:ExecuteChangeSet", "cloudformation:DeleteChangeSet", "cloudformation:DeleteStack",
                "cloudformation:UpdateStack", "cloudformation:CreateStack", "cloudformation:ContinueUpdateRollback", "cloudformation:DetectStackDrift",
                "cloudformation:SetStackPolicy", "cloudformation:UpdateTerminationProtection",
            ] {
                #expect(try !matrix.may(verify, action, on: stack), "\(name): \(environment.name) verify may \(action)")
            }
        }
        // Another environment's stacks, a stack the pipeline does not deploy, data and the artifact key.
        for other in pipeline.environments where other.account != environment.account {
            for stack in matrix.stacks(other) {
                #expect(try !matrix.may(verify, "cloudformation:DescribeStacks", on: stack), "\(name): \(environment.name) verify describes \(other.name)")
            }
        }
        // A stack of another environment whose name starts alike (`dev`, `devtest`); with stacks, one not listed.
        let region = environment.region ?? pipeline.region
        var others = ["arn:aws:cloudformation:\(region):\(environment.account):stack/\(pipeline.stackNaming.prefix)-\(environment.name)test-main/0123"]
        if !pipeline.stacks.isEmpty { others.append(matrix.stack(environment, "database")) }
        for other in others {
            #expect(try !matrix.may(verify, "cloudformation:DescribeStacks", on: other), "\(name): \(other)")
        }
        #expect(try !matrix.may(verify, "iam:PassRole", on: "arn:aws:iam::\(environment.account):role/" + BootstrapNaming.executionRoleName(pipeline, environment)))
        for (action, resource) in [
            ("s3:GetObject", "arn:aws:s3:::data/report.csv"), ("ssm:GetParameter", "arn:aws:ssm:us-east-1:\(environment.account):parameter/db"),
            ("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:us-east-1:\(environment.account):secret:db"), ("ec2:DescribeVpcs", "*"),
        ] {
            #expect(try !matrix.may(verify, action, on: resource), "\(name): verify may \(action)")
        }
        #expect(try !matrix.mayUseKey(verify, "kms:Decrypt", ref: "refs/heads/" + environment.branch), "\(name): \(environment.name) verify decrypts")
    }
}

@Test(arguments: variants.map(\.0))
func driftReadsConfigurationNotData(_ name: String) throws {
    let matrix = try Matrix(try #require(variants.first { $0.0 == name }).1)
    let drift = "environment:drift-detection"
    for environment in matrix.pipeline.environments {
        for stack in matrix.stacks(environment) {
            #expect(try matrix.may(drift, "cloudformation:DetectStackDrift", on: stack))
            #expect(try matrix.may(drift, "cloudformation:DescribeStackResourceDrifts", on: stack))
        }
        #expect(try matrix.may(drift, "ec2:DescribeSecurityGroups", on: "*"), "reads configuration to compare")
    }
    let account = matrix.pipeline.environments[0].account
    for (action, resource) in [
        ("s3:GetObject", "arn:aws:s3:::data/report.csv"), ("dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:\(account):table/orders"),
        ("dynamodb:Scan", "arn:aws:dynamodb:us-east-1:\(account):table/orders"), ("ssm:GetParameter", "arn:aws:ssm:us-east-1:\(account):parameter/db"),
        ("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:us-east-1:\(account):secret:db"),
        ("lambda:GetFunction", "arn:aws:lambda:us-east-1:\(account):function:api"),
    ] {
        #expect(try !matrix.may(drift, action, on: resource), "\(name): drift may \(action)")
    }
}

@Test(arguments: variants.map(\.0))
func theArtifactKeyServesOnlyTheRolesThatReadItOnTheirBranch(_ name: String) throws {
    let matrix = try Matrix(try #require(variants.first { $0.0 == name }).1)
    guard !matrix.deployment.keys.isEmpty else { return }
    for branch in matrix.pipeline.deployBranches {
        #expect(try matrix.mayUseKey("ref:refs/heads/" + branch, "kms:GenerateDataKey", ref: "refs/heads/" + branch), "\(name): build on \(branch)")
    }
    #expect(try !matrix.mayUseKey("ref:refs/heads/main", "kms:Decrypt", ref: "refs/heads/main", repository: "acme/other"))
    for environment in matrix.pipeline.environments {
        let reader = "environment:" + (environment.strategy.isReviewed ? environment.planEnvironment : environment.githubEnvironment)
        let ref = "refs/heads/" + environment.branch
        // Cross-account and cross-region readers decrypt; the data key of another branch's run is refused.
        #expect(try matrix.mayUseKey(reader, "kms:Decrypt", ref: ref), "\(name): \(environment.name) decrypts")
        #expect(try !matrix.mayUseKey(reader, "kms:Decrypt", ref: "refs/heads/feature"), "\(name): \(environment.name) decrypts a feature run")
        #expect(try !matrix.mayUseKey(reader, "kms:GenerateDataKey", ref: ref), "\(name): \(environment.name) encrypts")
        for other in [environment.destroyEnvironment, "drift-detection"] {
            #expect(try !matrix.mayUseKey("environment:" + other, "kms:Decrypt", ref: ref), "\(name): \(other) decrypts")
        }
        if environment.strategy.isReviewed {
            #expect(try !matrix.mayUseKey("environment:" + environment.githubEnvironment, "kms:Decrypt", ref: ref), "\(name): \(environment.name) execute decrypts")
        }
    }
}

@Test func executionRolesNeverTouchThePipelinesOwnRolesWhateverTheirPolicy() throws {
    let matrix = try Matrix(Blueprint.cloudFormation.pipeline(), executionPolicy: "arn:aws:iam::aws:policy/AdministratorAccess")
    let dev = "arn:aws:iam::111111111111:role/myapp-dev-cfn-exec"
    #expect(try matrix.deployment.may(dev, "iam:CreateRole", on: "arn:aws:iam::111111111111:role/myapp-app-role"), "templates may still create roles")
    for role in ["myapp-dev-deploy", "myapp-dev-destroy", "myapp-dev-drift", "myapp-dev-cfn-exec"] {
        for action in ["iam:UpdateAssumeRolePolicy", "iam:PutRolePolicy", "iam:AttachRolePolicy", "iam:DeleteRole"] {
            #expect(try !matrix.deployment.may(dev, action, on: "arn:aws:iam::111111111111:role/" + role), "\(action) on \(role)")
        }
    }
    #expect(try !matrix.deployment.may(dev, "iam:UpdateOpenIDConnectProviderThumbprint",
                                       on: "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com"))
    #expect(try !matrix.deployment.may(dev, "cloudformation:UpdateStack",
                                       on: "arn:aws:cloudformation:us-east-1:111111111111:stack/myapp-pipewright-bootstrap/1"))
}

@Test func thePipelineAccountHoldsNoEnvironmentsRoles() throws {
    let matrix = try Matrix(Blueprint.cloudFormation.pipeline())
    let inPipeline = matrix.deployment.roles.filter { $0.account == pipelineAccount }.map(\.name)
    #expect(inPipeline == ["myapp-ci"])
    let chained = try Matrix(Blueprint.cdk.pipeline())
    // Chained deploys start here: only first hops, which may do nothing but chain (and decrypt).
    for role in chained.deployment.roles where role.account == pipelineAccount && role.name != "myapp-ci" {
        #expect(try !chained.deployment.may(role.arn, "cloudformation:ExecuteChangeSet", on: "*"), "\(role.name)")
    }
}

/// A branch pattern (`release/*`) deploys from every branch it matches, and from nothing else: the trigger, the
/// jobs' conditions, the trust policies and the key policy all read it alike.
@Test func aBranchPatternDeploysFromTheBranchesItMatchesOnly() throws {
    var pipeline = Blueprint.cloudFormation.pipeline()
    pipeline.environments[1].branch = "release/*"
    pipeline.environments[2].branch = "release/*"
    #expect(pipeline.configurationErrors() == [])
    let matrix = try Matrix(pipeline)
    #expect(matrix.reach("ref:refs/heads/release/2026.12") == ["\(pipelineAccount)/myapp-ci"])
    #expect(matrix.reach("ref:refs/heads/releases") == [])
    #expect(matrix.reach("ref:refs/heads/feature/release/x") == [])
    #expect(try matrix.mayUseKey("environment:staging", "kms:Decrypt", ref: "refs/heads/release/2026.12"))
    #expect(try !matrix.mayUseKey("environment:staging", "kms:Decrypt", ref: "refs/heads/main"))

    let workflow = try #require(Generator().lower(pipeline).first).workflow
    #expect(workflow.on.push?.branches == ["develop", "release/*"])
    let yaml = YAMLEmitter.emit(YAMLDocument(root: workflow.yamlNode))
    #expect(yaml.contains("startsWith(github.ref, 'refs/heads/release/')"))
    let steps = BootstrapTemplate.nextSteps(for: pipeline)
    #expect(steps.contains("environments/staging/deployment-branch-policies -f name=release/* -f type=branch"))
    #expect(steps.contains(#"gh api -X POST repos/OWNER/REPO/rulesets --input - <<< '{"name":"pipewright release/*","target":"branch""#))
}

@Test func aStarAnywhereButTheEndIsRefused() {
    var pipeline = Blueprint.cloudFormation.pipeline()
    for (branch, accepted) in [("release/*", true), ("v*", true), ("hotfix/**", true), ("rel*ease", false), ("*", false), ("release/*/x", false)] {
        pipeline.environments[1].branch = branch
        pipeline.environments[2].branch = branch  // prod follows staging, on the same branch
        #expect(pipeline.configurationErrors().isEmpty == accepted, "\(branch): \(pipeline.configurationErrors())")
    }
}
