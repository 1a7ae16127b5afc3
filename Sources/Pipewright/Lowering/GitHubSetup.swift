/// What a repository needs in GitHub before its generated workflows can run: the variables, secrets and
/// environments they reference, read from the workflows themselves so the list can never drift from them.
public struct GitHubSetup: Sendable, Hashable {
    /// Configuration variables (`vars.NAME`), sorted.
    public let variables: [String]
    /// Secrets (`secrets.NAME`), sorted.
    public let secrets: [String]
    /// GitHub environments jobs are bound to, sorted; protected ones are those that deploy production.
    public let environments: [String]
    /// Environments that should require a reviewer: those of production deploys.
    public let protectedEnvironments: [String]

    /// Collects the references of the given workflows.
    public init(workflows: [GeneratedWorkflow], pipeline: Pipeline) {
        var variables: Set<String> = []
        var secrets: Set<String> = []
        var environments: Set<String> = []
        for generated in workflows {
            for expression in generated.workflow.allExpressions {
                for reference in expression.contextReferences {
                    guard let name = reference.path.first else { continue }
                    switch reference.root {
                    case .vars: variables.insert(name)
                    case .secrets where name != "GITHUB_TOKEN": secrets.insert(name)
                    default: break
                    }
                }
            }
            for job in generated.workflow.jobs {
                if let name = job.environment?.name.literalValue { environments.insert(name) }
            }
        }
        self.variables = variables.sorted()
        self.secrets = secrets.sorted()
        self.environments = environments.sorted()
        self.protectedEnvironments = pipeline.environments.filter(\.production).map(\.githubEnvironment).sorted()
    }

    /// The steps to take, as printed by `pipewright init`.
    public var instructions: String {
        var text = "Next steps:\n"
        var number = 1
        func item(_ line: String) {
            text += "  \(number). \(line)\n"
            number += 1
        }
        item("Deploy the AWS side: 'pipewright bootstrap --output bootstrap.yaml', then create that stack in each account.")
        if !environments.isEmpty {
            item("Create the GitHub environments: \(environments.joined(separator: ", ")).")
        }
        if !protectedEnvironments.isEmpty {
            item("Protect \(protectedEnvironments.joined(separator: ", ")) with required reviewers and a deployment branch rule.")
        }
        if !variables.isEmpty {
            item("Set the repository variables (role ARNs from the bootstrap outputs): \(variables.joined(separator: ", ")).")
        }
        if !secrets.isEmpty {
            item("Add the secrets to the environments that use them: \(secrets.joined(separator: ", ")).")
        }
        item("Commit pipewright.json and .github/workflows/, and add 'pipewright generate --check' to CI or a pre-commit hook.")
        return text
    }
}

extension Workflow {
    /// Every expression in the workflow, wherever it stands.
    var allExpressions: [Expression] {
        var texts: [WorkflowText] = []
        if let runName { texts.append(runName) }
        texts += env.compactMap(\.value.text)
        if let concurrency { texts.append(concurrency.group) }
        var conditions: [Expression] = []
        for job in jobs {
            if let name = job.name { texts.append(name) }
            if let condition = job.condition { conditions.append(condition) }
            if let environment = job.environment { texts.append(environment.name); texts += [environment.url].compactMap { $0 } }
            if let concurrency = job.concurrency { texts.append(concurrency.group) }
            texts += job.outputs.map(\.value)
            texts += job.env.compactMap(\.value.text)
            if let call = job.call {
                texts += call.with.compactMap(\.value.text)
                if case .explicit(let secrets)? = call.secrets { texts += secrets.map(\.value) }
            }
            for step in job.steps {
                if let name = step.name { texts.append(name) }
                if let condition = step.condition { conditions.append(condition) }
                texts += step.env.compactMap(\.value.text)
                texts += step.actionInputs.compactMap(\.value.text)
                if let script = step.script { texts.append(script) }
            }
        }
        return texts.flatMap(\.expressions) + conditions
    }
}
