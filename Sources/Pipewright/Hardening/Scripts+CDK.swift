/// Scripts for CDK apps: synthesized once per environment in the build job; the cloud assembly is the
/// artifact, and deploys run from it without synthesizing again.
extension Scripts {
    /// Synthesizes one cloud assembly per environment; `--strict` turns cdk-nag warnings into failures too.
    static func cdkSynth(strict: Bool) -> String {
        strictMode + checkSuffix + #"""
        for environment in $ENVIRONMENTS; do
          stack_name="${STACK_PREFIX}-${environment}${suffix:+-$suffix}"
          echo "Synthesizing ${environment} (${stack_name})"
          npx --no-install cdk synth \#(strict ? "--strict " : "")--quiet \
            --context "environment=${environment}" \
            --context "stackName=${stack_name}" \
            --output "cdk.out/${environment}"
        done

        """#
    }

    /// Copies the cloud assemblies into the bundle, with metadata and checksums.
    static let packageCloudAssembly: String = {
        strictMode + #"""
        rm -rf artifact
        mkdir -p artifact/bundle
        cp -R -- "${APP_DIR}/cdk.out" artifact/bundle/cdk.out
        """# + "\n" + writeMetadataAndChecksums
    }()

    /// The stacks of an environment's cloud assembly, read from its manifest: no stack name is hard-coded.
    static let cdkStackDiscovery = #"""
    assembly="${GITHUB_WORKSPACE}/artifact/bundle/cdk.out/${ENVIRONMENT_NAME}"
    mapfile -t stacks < <(jq -r '.artifacts | to_entries[] | select(.value.type == "aws:cloudformation:stack") | .value.properties.stackName // .key' "${assembly}/manifest.json")
    if [ "${#stacks[@]}" -eq 0 ]; then
      echo "::error::The cloud assembly for ${ENVIRONMENT_NAME} has no stacks."
      exit 1
    fi

    """#

    /// The stack tags as `--tags=Key=Value` arguments.
    static let cdkTagArguments = #"""
    mapfile -t tag_args < <(jq -r '.[] | "--tags=\(.Key)=\(.Value)"' <<< "$STACK_TAGS")

    """#

    /// Direct strategy: CDK creates and executes a change set per stack.
    static let cdkDeploy: String = {
        strictMode + cdkStackDiscovery + cdkTagArguments + #"""
        mkdir -p "${GITHUB_WORKSPACE}/stack-outputs"
        cd "$APP_DIR"
        npx --no-install cdk deploy --app "$assembly" --all \
          --require-approval never \
          --method=change-set \
          "${tag_args[@]}" \
          --outputs-file "${GITHUB_WORKSPACE}/stack-outputs/${ENVIRONMENT_NAME}.json"
        echo "status=deployed" >> "$GITHUB_OUTPUT"

        """#
    }()

    /// After a failed deploy: reports each stack's state and continues a rollback stuck in UPDATE_ROLLBACK_FAILED.
    static let cdkReportRollback: String = {
        strictMode + cdkStackDiscovery + #"""
        for stack in "${stacks[@]}"; do
          status="$(aws cloudformation describe-stacks --stack-name "$stack" --query 'Stacks[0].StackStatus' --output text 2> /dev/null || echo NONE)"
          echo "::error::Stack ${stack} is ${status}."
          if [ "$status" = UPDATE_ROLLBACK_FAILED ]; then
            aws cloudformation continue-update-rollback --stack-name "$stack"
            aws cloudformation wait stack-rollback-complete --stack-name "$stack" || true
          fi
        done

        """#
    }()

    /// Reviewed strategy, first job: CDK prepares one change set per stack; their changes are summarized.
    static let cdkPlan: String = {
        strictMode + cdkStackDiscovery + cdkTagArguments + #"""
        change_set_name="pw-${GITHUB_RUN_ID}-${GITHUB_RUN_ATTEMPT}"
        (cd "$APP_DIR" && npx --no-install cdk deploy --app "$assembly" --all \
          --require-approval never \
          --method=prepare-change-set \
          --change-set-name "$change_set_name" \
          "${tag_args[@]}")
        mkdir -p change-set
        summary=change-set/change-set.md
        planned=()
        fingerprint=""
        {
          echo "## Change sets for ${ENVIRONMENT_NAME}"
          for stack in "${stacks[@]}"; do
            echo
            echo "### ${stack}"
            if ! aws cloudformation describe-change-set --stack-name "$stack" --change-set-name "$change_set_name" --output json > "${RUNNER_TEMP}/change-set.json" 2> /dev/null; then
              echo "No changes."
              continue
            fi
            planned+=("$stack")
            echo "| Action | Logical ID | Type | Replacement |"
            echo "| --- | --- | --- | --- |"
            jq -r '.Changes[] | .ResourceChange | "| \(.Action) | \(.LogicalResourceId) | \(.ResourceType) | \(.Replacement // "N/A") |"' "${RUNNER_TEMP}/change-set.json"
            fingerprint+="$(aws cloudformation describe-stacks --stack-name "$stack" --query 'Stacks[0].[StackStatus,LastUpdatedTime,CreationTime]' --output text)"
          done
        } > "$summary"
        cat "$summary" >> "$GITHUB_STEP_SUMMARY"
        {
          echo "has-changes=$([ "${#planned[@]}" -gt 0 ] && echo true || echo false)"
          echo "change-set-name=${change_set_name}"
          echo "stacks=${planned[*]}"
          echo "stack-fingerprint=$(printf '%s' "$fingerprint" | sha256sum | cut -d ' ' -f 1)"
        } >> "$GITHUB_OUTPUT"

        """#
    }()

    /// Reviewed strategy, second job: executes exactly the reviewed change sets, if no stack changed since.
    static let cdkExecute: String = {
        strictMode + waitForStack + #"""
        if ! [[ "$CHANGE_SET_NAME" =~ ^pw-[0-9]+-[0-9]+$ ]]; then
          echo "::error::'${CHANGE_SET_NAME}' is not a change set name this pipeline created."
          exit 1
        fi
        read -r -a stacks <<< "$STACKS"
        fingerprint=""
        for stack in "${stacks[@]}"; do
          read -r status execution_status <<< "$(aws cloudformation describe-change-set --stack-name "$stack" \
            --change-set-name "$CHANGE_SET_NAME" --query '[Status,ExecutionStatus]' --output text)"
          if [ "$status" != CREATE_COMPLETE ] || [ "$execution_status" != AVAILABLE ]; then
            echo "::error::Change set of ${stack} is ${status}/${execution_status}: the stack changed since review. Run the pipeline again."
            exit 1
          fi
          fingerprint+="$(aws cloudformation describe-stacks --stack-name "$stack" --query 'Stacks[0].[StackStatus,LastUpdatedTime,CreationTime]' --output text)"
        done
        if [ "$(printf '%s' "$fingerprint" | sha256sum | cut -d ' ' -f 1)" != "$EXPECTED_STACK_FINGERPRINT" ]; then
          echo "::error::A stack changed after the change sets were reviewed; refusing to execute them. Run the pipeline again."
          exit 1
        fi
        for stack in "${stacks[@]}"; do
          STACK_NAME="$stack"
          before="$(aws cloudformation describe-stacks --stack-name "$stack" --query 'Stacks[0].StackStatus' --output text)"
          aws cloudformation execute-change-set --stack-name "$stack" --change-set-name "$CHANGE_SET_NAME"
          if [ "$before" = REVIEW_IN_PROGRESS ]; then wait_for_stack stack-create-complete; else wait_for_stack stack-update-complete; fi
        done
        echo "status=deployed" >> "$GITHUB_OUTPUT"

        """#
    }()
}
