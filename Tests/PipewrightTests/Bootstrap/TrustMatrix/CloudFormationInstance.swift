@testable import Pipewright

/// A CloudFormation template instantiated in one account and region: parameters bound, conditions
/// evaluated, the resources whose condition holds kept, and every intrinsic function resolved.
///
/// Physical names and ARNs follow AWS's formats; what AWS would generate (a key id, a name the template does
/// not give) is a stable fake derived from the logical id.
struct CloudFormationInstance {
    /// A created resource with its properties resolved.
    struct Resource: Hashable, Sendable {
        let logicalID: String
        let type: String
        /// The ARN, for the types whose ARN the model knows.
        let arn: String?
        let properties: YAMLNode
    }

    let stack: IAMStack
    let resources: [Resource]

    init(template: YAMLNode, stack: IAMStack) throws {
        self.stack = stack
        var resolver = try TemplateResolver(template: template, stack: stack)
        try resolver.evaluateConditions()
        var resources: [Resource] = []
        for (logicalID, declaration) in resolver.declarations {
            let path = "Resources." + logicalID
            guard case .string = declaration.member("Type") else { throw IAMModelError(path: path, message: "a resource needs a Type") }
            // A condition the template does not define is an error, not a resource silently left out.
            if let name = try declaration.member("Condition")?.policyString(at: path + ".Condition") {
                _ = try resolver.condition(name, at: path + ".Condition")
            }
            guard resolver.isCreated(logicalID) else { continue }
            let properties = try declaration.member("Properties").map { try resolver.resolve($0, at: path + ".Properties") } ?? nil
            let type = resolver.type(of: logicalID)
            resources.append(Resource(logicalID: logicalID, type: type, arn: try resolver.arn(of: logicalID, at: path),
                                      properties: properties ?? .mapping([])))
        }
        // CloudFormation refuses a template whose outputs do not resolve, so the model does too.
        for entry in template.member("Outputs")?.entries ?? [] {
            let path = "Outputs." + entry.key
            if let name = try entry.value.member("Condition")?.policyString(at: path + ".Condition"), try !resolver.condition(name, at: path) {
                continue
            }
            if let value = entry.value.member("Value") { _ = try resolver.resolve(value, at: path + ".Value") }
        }
        self.resources = resources
    }
}

/// Binds parameters and resolves intrinsic functions for one stack.
private struct TemplateResolver {
    let stack: IAMStack
    let template: YAMLNode
    let declarations: [(String, YAMLNode)]
    var parameters: [String: YAMLNode] = [:]
    var conditions: [String: Bool] = [:]

    init(template: YAMLNode, stack: IAMStack) throws {
        guard case .mapping = template else { throw IAMModelError(path: "template", message: "the template must be a mapping") }
        self.stack = stack
        self.template = template
        declarations = (template.member("Resources")?.entries ?? []).map { ($0.key, $0.value) }
        try bindParameters()
    }

    // MARK: - Parameters and conditions

    mutating func bindParameters() throws {
        let declared = template.member("Parameters")?.entries ?? []
        for name in stack.parameters.keys.sorted() where !declared.contains(where: { $0.key == name }) {
            throw IAMModelError(path: "Parameters", message: "the stack passes \(name), which the template does not declare")
        }
        for entry in declared {
            let path = "Parameters." + entry.key
            let type = try entry.value.member("Type")?.policyString(at: path + ".Type") ?? "String"
            guard let value = try stack.parameters[entry.key] ?? entry.value.member("Default")?.policyString(at: path + ".Default") else {
                throw IAMModelError(path: path, message: "no value given and no Default")
            }
            if let allowed = try entry.value.member("AllowedValues")?.policyStrings(at: path + ".AllowedValues"), !allowed.contains(value) {
                throw IAMModelError(path: path, message: "\(value) is not one of the AllowedValues \(allowed.joined(separator: ", "))")
            }
            if let pattern = try entry.value.member("AllowedPattern")?.policyString(at: path + ".AllowedPattern") {
                let regex: Regex<AnyRegexOutput>
                do { regex = try Regex(pattern) } catch { throw IAMModelError(path: path + ".AllowedPattern", message: "unreadable pattern \(pattern)") }
                if value.wholeMatch(of: regex) == nil {
                    throw IAMModelError(path: path, message: "\(value) does not match the AllowedPattern \(pattern)")
                }
            }
            if type == "CommaDelimitedList" || type.hasPrefix("List<") {
                parameters[entry.key] = .sequence(value.split(separator: ",", omittingEmptySubsequences: false)
                    .map { .string(String($0.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())) })
            } else {
                parameters[entry.key] = .string(value)
            }
        }
    }

