/// PW001: AWS access comes from OIDC roles, never from long-lived access keys.
struct NoStaticAWSKeys: PolicyRule {
    init() {}
    let id = "PW001"
    let name = "no-static-aws-keys"
    let title = "No static AWS access keys: assume a role through OIDC"
    let severity = Severity.error
    let tags = ["security", "credentials"]
    let explanation = RuleExplanation(
        what: "Every string of the workflow, escape-hatch keys included: an `aws-access-key-id`, `aws-secret-access-key` or `aws-session-token` input, an `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` or `AWS_SESSION_TOKEN` variable, a script that sets them or runs `aws configure set aws_secret_access_key`, and any literal access key id (`AKIA…`/`ASIA…` followed by 16 letters or digits).",
        why: "An access key (such as `secrets.AWS_ACCESS_KEY_ID` passed to configure-aws-credentials) is long-lived and works from anywhere until someone rotates it: one leaked log line or compromised action is a standing breach of the account.",
        fix: "Remove the keys; give the job `id-token: write` and use aws-actions/configure-aws-credentials with `role-to-assume` (an IAM role whose trust policy names this repository), then delete the access key in IAM."
    )

    static let keyNames: Set<String> = [
        "aws-access-key-id", "aws-secret-access-key", "aws-session-token",
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
    ]

    func check(_ audit: WorkflowAudit) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        for (path, text) in audit.workflow.yamlNode.strings(under: "") {
            // The key is what follows the path's last dot; only a key as long as one of the names is looked up.
            let key = path.utf8.lastIndex(of: UInt8(ascii: ".")).map { path[path.utf8.index(after: $0)...] } ?? path[...]
            if (17...21).contains(key.utf8.count), Self.keyNames.contains(String(key)) {
                findings.append(finding(audit, at: path, "sets the static AWS credential \(key)"))
            } else if let literal = Self.accessKeyID(in: text) {
                findings.append(finding(audit, at: path, "contains the AWS access key id \(literal.prefix(8))…"))
            } else if path.hasSuffix(".run"), Self.setsKeys(audit.scripts.commands(of: text)) {
                findings.append(finding(audit, at: path, "the script sets static AWS credentials"))
            }
        }
        return findings
    }

    static func setsKeys(_ commands: [ScriptCommand]) -> Bool {
        commands.contains { command in
            command.words.contains { word in
                ScriptCommand.assignedName(word).map { keyNames.contains(String($0)) } ?? false
            } || (command.awsOperation("configure") == "set" && command.arguments.contains { $0.lowercased().hasPrefix("aws_secret_access_key") || $0.lowercased().hasPrefix("aws_access_key_id") })
        }
    }

    /// The first `AKIA`/`ASIA` key id in the text: the prefix, then 16 uppercase letters or digits, not inside a longer word.
    static func accessKeyID(in text: String) -> String? {
        // Read in place: this runs on every string of the workflow, scripts included.
        text.withUTF8Bytes { bytes in
            guard bytes.count >= 20 else { return nil }
            func isKeyCharacter(_ byte: UInt8) -> Bool { (65...90).contains(byte) || (48...57).contains(byte) }
            var index = 0
            while index + 20 <= bytes.count {
                if bytes[index] == UInt8(ascii: "A"),
                   (bytes[index + 1] == UInt8(ascii: "K") || bytes[index + 1] == UInt8(ascii: "S")),
                   bytes[index + 2] == UInt8(ascii: "I"), bytes[index + 3] == UInt8(ascii: "A"),
                   index == 0 || !isKeyCharacter(bytes[index - 1]),
                   bytes[(index + 4)..<(index + 20)].allSatisfy(isKeyCharacter),
                   index + 20 == bytes.count || !isKeyCharacter(bytes[index + 20]) {
                    return String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<(index + 20)]), as: UTF8.self)
                }
                index += 1
            }
            return nil
        }
    }
}
