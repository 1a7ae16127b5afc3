/// The names the bootstrap stack gives what it creates, derived from the pipeline alone so the workflows
/// and the template agree without sharing state.
public enum BootstrapNaming {
    /// The OIDC issuer of GitHub Actions.
    public static let githubIssuer = "token.actions.githubusercontent.com"

    /// The deploy role of an environment, e.g. `myapp-prod-deploy`.
    public static func deployRoleName(_ pipeline: Pipeline, _ environment: Environment) -> String {
        roleName(pipeline.project, environment.name, "deploy")
    }

    /// The role in an environment's account that its deploy role chains into, e.g. `myapp-prod-target`.
    public static func targetRoleName(_ pipeline: Pipeline, _ environment: Environment) -> String {
        roleName(pipeline.project, environment.name, "target")
    }

    /// The role a job of the given purpose assumes through OIDC, e.g. `myapp-prod-plan`; the deploy role for
    /// ``RolePurpose/deploy``.
    public static func roleName(_ pipeline: Pipeline, _ environment: Environment, purpose: RolePurpose) -> String {
        roleName(pipeline.project, environment.name, purpose.rawValue)
    }

    /// The role in an environment's account that a chained first hop of the given purpose assumes, e.g.
    /// `myapp-prod-plan-target`; ``targetRoleName(_:_:)`` for deploys.
    public static func targetRoleName(_ pipeline: Pipeline, _ environment: Environment, purpose: RolePurpose) -> String {
        purpose == .deploy ? targetRoleName(pipeline, environment) : roleName(pipeline.project, environment.name, purpose.rawValue, "target")
    }

    /// The read-only drift role of an environment, e.g. `myapp-prod-drift`.
    public static func driftRoleName(_ pipeline: Pipeline, _ environment: Environment) -> String {
        roleName(pipeline.project, environment.name, "drift")
    }

    /// The role CloudFormation itself assumes to change an environment's stacks, e.g. `myapp-prod-cfn-exec`.
    public static func executionRoleName(_ pipeline: Pipeline, _ environment: Environment) -> String {
        roleName(pipeline.project, environment.name, "cfn-exec")
    }

    /// The stack the next steps deploy the bootstrap template as, in every account, e.g. `myapp-pipewright-bootstrap`.
    public static func bootstrapStackName(_ pipeline: Pipeline) -> String {
        pipeline.project + "-pipewright-bootstrap"
    }

    /// The role of the build and validate jobs, e.g. `myapp-ci`.
    public static func ciRoleName(_ pipeline: Pipeline) -> String {
        roleName(pipeline.project, "ci")
    }

    /// The execution role's ARN in the environment's account, as the deploy scripts pass it to CloudFormation.
    public static func executionRoleARN(_ pipeline: Pipeline, _ environment: Environment) -> String {
        // Joined once: lowering makes this for every environment, and interpolation grew the string piece by piece.
        ["arn:", partition(forRegion: environment.region ?? pipeline.region), ":iam::", environment.account, ":role/",
         executionRoleName(pipeline, environment)].joined()
    }

    /// The AWS partition a region belongs to.
    public static func partition(forRegion region: String) -> String {
        if region.hasPrefix("cn-") { return "aws-cn" }
        if region.hasPrefix("us-gov-") { return "aws-us-gov" }
        return "aws"
    }

    /// A CloudFormation logical id or output key: letters and digits only, each word capitalized
    /// (`staging-eu` → `StagingEu`).
    public static func logicalID(_ text: String) -> String {
        text.split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber)) })
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }
            .joined()
    }

    /// The output key for a GitHub variable or secret: its letters and digits (`AWS_ROLE_ARN_DEV` → `AWSROLEARNDEV`).
    public static func outputKey(forGitHubName name: String) -> String {
        String(name.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }.map(Character.init))
    }

    /// IAM role names allow letters, digits and `+=,.@_-`, at most 64 characters.
    static func roleName(_ parts: String...) -> String {
        let joined = parts.joined(separator: "-")
        // Names are ASCII after validation; cleaning bytes read in place is what every deploy job of a large
        // pipeline pays, and cleaning characters cost tens of thousands of instructions per name.
        let cleanedASCII: String? = joined.withUTF8Bytes { bytes in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            return String(unsafeUninitializedCapacity: min(bytes.count, 64)) { out in
                for index in out.indices {
                    let byte = bytes[index]
                    switch byte {
                    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                         UInt8(ascii: "+"), UInt8(ascii: "="), UInt8(ascii: ","), UInt8(ascii: "."), UInt8(ascii: "@"), UInt8(ascii: "_"), UInt8(ascii: "-"):
                        out[index] = byte
                    default:
                        out[index] = UInt8(ascii: "-")
                    }
                }
                return out.count
            }
        }
        if let cleanedASCII { return cleanedASCII }
        let cleaned = String(joined.map { $0.isASCII && ($0.isLetter || $0.isNumber || "+=,.@_-".contains($0)) ? $0 : "-" })
        return String(cleaned.prefix(64))
    }
}