    mutating func evaluateConditions() throws {
        for entry in template.member("Conditions")?.entries ?? [] {
            _ = try condition(entry.key, at: "Conditions")
        }
    }

    /// A named condition's value, evaluating it (and the conditions it names) on first use.
    mutating func condition(_ name: String, at path: String, evaluating: Set<String> = []) throws -> Bool {
        if let known = conditions[name] { return known }
        guard let definition = template.member("Conditions")?.member(name) else {
            throw IAMModelError(path: path, message: "no condition named \(name)")
        }
        guard !evaluating.contains(name) else { throw IAMModelError(path: "Conditions." + name, message: "the condition refers to itself") }
        let value = try evaluate(definition, at: "Conditions." + name, evaluating: evaluating.union([name]))
        conditions[name] = value
        return value
    }

    /// A condition function: `Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not` or `{Condition: name}`.
    mutating func evaluate(_ node: YAMLNode, at path: String, evaluating: Set<String>) throws -> Bool {
        guard let (function, argument) = node.intrinsic(orKey: "Condition") else {
            throw IAMModelError(path: path, message: "expected a condition function (Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition)")
        }
        let here = path + "." + function
        switch function {
        case "Condition":
            return try condition(argument.policyString(at: here), at: here, evaluating: evaluating)
        case "Fn::Equals":
            let operands = try arguments(argument, count: 2...2, at: here)
            return try comparable(resolve(operands[0], at: here + "[0]")) == comparable(resolve(operands[1], at: here + "[1]"))
        case "Fn::And", "Fn::Or":
            var values: [Bool] = []
            for (index, operand) in try arguments(argument, count: 2...10, at: here).enumerated() {
                values.append(try evaluate(operand, at: "\(here)[\(index)]", evaluating: evaluating))
            }
            return function == "Fn::And" ? !values.contains(false) : values.contains(true)
        case "Fn::Not":
            return try !evaluate(arguments(argument, count: 1...1, at: here)[0], at: here + "[0]", evaluating: evaluating)
        default:
            throw IAMModelError(path: here, message: "\(function) is not a condition function the model supports")
        }
    }

    func arguments(_ node: YAMLNode, count: ClosedRange<Int>, at path: String) throws -> [YAMLNode] {
        guard case .sequence(let items) = node, count.contains(items.count) else {
            throw IAMModelError(path: path, message: "expected a list of \(count.lowerBound == count.upperBound ? "\(count.lowerBound)" : "\(count.lowerBound) to \(count.upperBound)") arguments")
        }
        return items
    }

    /// Values as `Fn::Equals` compares them: scalars by their text.
    func comparable(_ node: YAMLNode?) throws -> YAMLNode? {
        switch node {
        case .sequence(let items)?: .sequence(try items.map { try comparable($0) ?? .null })
        case let scalar?: .string(try scalar.policyString(at: "Fn::Equals"))
        case nil: nil
        }
    }

    // MARK: - Resources

    func declaration(_ logicalID: String) -> YAMLNode? { declarations.first { $0.0 == logicalID }?.1 }

    func type(of logicalID: String) -> String {
        (try? declaration(logicalID)?.member("Type")?.policyString(at: "")) ?? ""
    }

    func isCreated(_ logicalID: String) -> Bool {
        guard let name = declaration(logicalID)?.member("Condition") else { return true }
        return (try? name.policyString(at: "")).flatMap { conditions[$0] } ?? false
    }

    /// A property holding a physical name, or the name CloudFormation would generate.
    func physicalName(_ logicalID: String, _ property: String, at path: String) throws -> String {
        guard let node = declaration(logicalID)?.member("Properties")?.member(property) else { return stack.stackName + "-" + logicalID }
        return try string(resolve(node, at: "Resources.\(logicalID).Properties.\(property)"), at: path)
    }

    func iamPath(_ logicalID: String) throws -> String {
        guard let node = declaration(logicalID)?.member("Properties")?.member("Path") else { return "/" }
        return try string(resolve(node, at: "Resources.\(logicalID).Properties.Path"), at: "Resources.\(logicalID).Properties.Path")
    }

