extension BootstrapTemplate {
    /// What to do after generating: deploy the bootstrap stack per account, create the GitHub environments,
    /// and store each output in the GitHub variable or secret the workflows read. `pipewright init` prints it.
    ///
    /// ```swift
    /// print(BootstrapTemplate.nextSteps(for: pipeline, templateFile: "pipewright-bootstrap.yaml"))
    /// ```
    public static func nextSteps(for pipeline: Pipeline, templateFile: String = "pipewright-bootstrap.yaml", repository: String = "OWNER/REPO") -> String {
        let builder = BootstrapBuilder(pipeline: pipeline)
        let stackName = "\(pipeline.project)-pipewright-bootstrap"
        var lines: [String] = []
        var step = 0
        func heading(_ text: String) {
            step += 1
            lines.append("")
            lines.append("\(step). \(text)")
        }

        heading("Write the AWS side with 'pipewright bootstrap --output \(templateFile)', and deploy it once in every AWS account the pipeline uses:")
        var accounts: [String] = []
        for environment in pipeline.environments where !accounts.contains(environment.account) { accounts.append(environment.account) }
        for (index, account) in accounts.enumerated() {
            let names = pipeline.environments.filter { $0.account == account }.map(\.name).joined(separator: ", ")
            var overrides = ["GitHubRepository=\(repository)"]
            if builder.hasSharedResources { overrides.append("CreateSharedResources=\(index == 0 ? "true" : "false")") }
            if builder.chains, let shared = accounts.first { overrides.append("SharedAccountId=\(shared)") }
            // A stack lives in one region; the account's first environment's region is where its roles are looked for.
            let region = pipeline.environments.first { $0.account == account }.flatMap(\.region) ?? pipeline.region
            lines.append("   account \(account) (\(names)):")
            lines.append("     aws cloudformation deploy --region \(region) --template-file \(templateFile) --stack-name \(stackName) \\")
            lines.append("       --capabilities CAPABILITY_NAMED_IAM --parameter-overrides \(overrides.joined(separator: " "))")
        }
        lines.append("   Add CreateOIDCProvider=false where the account already has the GitHub OIDC provider.")
        if pipeline.infrastructure.capabilities.contains(where: { $0 == .iam || $0 == .namedIAM }) {
            lines.append("   Your stacks create IAM resources (\(pipeline.infrastructure.capabilities.filter { $0 == .iam || $0 == .namedIAM }.map(\.rawValue).joined(separator: ", "))), which the execution roles'")
            lines.append("   default policy, PowerUserAccess, cannot: add ExecutionPolicyArns=arn:aws:iam::aws:policy/PowerUserAccess,<a policy")
            lines.append("   allowing the iam: actions on the roles your templates create> to --parameter-overrides.")
        }
        if builder.hasSharedResources {
            lines.append("   CreateSharedResources=true in exactly one account: it holds the CI role\(builder.createsKey ? " and the artifact key" : "").")
        }

        heading("Create these GitHub environments (Settings > Environments):")
        for environment in pipeline.environments {
            let protection = environment.production || environment.strategy.isReviewed
                ? "required reviewers; deployment branches: \(environment.branch)"
                : "deployment branches: \(environment.branch)"
            lines.append("   - \(environment.githubEnvironment): \(protection)")
            if environment.strategy.isReviewed {
                lines.append("   - \(environment.planEnvironment): no reviewers (the plan must be ready before approval); deployment branches: \(environment.branch)")
            }
        }
        if let drift = pipeline.drift {
            lines.append("   - \(drift.githubEnvironment): no reviewers (scheduled runs must not wait); deployment branches: the default branch")
        }

        heading("Store each output of the bootstrap stack where the workflows read it:")
        for setting in builder.githubSettings() {
            let account = setting.environment.flatMap { pipeline.environment(named: $0)?.account } ?? accounts.first ?? "the shared account"
            let place = setting.kind == .secret
                ? "secret in environment\(setting.githubEnvironments.count == 1 ? "" : "s") \(setting.githubEnvironments.joined(separator: ", "))"
                : "repository variable"
            lines.append("   - \(setting.name) (\(place)) = output \(setting.outputKey) of \(stackName) in \(account)")
        }

        var others: [String] = []
        if case .slack(let secret)? = pipeline.notification { others.append("   - \(secret): a Slack incoming webhook URL (repository secret)") }
        for environment in pipeline.environments {
            for parameter in environment.parameters {
                switch parameter.source {
                case .secret(let name): others.append("   - \(name): template parameter \(parameter.key) of \(environment.name) (secret in environment \(environment.githubEnvironment))")
                case .variable(let name): others.append("   - \(name): template parameter \(parameter.key) of \(environment.name) (variable)")
                case .value: break
                }
            }
        }
        if !others.isEmpty {
            heading("Set the other secrets and variables the workflows read:")
            lines += others
        }

        let direct = pipeline.environments.filter { $0.chainedRole == nil && $0.account != accounts.first }.map(\.name)
        if builder.createsKey, !direct.isEmpty, let key = pipeline.artifactEncryption?.kmsKey {
            heading("The artifact key \(key) lives in the shared account and its policy grants that account's roles only: for \(direct.joined(separator: ", ")), deploy from a role in the shared account chained into the target account (\"chainedRole\": {\"variable\": NAME} on the environment in pipewright.json; Environment(chainedRole:) in Swift), or name the key by ARN and add their deploy roles to the key policy.")
        }
        return "Next steps\n" + lines.joined(separator: "\n") + "\n"
    }
}
