/// Packaging scripts of SAM applications and container services.
extension Scripts {
    /// Builds and packages a SAM application with the SAM CLI installed from its hash lock (``ToolLocks``) into
    /// a fresh virtual environment: the job holds the CI role, so no package of the closure is resolved afresh.
    /// Code goes to S3, the packaged template into the bundle.
    static func samPackage(lock: String) -> String {
        strictMode + lockedInstall(lock, file: "sam-cli-requirements.txt", venv: "sam") + #"""
        "${RUNNER_TEMP}/sam/bin/sam" --version
        "${RUNNER_TEMP}/sam/bin/sam" build --template-file "$SAM_TEMPLATE"
        rm -rf artifact
        mkdir -p artifact/bundle
        "${RUNNER_TEMP}/sam/bin/sam" package \
          --s3-bucket "$PACKAGE_BUCKET" \
          --s3-prefix "${ARTIFACT_PREFIX}/${GITHUB_SHA}" \
          --output-template-file "artifact/bundle/${TEMPLATE_FILE}"
        """# + "\n" + writeMetadataAndChecksums
    }

    /// Fails the SAM packaging step of a pipeline lowered unchecked with a SAM CLI version Pipewright ships no
    /// lock for: installing it unlocked where the CI role's credentials are is what the lock prevents.
    static let refuseUnlockedSAMCLI: String = {
        strictMode + #"""
        echo "::error::SAM CLI ${SAM_CLI_VERSION} has no hash lock in this Pipewright; use a version it ships a lock for."
        exit 1

        """#
    }()

    /// Builds the image and pushes it to ECR under a tag of this run and attempt, never reused: an immutable
    /// repository refuses a second push to it, so no earlier image can stand in for this build. The digest
    /// comes from this push's own output, not from a tag lookup. Waits for ECR's scan and fails on any
    /// critical finding; publishes the image by digest.
    static let buildAndScanImage: String = {
        strictMode + #"""
        account="$(aws sts get-caller-identity --query Account --output text)"
        registry="${account}.dkr.ecr.${AWS_REGION}.amazonaws.com"
        tag="run-${GITHUB_RUN_ID}-${GITHUB_RUN_ATTEMPT}"
        aws ecr get-login-password | docker login --username AWS --password-stdin "$registry"
        docker build --file "$DOCKERFILE" --tag "${registry}/${REPOSITORY}:${tag}" \
          --label "org.opencontainers.image.revision=${GITHUB_SHA}" "$BUILD_CONTEXT"
        docker push "${registry}/${REPOSITORY}:${tag}" | tee "${RUNNER_TEMP}/push.log"
        digest="$(sed -n 's/.*digest: \(sha256:[0-9a-f]\{64\}\).*/\1/p' "${RUNNER_TEMP}/push.log" | tail -n 1)"
        if [ -z "$digest" ]; then
          echo "::error::docker push reported no digest for ${REPOSITORY}:${tag}; refusing to publish an image reference."
          exit 1
        fi
        aws ecr wait image-scan-complete --repository-name "$REPOSITORY" --image-id "imageDigest=${digest}"
        critical="$(aws ecr describe-image-scan-findings --repository-name "$REPOSITORY" --image-id "imageDigest=${digest}" \
          --query 'imageScanFindings.findingSeverityCounts.CRITICAL' --output text)"
        if [ "$critical" != None ] && [ "$critical" -gt 0 ]; then
          echo "::error::The image has ${critical} critical vulnerabilities; fix them before it can deploy."
          exit 1
        fi
        echo "image-uri=${registry}/${REPOSITORY}@${digest}" >> "$GITHUB_OUTPUT"
        echo "Image ${registry}/${REPOSITORY}@${digest} passed the scan."

        """#
    }()
}
