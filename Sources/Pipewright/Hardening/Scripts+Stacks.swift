/// Scripts for a pipeline of several CloudFormation stacks: one step per stack, in deploy order, each with the
/// stack's own name, template, parameters and capabilities, and the outputs of the stacks it reads.
extension Scripts {
    /// Copies every stack's template into the bundle (`STACK_TEMPLATES`: one `<source> <file in bundle>` per
    /// line), then writes the metadata and checksums.
    static let packageStackTemplates: String = {
        strictMode + #"""
        rm -rf artifact
        mkdir -p artifact/bundle/stacks
        while read -r source file; do
          [ -n "$source" ] || continue
          cp -- "$source" "artifact/bundle/${file}"
        done <<< "$STACK_TEMPLATES"
        """# + "\n" + writeMetadataAndChecksums
    }()

    /// Reads the parameters that come from other stacks' outputs: `OUTPUT_PARAMETER_<key>` holds
    /// `<stack name> <output key>`. Sets `PARAMETER_<key>` and adds the key to `PARAMETER_KEYS`, for
    /// `assembleParameters`; `output_inputs` is the values read, in one canonical JSON form, whose SHA-256 the plan
    /// publishes and the execute compares. Returns 1, with `missing_output` set, when an output is absent.
    static let readOutputParameters = #"""

    read_output_parameters() {
      local name variable source_stack source_output value
      output_inputs='{}'
      missing_output=""
      for name in ${OUTPUT_PARAMETER_KEYS:-}; do
        variable="OUTPUT_PARAMETER_${name}"
        read -r source_stack source_output <<< "${!variable}"
        value="$(aws cloudformation describe-stacks --stack-name "$source_stack" --query 'Stacks[0].Outputs' --output json 2> /dev/null \
          | jq -r --arg key "$source_output" 'first(.[]? | select(.OutputKey == $key) | .OutputValue) // empty' || true)"
        if [ -z "$value" ]; then
          missing_output="${source_stack} ${source_output}"
          return 1
        fi
        printf -v "PARAMETER_${name}" '%s' "$value"
        PARAMETER_KEYS="${PARAMETER_KEYS:+${PARAMETER_KEYS} }${name}"
        output_inputs="$(jq -c -S --arg key "$name" --arg value "$value" '. + {($key): $value}' <<< "$output_inputs")"
      done
    }

    """#

    /// Direct strategy, one stack: read the outputs it takes, then create and execute its change set.
    static let deployStackDirect: String = {
        strictMode + readOutputParameters + #"""
        if ! read_output_parameters; then
          read -r source_stack source_output <<< "$missing_output"
          echo "::error::Stack ${STACK_NAME}: a parameter takes output ${source_output} of stack ${source_stack}, which has no such output (or cannot be read)."
          exit 1
        fi
        echo "Parameters from other stacks' outputs: ${output_inputs}"

        """# + changeSetFunctions + waitForStack + executeCreatedChangeSet
    }()

    /// Reviewed strategy, plan job, one stack: create its change set against the current values of the outputs
    /// it reads, and publish its ARN, content hash and the hash of those values. A stack whose output input does
    /// not exist yet (its producer was never deployed) is not planned: it is published as pending.
    static let planStackChangeSet: String = {
        strictMode + describeChangeSet + printChanges + readOutputParameters + #"""
        mkdir -p change-set
        summary="change-set/${STACK_LABEL}.md"
        if ! read_output_parameters; then
          read -r source_stack source_output <<< "$missing_output"
          {
            echo "pending=true"
            echo "has-changes=true"
          } >> "$GITHUB_OUTPUT"
          {
            echo "### ${STACK_NAME}"
            echo
            echo "Not planned: it reads output ${source_output} of ${source_stack}, which does not exist yet. The deploy job deploys the stacks before it, then stops here; run the pipeline again to plan and review this stack."
          } > "$summary"
          echo "::warning::Stack ${STACK_NAME} is not planned: output ${source_output} of ${source_stack} does not exist yet."
          exit 0
        fi

        """# + changeSetFunctions + #"""
        inputs_sha256="$(printf '%s' "$output_inputs" | sha256sum | cut -d ' ' -f 1)"
        description="${RUNNER_TEMP}/change-set-${STACK_LABEL}.json"
        change_set_sha256=""
        if [ "$has_changes" = true ]; then
          describe_change_set "$change_set_arn" "$description"
          change_set_sha256="$(sha256sum "$description" | cut -d ' ' -f 1)"
        fi
        {
          echo "pending=false"
          echo "has-changes=${has_changes}"
          echo "change-set-arn=${change_set_arn}"
          echo "change-set-sha256=${change_set_sha256}"
          echo "change-set-type=${change_set_type}"
          echo "inputs-sha256=${inputs_sha256}"
        } >> "$GITHUB_OUTPUT"
        {
          echo "### ${STACK_NAME}"
          echo
          if [ "$has_changes" = false ]; then
            echo "No changes: the stack already matches the template and parameters."
          else
            echo "Change set: ${change_set_arn}"
            echo
            echo "Content sha256: \`${change_set_sha256}\` (the deploy job executes the change set only if it still matches)"
            echo
            print_changes "$description"
          fi
          if [ -n "${OUTPUT_PARAMETER_KEYS:-}" ]; then
            echo
            echo "Planned with the current values of the outputs it reads (parameters ${OUTPUT_PARAMETER_KEYS}). If a stack deployed before it changes them, the deploy job stops before this stack; run the pipeline again to plan and review it."
          fi
        } > "$summary"
        if grep -q '| True |' "$summary"; then
          echo "::warning::The change set of ${STACK_NAME} replaces resources; review the summary before approving."
        fi

        """#
    }()

    /// Reviewed strategy, plan job: one summary of every stack's change set, in deploy order (`STACK_LABELS`), as
    /// the job summary and the artifact; `has-changes` is true when any stack changes or waits to be planned.
    static let summarizeChangeSets: String = {
        strictMode + #"""
        summary=change-set/change-set.md
        {
          echo "## Change sets for ${ENVIRONMENT_NAME}, in deploy order"
          for stack in $STACK_LABELS; do
            echo
            cat "change-set/${stack}.md"
          done
        } > "$summary"
        cat "$summary" >> "$GITHUB_STEP_SUMMARY"
        has_changes=false
        for result in $STACK_RESULTS; do
          if [ "$result" = true ]; then has_changes=true; fi
        done
        echo "has-changes=${has_changes}" >> "$GITHUB_OUTPUT"

        """#
    }()

    /// Reviewed strategy, deploy job, before any stack changes: every reviewed change set (`REVIEWED_CHANGE_SETS`,
    /// one `<stack name> <arn> <sha256>` per line; no ARN for a stack without changes) is still executable and
    /// matches its reviewed content, so no stack is executed while another's change set has gone stale.
    static let verifyReviewedChangeSets: String = {
        strictMode + describeChangeSet + checkChangeSetARN + verifyReviewedChangeSet + #"""
        while read -r stack_name arn sha256; do
          [ -n "${arn:-}" ] || continue
          check_change_set_arn "$arn"
          verify_change_set "$arn" "$sha256"
          if [ "$change_set_stack" != "$stack_name" ]; then
            echo "::error::Change set ${arn} belongs to stack ${change_set_stack}, not ${stack_name}."
            exit 1
          fi
        done <<< "$REVIEWED_CHANGE_SETS"

        """#
    }()

    /// Reviewed strategy, deploy job, one stack: refuse it if it was not planned, or if the outputs it reads
    /// now differ from those it was planned with; otherwise execute exactly its reviewed change set.
    static let executeStackChangeSet: String = {
        strictMode + waitForStack + describeChangeSet + checkChangeSetARN + verifyReviewedChangeSet + readOutputParameters + #"""
        if [ "$PENDING" = true ]; then
          echo "::error::Stack ${STACK_NAME} was not planned: an output it reads did not exist when the plan ran. The stacks before it are deployed; run the pipeline again to plan and review it."
          exit 1
        fi
        if [ -n "${OUTPUT_PARAMETER_KEYS:-}" ]; then
          if ! read_output_parameters; then
            read -r source_stack source_output <<< "$missing_output"
            echo "::error::Stack ${STACK_NAME}: output ${source_output} of ${source_stack}, which it reads, is gone. Run the pipeline again to plan and review it."
            exit 1
          fi
          inputs_sha256="$(printf '%s' "$output_inputs" | sha256sum | cut -d ' ' -f 1)"
          if [ "$inputs_sha256" != "$EXPECTED_INPUTS_SHA256" ]; then
            echo "::error::Stack ${STACK_NAME} was planned with other values of the outputs it reads (parameters ${OUTPUT_PARAMETER_KEYS}): a stack deployed before it changed them. Its reviewed change set is stale; run the pipeline again to plan and review it."
            exit 1
          fi
        fi
        if [ "$HAS_CHANGES" != true ]; then
          echo "No changes for ${STACK_NAME}."
          echo "status=no-changes" >> "$GITHUB_OUTPUT"
          exit 0
        fi

        """# + executeVerifiedChangeSet
    }()

    /// Writes one stack's outputs to `stack-outputs/<environment>-<stack>.json` for the outputs artifact, its
    /// status as a step output, and its outputs to the job summary.
    static let captureStackOutputs: String = {
        strictMode + #"""
        mkdir -p stack-outputs
        file="stack-outputs/${ENVIRONMENT_NAME}-${STACK_LABEL}.json"
        aws cloudformation describe-stacks --stack-name "$STACK_NAME" --query 'Stacks[0].Outputs' --output json \
          | jq 'if . == null then [] else . end' > "$file"
        echo "stack-status=$(aws cloudformation describe-stacks --stack-name "$STACK_NAME" --query 'Stacks[0].StackStatus' --output text)" >> "$GITHUB_OUTPUT"
        {
          echo "### Outputs of ${STACK_NAME}"
          jq -r '.[] | "- \(.OutputKey): \(.OutputValue)"' "$file"
        } >> "$GITHUB_STEP_SUMMARY"

        """#
    }()

    /// Deletes an environment's stacks, last deployed first (`STACK_NAMES`); the confirmation was checked before
    /// the job assumed its role.
    static let destroyStacks: String = {
        strictMode + #"""
        for stack_name in $STACK_NAMES; do
          if ! aws cloudformation describe-stacks --stack-name "$stack_name" > /dev/null 2>&1; then
            echo "Stack ${stack_name} does not exist; nothing to destroy."
            continue
          fi
          echo "Deleting ${stack_name}"
          aws cloudformation delete-stack --stack-name "$stack_name"
          if ! aws cloudformation wait stack-delete-complete --stack-name "$stack_name"; then
            echo "::error::Deleting stack ${stack_name} failed; the stacks before it in ${STACK_NAMES} are deleted, the others are not."
            exit 1
          fi
          echo "Deleted ${stack_name}." | tee -a "$GITHUB_STEP_SUMMARY"
        done

        """#
    }()
}
