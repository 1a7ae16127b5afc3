extension BootstrapTemplate {
    /// The largest template, in bytes, CloudFormation takes passed inline, as `aws cloudformation deploy` passes
    /// it without `--s3-bucket`; larger ones (up to 1 MB) must be uploaded to S3 first.
    public static let inlineTemplateLimit = 51_200

    /// What to do after generating: deploy the bootstrap stack per account, create the GitHub environments,
    /// and store each output in the GitHub variable or secret the workflows read. `pipewright init` prints it.
    ///
    /// ```swift
    /// print(BootstrapTemplate.nextSteps(for: pipeline, templateFile: "pipewright-bootstrap.yaml"))
    /// ```
    public static func nextSteps(for pipeline: Pipeline, templateFile: String = "pipewright-bootstrap.yaml", repository: String = "OWNER/REPO") -> String {
        let builder = BootstrapBuilder(pipeline: pipeline)
        let stackName = BootstrapNaming.bootstrapStackName(pipeline)
        var lines: [String] = []
        var step = 0
        func heading(_ text: String) {
            step += 1
            lines.append("")
            lines.append("\(step). \(text)")
        }

        heading("Write the AWS side with 'pipewright bootstrap --output \(templateFile)', and deploy it once in every AWS account the pipeline uses:")
        let pipelineAccount = pipeline.pipelineAccount ?? "PIPELINE_ACCOUNT"
        var accounts: [String] = []
        if builder.hasPipelineAccount { accounts.append(pipelineAccount) }
        for environment in pipeline.environments where !accounts.contains(environment.account) { accounts.append(environment.account) }
        // A larger template cannot be passed inline: `deploy` must upload it (`--s3-bucket`).
        let size = yaml(for: pipeline).utf8.count
        let upload = size > inlineTemplateLimit ? " --s3-bucket BUCKET" : ""
        if !upload.isEmpty {
            lines.append("   The template is \(size) bytes, over CloudFormation's limit of \(inlineTemplateLimit) for a template passed inline, so")
            lines.append("   'deploy' uploads it: BUCKET is an S3 bucket of that account in the stack's region (create one with")
            lines.append("   aws s3 mb s3://NAME --region REGION), readable only by the account.")
        }
        for account in accounts {
            var names = pipeline.environments.filter { $0.account == account }.map(\.name)
            if builder.hasPipelineAccount, account == pipelineAccount { names.insert("pipeline", at: 0) }
            var overrides = ["GitHubRepository=\(repository)"]
            if builder.hasPipelineAccount { overrides.append("PipelineAccountId=\(pipelineAccount)") }
            // A stack lives in one region; the pipeline account's is the pipeline's, where the key is.
            let region = account == pipelineAccount ? pipeline.region : pipeline.environments.first { $0.account == account }.flatMap(\.region) ?? pipeline.region
            lines.append("   account \(account) (\(names.joined(separator: ", "))):")
            lines.append("     aws cloudformation deploy --region \(region) --template-file \(templateFile)\(upload) --stack-name \(stackName) \\")
            lines.append("       --capabilities CAPABILITY_NAMED_IAM --parameter-overrides \(overrides.joined(separator: " "))")
        }
        lines.append("   Add CreateOIDCProvider=false where the account already has the GitHub OIDC provider.")
        if builder.hasPipelineAccount {
            var held = pipeline.ciRole == nil ? [] : ["the CI role"]
            if builder.createsKey { held.append("the artifact key") }
            if builder.chains { held.append("the first hop of chained deploys") }
            let list = held.count > 1 ? held.dropLast().joined(separator: ", ") + " and " + held.last! : held.joined()
            lines.append("   The pipeline account holds \(list): use a dedicated account that no environment deploys to.")
            if pipeline.pipelineAccount == nil {
                lines.append("   Set \"pipelineAccount\" in pipewright.json (PipelineAccount(...) in Swift) to print its id here instead of PIPELINE_ACCOUNT.")
            } else if let shared = pipeline.environments.first(where: { $0.account == pipelineAccount }) {
                lines.append("   Warning: \(shared.name) deploys to the pipeline account; an unreviewed template there could change the roles that guard the other environments.")
            }
        }
        if pipeline.infrastructure.capabilities.contains(where: { $0 == .iam || $0 == .namedIAM }) {
            lines.append("   Your stacks create IAM resources (\(pipeline.infrastructure.capabilities.filter { $0 == .iam || $0 == .namedIAM }.map(\.rawValue).joined(separator: ", "))), which the execution roles'")
            lines.append("   default policy, PowerUserAccess, cannot: add ExecutionPolicyArns=arn:aws:iam::aws:policy/PowerUserAccess,<a policy")
            lines.append("   allowing the iam: actions on the roles your templates create> to --parameter-overrides.")
        }
        if case .sam(let app) = pipeline.infrastructure {
            lines.append("   The SAM bucket \(app.packageBucket) belongs in the pipeline account; its bucket policy must let each environment's")
            lines.append("   execution role (\(pipeline.project)-<environment>-cfn-exec) read \(pipeline.fileSlug)/*.")
        }

        heading("Create every GitHub environment before the first run (GitHub creates a missing one unprotected), with these rules:")
        let api = "repos/\(repository)/environments"
        func environmentRule(_ name: String, reviewed: Bool, branches: [String], why: String? = nil) {
            let branchText = branches.isEmpty ? "the default branch" : branches.joined(separator: ", ")
            lines.append("   - \(name): \(reviewed ? "required reviewers; " : "")\(why.map { $0 + "; " } ?? "")deployment branches: \(branchText)")
            let protection = reviewed
                ? #"{"prevent_self_review":true,"reviewers":[{"type":"Team","id":TEAM_ID}],"can_admins_bypass":false,"deployment_branch_policy":"#
                : #"{"can_admins_bypass":false,"deployment_branch_policy":"#
            let policy = branches.isEmpty ? #"{"protected_branches":true,"custom_branch_policies":false}}"# : #"{"protected_branches":false,"custom_branch_policies":true}}"#
            lines.append("       gh api -X PUT \(api)/\(name) --input - <<< '\(protection)\(policy)'")
            for branch in branches {
                lines.append("       gh api -X POST \(api)/\(name)/deployment-branch-policies -f name=\(branch) -f type=branch")
            }
        }
        // The environments of a wave share their GitHub environments: each rule is written once.
        var written: Set<String> = []
        for environment in pipeline.environments where written.insert(environment.githubEnvironment).inserted {
            let members = pipeline.wave(of: environment)
            let wave = members.count > 1
                ? "wave \(environment.wave ?? ""): \(members.map(\.name).joined(separator: ", ")) wait on it together, so one approval deploys them all"
                : nil
            environmentRule(environment.githubEnvironment, reviewed: environment.production || environment.strategy.isReviewed, branches: [environment.branch], why: wave)
            if environment.strategy.isReviewed {
                environmentRule(environment.planEnvironment, reviewed: false, branches: [environment.branch],
                                why: "no reviewers (the plan must be ready before approval; its role cannot execute)")
            }
            if pipeline.isDestroyable(environment) {
                environmentRule(environment.destroyEnvironment, reviewed: true, branches: [environment.branch])
            }
            if pipeline.verifies(environment) {
                environmentRule(environment.verifyEnvironment, reviewed: false, branches: [environment.branch],
                                why: "no reviewers (it runs right after the deploy; its role only describes the stacks)")
            }
        }
        if let drift = pipeline.drift {
            environmentRule(drift.githubEnvironment, reviewed: false, branches: [], why: "no reviewers (scheduled runs must not wait; its roles only read)")
        }
        lines.append("   TEAM_ID is the reviewers' team (gh api orgs/ORG/teams/TEAM --jq .id); use {\"type\":\"User\",\"id\":...} for a person.")
        lines.append("   Protect the deploy branches (\(pipeline.deployBranches.joined(separator: ", "))) so that only reviewed pull requests reach them, admins included:")
        for branch in pipeline.deployBranches {
            if branch.contains("*") {
                // Branch protection names one branch; a ruleset covers a pattern.
                lines.append(#"       gh api -X POST repos/\#(repository)/rulesets --input - <<< '{"name":"pipewright \#(branch)","target":"branch","enforcement":"active","conditions":{"ref_name":{"include":["refs/heads/\#(branch)"],"exclude":[]}},"rules":[{"type":"pull_request","parameters":{"required_approving_review_count":1,"dismiss_stale_reviews_on_push":true,"require_code_owner_review":false,"require_last_push_approval":true,"required_review_thread_resolution":false}},{"type":"non_fast_forward"},{"type":"deletion"}]}'"#)
            } else {
                lines.append(#"       gh api -X PUT repos/\#(repository)/branches/\#(branch)/protection --input - <<< '{"required_status_checks":null,"enforce_admins":true,"required_pull_request_reviews":{"required_approving_review_count":1},"restrictions":null}'"#)
            }
        }

        if let claimKeys = pipeline.oidcSubject.includeClaimKeys {
            heading("Customize the repository's OIDC subject to name each job's workflow file and ref; until it is set, no job reaches any role:")
            let body = #"{"use_default":false,"include_claim_keys":["# + claimKeys.map { "\"\($0)\"" }.joined(separator: ",") + "]}"
            lines.append("       gh api -X PUT repos/\(repository)/actions/oidc/customization/sub --input - <<< '\(body)'")
            lines.append("   Check it with: gh api repos/\(repository)/actions/oidc/customization/sub")
            let served = pipeline.ciRole == nil ? "an environment's branch" : "an environment's branch; the CI role's, the deploy branches"
            lines.append("   The roles then admit only jobs of .github/workflows/\(pipeline.deployWorkflowFile) run from the branch each serves (\(served))\(pipeline.drift == nil ? "." : ",")")
            if pipeline.drift != nil {
                lines.append("   and the drift roles jobs of .github/workflows/\(pipeline.driftWorkflowFile) run from a deploy branch: scheduled drift runs on the default branch, which must be one of them.")
            }
            lines.append("   A renamed or copied workflow file, or one changed on another branch, reaches nothing.")
        }

        heading("Store each output of the bootstrap stack where the workflows read it:")
        for setting in builder.githubSettings() {
            let inPipeline = setting.condition == BootstrapBuilder.pipelineCondition
            let account = inPipeline ? pipelineAccount : setting.environment.flatMap { pipeline.environment(named: $0)?.account } ?? pipelineAccount
            let place = setting.kind == .secret
                ? "secret in environment\(setting.githubEnvironments.count == 1 ? "" : "s") \(setting.githubEnvironments.joined(separator: ", "))"
                : "repository variable"
            lines.append("   - \(setting.name) (\(place)) = output \(setting.outputKey) of \(stackName) in \(account)")
        }

        var others: [String] = []
        if case .slack(let secret)? = pipeline.notification {
            // Only jobs bound to these environments notify: a workflow pushed on another branch cannot read it.
            var notifying: [String] = []
            for environment in pipeline.environments {
                notifying.append(environment.githubEnvironment)
                if pipeline.isDestroyable(environment) { notifying.append(environment.destroyEnvironment) }
                if pipeline.verifies(environment) { notifying.append(environment.verifyEnvironment) }
            }
            if let drift = pipeline.drift { notifying.append(drift.githubEnvironment) }
            var seen: Set<String> = []
            notifying = notifying.filter { seen.insert($0).inserted }
            others.append("   - \(secret): a Slack incoming webhook URL (secret in environments \(notifying.joined(separator: ", ")); not a repository secret, which any branch's workflow can read)")
        }
        var hasSecretParameters = false
        for environment in pipeline.environments {
            // A reviewed environment's change set is created by its plan job: that is where its parameters are read.
            let reader = environment.strategy.isReviewed ? environment.planEnvironment : environment.githubEnvironment
            // A stack's own parameters are read in every environment.
            let stackParameters = pipeline.stacks.flatMap { stack in stack.parameters.map { Parameter(stack.name + "." + $0.key, $0.source) } }
            for parameter in stackParameters + environment.parameters {
                switch parameter.source {
                case .secret(let name):
                    hasSecretParameters = true
                    others.append("   - \(name): template parameter \(parameter.key) of \(environment.name) (secret in environment \(reader))")
                case .variable(let name): others.append("   - \(name): template parameter \(parameter.key) of \(environment.name) (variable)")
                case .value, .output: break
                }
            }
        }
        if hasSecretParameters {
            others.append("   Better still, read secrets in the template with dynamic references ({{resolve:secretsmanager:NAME}},")
            others.append("   {{resolve:ssm-secure:NAME}}): the value then never passes through GitHub.")
        }
        if !others.isEmpty {
            heading("Set the other secrets and variables the workflows read:")
            lines += others
        }
        return "Next steps\n" + lines.joined(separator: "\n") + "\n"
    }
}
