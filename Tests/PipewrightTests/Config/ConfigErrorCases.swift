/// A malformed `pipewright.json` and the exact messages decoding must report, in order.
///
/// Public to the test target so the CLI tests can assert exit code 2 and no output for each.
struct ConfigErrorCase: Sendable, CustomStringConvertible {
    let input: String
    let expected: [String]
    let line: Int

    init(_ input: String, _ expected: String..., line: Int = #line) {
        self.input = input
        self.expected = expected
        self.line = line
    }

    var description: String { "case at ConfigErrorCases.swift:\(line)" }
}

extension ConfigFixtures {
    typealias Case = ConfigErrorCase

    static let tooManyTags = (1...46).map { "\"T\($0)\": \"v\"" }.joined(separator: ", ")
    static let longPrefix = String(repeating: "a", count: 100)

    /// The base document deploying several stacks instead of its template.
    static func stacks(_ stacks: String) -> String {
        base(replacing: "\"infrastructure\": {\"kind\": \"cloudformation\", \"template\": \"infrastructure/template.yaml\"},",
             with: "\"infrastructure\": {\"kind\": \"cloudformation\"},\n  \"stacks\": [" + stacks + "],")
    }

    /// Every case: JSON syntax, document shape, and pipeline rules.
    static let errorCases: [ConfigErrorCase] = [
        // JSON syntax: one error, with line and column.
        Case("{\n  \"version\": 1\n  \"name\": \"x\"\n}", "pipewright.json:3:3: expected ',' or '}' after an object member"),
        Case("{\"version\": 1,}", "pipewright.json:1:15: expected a string key after ','; trailing commas are not allowed"),
        Case("{\"version\": 1, \"version\": 1}", "pipewright.json:1:16: duplicate key \"version\" (first at line 1); each key may appear once"),
        Case("{\"version\": 01}", "pipewright.json:1:13: numbers must not have leading zeros"),
        Case("{\"name\": \"abc}", "pipewright.json:1:10: unterminated string"),
        Case("// config\n{}", "pipewright.json:1:1: comments are not allowed in JSON"),
        Case("", "pipewright.json:1:1: expected a JSON value, found the end of the file"),
        Case("[1, 2", "pipewright.json:1:6: expected ',' or ']' after an array element, found the end of the file"),
        Case("{\"a\": tru}", "pipewright.json:1:7: unexpected word 'tru'; expected a JSON value (object, array, string, number, true, false or null)"),

        // Document shape.
        Case("[]", "(top level): [] is an array; expected an object (the pipewright.json document)"),
        Case(base(replacing: "\"version\": 1,", with: ""), "(top level): missing required key \"version\""),
        Case(base(replacing: "\"version\": 1,", with: "\"version\": 2,"), "version: 2 is not a supported version; expected 1 (this build of Pipewright reads version 1)"),
        Case(base(replacing: "\"version\": 1,", with: "\"version\": \"1\","), "version: \"1\" is a string; expected an integer"),
        Case("{\"version\": 1, \"name\": \"x\", \"project\": \"x\", \"infrastructure\": {\"kind\": \"cdk\"}}", "(top level): missing required key \"environments\""),
        Case(
            base(replacing: "\"account\": \"111111111111\"", with: "\"acount\": \"111111111111\""),
            "environments[0].acount: unknown key — did you mean \"account\"?",
            "environments[0]: missing required key \"account\""
        ),
        Case(base(adding: "\"tag\": {}"), "tag: unknown key — did you mean \"tags\"?"),
        Case(base(adding: "\"build\": {\"retentionDays\": \"30\"}"), "build.retentionDays: \"30\" is a string; expected an integer"),
        Case(base(adding: "\"build\": {\"retentionDays\": 30.5}"), "build.retentionDays: 30.5 is a number; expected an integer"),
        Case(
            base(replacing: "\"strategy\": \"changeSet\"", with: "\"strategy\": \"chageset\""),
            "environments[2].strategy: \"chageset\" is not one of direct, changeSet — did you mean \"changeSet\"?"
        ),
        Case(
            base(replacing: "\"kind\": \"cloudformation\"", with: "\"kind\": \"cloudfromation\""),
            "infrastructure.kind: \"cloudfromation\" is not one of cloudformation, cdk, sam, container-service — did you mean \"cloudformation\"?"
        ),
        Case(
            base(replacing: "\"template\": \"infrastructure/template.yaml\"", with: "\"directory\": \"infra\""),
            "infrastructure.directory: unknown key; expected one of kind, template, capabilities"
        ),
        Case(
            base(replacing: "\"account\": \"111111111111\"", with: "\"account\": null"),
            "environments[0].account: null is not allowed here; expected a string"
        ),
        Case(
            base(replacing: "\"role\": {\"variable\": \"AWS_ROLE_ARN_DEV\"}", with: "\"role\": \"AWS_ROLE_ARN_DEV\""),
            "environments[0].role: \"AWS_ROLE_ARN_DEV\" is a string; expected an object with one of \"secret\", \"variable\" or \"arn\""
        ),
        Case(
            base(replacing: "\"role\": {\"variable\": \"AWS_ROLE_ARN_DEV\"}", with: "\"role\": {\"variable\": \"A\", \"arn\": \"arn:aws:iam::111111111111:role/x\"}"),
            "environments[0].role: {…} has 2 keys; expected exactly one of \"secret\", \"variable\" or \"arn\""
        ),
        Case(
            base(replacing: "\"role\": {\"variable\": \"AWS_ROLE_ARN_DEV\"}", with: "\"role\": {\"secrte\": \"X\"}"),
            "environments[0].role.secrte: unknown key — did you mean \"secret\"?"
        ),
        Case(base(adding: "\"policy\": []"), "policy: [] is an array; expected an object"),
        Case(
            base(replacing: "\"strategy\": \"changeSet\"", with: "\"strategy\": {\"changeSet\": {\"reveiw\": false}}"),
            "environments[2].strategy.changeSet.reveiw: unknown key — did you mean \"review\"?"
        ),
        // Shape problems at several levels come out in document order.
        Case(
            base(adding: "\"build\": {\"retentionDays\": true, \"comands\": []}, \"manualDispatch\": \"yes\""),
            "build.retentionDays: true is a boolean; expected an integer",
            "build.comands: unknown key — did you mean \"commands\"?",
            "manualDispatch: \"yes\" is a string; expected true or false"
        ),

        // Pipeline rules.
        Case(base(replacing: "\"environments\": [", with: "\"environments\": [], \"unused\": ["), "unused: unknown key; expected one of $schema, version, name, project, region, additionalRegions, stackNaming, infrastructure, stacks, ciRole, pipelineAccount, oidcSubject, build, validation, environments, verify, pullRequestBranches, manualDispatch, drift, destroy, notify, tags, artifactEncryption, runtime, policy, pins"),
        Case("{\"version\": 1, \"name\": \"x\", \"project\": \"x\", \"infrastructure\": {\"kind\": \"cdk\"}, \"environments\": []}", "environments: [] is empty; expected at least one environment"),
        Case(
            base(replacing: "{\"variable\": \"AWS_ROLE_ARN_PROD\"}", with: "{\"variable\": \"AWS_ROLE_ARN_STAGING\"}"),
            "environments[2].role: {\"variable\": \"AWS_ROLE_ARN_STAGING\"} is also the role of environments[1] (\"staging\"), whose trust admits only GitHub environment \"staging\", so this environment's deploy would be refused; expected a role of its own — pipewright bootstrap creates one per environment"
        ),
        Case(
            base(replacing: "\"after\": \"staging\"", with: "\"after\": \"qa\""),
            "environments[2].after: \"qa\" is not an environment; expected one of dev, staging"
        ),
        Case(
            base(replacing: "\"after\": \"staging\"", with: "\"after\": \"stagign\""),
            "environments[2].after: \"stagign\" is not an environment; expected one of dev, staging — did you mean \"staging\"?"
        ),
        Case(
            base(replacing: "\"branch\": \"main\"}", with: "\"branch\": \"main\", \"after\": \"prod\"}"),
            "environments[1].after: \"prod\" is environments[2], which comes later; expected an earlier environment — environments deploy in the order they are listed"
        ),
        Case(
            base(replacing: "\"branch\": \"main\"}", with: "\"branch\": \"main\", \"after\": \"dev\"}"),
            "environments[1].after: \"dev\" deploys from branch \"develop\", this environment from \"main\"; expected an environment on the same branch — a push to one branch starts one workflow run, and a job can only wait for jobs in its own run"
        ),
        Case(
            base(replacing: "\"account\": \"111111111111\"", with: "\"account\": \"12345\""),
            "environments[0].account: \"12345\" is not an AWS account id; expected exactly 12 digits"
        ),
        Case(base(adding: "\"region\": \"us-east\""), "region: \"us-east\" is not an AWS region; expected a region such as us-east-1, eu-west-2, cn-north-1 or us-gov-west-1"),
        // The right shape, but no such region: a typo deploys nowhere.
        Case(
            base(adding: "\"region\": \"us-east-3\""),
            "region: \"us-east-3\" is not an AWS region this build of Pipewright knows — did you mean \"us-east-1\"?; expected a region AWS offers, such as us-east-1 or eu-west-2, or, for a region newer than this build, add it to \"additionalRegions\""
        ),
        Case(
            base(replacing: "\"account\": \"222222222222\"", with: "\"account\": \"222222222222\", \"region\": \"eu-west-4\""),
            "environments[1].region: \"eu-west-4\" is not an AWS region this build of Pipewright knows — did you mean \"eu-west-1\"?; expected a region AWS offers, such as us-east-1 or eu-west-2, or, for a region newer than this build, add it to \"additionalRegions\""
        ),
        Case(
            base(replacing: "\"role\": {\"variable\": \"AWS_ROLE_ARN_DEV\"}", with: "\"role\": {\"arn\": \"arn:aws:iam::1234:role/deploy\"}"),
            "environments[0].role.arn: \"arn:aws:iam::1234:role/deploy\" is not an IAM role ARN; expected arn:aws:iam::<12-digit account>:role/<name> (partition aws, aws-cn or aws-us-gov)"
        ),
        Case(
            base(replacing: "\"ciRole\": {\"variable\": \"AWS_CI_ROLE_ARN\"}", with: "\"ciRole\": {\"secret\": \"AWS_CI_ROLE_ARN\"}"),
            "ciRole: {\"secret\": \"AWS_CI_ROLE_ARN\"} is a secret; expected {\"variable\": NAME} or {\"arn\": ARN} — build and validate jobs are not bound to a GitHub environment, so a secret there would be exposed outside any environment's protection"
        ),
        Case(
            base(replacing: "\"role\": {\"variable\": \"AWS_ROLE_ARN_DEV\"}", with: "\"role\": {\"secret\": \"GITHUB_TOKEN\"}"),
            "environments[0].role.secret: \"GITHUB_TOKEN\" starts with GITHUB_; expected a name of your own — GitHub reserves the GITHUB_ prefix"
        ),
        Case(
            base(replacing: "\"role\": {\"variable\": \"AWS_ROLE_ARN_DEV\"}", with: "\"role\": {\"variable\": \"aws_role\"}"),
            "environments[0].role.variable: \"aws_role\" contains 'a'; expected uppercase letters, digits and '_', not starting with a digit"
        ),
        Case(
            base(replacing: "{\"name\": \"prod\"", with: "{\"name\": \"staging\""),
            "environments[2].name: \"staging\" is already the name of environments[1]; expected a unique name — environment names become job ids and stack names"
        ),
        Case(
            base(replacing: "{\"name\": \"dev\"", with: "{\"name\": \"Dev_1\""),
            "environments[0].name: \"Dev_1\" contains 'D'; expected 1-20 lowercase letters, digits or '-', starting with a letter — environment names become job ids and stack-name parts"
        ),
        Case(
            base(adding: "\"drift\": {\"schedule\": [\"61 6 * * *\"]}"),
            "drift.schedule[0]: \"61 6 * * *\" has an invalid minute field \"61\"; expected *, a number in 0-59, a range a-b, a step */n, or a comma list"
        ),
        Case(
            base(replacing: "\"prefix\": \"myapp\"", with: "\"prefix\": \"\(longPrefix)\""),
            "stackNaming.prefix: \"\(longPrefix)\" makes the stack name of environment \"staging\" 129 characters long with a 20-character suffix; expected at most 128 — shorten the prefix or the environment name"
        ),
        Case(
            base(replacing: "\"suffix\": \"main\"", with: "\"suffix\": \"Main\""),
            "stackNaming.suffix: \"Main\" contains 'M'; expected 1-20 lowercase letters, digits or '-', not starting with '-' — it ends every stack name"
        ),
        Case(
            base(replacing: "\"branch\": \"develop\"}", with: "\"branch\": \"develop\", \"parameters\": {\"Size\": \"a\\\"; rm -rf /\"}}"),
            "environments[0].parameters.Size: \"a\\\"; rm -rf /\" contains '\"'; expected letters, digits, spaces and _ . : / = + - @ , — pass secrets with {\"secret\": NAME}"
        ),
        Case(
            base(replacing: "\"branch\": \"develop\"}", with: "\"branch\": \"develop\", \"parameters\": {\"Size\": \"$(curl evil.example)\"}}"),
            "environments[0].parameters.Size: \"$(curl evil.example)\" contains '$'; expected letters, digits, spaces and _ . : / = + - @ , — pass secrets with {\"secret\": NAME}"
        ),
        Case(
            base(replacing: "\"name\": \"Infrastructure\"", with: "\"name\": \"Deploy ${{ github.token }}\""),
            "name: \"Deploy ${{ github.token }}\" contains '$'; expected 1-100 letters, digits, spaces and - _ . ( )"
        ),
        Case(
            base(replacing: "\"name\": \"Infrastructure\"", with: "\"name\": \"Infra\\nstructure\""),
            "name: \"Infra\\nstructure\" contains a line break; expected 1-100 letters, digits, spaces and - _ . ( )"
        ),
        Case(
            base(adding: "\"build\": {\"commands\": [\"echo ${{ github.token }}\"]}"),
            "build.commands[0]: \"echo ${{ github.token }}\" contains '${{'; expected plain shell — GitHub would expand the expression into the script before it runs; read values from environment variables instead"
        ),
        Case(
            base(adding: "\"validation\": {\"commands\": [\"make lint\\nrm -rf /\"]}"),
            "validation.commands[0]: \"make lint\\nrm -rf /\" contains a line break; expected one command on one line — put longer scripts in a file in the repository and run that"
        ),
        Case(
            base(adding: "\"verify\": [\"curl --fail ${{ vars.HEALTH_URL }}\"]"),
            "verify[0]: \"curl --fail ${{ vars.HEALTH_URL }}\" contains '${{'; expected plain shell — GitHub would expand the expression into the script before it runs; read values from environment variables instead"
        ),
        Case(
            base(replacing: "\"branch\": \"main\", \"after\"", with: "\"branch\": \"main\", \"verify\": [\"test -n \\\"$STACK_NAME\\\"\", \"make smoke\\nrm -rf /\"], \"after\""),
            "environments[2].verify[1]: \"make smoke\\nrm -rf /\" contains a line break; expected one command on one line — put longer scripts in a file in the repository and run that"
        ),
        Case(
            base(replacing: "\"branch\": \"develop\"}", with: "\"branch\": \"develop\", \"verify\": \"make smoke\"}"),
            "environments[0].verify: \"make smoke\" is a string; expected an array of strings"
        ),
        Case(
            base(adding: "\"verify\": [\"make smoke\"]").replacing("\"kind\": \"cloudformation\", \"template\": \"infrastructure/template.yaml\"}", with: "\"kind\": \"cdk\"}"),
            "verify: lists commands, but infrastructure.kind is \"cdk\", whose stacks the app names; expected verify only with infrastructure.kind cloudformation, sam or container-service — or remove verify"
        ),
        Case(
            base(replacing: "\"branch\": \"develop\"}", with: "\"branch\": \"develop\", \"verify\": [\"make smoke\"]}").replacing("\"kind\": \"cloudformation\", \"template\": \"infrastructure/template.yaml\"}", with: "\"kind\": \"cdk\"}"),
            "environments[0].verify: lists commands, but infrastructure.kind is \"cdk\", whose stacks the app names; expected verify only with infrastructure.kind cloudformation, sam or container-service — or remove verify"
        ),
        Case(
            base(adding: "\"tags\": {\"Owner\": \"`whoami`\"}"),
            "tags.Owner: \"`whoami`\" contains '`'; expected 0-256 letters, digits, spaces and _ . : / = + - @"
        ),
        Case(base(adding: "\"tags\": {\(tooManyTags)}"), "tags: 46 tags and the 5 built-in ones make 51; expected at most 50 per stack, AWS's limit"),
        Case(
            base(adding: "\"tags\": {\"aws:owner\": \"me\"}"),
            "tags[\"aws:owner\"]: key \"aws:owner\" starts with aws:; expected a key of your own — AWS reserves the aws: prefix"
        ),
        Case(
            base(adding: "\"tags\": {\"Project\": \"other\"}"),
            "tags.Project: key \"Project\" is a tag Pipewright sets on every stack; expected a key other than Environment, Project, ManagedBy, Repository, CommitSHA"
        ),
        Case(base(adding: "\"build\": {\"retentionDays\": 0}"), "build.retentionDays: 0 is out of range; expected 1-90 days — GitHub keeps artifacts at most 90 days"),
        Case(
            base(adding: "\"runtime\": {\"deployTimeoutMinutes\": 400}"),
            "runtime.deployTimeoutMinutes: 400 is out of range; expected 1-360 minutes — GitHub stops jobs after 6 hours"
        ),
        Case(
            base(replacing: "\"branch\": \"develop\"", with: "\"branch\": \"feature..x\""),
            "environments[0].branch: \"feature..x\" is not a valid git branch name; expected no '..' or '//' and no '/', '.' or '.lock' at the end"
        ),
        Case(
            base(replacing: "\"template\": \"infrastructure/template.yaml\"", with: "\"template\": \"../secrets/template.yaml\""),
            "infrastructure.template: \"../secrets/template.yaml\" starts with '.'; expected a relative path of letters, digits and _ . / -, starting with a letter, digit or '_'"
        ),
        Case(
            base(replacing: "\"template\": \"infrastructure/template.yaml\"", with: "\"template\": \"infra/../../etc/passwd\""),
            "infrastructure.template: \"infra/../../etc/passwd\" contains '..'; expected a path inside the repository"
        ),
        Case(
            base(adding: "\"artifactEncryption\": {\"kmsKey\": \"my-key\"}"),
            "artifactEncryption.kmsKey: \"my-key\" is not a KMS key alias or ARN; expected alias/<name> (letters, digits, / _ -) or arn:aws:kms:<region>:<account>:key/<id>"
        ),
        Case(
            base(adding: "\"validation\": {\"cfnLintVersion\": \"latest\"}"),
            "validation.cfnLintVersion: \"latest\" is not an exact version; expected three numbers such as 1.51.0 — versions are pinned, never ranges"
        ),
        Case(
            base(adding: "\"validation\": {\"cfnLintVersion\": \"1.50.0\"}"),
            "validation.cfnLintVersion: \"1.50.0\" has no hash lock in this Pipewright; expected one of 1.51.0 — cfn-lint installs only from a lock Pipewright ships"
        ),
        Case(
            base(
                replacing: "{\"kind\": \"cloudformation\", \"template\": \"infrastructure/template.yaml\"}",
                with: "{\"kind\": \"sam\", \"packageBucket\": \"SAM_BUCKET\", \"samCLIVersion\": \"1.140.0\"}"
            ),
            "infrastructure.samCLIVersion: \"1.140.0\" has no hash lock in this Pipewright; expected one of 1.142.1 — the SAM CLI installs only from a lock Pipewright ships"
        ),
        Case(
            base(adding: "\"runtime\": {\"hardenRunner\": {\"policy\": \"block\", \"allowedEndpoints\": [\"github.com\"]}}"),
            "runtime.hardenRunner.allowedEndpoints[0]: \"github.com\" is not a host:port endpoint; expected a host name and a port such as github.com:443 or *.amazonaws.com:443"
        ),
        Case(base(adding: "\"oidcSubject\": \"jobWorkflowRefs\""), "oidcSubject: \"jobWorkflowRefs\" is not one of default, jobWorkflowRef — did you mean \"jobWorkflowRef\"?"),
        Case(
            base(adding: "\"destroy\": {}").replacing("{\"name\": \"dev\"", with: "{\"name\": \"refused\""),
            "environments[0].name: \"refused\" is reserved when destroy is on: the job destroy-refused reports refused destroys; expected another name"
        ),
        Case(
            base(replacing: "\"branch\": \"develop\"}", with: "\"branch\": \"develop\", \"tags\": {\"Team\": \"a\"}}").replacing("\"environments\": [", with: "\"tags\": {\"Team\": \"b\"},\n  \"environments\": ["),
            "environments[0].tags.Team: key \"Team\" is already a pipeline tag; expected each tag key once per stack"
        ),
        // Several stacks.
        Case(
            base(replacing: "\"template\": \"infrastructure/template.yaml\"}", with: "\"capabilities\": []}"),
            "infrastructure.template: is missing; expected the template's path, or stacks listing each stack's template"
        ),
        Case(
            stacks("{\"name\": \"network\", \"template\": \"infra/network.yaml\"}, {\"name\": \"app\", \"template\": \"infra/app.yaml\", \"dependsOn\": [\"netwrk\"]}"),
            "stacks[1].dependsOn[0]: \"netwrk\" is not a stack — did you mean \"network\"?"
        ),
        Case(
            stacks("{\"name\": \"network\", \"template\": \"infra/network.yaml\", \"dependsOn\": [\"app\"]}, {\"name\": \"app\", \"template\": \"infra/app.yaml\", \"dependsOn\": [\"network\", \"app\"]}"),
            "stacks[1].dependsOn[1]: \"app\" is this stack itself; expected another stack",
            "stacks[0].dependsOn: makes a cycle among network, app; expected stacks that can deploy one after another — remove one of their dependsOn entries"
        ),
        Case(
            stacks("{\"name\": \"network\", \"template\": \"infra/network.yaml\"}, {\"name\": \"app\", \"template\": \"infra/app.yaml\", \"parameters\": {\"VpcId\": {\"output\": \"network.VpcId\"}, \"Subnet\": {\"output\": \"netwrk.SubnetId\"}}}"),
            "stacks[1].parameters.VpcId.output: \"network.VpcId\" is an output of \"network\", which \"app\" does not depend on; add \"network\" to its dependsOn, so it deploys first",
            "stacks[1].parameters.Subnet.output: \"netwrk.SubnetId\" names \"netwrk\", which is not a stack — did you mean \"network\"?"
        ),
        Case(
            stacks("{\"name\": \"network\", \"template\": \"infra/network.yaml\"}, {\"name\": \"app\", \"template\": \"infra/app.yaml\", \"parameters\": {\"VpcId\": {\"output\": \"network\"}}}"),
            "stacks[1].parameters.VpcId.output: \"network\" names no output; expected \"<stack>.<OutputKey>\", such as \"network.VpcId\""
        ),
        Case(
            stacks("{\"name\": \"network\", \"template\": \"infra/network.yaml\"}, {\"name\": \"network\", \"template\": \"infra/app.yaml\"}")
                .replacing("\"branch\": \"develop\"}", with: "\"branch\": \"develop\", \"parameters\": {\"Size\": \"1\", \"netwrk.Size\": \"2\", \"network.Size\": \"3\"}}"),
            "stacks[1].name: \"network\" is already the name of stacks[0]; expected a unique name — stack names become stack-name parts and step ids",
            "environments[0].parameters.Size: names no stack; expected \"<stack>.<Key>\" with a stack of network (each environment parameter goes to one stack)",
            "environments[0].parameters[\"netwrk.Size\"]: names \"netwrk\", which is not a stack; expected \"<stack>.<Key>\" with a stack of network (each environment parameter goes to one stack) — did you mean \"network\"?"
        ),
        Case(
            stacks("{\"name\": \"network\", \"template\": \"infra/network.yaml\"}").replacing("\"kind\": \"cloudformation\"}", with: "\"kind\": \"cloudformation\", \"template\": \"t.yaml\"}"),
            "infrastructure.template: \"t.yaml\" is set, but stacks name their own templates; remove infrastructure.template"
        ),
        Case(
            stacks("{\"name\": \"network\", \"template\": \"infra/network.yaml\"}").replacing("\"kind\": \"cloudformation\"}", with: "\"kind\": \"cdk\"}"),
            "stacks: lists stacks, but infrastructure.kind is \"cdk\"; expected infrastructure.kind \"cloudformation\", the only kind that deploys several stacks for now (a CDK app's stacks come from the app) — or remove stacks"
        ),
        // Rule problems are all reported, in the documented key order.
        Case(
            base(replacing: "\"account\": \"222222222222\"", with: "\"account\": \"2222\", \"region\": \"mars-1\""),
            "environments[1].account: \"2222\" is not an AWS account id; expected exactly 12 digits",
            "environments[1].region: \"mars-1\" is not an AWS region; expected a region such as us-east-1, eu-west-2, cn-north-1 or us-gov-west-1"
        ),
    ]
}