    /// The resource's ARN, for the types the model knows.
    func arn(of logicalID: String, at path: String) throws -> String? {
        let (partition, account, region) = (stack.partition, stack.account, stack.region)
        switch type(of: logicalID) {
        case "AWS::IAM::Role":
            return "arn:\(partition):iam::\(account):role\(try iamPath(logicalID))\(try physicalName(logicalID, "RoleName", at: path))"
        case "AWS::IAM::ManagedPolicy":
            return "arn:\(partition):iam::\(account):policy\(try iamPath(logicalID))\(try physicalName(logicalID, "ManagedPolicyName", at: path))"
        case "AWS::IAM::OIDCProvider":
            let url = try physicalName(logicalID, "Url", at: path)
            return "arn:\(partition):iam::\(account):oidc-provider/" + (url.hasPrefix("https://") ? String(url.dropFirst("https://".count)) : url)
        case "AWS::KMS::Key":
            return "arn:\(partition):kms:\(region):\(account):key/\(logicalID)"
        case "AWS::ECR::Repository":
            return "arn:\(partition):ecr:\(region):\(account):repository/\(try physicalName(logicalID, "RepositoryName", at: path))"
        case "AWS::S3::Bucket":
            return "arn:\(partition):s3:::\(try physicalName(logicalID, "BucketName", at: path))"
        default:
            return nil
        }
    }

    /// What `Ref` returns for a resource, as CloudFormation documents it per type.
    func refValue(of logicalID: String, at path: String) throws -> String {
        switch type(of: logicalID) {
        case "AWS::IAM::Role": return try physicalName(logicalID, "RoleName", at: path)
        case "AWS::IAM::ManagedPolicy", "AWS::IAM::OIDCProvider": return try arn(of: logicalID, at: path) ?? ""
        case "AWS::KMS::Key": return logicalID
        case "AWS::KMS::Alias": return try physicalName(logicalID, "AliasName", at: path)
        case "AWS::ECR::Repository": return try physicalName(logicalID, "RepositoryName", at: path)
        case "AWS::S3::Bucket": return try physicalName(logicalID, "BucketName", at: path)
        case let type: throw IAMModelError(path: path, message: "Ref to \(logicalID) of type \(type) is not modeled")
        }
    }

    func attribute(_ logicalID: String, _ attribute: String, at path: String) throws -> String {
        try requireCreated(logicalID, at: path)
        let type = type(of: logicalID)
        switch (type, attribute) {
        case ("AWS::IAM::Role", "Arn"), ("AWS::IAM::OIDCProvider", "Arn"), ("AWS::IAM::ManagedPolicy", "PolicyArn"),
             ("AWS::KMS::Key", "Arn"), ("AWS::ECR::Repository", "Arn"), ("AWS::S3::Bucket", "Arn"):
            return try arn(of: logicalID, at: path) ?? ""
        case ("AWS::KMS::Key", "KeyId"):
            return logicalID
        default:
            throw IAMModelError(path: path, message: "Fn::GetAtt \(logicalID).\(attribute) (\(type)) is not modeled")
        }
    }

    func requireCreated(_ logicalID: String, at path: String) throws {
        guard let resource = declaration(logicalID) else { throw IAMModelError(path: path, message: "no resource named \(logicalID)") }
        if !isCreated(logicalID) {
            let condition = (try? resource.member("Condition")?.policyString(at: "")) ?? ""
            throw IAMModelError(path: path, message: "\(logicalID) is not created in this stack (its condition \(condition) is false)")
        }
    }

    // MARK: - Intrinsic functions

    /// The resolved value; `nil` is `AWS::NoValue`, which removes the property or list item holding it.
    func resolve(_ node: YAMLNode, at path: String) throws -> YAMLNode? {
        switch node {
        case .sequence(let items):
            return .sequence(try items.enumerated().compactMap { try resolve($1, at: "\(path)[\($0)]") })
        case .mapping(let entries):
            if let (function, argument) = node.intrinsic() { return try intrinsic(function, argument, at: path + "." + function) }
            return .mapping(try entries.compactMap { entry in try resolve(entry.value, at: path + "." + entry.key).map { YAMLEntry(entry.key, $0) } })
        default:
            return node
        }
    }

