/// The scripts of the verification after a deploy.
extension Scripts {
    /// Reads each stack's outputs with `describe-stacks` and exports them for the verification commands through
    /// `$GITHUB_ENV`: `VERIFY_STACKS` has a line per stack, `<name variable> <output prefix> <stack name>`, e.g.
    /// `STACK_NAME_NETWORK STACK_OUTPUT_NETWORK_ myapp-dev-network`. Each output becomes `<output prefix><KEY>`,
    /// the key in uppercase with any other character than a letter or digit as `_`; two keys of one stack that
    /// become the same name (`VpcId`, `VPCID`) are refused. Values are written with a random delimiter, so no
    /// value can add a variable of its own.
    static let readStackOutputs: String = {
        strictMode + #"""
        declare -A seen=()
        {
          echo "### Stacks and outputs the verification reads"
          echo "Region: ${AWS_REGION}"
        } >> "$GITHUB_STEP_SUMMARY"
        while read -r name_variable output_prefix stack_name; do
          [ -n "${stack_name:-}" ] || continue
          outputs="$(aws cloudformation describe-stacks --stack-name "$stack_name" --query 'Stacks[0].Outputs' --output json \
            | jq -c 'if . == null then [] else . end')"
          echo "${name_variable}=${stack_name}" >> "$GITHUB_ENV"
          echo "- ${name_variable}=${stack_name}" >> "$GITHUB_STEP_SUMMARY"
          while IFS= read -r key; do
            variable="${output_prefix}$(printf '%s' "$key" | tr '[:lower:]' '[:upper:]' | tr -c 'A-Z0-9' '_')"
            if [ -n "${seen[$variable]:-}" ]; then
              echo "::error::Outputs ${seen[$variable]} and ${key} of stack ${stack_name} both become ${variable}; rename one of them in the template."
              exit 1
            fi
            seen[$variable]="$key"
            value="$(jq -r --arg key "$key" '.[] | select(.OutputKey == $key) | .OutputValue' <<< "$outputs")"
            delimiter="pipewright_$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
            {
              echo "${variable}<<${delimiter}"
              printf '%s\n' "$value"
              echo "$delimiter"
            } >> "$GITHUB_ENV"
            echo "- ${variable} (output ${key})" >> "$GITHUB_STEP_SUMMARY"
          done < <(jq -r '.[].OutputKey' <<< "$outputs")
        done <<< "$VERIFY_STACKS"

        """#
    }()

    /// Says, as an error and in the job summary, what a failed verification means: the environments after this
    /// one were not deployed, and what this run deployed stays, since CloudFormation rolls back only an update
    /// that fails, never one that completed; how to roll back.
    static let explainFailedVerification: String = {
        strictMode + #"""
        echo "::error::Verification of ${ENVIRONMENT_NAME} failed; the environments after it are not deployed in this run. What this run deployed to ${ENVIRONMENT_NAME} stays: CloudFormation does not roll back an update that completed."
        {
          echo "### Verification of ${ENVIRONMENT_NAME} failed"
          echo "- The environments after ${ENVIRONMENT_NAME} were not deployed in this run."
          echo "- What this run deployed to ${ENVIRONMENT_NAME} (commit ${GITHUB_SHA}) stays: CloudFormation rolls back an update that fails, not one that completed."
          echo "- To roll back, deploy the last good commit again: revert the change on ${GITHUB_REF_NAME} and push, which runs the pipeline (and its approvals) again. Or fix forward."
        } >> "$GITHUB_STEP_SUMMARY"

        """#
    }()
}
