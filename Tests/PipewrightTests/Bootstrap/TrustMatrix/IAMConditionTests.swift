import Testing
@testable import Pipewright

@Suite struct IAMConditionTests {
    /// One condition against one request: operator, policy values, the request's values (`nil`: key absent).
    struct Case {
        let op: String
        let values: [String]
        let request: [String]?
        let holds: Bool
        let line: Int
        init(_ op: String, _ values: [String], _ request: [String]?, _ holds: Bool, line: Int = #line) {
            (self.op, self.values, self.request, self.holds, self.line) = (op, values, request, holds, line)
        }
    }

    static let arn = "arn:aws:iam::111111111111:role/app-prod-deploy"

    static let cases: [Case] = [
        // Positive operators: some request value matches some policy value; a missing key is false.
        Case("StringEquals", ["a"], ["a"], true),
        Case("StringEquals", ["a"], ["A"], false),
        Case("StringEquals", ["a", "b"], ["b"], true),
        Case("StringEquals", ["a"], ["x", "a"], true),
        Case("StringEquals", ["a"], nil, false),
        Case("StringEqualsIgnoreCase", ["Repo:Acme"], ["repo:acme"], true),
        Case("StringLike", ["repo:acme/app:*"], ["repo:acme/app:ref:refs/heads/main"], true),
        Case("StringLike", ["repo:acme/app:*"], ["repo:acme/apps:ref:refs/heads/main"], false),
        Case("StringLike", ["repo:acme/app:*"], ["repo:ACME/app:pull_request"], false),
        Case("StringLike", ["repo:acme/app:environment:?ev"], ["repo:acme/app:environment:dev"], true),
        Case("StringLike", ["repo:acme/app:environment:?ev"], ["repo:acme/app:environment:deev"], false),
        Case("StringLike", ["*"], nil, false),
        // Negated operators: no request value matches; a missing key is true.
        Case("StringNotEquals", ["a"], ["a"], false),
        Case("StringNotEquals", ["a"], ["b"], true),
        Case("StringNotEquals", ["a"], nil, true),
        Case("StringNotLike", ["repo:acme/*"], ["repo:other/app:pull_request"], true),
        Case("StringNotLike", ["repo:acme/*"], ["repo:acme/app:pull_request"], false),
        Case("StringNotLike", ["repo:acme/*"], nil, true),
        // ARNs: each of the six parts on its own, wildcards in any of them.
        Case("ArnLike", ["arn:aws:iam::111111111111:role/*-deploy"], [arn], true),
        Case("ArnLike", ["arn:aws:iam::222222222222:role/*-deploy"], [arn], false),
        Case("ArnLike", ["arn:aws:iam::*:role/app-prod-deploy"], [arn], true),
        Case("ArnLike", ["arn:aws:*:role/app-prod-deploy"], [arn], false),
        Case("ArnEquals", ["arn:aws:iam::111111111111:role/app-*"], [arn], true),
        Case("ArnEquals", [arn], nil, false),
        Case("ArnNotEquals", [arn], [arn], false),
        Case("ArnNotLike", ["arn:aws:iam::*:role/other"], [arn], true),
        // Null tests presence; Bool compares true/false.
        Case("Null", ["true"], nil, true),
        Case("Null", ["true"], ["x"], false),
        Case("Null", ["false"], ["x"], true),
        Case("Null", ["false"], nil, false),
        Case("Bool", ["true"], ["true"], true),
        Case("Bool", ["true"], ["false"], false),
        Case("Bool", ["false"], nil, false),
        // Set qualifiers and IfExists.
        Case("ForAnyValue:StringEquals", ["a"], ["x", "a"], true),
        Case("ForAnyValue:StringEquals", ["a"], ["x"], false),
        Case("ForAnyValue:StringEquals", ["a"], nil, false),
        Case("ForAllValues:StringEquals", ["a", "b"], ["a", "b"], true),
        Case("ForAllValues:StringEquals", ["a", "b"], ["a", "c"], false),
        Case("ForAllValues:StringEquals", ["a"], nil, true),
        Case("ForAllValues:StringLike", ["kms:*"], ["kms:Decrypt", "kms:Encrypt"], true),
        Case("StringEqualsIfExists", ["a"], nil, true),
        Case("StringEqualsIfExists", ["a"], ["b"], false),
        Case("ArnLikeIfExists", ["arn:aws:iam::111111111111:*"], [arn], true),
    ]

