/// Packaging scripts of SAM applications and container services.
extension Scripts {
    /// Builds and packages a SAM application with a pinned SAM CLI; code goes to S3, the packaged template into the bundle.
    static let samPackage: String = {
        strictMode + #"""
        python3 -m venv "${RUNNER_TEMP}/sam"
        "${RUNNER_TEMP}/sam/bin/pip" install --disable-pip-version-check --quiet "aws-sam-cli==${SAM_CLI_VERSION}"
        "${RUNNER_TEMP}/sam/bin/sam" build --template-file "$SAM_TEMPLATE"
        rm -rf artifact
        mkdir -p artifact/bundle
        "${RUNNER_TEMP}/sam/bin/sam" package \
          --s3-bucket "$PACKAGE_BUCKET" \
          --s3-prefix "${ARTIFACT_PREFIX}/${GITHUB_SHA}" \
          --output-template-file "artifact/bundle/${TEMPLATE_FILE}"
        """# + "\n" + writeMetadataAndChecksums
    }()

    /// Builds the image, pushes it to ECR under an immutable `sha-<commit>` tag, waits for ECR's scan and
    /// fails on any critical finding; publishes the image by digest. A re-run reuses the pushed image.
    static let buildAndScanImage: String = {
        strictMode + #"""
        account="$(aws sts get-caller-identity --query Account --output text)"
        registry="${account}.dkr.ecr.${AWS_REGION}.amazonaws.com"
        tag="sha-${GITHUB_SHA}"
        if ! digest="$(aws ecr describe-images --repository-name "$REPOSITORY" --image-ids "imageTag=${tag}" \
          --query 'imageDetails[0].imageDigest' --output text 2> /dev/null)"; then
          aws ecr get-login-password | docker login --username AWS --password-stdin "$registry"
          docker build --file "$DOCKERFILE" --tag "${registry}/${REPOSITORY}:${tag}" \
            --label "org.opencontainers.image.revision=${GITHUB_SHA}" "$BUILD_CONTEXT"
          docker push "${registry}/${REPOSITORY}:${tag}"
          digest="$(aws ecr describe-images --repository-name "$REPOSITORY" --image-ids "imageTag=${tag}" \
            --query 'imageDetails[0].imageDigest' --output text)"
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
