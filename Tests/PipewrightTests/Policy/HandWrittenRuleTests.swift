import Testing
@testable import Pipewright

/// PW026–PW028: what hand-written deploy workflows get wrong, each read from YAML text as `pipewright audit`
/// reads a file, once breaking the rule and once fixed.
@Suite struct HandWrittenRuleTests {
    static func findings(_ rule: String, in text: String) throws -> [Diagnostic] {
        try Auditor().audit(file: ".github/workflows/deploy.yml", contents: text).filter { $0.ruleID == rule }
    }

    /// A manual deploy in the shape such workflows take: one job, inputs for the environment and its password.
    static func manualDeploy(inputs: String, job: String = "    environment: ${{ inputs.environment }}\n",
                             credentials: String = "aws-actions/configure-aws-credentials@v6", deploy: String = "aws cloudformation deploy --stack-name app --template-file t.yml") -> String {
        """
        name: Deploy
        on:
          workflow_dispatch:
            inputs:
              environment:
                type: choice
                options: [dev, prod]
        \(inputs)
        permissions: {}
        jobs:
          deploy:
            runs-on: ubuntu-24.04
        \(job)    permissions:
              id-token: write
            steps:
              - uses: \(credentials)
                with:
                  role-to-assume: ${{ vars.AWS_ROLE_ARN }}
                  aws-region: us-east-1
              - run: \(deploy)

        """
    }

    @Test func aPasswordAskedForAsADispatchInputIsAFinding() throws {
        let text = Self.manualDeploy(inputs: """
              db_password:
                description: 'Database Password (will be stored as secret)'
                required: true
                type: string
              notes:
                description: Why you deploy; the API key comes from the environment
              apiKey:
                type: string
              rotate_token:
                description: Rotate the token after deploying
                type: boolean
              stack_key:
                description: A key for the stack's name
        """)
        let found = try Self.findings("PW026", in: text)
        #expect(found.map(\.location.path) == ["on.workflow_dispatch.inputs.db_password", "on.workflow_dispatch.inputs.notes", "on.workflow_dispatch.inputs.apiKey"])
        #expect(found.first?.message == "the workflow_dispatch input db_password asks for a password, which GitHub neither masks nor keeps secret")
        #expect(found.first?.location.line == 8 && found.first?.location.column == 7)
        #expect(found.first?.severity == .error)
        #expect(try Self.findings("PW026", in: Self.manualDeploy(inputs: "      stack_suffix:\n        type: string\n        default: v1")) == [])
    }

    @Test func aReusableWorkflowTakesSecretsAsSecrets() throws {
        let call = """
        on:
          workflow_call:
            inputs:
              deploy-token:
                type: string
            secrets:
              registry-password:
                required: true
        permissions: {}
        jobs:
          noop:
            runs-on: ubuntu-24.04
            steps:
              - run: "true"

        """
        let found = try Self.findings("PW026", in: call)
        #expect(found.map(\.location.path) == ["on.workflow_call.inputs.deploy-token"])
        #expect(found.first?.hint == "Declare it under `on.workflow_call.secrets` and have callers pass it with `secrets:`.")
    }

    @Test func secretWordsAreWholeWords() {
        #expect(NoSecretInputs.words("dbPassword") == ["db", "password"])
        #expect(NoSecretInputs.words("SSH private key") == ["ssh", "private", "key"])
        #expect(NoSecretInputs.secretWord(in: "tokenizer_mode") == nil)
        #expect(NoSecretInputs.secretWord(in: "kms_key_id", "The KMS key for artifacts") == nil)
        #expect(NoSecretInputs.secretWord(in: "deploy_key") == "deploy key")
    }

    @Test func aDeployJobBoundToNoEnvironmentIsAFinding() throws {
        let unbound = Self.manualDeploy(inputs: "", job: "")
        let found = try Self.findings("PW027", in: unbound)
        #expect(found.map(\.location.path) == ["jobs.deploy.steps[1].run"])
        #expect(found.first?.message == "job deploy deploys with aws cloudformation deploy but is bound to no environment")
        #expect(try Self.findings("PW027", in: Self.manualDeploy(inputs: "", job: "", deploy: "npx cdk deploy --all --require-approval never")).count == 1)
        #expect(try Self.findings("PW027", in: Self.manualDeploy(inputs: "", job: "", deploy: "aws cloudformation execute-change-set --change-set-name c --stack-name app")).count == 1)
        // Bound to an environment, or only proposing a change set for review: no finding.
        #expect(try Self.findings("PW027", in: Self.manualDeploy(inputs: "")) == [])
        #expect(try Self.findings("PW027", in: Self.manualDeploy(inputs: "", job: "", deploy: "aws cloudformation create-change-set --change-set-name c --stack-name app")) == [])
    }

