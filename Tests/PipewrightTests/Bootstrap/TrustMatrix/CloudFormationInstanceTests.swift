import Testing
@testable import Pipewright

@Suite struct CloudFormationInstanceTests {
    static let template = """
    Parameters:
      GitHubRepository:
        Type: String
        AllowedPattern: "^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$"
      CreateShared:
        Type: String
        AllowedValues: ["true", "false"]
        Default: "true"
      DevRoles:
        Type: String
        AllowedValues: [auto, create, skip]
        Default: auto
      Extra:
        Type: CommaDelimitedList
        Default: "arn:aws:iam::aws:policy/ReadOnlyAccess, arn:aws:iam::aws:policy/PowerUserAccess"
    Conditions:
      Shared: {"Fn::Equals": [{"Ref": CreateShared}, "true"]}
      DevHere:
        Fn::Or:
          - {"Fn::Equals": [{"Ref": DevRoles}, create]}
          - Fn::And:
              - {"Fn::Equals": [{"Ref": DevRoles}, auto]}
              - {"Fn::Equals": [{"Ref": "AWS::AccountId"}, "111111111111"]}
      NotShared: {"Fn::Not": [{"Condition": Shared}]}
    Resources:
      Provider:
        Type: AWS::IAM::OIDCProvider
        Properties:
          Url: https://token.actions.githubusercontent.com
          ClientIdList: [sts.amazonaws.com]
      Key:
        Type: AWS::KMS::Key
        Condition: Shared
        Properties:
          KeyPolicy:
            Statement:
              - Effect: Allow
                Principal: {AWS: {"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"}}
                Action: "kms:*"
                Resource: "*"
      DevRole:
        Type: AWS::IAM::Role
        Condition: DevHere
        Properties:
          RoleName: {"Fn::Sub": ["${Repo}-dev-${AWS::Region}", {Repo: {"Fn::Select": [1, {"Fn::Split": ["/", {"Ref": GitHubRepository}]}]}}]}
          AssumeRolePolicyDocument:
            Statement:
              - Effect: Allow
                Principal: {Federated: {"Ref": Provider}}
                Action: sts:AssumeRoleWithWebIdentity
          ManagedPolicyArns: {"Ref": Extra}
          Policies:
            - PolicyName: use
              PolicyDocument:
                Statement:
                  - Effect: Allow
                    Action: ["kms:Decrypt", {"Fn::If": [NotShared, "kms:Encrypt", {"Ref": "AWS::NoValue"}]}]
                    Resource:
                      - {"Fn::If": [Shared, {"Fn::GetAtt": [Key, Arn]}, {"Ref": "AWS::NoValue"}]}
                      - {"Fn::Join": ["", ["arn:aws:s3:::", {"Ref": "AWS::StackName"}, "/${literal}"]]}
                      - {"Fn::Sub": "${!Literal}/${Provider.Arn}"}
                    Condition: {"Fn::If": [Shared, {StringEquals: {"kms:EncryptionContext:repository": {"Ref": GitHubRepository}}}, {"Ref": "AWS::NoValue"}]}
    Outputs:
      DevRoleName:
        Condition: DevHere
        Value: {"Ref": DevRole}
    """

    static func instance(_ text: String = template, account: String = "111111111111", parameters: [String: String] = [:]) throws -> CloudFormationInstance {
        try CloudFormationInstance(template: YAMLReader.read(text).root.yamlNode,
                                   stack: IAMStack(account: account, region: "eu-west-1", parameters: ["GitHubRepository": "acme/app"].merging(parameters) { $1 }))
    }

    static func resource(_ instance: CloudFormationInstance, _ logicalID: String) -> CloudFormationInstance.Resource? {
        instance.resources.first { $0.logicalID == logicalID }
    }

