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

    /// Reviewed strategy, first job: CDK prepares one change set per stack; each is published with its ARN and
    /// content hash (`describeChangeSet`), and their changes are summarized.
    static let cdkPlan: String = {
        strictMode + cdkStackDiscovery + cdkTagArguments + describeChangeSet + printChanges + #"""
        change_set_name="pw-${GITHUB_RUN_ID}-${GITHUB_RUN_ATTEMPT}"
        (cd "$APP_DIR" && npx --no-install cdk deploy --app "$assembly" --all \
          --require-approval never \
          --method=prepare-change-set \
          --change-set-name "$change_set_name" \
          "${tag_args[@]}")
        mkdir -p change-set
        summary=change-set/change-set.md
        description="${RUNNER_TEMP}/change-set.json"
        change_sets="[]"
        {
          echo "## Change sets for ${ENVIRONMENT_NAME}"
          for stack in "${stacks[@]}"; do
            echo
            echo "### ${stack}"
            if ! arn="$(aws cloudformation describe-change-set --stack-name "$stack" --change-set-name "$change_set_name" \
              --query ChangeSetId --output text 2> /dev/null)"; then
              echo "No changes."
              continue
            fi
            describe_change_set "$arn" "$description"
            sha256="$(sha256sum "$description" | cut -d ' ' -f 1)"
            change_sets="$(jq -c --arg arn "$arn" --arg sha256 "$sha256" '. + [{arn: $arn, sha256: $sha256}]' <<< "$change_sets")"
            echo "Change set: ${arn}"
            echo
            echo "Content sha256: \`${sha256}\`"
            echo
            print_changes "$description"
          done
        } > "$summary"
        cat "$summary" >> "$GITHUB_STEP_SUMMARY"
        {
          echo "has-changes=$([ "$change_sets" != "[]" ] && echo true || echo false)"
          echo "change-sets=${change_sets}"
        } >> "$GITHUB_OUTPUT"

        """#
    }()

    /// Reviewed strategy, second job: executes exactly the reviewed change sets, by ARN, in the plan's order,
    /// after every one of them still matches its reviewed content.
    static let cdkExecute: String = {
        strictMode + waitForStack + describeChangeSet + checkChangeSetARN + verifyReviewedChangeSet + #"""
        mapfile -t arns < <(jq -r '.[].arn' <<< "$CHANGE_SETS")
        mapfile -t hashes < <(jq -r '.[].sha256' <<< "$CHANGE_SETS")
        if [ "${#arns[@]}" -eq 0 ]; then
          echo "::error::The plan job's change-sets output is empty: GitHub drops a job output that holds a masked value."
          exit 1
        fi
        stacks=()
        for index in "${!arns[@]}"; do
          check_change_set_arn "${arns[$index]}"
          verify_change_set "${arns[$index]}" "${hashes[$index]}"
          stacks+=("$change_set_stack")
        done
        for index in "${!arns[@]}"; do
          STACK_NAME="${stacks[$index]}"
          before="$(aws cloudformation describe-stacks --stack-name "$STACK_NAME" --query 'Stacks[0].StackStatus' --output text)"
          aws cloudformation execute-change-set --change-set-name "${arns[$index]}"
          if [ "$before" = REVIEW_IN_PROGRESS ]; then wait_for_stack stack-create-complete; else wait_for_stack stack-update-complete; fi
        done
        echo "status=deployed" >> "$GITHUB_OUTPUT"

        """#
    }()
}
