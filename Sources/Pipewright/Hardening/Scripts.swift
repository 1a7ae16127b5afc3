/// The bash scripts of generated steps.
///
/// Every script starts with `set -euo pipefail` and reads its inputs only from environment variables,
/// always quoted: no `${{ }}` ever appears in a script, so no value can be interpreted as code.
/// Free-text values are checked against a strict pattern before use.
enum Scripts {
    static let strictMode = "set -euo pipefail\n"

    /// Copies the template into the bundle, writes `metadata.json` with a run-time UTC timestamp, and the checksums.
    static let packageTemplate: String = {
        strictMode + #"""
        rm -rf artifact
        mkdir -p artifact/bundle
        cp -- "$TEMPLATE_PATH" "artifact/bundle/$TEMPLATE_FILE"
        """# + "\n" + writeMetadataAndChecksums
    }()

    /// Writes `metadata.json` and `SHA256SUMS` of the bundle, and the step outputs that carry the manifest digest.
    static let writeMetadataAndChecksums: String = {
        #"""
        jq -n \
          --arg commit "$GITHUB_SHA" \
          --arg ref "$GITHUB_REF" \
          --arg repository "$GITHUB_REPOSITORY" \
          --arg run_id "$GITHUB_RUN_ID" \
          --arg run_attempt "$GITHUB_RUN_ATTEMPT" \
          --arg actor "$GITHUB_ACTOR" \
          --arg created_at "$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
          '{commit: $commit, ref: $ref, repository: $repository, run_id: $run_id, run_attempt: $run_attempt, actor: $actor, created_at: $created_at}' \
          > artifact/bundle/metadata.json
        """# + "\n" + writeManifest(folder: "artifact/bundle") + publishManifest(folder: "artifact/bundle")
    }()

    /// Writes `SHA256SUMS` for every file of a folder, in byte order of their paths.
    static func writeManifest(folder: String) -> String {
        #"""
        sums="$(cd \#(folder) && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum)"
        printf '%s\n' "$sums" > \#(folder)/SHA256SUMS

        """#
    }

    /// Emits the artifact name and the digest of a folder's manifest as step outputs.
    static func publishManifest(folder: String) -> String {
        #"""
        manifest_sha256="$(sha256sum \#(folder)/SHA256SUMS | cut -d ' ' -f 1)"
        {
          echo "artifact-name=${ARTIFACT_PREFIX}-${GITHUB_SHA}-${GITHUB_RUN_ATTEMPT}"
          echo "manifest-sha256=${manifest_sha256}"
        } >> "$GITHUB_OUTPUT"
        echo "Packaged $(wc -l < \#(folder)/SHA256SUMS) files; manifest sha256 ${manifest_sha256}"

        """#
    }

    /// Envelope encryption: a KMS data key bound to this repository and run encrypts the bundle with
    /// openssl; only the KMS-encrypted data key travels with it. KMS Encrypt alone stops at 4 KB.
    static let encryptBundle: String = {
        strictMode + #"""
        context="$(jq -cn --arg repository "$GITHUB_REPOSITORY" --arg ref "$GITHUB_REF" --arg run_id "$GITHUB_RUN_ID" \
          '{repository: $repository, ref: $ref, run_id: $run_id}')"
        key_dir="$(mktemp -d "${RUNNER_TEMP}/data-key.XXXXXX")"
        trap 'rm -rf "$key_dir"' EXIT
        mkdir -p artifact/encrypted
        aws kms generate-data-key \
          --key-id "$KMS_KEY_ID" \
          --key-spec AES_256 \
          --encryption-context "$context" \
          --output json > "$key_dir/data-key.json"
        jq -r '.Plaintext' "$key_dir/data-key.json" > "$key_dir/plaintext"
        jq -r '.CiphertextBlob' "$key_dir/data-key.json" | base64 --decode > artifact/encrypted/data-key.bin
        tar -C artifact/bundle -czf "$key_dir/bundle.tar.gz" .
        openssl enc -aes-256-cbc -pbkdf2 -iter 200000 -salt \
          -in "$key_dir/bundle.tar.gz" \
          -out artifact/encrypted/bundle.tar.gz.enc \
          -pass "file:$key_dir/plaintext"
        rm -rf artifact/bundle

        """# + writeManifest(folder: "artifact/encrypted") + publishManifest(folder: "artifact/encrypted")
    }()

    /// Verifies an encrypted artifact as downloaded (`verifyChecksums(folder:)`); one text shared by every job.
    static let verifyEncryptedArtifact = verifyChecksums(folder: "artifact/encrypted")
    /// Verifies a plain artifact as downloaded (`verifyChecksums(folder:)`); one text shared by every job.
    static let verifyPlainArtifact = verifyChecksums(folder: "artifact/bundle")

    /// Checks the downloaded files against the manifest whose digest the build job published,
    /// and refuses any file the manifest does not list.
    private static func verifyChecksums(folder: String) -> String {
        strictMode + #"""
        cd \#(folder)
        if [ ! -f SHA256SUMS ]; then
          echo "::error::The artifact has no SHA256SUMS manifest; refusing to use it."
          exit 1
        fi
        actual="$(sha256sum SHA256SUMS | cut -d ' ' -f 1)"
        if [ "$actual" != "$EXPECTED_MANIFEST_SHA256" ]; then
          echo "::error::Checksum manifest mismatch: expected ${EXPECTED_MANIFEST_SHA256}, got ${actual}. The artifact was changed after the build."
          exit 1
        fi
        sha256sum --check --strict SHA256SUMS
        listed="$(cut -d ' ' -f 3- SHA256SUMS | LC_ALL=C sort)"
        present="$(find . -type f ! -name SHA256SUMS | LC_ALL=C sort)"
        if [ "$listed" != "$present" ]; then
          echo "::error::The artifact holds files the manifest does not list."
          exit 1
        fi
        echo "All $(wc -l < SHA256SUMS) files match the build's checksums."

        """#
    }

    /// Decrypts the bundle with its KMS data key (same repository and run), checks the inner manifest,
    /// and deletes the ciphertext.
    static let decryptBundle: String = {
        strictMode + #"""
        context="$(jq -cn --arg repository "$GITHUB_REPOSITORY" --arg ref "$GITHUB_REF" --arg run_id "$GITHUB_RUN_ID" \
          '{repository: $repository, ref: $ref, run_id: $run_id}')"
        key_dir="$(mktemp -d "${RUNNER_TEMP}/data-key.XXXXXX")"
        trap 'rm -rf "$key_dir"' EXIT
        aws kms decrypt \
          --region "$KEY_REGION" \
          --ciphertext-blob fileb://artifact/encrypted/data-key.bin \
          --encryption-context "$context" \
          --query Plaintext \
          --output text > "$key_dir/plaintext"
        mkdir -p artifact/bundle
        openssl enc -d -aes-256-cbc -pbkdf2 -iter 200000 \
          -in artifact/encrypted/bundle.tar.gz.enc \
          -out "$key_dir/bundle.tar.gz" \
          -pass "file:$key_dir/plaintext"
        tar -C artifact/bundle -xzf "$key_dir/bundle.tar.gz"
        rm -rf artifact/encrypted
        (cd artifact/bundle && sha256sum --check --strict SHA256SUMS)

        """#
    }()

    /// Deletes the plaintext bundle once the job no longer needs it.
    static let deleteBundle: String = {
        strictMode + "rm -rf artifact\n"
    }()

    /// Checks the stack-name suffix, a free-text dispatch input, against a strict pattern before any use.
    static let checkSuffix = #"""
    suffix="${STACK_SUFFIX:-}"
    if [ -n "$suffix" ] && ! [[ "$suffix" =~ ^[a-z0-9][a-z0-9-]{0,19}$ ]]; then
      echo "::error::Environment suffix '${suffix}' is invalid: expected 1-20 lowercase letters, digits or '-', starting with a letter or digit."
      exit 1
    fi

    """#

    /// The role session name: `pw-<repository>-<run id>`, in the characters STS accepts, at most 64 of them.
    static let formSessionName = #"""
    repository_name="${GITHUB_REPOSITORY#*/}"
    session_name="$(printf '%s' "pw-${repository_name}" | tr -c 'A-Za-z0-9+=,.@_-' '-' | cut -c 1-40)-${GITHUB_RUN_ID}"

    """#

    /// Checks the stack-name parts, forms the stack name and the role session name.
    static let prepareDeploy: String = {
        strictMode + checkSuffix + #"""
        stack_name="${STACK_PREFIX}-${ENVIRONMENT_NAME}${suffix:+-$suffix}"
        if ! [[ "$stack_name" =~ ^[A-Za-z][A-Za-z0-9-]{0,127}$ ]]; then
          echo "::error::Stack name '${stack_name}' is invalid: expected a letter, then up to 127 letters, digits or '-'."
          exit 1
        fi

        """# + formSessionName + #"""
        {
          echo "stack-name=${stack_name}"
          echo "session-name=${session_name:0:64}"
        } >> "$GITHUB_OUTPUT"
        echo "Stack: ${stack_name}"

        """#
    }()

    /// The `--parameters` document, built only with `jq --arg`: each value arrives in its own variable
    /// (`PARAMETER_<key>`, or `SECRET_PARAMETER_<key>` for a secret), so no value can change the JSON around it.
    static let assembleParameters = #"""
    parameters='[]'
    for name in $PARAMETER_KEYS; do
      variable="PARAMETER_${name}"
      parameters="$(jq -n -c --argjson parameters "$parameters" --arg key "$name" --arg value "${!variable}" \
        '$parameters + [{ParameterKey: $key, ParameterValue: $value}]')"
    done
    for name in $SECRET_PARAMETER_KEYS; do
      variable="SECRET_PARAMETER_${name}"
      parameters="$(jq -n -c --argjson parameters "$parameters" --arg key "$name" --arg value "${!variable}" \
        '$parameters + [{ParameterKey: $key, ParameterValue: $value}]')"
    done

    """#

    /// Shared functions of the change-set scripts: the parameter document, and creation of a change set that
    /// treats "no changes" as success.
    static let changeSetFunctions = assembleParameters + #"""
    change_set_name="pw-${GITHUB_RUN_ID}-${GITHUB_RUN_ATTEMPT}"

    stack_status="$(aws cloudformation describe-stacks --stack-name "$STACK_NAME" --query 'Stacks[0].StackStatus' --output text 2> /dev/null || echo NONE)"
    case "$stack_status" in
      NONE|REVIEW_IN_PROGRESS) change_set_type=CREATE ;;
      *_IN_PROGRESS)
        echo "::error::Stack ${STACK_NAME} is busy (${stack_status}); refusing to start another operation."
        exit 1 ;;
      ROLLBACK_COMPLETE)
        echo "::error::Stack ${STACK_NAME} is in ROLLBACK_COMPLETE after a failed create; delete it before deploying again."
        exit 1 ;;
      UPDATE_ROLLBACK_FAILED)
        echo "::error::Stack ${STACK_NAME} is in UPDATE_ROLLBACK_FAILED; run continue-update-rollback before deploying again."
        exit 1 ;;
      *) change_set_type=UPDATE ;;
    esac

    read -r -a capabilities <<< "$CAPABILITIES"
    # CloudFormation changes the stack with the execution role, so the deploy role itself needs no
    # permissions on the stack's resources, only iam:PassRole for this one role.
    role_arguments=()
    if [ -n "${CFN_EXECUTION_ROLE_ARN:-}" ]; then
      role_arguments=(--role-arn "$CFN_EXECUTION_ROLE_ARN")
    fi
    change_set_arn="$(aws cloudformation create-change-set \
      --stack-name "$STACK_NAME" \
      "${role_arguments[@]}" \
      --change-set-name "$change_set_name" \
      --change-set-type "$change_set_type" \
      --template-body "file://${TEMPLATE_FILE}" \
      --parameters "$parameters" \
      --tags "$STACK_TAGS" \
      --capabilities "${capabilities[@]}" \
      --query Id --output text)"
    echo "Created change set ${change_set_arn} (${change_set_type})"

    has_changes=true
    if ! aws cloudformation wait change-set-create-complete --change-set-name "$change_set_arn"; then
      reason="$(aws cloudformation describe-change-set --change-set-name "$change_set_arn" --query StatusReason --output text)"
      case "$reason" in
        *"didn't contain changes"*|*"No updates are to be performed"*)
          has_changes=false
          echo "No changes: ${reason}"
          aws cloudformation delete-change-set --change-set-name "$change_set_arn"
          ;;
        *)
          echo "::error::Change set failed: ${reason}"
          exit 1 ;;
      esac
    fi

    """#

    /// Waits for a stack operation; on failure, reports the rollback state and the failed events, and
    /// continues a stuck rollback so the stack is usable again.
    static let waitForStack = #"""

    wait_for_stack() {
      local waiter="$1"
      if aws cloudformation wait "$waiter" --stack-name "$STACK_NAME"; then
        return 0
      fi
      local status
      status="$(aws cloudformation describe-stacks --stack-name "$STACK_NAME" --query 'Stacks[0].StackStatus' --output text)"
      echo "::error::Stack ${STACK_NAME} ended in ${status}."
      aws cloudformation describe-stack-events --stack-name "$STACK_NAME" --max-items 25 \
        --query "StackEvents[?contains(ResourceStatus, 'FAILED')].[LogicalResourceId,ResourceStatus,ResourceStatusReason]" \
        --output table || true
      if [ "$status" = UPDATE_ROLLBACK_FAILED ]; then
        echo "Continuing the failed rollback so the stack returns to UPDATE_ROLLBACK_COMPLETE."
        aws cloudformation continue-update-rollback --stack-name "$STACK_NAME"
        aws cloudformation wait stack-rollback-complete --stack-name "$STACK_NAME" || true
      fi
      echo "status=failed" >> "$GITHUB_OUTPUT"
      exit 1
    }

    """#

    /// Direct strategy: create a change set and execute it in the same job.
    static let deployDirect: String = {
        strictMode + changeSetFunctions + waitForStack + executeCreatedChangeSet
    }()

    /// Executes the change set `changeSetFunctions` created, unless it has no changes.
    static let executeCreatedChangeSet = #"""
    if [ "$has_changes" = false ]; then
      echo "status=no-changes" >> "$GITHUB_OUTPUT"
      exit 0
    fi
    aws cloudformation execute-change-set --change-set-name "$change_set_arn"
    if [ "$change_set_type" = CREATE ]; then wait_for_stack stack-create-complete; else wait_for_stack stack-update-complete; fi
    echo "status=deployed" >> "$GITHUB_OUTPUT"

    """#

    /// Writes a change set's content to a file in one canonical form (`jq -S -c`): its stack, capabilities,
    /// parameters and every page of its changes. The plan job publishes the file's SHA-256; the execute job
    /// recomputes it, so what it executes is what was reviewed, not merely a change set of the same name.
    /// `--no-paginate` makes every CLI version return `NextToken`, which the loop follows.
    static let describeChangeSet = #"""

    describe_change_set() {
      local arn="$1" out="$2" token="" page
      local -a token_arguments
      : > "${out}.pages"
      while :; do
        token_arguments=()
        [ -z "$token" ] || token_arguments=(--next-token "$token")
        page="$(aws cloudformation describe-change-set --change-set-name "$arn" --no-paginate "${token_arguments[@]}" --output json)"
        printf '%s\n' "$page" >> "${out}.pages"
        token="$(jq -r '.NextToken // empty' <<< "$page")"
        [ -n "$token" ] || break
      done
      jq -s -S -c '{StackId: .[0].StackId, Capabilities: (.[0].Capabilities // []), Parameters: (.[0].Parameters // []), Changes: [.[].Changes // [] | .[]]}' \
        "${out}.pages" > "$out"
      rm -f "${out}.pages"
    }

    """#

    /// The summary table of a file `describe_change_set` wrote: one row per resource change.
    static let printChanges = #"""

    print_changes() {
      echo "| Action | Logical ID | Type | Replacement |"
      echo "| --- | --- | --- | --- |"
      jq -r '.Changes[] | .ResourceChange | "| \(.Action) | \(.LogicalResourceId) | \(.ResourceType) | \(.Replacement // "N/A") |"' "$1"
    }

    """#

    /// Checks a change set ARN from the plan job: present (GitHub drops a job output that holds a masked
    /// value), and of the form this pipeline creates.
    static let checkChangeSetARN = #"""

    check_change_set_arn() {
      if ! [[ "$1" =~ ^arn:aws[a-z-]*:cloudformation:[a-z0-9-]+:[0-9]{12}:changeSet/pw-[0-9]+-[0-9]+/[A-Za-z0-9-]+$ ]]; then
        echo "::error::'${1}' is not the ARN of a change set this pipeline created. An empty value means GitHub dropped the plan job's output (it drops outputs holding a masked value)."
        exit 1
      fi
    }

    """#

    /// Describes a change set by ARN and refuses it unless it is still executable and its content hash is the
    /// reviewed one; leaves its stack's name in `change_set_stack`. `CREATE_COMPLETE`/`AVAILABLE` also covers a
    /// stack changed since the plan: CloudFormation marks a change set `OBSOLETE` once its stack is updated, so
    /// the stack-state fingerprint the plan used to publish added nothing and is gone.
    static let verifyReviewedChangeSet = #"""

    verify_change_set() {
      local arn="$1" expected_sha256="$2" status execution_status actual_sha256
      read -r status execution_status change_set_stack <<< "$(aws cloudformation describe-change-set --change-set-name "$arn" \
        --query '[Status,ExecutionStatus,StackName]' --output text)"
      if [ "$status" != CREATE_COMPLETE ] || [ "$execution_status" != AVAILABLE ]; then
        echo "::error::Change set ${arn} is ${status}/${execution_status}, not CREATE_COMPLETE/AVAILABLE: the stack changed since review. Run the pipeline again."
        exit 1
      fi
      describe_change_set "$arn" "${RUNNER_TEMP}/change-set.json"
      actual_sha256="$(sha256sum "${RUNNER_TEMP}/change-set.json" | cut -d ' ' -f 1)"
      if [ "$actual_sha256" != "$expected_sha256" ]; then
        echo "::error::Change set ${arn} has content sha256 ${actual_sha256}, but the reviewed one had ${expected_sha256}; refusing to execute it."
        exit 1
      fi
      echo "Change set ${arn} matches the reviewed content (sha256 ${actual_sha256})."
    }

    """#

    /// Reviewed strategy, first job: create the change set, publish its ARN and content hash, and its description.
    static let planChangeSet: String = {
        strictMode + changeSetFunctions + describeChangeSet + printChanges + #"""
        description="${RUNNER_TEMP}/change-set.json"
        change_set_sha256=""
        if [ "$has_changes" = true ]; then
          describe_change_set "$change_set_arn" "$description"
          change_set_sha256="$(sha256sum "$description" | cut -d ' ' -f 1)"
        fi
        {
          echo "has-changes=${has_changes}"
          echo "change-set-arn=${change_set_arn}"
          echo "change-set-sha256=${change_set_sha256}"
          echo "change-set-type=${change_set_type}"
        } >> "$GITHUB_OUTPUT"

        mkdir -p change-set
        summary=change-set/change-set.md
        {
          echo "## Change set for ${STACK_NAME}"
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
        } > "$summary"
        cat "$summary" >> "$GITHUB_STEP_SUMMARY"
        if grep -q '| True |' "$summary"; then
          echo "::warning::The change set replaces resources; review the summary before approving."
        fi

        """#
    }()

    /// Reviewed strategy, second job: execute exactly the reviewed change set, by ARN, if its content is unchanged.
    static let executeChangeSet: String = {
        strictMode + waitForStack + describeChangeSet + checkChangeSetARN + verifyReviewedChangeSet + executeVerifiedChangeSet
    }()

    /// Executes the change set `CHANGE_SET_ARN` once its content matches the reviewed SHA-256 and it belongs to
    /// `STACK_NAME`, and waits; the body shared by the one-stack and the several-stack execute scripts.
    static let executeVerifiedChangeSet = #"""
        check_change_set_arn "${CHANGE_SET_ARN:-}"
        verify_change_set "$CHANGE_SET_ARN" "$EXPECTED_CHANGE_SET_SHA256"
        if [ "$change_set_stack" != "$STACK_NAME" ]; then
          echo "::error::Change set ${CHANGE_SET_ARN} belongs to stack ${change_set_stack}, not ${STACK_NAME}."
          exit 1
        fi
        aws cloudformation execute-change-set --change-set-name "$CHANGE_SET_ARN"
        if [ "$CHANGE_SET_TYPE" = CREATE ]; then wait_for_stack stack-create-complete; else wait_for_stack stack-update-complete; fi
        echo "status=deployed" >> "$GITHUB_OUTPUT"

        """#

    /// Writes the stack's outputs to a file for the outputs artifact, and its status as a step output.
    static let captureOutputs: String = {
        strictMode + #"""
        mkdir -p stack-outputs
        aws cloudformation describe-stacks --stack-name "$STACK_NAME" --query 'Stacks[0].Outputs' --output json \
          | jq 'if . == null then [] else . end' > "stack-outputs/${ENVIRONMENT_NAME}.json"
        echo "stack-status=$(aws cloudformation describe-stacks --stack-name "$STACK_NAME" --query 'Stacks[0].StackStatus' --output text)" >> "$GITHUB_OUTPUT"
        jq -r '.[] | "- \(.OutputKey): \(.OutputValue)"' "stack-outputs/${ENVIRONMENT_NAME}.json" >> "$GITHUB_STEP_SUMMARY"

        """#
    }()

    /// Refuses a destroy unless the typed confirmation equals the stack name (`EXPECTED_CONFIRMATION`); run
    /// before the job assumes a role.
    static let checkDestroyConfirmation: String = {
        strictMode + #"""
        if [ "${CONFIRMATION:-}" != "$EXPECTED_CONFIRMATION" ]; then
          echo "::error::Confirmation does not match: type '${EXPECTED_CONFIRMATION}' exactly to destroy ${DESTROYS}."
          exit 1
        fi
        echo "Confirmed: destroying ${DESTROYS}."

        """#
    }()

    /// Deletes the stack and waits; the confirmation was checked before the job assumed its role.
    static let destroyStack: String = {
        strictMode + #"""
        if ! aws cloudformation describe-stacks --stack-name "$STACK_NAME" > /dev/null 2>&1; then
          echo "Stack ${STACK_NAME} does not exist; nothing to destroy."
          exit 0
        fi
        aws cloudformation delete-stack --stack-name "$STACK_NAME"
        aws cloudformation wait stack-delete-complete --stack-name "$STACK_NAME"
        echo "Deleted ${STACK_NAME}." | tee -a "$GITHUB_STEP_SUMMARY"

        """#
    }()

    /// Starts drift detection, waits for it, lists drifted resources in the summary, and fails on drift.
    static let detectDrift: String = {
        strictMode + #"""
        detection_id="$(aws cloudformation detect-stack-drift --stack-name "$STACK_NAME" --query StackDriftDetectionId --output text)"
        for attempt in $(seq 1 60); do
          detection_status="$(aws cloudformation describe-stack-drift-detection-status \
            --stack-drift-detection-id "$detection_id" --query DetectionStatus --output text)"
          [ "$detection_status" != DETECTION_IN_PROGRESS ] && break
          echo "Drift detection in progress (check ${attempt})"
          sleep 10
        done
        read -r detection_status drift_status <<< "$(aws cloudformation describe-stack-drift-detection-status \
          --stack-drift-detection-id "$detection_id" --query '[DetectionStatus,StackDriftStatus]' --output text)"
        if [ "$detection_status" != DETECTION_COMPLETE ]; then
          echo "::error::Drift detection for ${STACK_NAME} ended as ${detection_status}."
          exit 1
        fi
        {
          echo "## Drift of ${STACK_NAME}: ${drift_status}"
          if [ "$drift_status" = DRIFTED ]; then
            echo
            echo "| Logical ID | Type | Drift |"
            echo "| --- | --- | --- |"
            aws cloudformation describe-stack-resource-drifts --stack-name "$STACK_NAME" \
              --stack-resource-drift-status-filters MODIFIED DELETED --output json \
              | jq -r '.StackResourceDrifts[] | "| \(.LogicalResourceId) | \(.ResourceType) | \(.StackResourceDriftStatus) |"'
          fi
        } >> "$GITHUB_STEP_SUMMARY"
        echo "drift-status=${drift_status}" >> "$GITHUB_OUTPUT"
        if [ "$drift_status" = DRIFTED ]; then
          echo "::error::Stack ${STACK_NAME} has drifted from its template; see the job summary."
          exit 1
        fi

        """#
    }()

    /// Posts a message to a Slack incoming webhook; the message is built with jq so no value can break the JSON.
    static let notifySlack: String = {
        strictMode + #"""
        run_url="${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}"
        payload="$(jq -n --arg text "${MESSAGE_PREFIX} ${STACK_NAME:-unknown stack}: ${JOB_STATUS} (${run_url})" '{text: $text}')"
        curl --fail --silent --show-error --retry 3 --max-time 30 \
          -H 'Content-Type: application/json' \
          --data "$payload" \
          "$SLACK_WEBHOOK_URL"

        """#
    }()

    /// Writes a tool's hash lock (``ToolLocks``) to `$RUNNER_TEMP/<file>` and installs exactly its closure into a
    /// fresh virtual environment `$RUNNER_TEMP/<venv>`: every package pinned to the wheels the lock lists.
    static func lockedInstall(_ lock: String, file: String, venv: String) -> String {
        #"""
        lock="${RUNNER_TEMP}/\#(file)"
        cat > "$lock" <<'LOCK'

        """# + lock + #"""
        LOCK
        python3 -m venv "${RUNNER_TEMP}/\#(venv)"
        "${RUNNER_TEMP}/\#(venv)/bin/pip" install --disable-pip-version-check --quiet \
          --require-hashes --no-deps --only-binary=:all: -r "$lock"

        """#
    }

    /// Installs cfn-lint from its hash lock (``ToolLocks``) into a fresh virtual environment and lints the
    /// template: every package of the closure is pinned to the wheels the lock lists, none is resolved afresh.
    static func cfnLint(lock: String) -> String {
        strictMode + lockedInstall(lock, file: "cfn-lint-requirements.txt", venv: "cfn-lint") + #"""
        "${RUNNER_TEMP}/cfn-lint/bin/cfn-lint" --version
        # TEMPLATE_FILE may be a glob, which cfn-lint expands itself; CFN_LINT_FAIL_ON raises the level that fails.
        fail_on=()
        if [ -n "${CFN_LINT_FAIL_ON:-}" ]; then fail_on=(--non-zero-exit-code "$CFN_LINT_FAIL_ON"); fi
        "${RUNNER_TEMP}/cfn-lint/bin/cfn-lint" "${fail_on[@]}" -- "$TEMPLATE_FILE"

        """#
    }

    /// cfn-lint as ``cfnLint(lock:)``, over several templates (`TEMPLATE_FILES`, separated by spaces).
    static func cfnLintTemplates(lock: String) -> String {
        strictMode + lockedInstall(lock, file: "cfn-lint-requirements.txt", venv: "cfn-lint") + #"""
        "${RUNNER_TEMP}/cfn-lint/bin/cfn-lint" --version
        read -r -a templates <<< "$TEMPLATE_FILES"
        "${RUNNER_TEMP}/cfn-lint/bin/cfn-lint" -- "${templates[@]}"

        """#
    }

    /// Validates the template with CloudFormation itself.
    static let validateTemplate: String = {
        strictMode + #"""
        aws cloudformation validate-template --template-body "file://${TEMPLATE_FILE}" > /dev/null
        echo "CloudFormation accepts ${TEMPLATE_FILE}."

        """#
    }()

    /// Runs a user command under strict mode.
    static func command(_ command: String) -> String {
        strictMode + command + "\n"
    }

    /// The role session name alone, for jobs that receive the stack name from an earlier job.
    static let sessionNameOnly: String = {
        strictMode + formSessionName + #"""
        {
          echo "stack-name=${STACK_NAME}"
          echo "session-name=${session_name:0:64}"
        } >> "$GITHUB_OUTPUT"

        """#
    }()

    /// Explains why a production destroy was refused, and fails.
    static let refuseDestroy: String = {
        strictMode + #"""
        echo "::error::${ENVIRONMENT_NAME} is a production environment and this pipeline does not allow destroying it. Set destroy.allowProduction in the pipeline to change that."
        exit 1

        """#
    }()
}