    @Test func theDeployActionWithoutAnEnvironmentIsAFinding() throws {
        let text = """
        on: push
        permissions: {}
        jobs:
          deploy:
            runs-on: ubuntu-24.04
            permissions:
              id-token: write
            steps:
              - uses: aws-actions/configure-aws-credentials@v6
                with:
                  role-to-assume: ${{ vars.AWS_ROLE_ARN }}
                  aws-region: us-east-1
              - uses: aws-actions/aws-cloudformation-github-deploy@v1
                with:
                  name: app
                  template: t.yml

        """
        #expect(try Self.findings("PW027", in: text).map(\.location.path) == ["jobs.deploy.steps[1]"])
        let review = text.replacingOccurrences(of: "template: t.yml", with: "template: t.yml\n          no-execute-changeset: \"1\"")
        #expect(try Self.findings("PW027", in: review) == [])
    }

    @Test func actionsOnRetiredRuntimesAreFindings() throws {
        let old = Self.manualDeploy(inputs: "", credentials: "aws-actions/configure-aws-credentials@v1")
            .replacingOccurrences(of: "    steps:\n", with: "    steps:\n      - uses: actions/checkout@v3.6.0\n      - uses: actions/upload-artifact@v2\n        with:\n          path: out\n      - uses: actions/setup-node@1a4442cacd436585916779262731d5b162bc6ec7 # v3.8.2\n      - uses: actions/setup-node@39370e3970a6d050c480ffad4ff0ed4d3fdee5af\n")
        let found = try Self.findings("PW028", in: old)
        // A SHA pin is known by its version comment; without one it cannot be told apart from a current version.
        #expect(found.map(\.location.path) == ["jobs.deploy.steps[0].uses", "jobs.deploy.steps[1].uses", "jobs.deploy.steps[2].uses", "jobs.deploy.steps[4].uses"])
        #expect(found[2].message == "actions/setup-node@1a4442cacd436585916779262731d5b162bc6ec7 # v3.8.2 runs on a runtime GitHub has retired (Node 12 and 16); use v5 or later")
        #expect(found[0].message == "actions/checkout@v3.6.0 runs on a runtime GitHub has retired (Node 12 and 16); use v5 or later")
        #expect(found[1].message.contains("artifact service shut down"))
        #expect(found.allSatisfy { $0.severity == .warning })
        #expect(try Self.findings("PW028", in: Self.manualDeploy(inputs: "")) == [])

        // Node 20 releases, read from each release's action.yml: the last such major of each action is a
        // finding, the first Node 24 major is not.
        for (action, node20, node24) in [("actions/checkout", "v4.2.2", "v5.0.0"), ("actions/setup-node", "v4", "v5"),
                                         ("actions/upload-artifact", "v5.0.0", "v6"), ("actions/download-artifact", "v6", "v7.0.0"),
                                         ("aws-actions/configure-aws-credentials", "v5.1.1", "v6")] {
            let old = try Self.findings("PW028", in: Self.manualDeploy(inputs: "", credentials: "\(action)@\(node20)"))
            #expect(old.map(\.message) == ["\(action)@\(node20) runs on a runtime GitHub has retired (Node 20, whose removal GitHub scheduled for September 2026); use \(node24.prefix { $0 != "." }) or later"])
            #expect(try Self.findings("PW028", in: Self.manualDeploy(inputs: "", credentials: "\(action)@\(node24)")) == [])
        }
    }

    @Test func onlyRefsThatNameAVersionAreMatched() {
        #expect(NoRetiredActionRuntimes.majorVersion("v3") == 3)
        #expect(NoRetiredActionRuntimes.majorVersion("v1.7.0") == 1)
        #expect(NoRetiredActionRuntimes.majorVersion("v4") == 4)
        #expect(NoRetiredActionRuntimes.majorVersion("main") == nil)
        #expect(NoRetiredActionRuntimes.majorVersion("v1-node16") == nil)
        #expect(NoRetiredActionRuntimes.majorVersion("11bd71901bbe5b1630ceea73d27597364c9af683") == nil)
    }
}
