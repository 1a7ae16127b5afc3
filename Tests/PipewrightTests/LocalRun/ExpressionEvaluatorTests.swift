import Testing
@testable import Pipewright
@testable import PipewrightLocalRun

private let context = ExpressionContext(contexts: [
    .github: ["ref": "refs/heads/main", "event_name": "push", "run_id": "42", "event": ["inputs": ["env": "dev"]]],
    .inputs: ["environment": "Prod", "suffix": "", "count": "3"],
    .vars: .strings(["AWS_ROLE_ARN_DEV": "arn:aws:iam::123456789012:role/dev"]),
    .needs: ["build": ["result": "success", "outputs": ["artifact-name": "app-1"]], "plan": ["result": "success", "outputs": ["has-changes": "false"]]],
    .steps: ["prepare": ["outputs": ["stack-name": "app-dev"], "outcome": "success"]],
    .matrix: ["list": ["a", "b"]],
])

private struct Case: Sendable {
    let line: Int
    let expression: Expression
    let expected: ExpressionValue
    init(_ expression: Expression, _ expected: ExpressionValue, line: Int = #line) {
        self.line = line
        self.expression = expression
        self.expected = expected
    }
}

private let cases: [Case] = [
    // Contexts: missing properties are null; property names ignore case.
    Case(.github("ref"), "refs/heads/main"),
    Case(.github("REF"), "refs/heads/main"),
    Case(.github("nope"), .null),
    Case(.github("event", "inputs", "env"), "dev"),
    Case(.needs("build", output: "artifact-name"), "app-1"),
    Case(.needsResult("build"), "success"),
    Case(.steps("prepare", output: "stack-name"), "app-dev"),
    Case(.steps("missing", output: "x"), .null),
    Case(.vars("AWS_ROLE_ARN_DEV"), "arn:aws:iam::123456789012:role/dev"),
    // Loose equality: strings ignore case, mixed types compare as numbers.
    Case(.inputs("environment").equals("prod"), true),
    Case(.inputs("environment").notEquals("PROD"), false),
    Case(.inputs("count").equals(3), true),
    Case(Expression.string("").equals(0), true),
    Case(Expression.null.equals(0), true),
    Case(Expression.bool(true).equals(1), true),
    Case(Expression.bool(true).equals("true"), false),
    Case(Expression.string("abc").equals(0), false),
    Case(Expression.null.equals(.null), true),
    Case(.inputs("count").isGreater(than: 2), true),
    Case(Expression.string("a").isLess(than: "B"), true),
    Case(Expression.string("x").isLess(than: 1), false),
    // && and || return an operand, which the stack-suffix default relies on.
    Case(.inputs("suffix") || "main", "main"),
    Case(.inputs("environment") || "main", "Prod"),
    Case(.inputs("suffix") && "x", ""),
    Case(Expression.string("a") && "b", "b"),
    Case(!.inputs("suffix"), true),
    Case(!Expression.number(0), true),
    Case(.needsResult("plan").equals("success") && Expression.needs("plan", output: "has-changes").equals("false"), true),
    // Functions.
    Case(.contains(.github("ref"), "MAIN"), true),
    Case(.contains(.matrix("list"), "B"), true),
    Case(.contains(.matrix("list"), "c"), false),
    Case(.startsWith(.github("ref"), "refs/HEADS/"), true),
    Case(.endsWith(.github("ref"), "/main"), true),
    Case(.format("{0}-{1} {{x}}", .github("run_id"), .inputs("environment")), "42-Prod {x}"),
    Case(.join(.matrix("list"), "+"), "a+b"),
    Case(.join(.matrix("list")), "a,b"),
    Case(.toJSON(.matrix("list")), "[\n  \"a\",\n  \"b\"\n]"),
    Case(.fromJSON("{\"a\":[1,true,null]}"), ["a": [1, true, .null]]),
    Case(.fromJSON("2"), 2),
    Case(.always(), true),
    Case(.success(), true),
    Case(.failure(), false),
    Case(.cancelled(), false),
]

@Test(arguments: cases)
private func evaluatesLikeGitHub(_ item: Case) throws {
    let value = try ExpressionEvaluator(context: context).evaluate(item.expression)
    #expect(value == item.expected, "line \(item.line): \(item.expression.source)")
}

@Test func valuesInterpolateAsGitHubPrintsThem() throws {
    let evaluator = ExpressionEvaluator(context: context)
    #expect(try evaluator.evaluate("deploy-\(.github("run_id"))-\(.github("missing"))" as WorkflowText) == "deploy-42-")
    #expect(try evaluator.evaluate(WorkflowValue.int(30)) == "30")
    #expect(try evaluator.evaluate(WorkflowValue.bool(false)) == "false")
    #expect(ExpressionValue.number(3).text == "3")
    #expect(ExpressionValue.number(2.5).text == "2.5")
    #expect(ExpressionValue.array([]).text == "Array")
}

@Test func conditionsGetAnImplicitSuccessUnlessTheyCallAStatusFunction() throws {
    var failed = context
    failed.status = .failure
    let evaluator = ExpressionEvaluator(context: failed)
    #expect(try evaluator.evaluateCondition(nil) == false)
    #expect(try evaluator.evaluateCondition(.github("ref").equals("refs/heads/main")) == false)
    #expect(try evaluator.evaluateCondition(.always()) == true)
    #expect(try evaluator.evaluateCondition(.failure()) == true)
    #expect(try evaluator.evaluateCondition(!.cancelled()) == true)
    #expect(try ExpressionEvaluator(context: context).evaluateCondition(nil) == true)
}

@Test func errorsNameTheFunction() {
    let evaluator = ExpressionEvaluator(context: context)
    #expect(throws: ExpressionError.invalidJSON("{nope")) { try evaluator.evaluate(.fromJSON("{nope")) }
    #expect(throws: ExpressionError.invalidFormat("{1}")) { try evaluator.evaluate(.format("{1}", "a")) }
    #expect(throws: ExpressionError.arity(function: "contains", expected: "2", got: 1)) {
        try evaluator.evaluate(.call(.contains, ["a"]))
    }
}
