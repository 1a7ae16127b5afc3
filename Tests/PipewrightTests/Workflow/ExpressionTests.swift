import Testing
@testable import Pipewright

/// One expression and its exact source text, keyed by line for readable failures.
struct ExpressionCase: Sendable, CustomTestStringConvertible {
    let expression: Expression
    let expected: String
    let line: Int

    init(_ expression: Expression, _ expected: String, line: Int = #line) {
        self.expression = expression
        self.expected = expected
        self.line = line
    }

    var testDescription: String { "line \(line): \(expected)" }
}

let expressionCases: [ExpressionCase] = [
    // Contexts.
    ExpressionCase(.github("sha"), "github.sha"),
    ExpressionCase(.github("event", "pull_request", "labels", "*", "name"), "github.event.pull_request.labels.*.name"),
    ExpressionCase(.env("GREETING"), "env.GREETING"),
    ExpressionCase(.vars("REGION"), "vars.REGION"),
    ExpressionCase(.secrets("DEPLOY_TOKEN"), "secrets.DEPLOY_TOKEN"),
    ExpressionCase(.inputs("dry-run"), "inputs.dry-run"),
    ExpressionCase(.needs("build", output: "version"), "needs.build.outputs.version"),
    ExpressionCase(.needsResult("build"), "needs.build.result"),
    ExpressionCase(.steps("meta", output: "tags"), "steps.meta.outputs.tags"),
    ExpressionCase(.stepOutcome("lint"), "steps.lint.outcome"),
    ExpressionCase(.matrix("os"), "matrix.os"),
    ExpressionCase(.job("status"), "job.status"),
    ExpressionCase(.job("services", "postgres", "id"), "job.services.postgres.id"),
    ExpressionCase(.runner("temp"), "runner.temp"),
    ExpressionCase(.strategy("job-index"), "strategy.job-index"),
    ExpressionCase(.jobs("deploy", output: "url"), "jobs.deploy.outputs.url"),
    ExpressionCase(.context(.matrix, []), "matrix"),
    // Literals; a quote inside a string is doubled.
    ExpressionCase("main", "'main'"),
    ExpressionCase("it's", "'it''s'"),
    ExpressionCase("''", "''''''"),
    ExpressionCase("", "''"),
    ExpressionCase(42, "42"),
    ExpressionCase(-1, "-1"),
    ExpressionCase(true, "true"),
    ExpressionCase(false, "false"),
    ExpressionCase(.null, "null"),
    // Functions.
    ExpressionCase(.success(), "success()"),
    ExpressionCase(.failure(), "failure()"),
    ExpressionCase(.always(), "always()"),
    ExpressionCase(.cancelled(), "cancelled()"),
    ExpressionCase(.contains(.github("event", "head_commit", "message"), "[skip]"), "contains(github.event.head_commit.message, '[skip]')"),
    ExpressionCase(.startsWith(.github("ref"), "refs/tags/"), "startsWith(github.ref, 'refs/tags/')"),
    ExpressionCase(.endsWith(.github("ref"), "-rc"), "endsWith(github.ref, '-rc')"),
    ExpressionCase(.format("{0}-{1}", .runner("os"), .matrix("node")), "format('{0}-{1}', runner.os, matrix.node)"),
    ExpressionCase(.join(.github("event", "commits", "*", "id")), "join(github.event.commits.*.id, ',')"),
    ExpressionCase(.join(.matrix("targets"), " "), "join(matrix.targets, ' ')"),
    ExpressionCase(.toJSON(.github("event")), "toJSON(github.event)"),
    ExpressionCase(.fromJSON(.needs("plan", output: "matrix")), "fromJSON(needs.plan.outputs.matrix)"),
    ExpressionCase(.hashFiles("**/Package.resolved"), "hashFiles('**/Package.resolved')"),
    ExpressionCase(.hashFiles("a", "b"), "hashFiles('a', 'b')"),
    ExpressionCase(.format("it's {0}", .github("actor")), "format('it''s {0}', github.actor)"),
    // Operators.
    ExpressionCase(.github("ref").equals("refs/heads/main"), "github.ref == 'refs/heads/main'"),
    ExpressionCase(.github("event_name").notEquals("schedule"), "github.event_name != 'schedule'"),
    ExpressionCase(.github("run_attempt").isLess(than: 3), "github.run_attempt < 3"),
    ExpressionCase(.github("run_attempt").isGreater(than: 1), "github.run_attempt > 1"),
    ExpressionCase(.binary(.lessOrEqual, .matrix("n"), 2), "matrix.n <= 2"),
    ExpressionCase(.binary(.greaterOrEqual, .matrix("n"), 2), "matrix.n >= 2"),
    ExpressionCase(.success() && .github("ref").equals("refs/heads/main"), "success() && github.ref == 'refs/heads/main'"),
    ExpressionCase(.failure() || .cancelled(), "failure() || cancelled()"),
    ExpressionCase(!.cancelled(), "!cancelled()"),
    ExpressionCase(!(!.always()), "!!always()"),
    // Precedence: parentheses where the tree differs from how GitHub reads the flat text, && grouped
    // inside || for readers, and a comparison inside a comparison always grouped, because GitHub and
    // actionlint disagree on how `a < b == c` associates.
    ExpressionCase((.always() || .failure()) && .success(), "(always() || failure()) && success()"),
    ExpressionCase(.success() && (.always() || .failure()), "success() && (always() || failure())"),
    ExpressionCase((.success() && .always()) || .failure(), "(success() && always()) || failure()"),
    ExpressionCase(.failure() || (.success() && .always()), "failure() || (success() && always())"),
    ExpressionCase(.success() && .always() && .failure(), "success() && always() && failure()"),
    ExpressionCase(.success() || .always() || .failure(), "success() || always() || failure()"),
    ExpressionCase(!(.success() && .always()), "!(success() && always())"),
    ExpressionCase(!(.github("ref").equals("main")), "!(github.ref == 'main')"),
    ExpressionCase(!.github("ref_protected"), "!github.ref_protected"),
    ExpressionCase(.matrix("a").equals(.matrix("b").equals(true)), "matrix.a == (matrix.b == true)"),
    ExpressionCase(.matrix("a").equals(.matrix("b")).equals(true), "(matrix.a == matrix.b) == true"),
    ExpressionCase(.matrix("a").isLess(than: 2).equals(true), "(matrix.a < 2) == true"),
    ExpressionCase(.matrix("a").equals(.matrix("b").isLess(than: 2)), "matrix.a == (matrix.b < 2)"),
    ExpressionCase(.binary(.less, .matrix("a").equals(1), 2), "(matrix.a == 1) < 2"),
    ExpressionCase(.contains(.matrix("a") || .matrix("b"), "x"), "contains(matrix.a || matrix.b, 'x')"),
    ExpressionCase(
        .github("event_name").equals("push") && .startsWith(.github("ref"), "refs/tags/v") || .github("event_name").equals("release"),
        "(github.event_name == 'push' && startsWith(github.ref, 'refs/tags/v')) || github.event_name == 'release'"
    ),
]