    func intrinsic(_ function: String, _ argument: YAMLNode, at path: String) throws -> YAMLNode? {
        switch function {
        case "Ref":
            return try ref(argument.policyString(at: path), at: path)
        case "Fn::GetAtt":
            let parts: [String]
            if case .string(let dotted) = argument {
                parts = dotted.split(separator: ".", maxSplits: 1).map(String.init)
            } else {
                parts = try arguments(argument, count: 2...2, at: path).enumerated().map { try $1.policyString(at: "\(path)[\($0)]") }
            }
            guard parts.count == 2 else { throw IAMModelError(path: path, message: "expected [resource, attribute] or \"resource.attribute\"") }
            return .string(try attribute(parts[0], parts[1], at: path))
        case "Fn::Sub":
            return .string(try sub(argument, at: path))
        case "Fn::If":
            let branches = try arguments(argument, count: 3...3, at: path)
            let name = try branches[0].policyString(at: path + "[0]")
            guard let holds = conditions[name] else { throw IAMModelError(path: path, message: "no condition named \(name)") }
            return holds ? try resolve(branches[1], at: path + "[1]") : try resolve(branches[2], at: path + "[2]")
        case "Fn::Join":
            let operands = try arguments(argument, count: 2...2, at: path)
            let separator = try operands[0].policyString(at: path + "[0]")
            return .string(try list(operands[1], at: path + "[1]").joined(separator: separator))
        case "Fn::Select":
            let operands = try arguments(argument, count: 2...2, at: path)
            let index = try string(resolve(operands[0], at: path + "[0]"), at: path + "[0]")
            let items = try list(operands[1], at: path + "[1]")
            guard let position = Int(index), items.indices.contains(position) else {
                throw IAMModelError(path: path, message: "index \(index) is outside the list of \(items.count)")
            }
            return .string(items[position])
        case "Fn::Split":
            let operands = try arguments(argument, count: 2...2, at: path)
            let separator = try operands[0].policyString(at: path + "[0]")
            let text = try string(resolve(operands[1], at: path + "[1]"), at: path + "[1]")
            return .sequence(text.split(separator: separator, omittingEmptySubsequences: false).map { .string(String($0)) })
        default:
            throw IAMModelError(path: path, message: "intrinsic function \(function) is not supported by the model")
        }
    }

    func ref(_ name: String, at path: String) throws -> YAMLNode? {
        if let value = parameters[name] { return value }
        switch name {
        case "AWS::NoValue": return nil
        case "AWS::AccountId": return .string(stack.account)
        case "AWS::Region": return .string(stack.region)
        case "AWS::Partition": return .string(stack.partition)
        case "AWS::StackName": return .string(stack.stackName)
        case "AWS::URLSuffix": return .string(stack.partition == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com")
        default: break
        }
        if name.hasPrefix("AWS::") { throw IAMModelError(path: path, message: "pseudo parameter \(name) is not supported by the model") }
        guard declaration(name) != nil else { throw IAMModelError(path: path, message: "\(name) is neither a parameter nor a resource") }
        try requireCreated(name, at: path)
        return .string(try refValue(of: name, at: path))
    }

    /// `Fn::Sub`: `"text"` or `["text", {Name: value}]`; `${Name}`, `${Resource.Attribute}`, `${!Literal}`.
    func sub(_ argument: YAMLNode, at path: String) throws -> String {
        var text: String
        var variables: [String: String] = [:]
        if case .sequence = argument {
            let operands = try arguments(argument, count: 2...2, at: path)
            text = try operands[0].policyString(at: path + "[0]")
            for entry in operands[1].entries {
                variables[entry.key] = try string(resolve(entry.value, at: "\(path)[1].\(entry.key)"), at: "\(path)[1].\(entry.key)")
            }
        } else {
            text = try argument.policyString(at: path)
        }
        var result = ""
        while let open = text.firstRange(of: "${") {
            result += text[..<open.lowerBound]
            guard let close = text[open.upperBound...].firstIndex(of: "}") else {
                throw IAMModelError(path: path, message: "unclosed ${ in \(text)")
            }
            let name = String(text[open.upperBound..<close])
            if name.hasPrefix("!") {
                result += "${\(name.dropFirst())}"
            } else if let value = variables[name] {
                result += value
            } else if name.contains("."), !name.hasPrefix("AWS::") {
                let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
                result += try attribute(parts[0], parts[1], at: path)
            } else {
                result += try string(ref(name, at: path), at: path)
            }
            text = String(text[text.index(after: close)...])
        }
        return result + text
    }

    func string(_ node: YAMLNode?, at path: String) throws -> String {
        guard let node else { throw IAMModelError(path: path, message: "AWS::NoValue where a value is needed") }
        if case .sequence = node { throw IAMModelError(path: path, message: "a list where a string is needed") }
        return try node.policyString(at: path)
    }

    func list(_ node: YAMLNode, at path: String) throws -> [String] {
        guard case .sequence(let items)? = try resolve(node, at: path) else { throw IAMModelError(path: path, message: "expected a list") }
        return try items.enumerated().map { try string($1, at: "\(path)[\($0)]") }
    }
}

extension YAMLNode {
    /// A mapping's entries; none for anything else.
    var entries: [YAMLEntry] { if case .mapping(let entries) = self { entries } else { [] } }

    /// The function and argument of a one-key mapping whose key is `Ref`, `Fn::…` or `extra`.
    func intrinsic(orKey extra: String? = nil) -> (String, YAMLNode)? {
        guard case .mapping(let entries) = self, entries.count == 1, let entry = entries.first else { return nil }
        guard entry.key == "Ref" || entry.key.hasPrefix("Fn::") || entry.key == extra else { return nil }
        return (entry.key, entry.value)
    }
}
