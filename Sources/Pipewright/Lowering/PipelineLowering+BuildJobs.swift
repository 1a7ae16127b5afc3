/// The build and validate jobs.
extension PipelineLowering {
    /// Packages the infrastructure with its metadata and checksums, encrypts it when asked, and uploads it.
    func buildJob() -> Job {
        // Synth runs the app, and so its dependencies' code, anyway; a dependency that needs its install
        // script to build (native modules, bundlers) keeps working here.
        var steps = hardenRunnerSteps + [checkoutStep] + toolchainSteps(installScripts: true) + buildCommandSteps
        let encryption = pipeline.artifactEncryption
        let assumesRole = (buildNeedsAWS || encryption != nil) && pipeline.ciRole != nil
        if assumesRole, let ciRole = pipeline.ciRole {
            // The image reference the deploy jobs receive names the registry, and so the account.
            steps += credentialSteps(role: ciRole, region: pipeline.region, sessionName: ciSessionName, publishesAccountID: pipeline.publishesImage)
        }
        steps += packageSteps()
        if let encryption {
            steps.append(.run("Encrypt the artifact (KMS envelope)", id: "encrypt", env: [
                "KMS_KEY_ID": .text(WorkflowText(encryption.kmsKey)),
                "ARTIFACT_PREFIX": .text(WorkflowText(pipeline.fileSlug)),
            ], WorkflowText(Scripts.encryptBundle)))
        }
        let outputStep = encryption != nil ? "encrypt" : "package"
        steps.append(.uses("Upload the artifact", pins.reference("actions/upload-artifact"), with: [
            "name": .expression(.steps(outputStep, output: "artifact-name")),
            "path": .text(WorkflowText(encryption != nil ? "artifact/encrypted/" : "artifact/bundle/")),
            "retention-days": .int(pipeline.build.retentionDays),
            "if-no-files-found": "error",
        ]))
        var outputs: Mapping<WorkflowText> = [
            "artifact-name": WorkflowText(.steps(outputStep, output: "artifact-name")),
            "manifest-sha256": WorkflowText(.steps(outputStep, output: "manifest-sha256")),
        ]
        if pipeline.publishesImage {
            outputs["image-uri"] = WorkflowText(.steps("image", output: "image-uri"))
        }
        return Job(
            id: "build",
            name: "Build and package",
            condition: buildCondition,
            runsOn: pipeline.runtime.runner.runsOn,
            permissions: permissions(checkout: true, assume: assumesRole ? Reason.assumeCIRole : nil),
            outputs: outputs,
            timeoutMinutes: pipeline.runtime.jobTimeoutMinutes,
            steps: steps
        )
    }

    /// The pipeline's build commands, one step each.
    var buildCommandSteps: [Step] {
        pipeline.build.commands.enumerated().map { index, command in
            .run("Build command \(index + 1)", WorkflowText(Scripts.command(command)))
        }
    }

    /// Whether packaging itself calls AWS: SAM uploads code to S3, a container service pushes to ECR.
    var buildNeedsAWS: Bool {
        switch pipeline.infrastructure {
        case .sam, .containerService: true
        case .cloudFormation, .cdk: false
        }
    }

    /// A session name for the CI role: the run id and attempt.
    var ciSessionName: WorkflowText { "pw-ci-\(.github("run_id"))-\(.github("run_attempt"))" }

    /// Node.js and the app's locked dependencies, for a CDK app; nothing for the other kinds.
    /// `installScripts: false` installs with `--ignore-scripts`, for jobs that later hold deploy credentials.
    func toolchainSteps(installScripts: Bool) -> [Step] {
        guard case .cdk(let app) = pipeline.infrastructure else { return [] }
        let install = "npm ci --no-audit --no-fund" + (installScripts ? "" : " --ignore-scripts")
        return [
            .uses("Set up Node.js \(app.nodeVersion)", pins.reference("actions/setup-node"), with: [
                "node-version": .text(WorkflowText(app.nodeVersion)),
                "package-manager-cache": false,
            ]),
            .run("Install the app's locked dependencies", workingDirectory: app.directory, WorkflowText(Scripts.command(install))),
        ]
    }

    /// The steps that fill `artifact/bundle` and publish its manifest digest as `package` outputs.
    func packageSteps() -> [Step] {
        let prefix: WorkflowValue = .text(WorkflowText(pipeline.fileSlug))
        let templateFile: WorkflowValue = .text(WorkflowText(bundledTemplate))
        switch pipeline.infrastructure {
        case .cloudFormation where !pipeline.stacks.isEmpty:
            return [stacksPackageStep()]
        case .cloudFormation(let template):
            return [.run("Package the template", id: "package", env: [
                "TEMPLATE_PATH": .text(WorkflowText(template.path)),
                "TEMPLATE_FILE": templateFile,
                "ARTIFACT_PREFIX": prefix,
            ], WorkflowText(Scripts.packageTemplate))]
        case .containerService(let service):
            return [
                .run("Build, push and scan the image", id: "image", env: [
                    "REPOSITORY": .text(WorkflowText(service.repository)),
                    "DOCKERFILE": .text(WorkflowText(service.dockerfile)),
                    "BUILD_CONTEXT": .text(WorkflowText(service.context)),
                ], WorkflowText(Scripts.buildAndScanImage)),
                .run("Package the service template", id: "package", env: [
                    "TEMPLATE_PATH": .text(WorkflowText(service.template.path)),
                    "TEMPLATE_FILE": templateFile,
                    "ARTIFACT_PREFIX": prefix,
                ], WorkflowText(Scripts.packageTemplate)),
            ]
        case .sam(let app):
            guard let lock = ToolLocks.samCLI[app.samCLIVersion] else {
                // Reached only by lowering an unchecked pipeline: the check rejects a version without a lock.
                return [.run("Build and package the SAM application", id: "package", env: [
                    "SAM_CLI_VERSION": .text(WorkflowText(app.samCLIVersion)),
                ], WorkflowText(Scripts.refuseUnlockedSAMCLI))]
            }
            return [.run("Build and package the SAM application with SAM CLI \(app.samCLIVersion)", id: "package", env: [
                "SAM_TEMPLATE": .text(WorkflowText(app.template)),
                "PACKAGE_BUCKET": .text(WorkflowText(app.packageBucket)),
                "TEMPLATE_FILE": templateFile,
                "ARTIFACT_PREFIX": prefix,
            ], WorkflowText(Scripts.samPackage(lock: lock)))]
        case .cdk(let app):
            return [
                synthStep(app),
                .run("Package the cloud assemblies", id: "package", env: [
                    "APP_DIR": .text(WorkflowText(app.directory)),
                    "ARTIFACT_PREFIX": prefix,
                ], WorkflowText(Scripts.packageCloudAssembly)),
            ]
        }
    }