@Test(arguments: expressionCases)
func expressionRendersItsSource(_ expressionCase: ExpressionCase) {
    #expect(expressionCase.expression.source == expressionCase.expected, "case at line \(expressionCase.line)")
}

@Suite struct ExpressionWrappingTests {
    @Test func wrappedAddsTheDelimiters() {
        #expect(Expression.github("sha").wrapped == "${{ github.sha }}")
    }

    @Test func interpolationRendersEachExpressionAndKeepsLiteralsAsTheyAre() {
        let text: WorkflowText = "deploy-\(.github("run_id"))-\(3)-\("x")"
        #expect(text.rendered == "deploy-${{ github.run_id }}-3-x")
        #expect(text.expressions == [.github("run_id")])
        #expect(text.literalValue == nil)
        #expect(WorkflowText("plain").literalValue == "plain")
        #expect(WorkflowText(segments: []).literalValue == "")
    }

    @Test func contextReferencesAreListedInOrder() {
        let expression = .needsResult("a").equals("success") && .contains(.inputs("x"), .steps("s", output: "o"))
        #expect(expression.contextReferences.map { "\($0.root).\($0.path.joined(separator: "."))" } == [
            "needs.a.result", "inputs.x", "steps.s.outputs.o",
        ])
    }

    @Test func everyContextRootHasAFactory() {
        // A root added to the enum must also be reachable without spelling `.context`.
        let viaFactories: Set<ContextRoot> = [
            .github, .env, .vars, .secrets, .inputs, .needs, .steps, .matrix, .job, .runner, .strategy, .jobs,
        ]
        #expect(viaFactories == Set(ContextRoot.allCases))
    }
}
