/// Matchers for AWS and GitHub identifiers, written over UTF-8 so validating a thousand environments costs
/// microseconds and no regular-expression engine.
enum AWSFormats {
    /// `^[0-9]{12}$`.
    static func isAccountID(_ text: String) -> Bool {
        text.utf8.count == 12 && text.utf8.allSatisfy(ASCII.isDigit)
    }

    // Lists, not sets: ten words are searched as fast as hashed, and a `Set<Substring>` had the runtime
    // search every conformance in the binary for `Substring: Hashable` on every run.
    static let regionAreas = ["us", "eu", "ap", "sa", "ca", "me", "af", "il", "mx", "cn"]
    static let regionDirections = [
        "north", "south", "east", "west", "central", "northeast", "southeast", "northwest", "southwest",
    ]

    /// The regions AWS offers as this build was made (commercial, China and GovCloud partitions). A newer one
    /// is accepted when the pipeline lists it in `additionalRegions`.
    static let knownRegions = [
        "af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1",
        "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5",
        "ap-southeast-6", "ap-southeast-7", "ca-central-1", "ca-west-1", "cn-north-1", "cn-northwest-1", "eu-central-1",
        "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2", "eu-west-3", "il-central-1",
        "me-central-1", "me-south-1", "mx-central-1", "sa-east-1", "us-east-1", "us-east-2", "us-gov-east-1",
        "us-gov-west-1", "us-west-1", "us-west-2",
    ]

    /// ``isRegion(_:)`` as a regular expression, for the schema.
    static let regionPattern = "((" + regionAreas.joined(separator: "|") + ")|us-gov)-(" + regionDirections.joined(separator: "|") + ")-[1-9]"

    /// `^(us|eu|ap|sa|ca|me|af|il|mx|cn)(-gov)?-(north|…|southwest)-[1-9]$`: us-east-1, cn-north-1, us-gov-west-1.
    static func isRegion(_ text: String) -> Bool {
        var parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3 || parts.count == 4, regionAreas.contains(where: { parts[0] == $0 }) else { return false }
        if parts.count == 4 {
            guard parts[0] == "us", parts[1] == "gov" else { return false }
            parts.remove(at: 1)
        }
        guard regionDirections.contains(where: { parts[1] == $0 }), parts[2].utf8.count == 1, let digit = parts[2].utf8.first else { return false }
        return digit >= UInt8(ascii: "1") && digit <= UInt8(ascii: "9")
    }

    /// The partition part of an ARN after `arn:`: `aws`, `aws-cn` or `aws-us-gov`, and the rest.
    private static func afterPartition(_ text: Substring) -> Substring? {
        for partition in ["aws-us-gov:", "aws-cn:", "aws:"] where text.hasPrefix(partition) {
            return text.dropFirst(partition.count)
        }
        return nil
    }

    /// `^arn:aws(-cn|-us-gov)?:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}$`.
    static func isRoleARN(_ text: String) -> Bool {
        guard text.hasPrefix("arn:"), var rest = afterPartition(text.dropFirst(4)), rest.hasPrefix("iam::") else { return false }
        rest = rest.dropFirst(5)
        let account = rest.prefix(12)
        guard account.utf8.count == 12, account.utf8.allSatisfy(ASCII.isDigit) else { return false }
        rest = rest.dropFirst(12)
        guard rest.hasPrefix(":role/") else { return false }
        let name = rest.dropFirst(6)
        return (1...512).contains(name.utf8.count) && name.utf8.allSatisfy { ASCII.isAlphanumeric($0) || ASCII.isOne(of: "+=,.@_/-", $0) }
    }

    /// `alias/<name>`, or a KMS key or alias ARN: `arn:aws:kms:<region>:<account>:key/<id>`.
    static func isKMSKey(_ text: String) -> Bool {
        if text.hasPrefix("alias/") { return isAliasName(text.dropFirst(6)) }
        guard text.hasPrefix("arn:"), var rest = afterPartition(text.dropFirst(4)), rest.hasPrefix("kms:") else { return false }
        rest = rest.dropFirst(4)
        let fields = rest.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        guard fields.count == 3, isRegion(String(fields[0])), isAccountID(String(fields[1])) else { return false }
        let resource = fields[2]
        if resource.hasPrefix("alias/") { return isAliasName(resource.dropFirst(6)) }
        guard resource.hasPrefix("key/") else { return false }
        let id = resource.dropFirst(4)
        return (1...64).contains(id.utf8.count) && id.utf8.allSatisfy { ASCII.isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    }

    private static func isAliasName(_ name: Substring) -> Bool {
        (1...250).contains(name.utf8.count) && name.utf8.allSatisfy { ASCII.isAlphanumeric($0) || ASCII.isOne(of: "/_-", $0) }
    }

    /// `^[0-9]+\.[0-9]+\.[0-9]+$`.
    static func isSemanticVersion(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 3 && parts.allSatisfy { !$0.isEmpty && $0.utf8.count <= 9 && $0.utf8.allSatisfy(ASCII.isDigit) }
    }

    /// `host:port` as harden-runner takes it: DNS labels, optionally `*.` first, and a port 1-65535.
    static func isEndpoint(_ text: String) -> Bool {
        guard let colon = text.lastIndex(of: ":") else { return false }
        var host = text[..<colon]
        let port = text[text.index(after: colon)...]
        guard (1...5).contains(port.utf8.count), port.utf8.allSatisfy(ASCII.isDigit), let number = Int(port), (1...65535).contains(number) else { return false }
        if host.hasPrefix("*.") { host = host.dropFirst(2) }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        return host.utf8.count <= 253 && labels.allSatisfy { label in
            (1...63).contains(label.utf8.count) && label.utf8.first != UInt8(ascii: "-") && label.utf8.last != UInt8(ascii: "-")
                && label.utf8.allSatisfy { ASCII.isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
        }
    }
}
