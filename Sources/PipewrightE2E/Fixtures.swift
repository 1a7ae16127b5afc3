import Foundation

/// Files the scenarios need: the fixture repository, the drift stub, and the moto shim.
enum Fixtures {
    /// A template moto's CloudFormation supports end to end: one SNS topic named after the stack.
    static let template = """
        AWSTemplateFormatVersion: "2010-09-09"
        Description: Pipewright E2E fixture
        Parameters:
          EnvironmentName:
            Type: String
        Resources:
          Topic:
            Type: AWS::SNS::Topic
            Properties:
              TopicName: !Sub "${AWS::StackName}-events"
              DisplayName: !Sub "Events of ${EnvironmentName}"
        Outputs:
          TopicArn:
            Value: !Ref Topic

        """

    static func writeRepository(at path: String) throws {
        try FileManager.default.createDirectory(atPath: path + "/infrastructure", withIntermediateDirectories: true)
        try template.write(toFile: path + "/infrastructure/template.yaml", atomically: true, encoding: .utf8)
        try "# Fixture repository for the Pipewright E2E harness\n".write(toFile: path + "/README.md", atomically: true, encoding: .utf8)
    }

    /// moto answers CreateChangeSet for an unchanged stack with a ValidationError ("No updates are to be
    /// performed."), where CloudFormation creates the change set in status FAILED with the reason "The
    /// submitted information didn't contain changes". This shim emulates CloudFormation for exactly that
    /// case, and for the three calls the scripts then make on that change set; every other call goes to
    /// the real CLI unchanged.
    static let emptyChangeSetShim = #"""
        #!/usr/bin/env bash
        set -uo pipefail
        real="${PIPEWRIGHT_REAL_AWS:?}"
        state="${PIPEWRIGHT_SHIM_STATE:?}"
        mkdir -p "$state"
        touch "$state/empty-change-sets"
        if [ "${1:-} ${2:-}" = "cloudformation create-change-set" ]; then
          out="$("$real" "$@" 2> "$state/stderr")"
          rc=$?
          if [ "$rc" -ne 0 ] && grep -q "No updates are to be performed" "$state/stderr"; then
            name=""
            previous=""
            for argument in "$@"; do
              [ "$previous" = "--change-set-name" ] && name="$argument"
              previous="$argument"
            done
            arn="arn:aws:cloudformation:${AWS_REGION:-us-east-1}:123456789012:changeSet/${name}/00000000-0000-4000-8000-$(date +%s%N | tail -c 13)"
            echo "$arn" >> "$state/empty-change-sets"
            echo "shim: moto refused an empty change set; emulating CloudFormation's FAILED change set ${arn}" >&2
            echo "$arn"
            exit 0
          fi
          cat "$state/stderr" >&2
          [ -n "$out" ] && printf '%s\n' "$out"
          exit "$rc"
        fi
        previous=""
        for argument in "$@"; do
          if [ "$previous" = "--change-set-name" ] && grep -qxF -- "$argument" "$state/empty-change-sets"; then
            case "${1:-} ${2:-} ${3:-}" in
              "cloudformation wait change-set-create-complete")
                echo 'Waiter ChangeSetCreateComplete failed: Waiter encountered a terminal failure state: For expression "Status" we matched expected path: "FAILED"' >&2
                exit 255 ;;
            esac
            case "${1:-} ${2:-}" in
              "cloudformation describe-change-set")
                echo "The submitted information didn't contain changes. Submit different information to create a change set."
                exit 0 ;;
              "cloudformation delete-change-set")
                exit 0 ;;
            esac
          fi
          previous="$argument"
        done
        exec "$real" "$@"

        """#

    /// A stand-in `aws` for drift detection, which moto does not implement: it answers the three calls
    /// the drift script makes from recorded CloudFormation responses (JSON files in its folder), applies
    /// the scripts' simple `--query` forms with jq, logs every call, and fails on any other call.
    static let driftStub = #"""
        #!/usr/bin/env bash
        set -euo pipefail
        here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
        responses="${DRIFT_RESPONSES:?}"
        echo "$*" >> "$here/calls.log"
        query=""
        output=json
        previous=""
        for argument in "$@"; do
          [ "$previous" = "--query" ] && query="$argument"
          [ "$previous" = "--output" ] && output="$argument"
          previous="$argument"
        done
        case "${1:-} ${2:-}" in
          "cloudformation detect-stack-drift") file="$responses/detect-stack-drift.json" ;;
          "cloudformation describe-stack-drift-detection-status") file="$responses/describe-stack-drift-detection-status.json" ;;
          "cloudformation describe-stack-resource-drifts") file="$responses/describe-stack-resource-drifts.json" ;;
          *) echo "drift stub: no recorded response for: aws $*" >&2; exit 2 ;;
        esac
        if [ -z "$query" ]; then
          cat "$file"
        elif [[ "$query" =~ ^\[([A-Za-z,]+)\]$ ]]; then
          jq -r "[$(sed 's/\([A-Za-z][A-Za-z]*\)/.\1/g' <<< "${BASH_REMATCH[1]}")] | @tsv" "$file"
        elif [[ "$query" =~ ^[A-Za-z]+$ ]]; then
          if [ "$output" = text ]; then jq -r ".${query}" "$file"; else jq ".${query}" "$file"; fi
        else
          echo "drift stub: unsupported --query ${query}" >&2
          exit 2
        fi

        """#

    /// Recorded CloudFormation responses for one drift outcome.
    static func driftResponses(stackName: String, drifted: Bool) -> [String: String] {
        let stackID = "arn:aws:cloudformation:us-east-1:123456789012:stack/\(stackName)/5b7d4a30-8f0e-11ef-b1a2-0a1b2c3d4e5f"
        let detectionID = "b78ac9b0-dec1-11ef-9a3b-0a1b2c3d4e5f"
        let drifts = drifted ? """
            [
                {
                  "StackId": "\(stackID)",
                  "LogicalResourceId": "Topic",
                  "PhysicalResourceId": "arn:aws:sns:us-east-1:123456789012:\(stackName)-events",
                  "ResourceType": "AWS::SNS::Topic",
                  "ExpectedProperties": "{\\"DisplayName\\":\\"Events of dev\\"}",
                  "ActualProperties": "{\\"DisplayName\\":\\"changed by hand\\"}",
                  "PropertyDifferences": [{"PropertyPath": "/DisplayName", "ExpectedValue": "Events of dev", "ActualValue": "changed by hand", "DifferenceType": "NOT_EQUAL"}],
                  "StackResourceDriftStatus": "MODIFIED",
                  "Timestamp": "2026-01-05T06:17:40.000Z"
                }
              ]
            """ : "[]"
        return [
            "detect-stack-drift.json": #"{"StackDriftDetectionId": "\#(detectionID)"}"#,
            "describe-stack-drift-detection-status.json": """
                {
                  "StackId": "\(stackID)",
                  "StackDriftDetectionId": "\(detectionID)",
                  "StackDriftStatus": "\(drifted ? "DRIFTED" : "IN_SYNC")",
                  "DetectionStatus": "DETECTION_COMPLETE",
                  "DriftedStackResourceCount": \(drifted ? 1 : 0),
                  "Timestamp": "2026-01-05T06:17:39.000Z"
                }
                """,
            "describe-stack-resource-drifts.json": """
                {
                  "StackResourceDrifts": \(drifts)
                }
                """,
        ]
    }
}