    /// Synthesizes one cloud assembly per environment; needs no AWS credentials.
    func synthStep(_ app: CDKApp) -> Step {
        .run("Synthesize the cloud assemblies", env: [
            "ENVIRONMENTS": .text(WorkflowText(pipeline.environments.map(\.name).joined(separator: " "))),
            "STACK_PREFIX": .text(WorkflowText(pipeline.stackNaming.prefix)),
            "STACK_SUFFIX": suffixValue,
        ], workingDirectory: app.directory, WorkflowText(Scripts.cdkSynth(strict: app.cdkNag)))
    }

    /// Checks the artifact before any deploy: checksums, CloudFormation's own validation, cfn-lint, custom commands.
    func validateJob() -> Job {
        var validation = pipeline.validation
        if case .cdk = pipeline.infrastructure {
            // The assemblies hold a template per stack and environment: cfn-lint reads them all (below);
            // CloudFormation's own validation would need one call per template.
            validation.validateTemplate = false
        }
        let needsRole = validation.validateTemplate || pipeline.artifactEncryption != nil
        let needsCheckout = !validation.commands.isEmpty
        var credentials: [Step] = []
        if needsRole, let ciRole = pipeline.ciRole {
            credentials = credentialSteps(role: ciRole, region: pipeline.region, sessionName: ciSessionName)
        }
        var steps = hardenRunnerSteps
        if needsCheckout { steps.append(checkoutStep) }
        steps += artifactSteps(credentials: credentials)
        let templateFile: WorkflowValue = .text(WorkflowText("artifact/bundle/" + bundledTemplate))
        if !pipeline.stacks.isEmpty {
            steps += stacksValidationSteps(validation)
        } else if validation.validateTemplate {
            steps.append(.run("Validate the template with CloudFormation", env: ["TEMPLATE_FILE": templateFile], WorkflowText(Scripts.validateTemplate)))
        }
        if pipeline.infrastructure.isCDK {
            steps += cfnLintSteps(version: validation.cfnLintVersion, synthesizedIn: "artifact/bundle/cdk.out")
        } else if pipeline.stacks.isEmpty {
            steps += cfnLintSteps(version: validation.cfnLintVersion, templateFile: templateFile)
        }
        steps += validationCommandSteps
        steps.append(deleteBundleStep)
        return Job(
            id: "validate",
            name: "Validate",
            needs: ["build"],
            condition: buildCondition,
            runsOn: pipeline.runtime.runner.runsOn,
            permissions: permissions(checkout: needsCheckout, assume: needsRole && pipeline.ciRole != nil ? Reason.assumeCIRole : nil),
            timeoutMinutes: pipeline.runtime.jobTimeoutMinutes,
            steps: steps
        )
    }
}

extension PipelineLowering {
    /// cfn-lint from its hash lock over one template, when a version is set.
    func cfnLintSteps(version: String?, templateFile: WorkflowValue) -> [Step] {
        guard let version, let lock = ToolLocks.cfnLint[version] else { return [] }
        return [.run("Lint the template with cfn-lint \(version)", env: ["TEMPLATE_FILE": templateFile], WorkflowText(Scripts.cfnLint(lock: lock)))]
    }

    /// cfn-lint over every template CDK synthesized into a folder (`<folder>/<environment>/*.template.json`).
    /// Only errors fail: warnings about templates the app's constructs write are printed, not the user's to fix.
    func cfnLintSteps(version: String?, synthesizedIn folder: String) -> [Step] {
        guard let version, let lock = ToolLocks.cfnLint[version] else { return [] }
        return [.run("Lint the synthesized templates with cfn-lint \(version)", env: [
            "TEMPLATE_FILE": .text(WorkflowText(folder + "/*/*.template.json")),
            "CFN_LINT_FAIL_ON": "error",
        ], WorkflowText(Scripts.cfnLint(lock: lock)))]
    }

    /// The pipeline's validation commands, one step each.
    var validationCommandSteps: [Step] {
        pipeline.validation.commands.enumerated().map { index, command in
            .run("Validation command \(index + 1)", WorkflowText(Scripts.command(command)))
        }
    }
}

extension Pipeline {
    /// Whether the build job publishes a container image reference for the deploy jobs.
    var publishesImage: Bool {
        if case .containerService = infrastructure { true } else { false }
    }
}
