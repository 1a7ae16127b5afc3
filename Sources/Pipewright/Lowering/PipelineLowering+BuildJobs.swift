/// The build and validate jobs.
extension PipelineLowering {
    /// Packages the infrastructure with its metadata and checksums, encrypts it when asked, and uploads it.
    func buildJob() -> Job {
        var steps = hardenRunnerSteps + [checkoutStep]
        steps += pipeline.build.commands.enumerated().map { index, command in
            .run("Build command \(index + 1)", WorkflowText(Scripts.command(command)))
        }
        steps += packageSteps()
        let encrypted = pipeline.artifactEncryption != nil
        if let encryption = pipeline.artifactEncryption, let ciRole = pipeline.ciRole {
            steps += credentialSteps(role: ciRole, region: pipeline.region, sessionName: ciSessionName)
            steps.append(.run("Encrypt the artifact (KMS envelope)", id: "encrypt", env: [
                "KMS_KEY_ID": .text(WorkflowText(encryption.kmsKey)),
                "ARTIFACT_PREFIX": .text(WorkflowText(pipeline.fileSlug)),
            ], WorkflowText(Scripts.encryptBundle())))
        }
        let outputStep = encrypted ? "encrypt" : "package"
        steps.append(.uses("Upload the artifact", pins.reference("actions/upload-artifact"), with: [
            "name": .expression(.steps(outputStep, output: "artifact-name")),
            "path": .text(WorkflowText(encrypted ? "artifact/encrypted/" : "artifact/bundle/")),
            "retention-days": .int(pipeline.build.retentionDays),
            "if-no-files-found": "error",
        ]))
        return Job(
            id: "build",
            name: "Build and package",
            condition: buildCondition,
            runsOn: .label(pipeline.runtime.runner),
            permissions: permissions(checkout: true, assume: encrypted ? Reason.assumeCIRole : nil),
            outputs: [
                "artifact-name": WorkflowText(.steps(outputStep, output: "artifact-name")),
                "manifest-sha256": WorkflowText(.steps(outputStep, output: "manifest-sha256")),
            ],
            timeoutMinutes: pipeline.runtime.jobTimeoutMinutes,
            steps: steps
        )
    }

    /// A session name for the CI role: the repository and the run id, as the deploy jobs form theirs.
    var ciSessionName: WorkflowText { "pw-ci-\(.github("run_id"))-\(.github("run_attempt"))" }

    /// The steps that fill `artifact/bundle` and publish its manifest digest as `package` outputs.
    func packageSteps() -> [Step] {
        switch pipeline.infrastructure {
        case .cloudFormation(let template):
            return [.run("Package the template", id: "package", env: [
                "TEMPLATE_PATH": .text(WorkflowText(template.path)),
                "TEMPLATE_FILE": .text(WorkflowText(bundledTemplate)),
                "ARTIFACT_PREFIX": .text(WorkflowText(pipeline.fileSlug)),
            ], WorkflowText(Scripts.packageTemplate()))]
        case .containerService(let service):
            return [.run("Package the service template", id: "package", env: [
                "TEMPLATE_PATH": .text(WorkflowText(service.template.path)),
                "TEMPLATE_FILE": .text(WorkflowText(bundledTemplate)),
                "ARTIFACT_PREFIX": .text(WorkflowText(pipeline.fileSlug)),
            ], WorkflowText(Scripts.packageTemplate()))]
        case .cdk, .sam:
            preconditionFailure("\(pipeline.infrastructure.kind) packaging is lowered by its own extension")
        }
    }

    /// Checks the artifact before any deploy: checksums, CloudFormation's own validation, cfn-lint, custom commands.
    func validateJob() -> Job {
        let validation = pipeline.validation
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
        if validation.validateTemplate {
            steps.append(.run("Validate the template with CloudFormation", env: ["TEMPLATE_FILE": templateFile], WorkflowText(Scripts.validateTemplate())))
        }
        if let version = validation.cfnLintVersion {
            steps.append(.run("Lint the template with cfn-lint \(version)", env: [
                "TEMPLATE_FILE": templateFile,
                "CFN_LINT_VERSION": .text(WorkflowText(version)),
            ], WorkflowText(Scripts.cfnLint())))
        }
        steps += validation.commands.enumerated().map { index, command in
            .run("Validation command \(index + 1)", WorkflowText(Scripts.command(command)))
        }
        steps.append(.run("Delete the plaintext artifact", if: .always(), WorkflowText(Scripts.deleteBundle())))
        return Job(
            id: "validate",
            name: "Validate",
            needs: ["build"],
            condition: buildCondition,
            runsOn: .label(pipeline.runtime.runner),
            permissions: permissions(checkout: needsCheckout, assume: needsRole && pipeline.ciRole != nil ? Reason.assumeCIRole : nil),
            timeoutMinutes: pipeline.runtime.jobTimeoutMinutes,
            steps: steps
        )
    }
}