    @Test func operatorsBehaveAsIAMDocumentsThem() throws {
        for example in Self.cases {
            let condition = try IAMCondition(example.op, key: "test:Key", values: example.values)
            let context = IAMRequestContext(example.request.map { ["test:Key": $0] } ?? [:])
            #expect(condition.holds(in: context) == example.holds, "line \(example.line): \(example.op)")
        }
    }

    @Test func keysAreCaseInsensitiveAndValuesAreNot() throws {
        let condition = try IAMCondition("StringEquals", key: "token.actions.githubusercontent.com:sub", values: ["repo:acme/app:pull_request"])
        #expect(condition.holds(in: IAMRequestContext(["Token.Actions.GitHubUserContent.com:SUB": ["repo:acme/app:pull_request"]])))
        #expect(!condition.holds(in: IAMRequestContext(["token.actions.githubusercontent.com:sub": ["repo:acme/App:pull_request"]])))
    }

    @Test func unknownOperatorsAreErrorsNamingThem() throws {
        let node = YAMLNode.mapping([YAMLEntry("NumericLessThan", .mapping([YAMLEntry("aws:MultiFactorAuthAge", .string("3600"))]))])
        #expect {
            try IAMCondition.conditions(node, at: "Statement[0].Condition")
        } throws: { error in
            (error as? IAMModelError)?.description == "Statement[0].Condition.NumericLessThan: condition operator NumericLessThan is not modeled; "
                + "the model knows StringEquals, StringNotEquals, StringEqualsIgnoreCase, StringNotEqualsIgnoreCase, StringLike, StringNotLike, "
                + "ArnEquals, ArnNotEquals, ArnLike, ArnNotLike, Bool, Null, with ForAnyValue:/ForAllValues: and IfExists"
        }
        #expect(throws: IAMModelError.self) { try IAMCondition("NullIfExists", key: "k", values: ["true"]) }
    }

    @Test func wildcardsMatchRunsAndSingleCharacters() {
        #expect(IAMWildcard.matches("*", "", caseSensitive: true))
        #expect(IAMWildcard.matches("a*b*c", "aXbYbZc", caseSensitive: true))
        #expect(!IAMWildcard.matches("a*b*c", "aXbYbZ", caseSensitive: true))
        #expect(IAMWildcard.matches("**d", "abcd", caseSensitive: true))
        #expect(IAMWildcard.matches("a?c", "abc", caseSensitive: true))
        #expect(!IAMWildcard.matches("a?c", "ac", caseSensitive: true))
        #expect(IAMWildcard.matches("CloudFormation:Describe*", "cloudformation:DescribeStacks", caseSensitive: false))
        #expect(!IAMWildcard.matches("arn:aws:s3:::Bucket/*", "arn:aws:s3:::bucket/key", caseSensitive: true))
    }

    @Test func statementsNeedActionsAndKnownElements() throws {
        func statement(_ entries: [(String, YAMLNode)]) throws -> IAMStatement {
            try IAMStatement(.mapping(entries.map { YAMLEntry($0.0, $0.1) }), at: "Statement[0]")
        }
        #expect(throws: IAMModelError(path: "Statement[0]", message: "a statement needs Action or NotAction")) {
            try statement([("Effect", .string("Allow")), ("Resource", .string("*"))])
        }
        #expect(throws: IAMModelError(path: "Statement[0]", message: "unknown statement element Actions")) {
            try statement([("Effect", .string("Allow")), ("Actions", .string("s3:*"))])
        }
        #expect(throws: IAMModelError(path: "Statement[0]", message: "NotPrincipal is not modeled; use a condition on aws:PrincipalArn")) {
            try statement([("Effect", .string("Deny")), ("NotPrincipal", .string("*")), ("Action", .string("*"))])
        }
        #expect(throws: IAMModelError(path: "Statement[0].Effect", message: "expected Allow or Deny, found allow")) {
            try statement([("Effect", .string("allow")), ("Action", .string("*"))])
        }
        let notAction = try statement([("Effect", .string("Allow")), ("NotAction", .sequence([.string("iam:*")])), ("NotResource", .string("arn:aws:s3:::secret/*"))])
        #expect(notAction.applies(action: "s3:GetObject", resource: "arn:aws:s3:::public/key", context: IAMRequestContext()))
        #expect(!notAction.applies(action: "IAM:CreateRole", resource: "arn:aws:s3:::public/key", context: IAMRequestContext()))
        #expect(!notAction.applies(action: "s3:GetObject", resource: "arn:aws:s3:::secret/key", context: IAMRequestContext()))
    }
}