    @Test func resolvesRefSubGetAttIfJoinSelectAndSplit() throws {
        let instance = try Self.instance()
        #expect(instance.resources.map(\.logicalID) == ["Provider", "Key", "DevRole"])
        let role = try #require(Self.resource(instance, "DevRole"))
        #expect(role.arn == "arn:aws:iam::111111111111:role/app-dev-eu-west-1")
        #expect(Self.resource(instance, "Key")?.arn == "arn:aws:kms:eu-west-1:111111111111:key/Key")
        #expect(Self.resource(instance, "Provider")?.arn == "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com")
        let properties = role.properties
        let principal = properties.member("AssumeRolePolicyDocument")?.member("Statement")?.sequenceItems.first?.member("Principal")
        #expect(principal?.member("Federated") == .string("arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com"))
        #expect(properties.member("ManagedPolicyArns") == .sequence([.string("arn:aws:iam::aws:policy/ReadOnlyAccess"), .string("arn:aws:iam::aws:policy/PowerUserAccess")]))
        let statement = properties.member("Policies")?.sequenceItems.first?.member("PolicyDocument")?.member("Statement")?.sequenceItems.first
        // AWS::NoValue removes the list item it stands for.
        #expect(statement?.member("Action") == .sequence([.string("kms:Decrypt")]))
        #expect(statement?.member("Resource") == .sequence([
            .string("arn:aws:kms:eu-west-1:111111111111:key/Key"),
            .string("arn:aws:s3:::pipewright-bootstrap/${literal}"),
            .string("${Literal}/arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com"),
        ]))
        #expect(statement?.member("Condition")?.member("StringEquals")?.member("kms:EncryptionContext:repository") == .string("acme/app"))
    }

    @Test func conditionsDropResourcesAndNoValueDropsProperties() throws {
        let elsewhere = try Self.instance(account: "222222222222", parameters: ["CreateShared": "false"])
        #expect(elsewhere.resources.map(\.logicalID) == ["Provider"])
        let created = try Self.instance(account: "222222222222", parameters: ["CreateShared": "false", "DevRoles": "create"])
        let statement = Self.resource(created, "DevRole")?.properties.member("Policies")?.sequenceItems.first?
            .member("PolicyDocument")?.member("Statement")?.sequenceItems.first
        #expect(statement?.member("Action") == .sequence([.string("kms:Decrypt"), .string("kms:Encrypt")]))
        #expect(statement?.member("Condition") == nil)
    }

    @Test func aReferenceToAResourceItsConditionDropsIsAnError() throws {
        let template = """
        Parameters: {GitHubRepository: {Type: String}}
        Conditions: {Never: {"Fn::Equals": [a, b]}}
        Resources:
          Key: {Type: AWS::KMS::Key, Condition: Never, Properties: {KeyPolicy: {Statement: []}}}
          Role: {Type: AWS::IAM::Role, Properties: {RoleName: x, Value: {"Fn::If": [Never, {"Fn::GetAtt": [Key, Arn]}, none]}}}
        Outputs:
          KeyArn: {Value: {"Fn::Sub": "${Key.Arn}"}}
        """
        #expect(throws: IAMModelError(path: "Outputs.KeyArn.Value.Fn::Sub", message: "Key is not created in this stack (its condition Never is false)")) {
            try Self.instance(template)
        }
    }

    @Test func parametersAreCheckedAsCloudFormationChecksThem() throws {
        #expect(throws: IAMModelError(path: "Parameters", message: "the stack passes DevRole, which the template does not declare")) {
            try Self.instance(parameters: ["DevRole": "auto"])
        }
        #expect(throws: IAMModelError(path: "Parameters.DevRoles", message: "maybe is not one of the AllowedValues auto, create, skip")) {
            try Self.instance(parameters: ["DevRoles": "maybe"])
        }
        #expect(throws: IAMModelError(path: "Parameters.GitHubRepository", message: "acme does not match the AllowedPattern ^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")) {
            try Self.instance(parameters: ["GitHubRepository": "acme"])
        }
        #expect(throws: IAMModelError(path: "Parameters.Name", message: "no value given and no Default")) {
            try Self.instance("Parameters: {GitHubRepository: {Type: String}, Name: {Type: String}}\nResources: {}\n")
        }
    }

    static func single(_ value: String) -> String {
        """
        Parameters: {GitHubRepository: {Type: String}}
        Conditions: {Yes: {"Fn::Equals": [a, a]}}
        Resources:
          Role:
            Type: AWS::IAM::Role
            Properties: {RoleName: x, Value: \(value)}
          Queue:
            Type: AWS::SQS::Queue
        """
    }

    @Test(arguments: [
        (#"{"Fn::ImportValue": shared-key}"#, "Resources.Role.Properties.Value.Fn::ImportValue: intrinsic function Fn::ImportValue is not supported by the model"),
        (#"{"Fn::FindInMap": [m, k, v]}"#, "Resources.Role.Properties.Value.Fn::FindInMap: intrinsic function Fn::FindInMap is not supported by the model"),
        (#"{"Ref": "AWS::NotificationARNs"}"#, "Resources.Role.Properties.Value.Ref: pseudo parameter AWS::NotificationARNs is not supported by the model"),
        (#"{"Ref": Nothing}"#, "Resources.Role.Properties.Value.Ref: Nothing is neither a parameter nor a resource"),
        (#"{"Ref": Queue}"#, "Resources.Role.Properties.Value.Ref: Ref to Queue of type AWS::SQS::Queue is not modeled"),
        (#"{"Fn::GetAtt": [Role, RoleId]}"#, "Resources.Role.Properties.Value.Fn::GetAtt: Fn::GetAtt Role.RoleId (AWS::IAM::Role) is not modeled"),
        (#"{"Fn::Sub": "${Queue.Arn}"}"#, "Resources.Role.Properties.Value.Fn::Sub: Fn::GetAtt Queue.Arn (AWS::SQS::Queue) is not modeled"),
        (#"{"Fn::If": [No, a, b]}"#, "Resources.Role.Properties.Value.Fn::If: no condition named No"),
        (#"{"Fn::Join": ["-", [a, [b]]]}"#, "Resources.Role.Properties.Value.Fn::Join[1][1]: a list where a string is needed"),
    ])
    func unsupportedOrBrokenIntrinsicsAreErrorsNamingThem(_ value: String, _ message: String) throws {
        #expect {
            try Self.instance(Self.single(value))
        } throws: { error in
            (error as? IAMModelError)?.description == message
        }
    }

    @Test func conditionsMustBeConditionFunctionsAndNotLoop() throws {
        let looping = "Conditions: {A: {\"Fn::Not\": [{Condition: B}]}, B: {\"Fn::Not\": [{Condition: A}]}}\nResources: {}\n"
        #expect(throws: IAMModelError(path: "Conditions.A", message: "the condition refers to itself")) {
            try CloudFormationInstance(template: YAMLReader.read(looping).root.yamlNode, stack: IAMStack(account: "111111111111"))
        }
        let undefined = "Resources: {Key: {Type: AWS::KMS::Key, Condition: Missing}}\n"
        #expect(throws: IAMModelError(path: "Resources.Key.Condition", message: "no condition named Missing")) {
            try CloudFormationInstance(template: YAMLReader.read(undefined).root.yamlNode, stack: IAMStack(account: "111111111111"))
        }
        let contains = "Conditions: {A: {\"Fn::Contains\": [[a], a]}}\nResources: {}\n"
        #expect(throws: IAMModelError(path: "Conditions.A.Fn::Contains", message: "Fn::Contains is not a condition function the model supports")) {
            try CloudFormationInstance(template: YAMLReader.read(contains).root.yamlNode, stack: IAMStack(account: "111111111111"))
        }
    }
}
