import Testing
@testable import Pipewright

/// A condition read from a file is kept as text; whether it can hold on an event is still decided for the
/// form the audit needs: a top-level `&&` operand comparing `github.event_name` with a literal.
@Suite struct RawConditionTests {
    @Test(arguments: [
        ("github.event_name != 'pull_request' && (github.event_name != 'workflow_dispatch' || inputs.action == 'deploy')", false),
        ("${{ github.event_name == 'push' }}", false),
        ("github.event_name == 'pull_request'", true),
        ("GITHUB.EVENT_NAME != 'Pull_Request'", false),
        ("github.event_name != 'pull_request' || always()", true),
        ("(github.event_name != 'pull_request') && success()", false),
        ("contains(github.ref, 'x') && github.event_name != 'push'", true),
        ("github.ref == 'refs/heads/main'", true),
        ("!cancelled() && needs.build.result == 'success' && ((github.event_name == 'push' && github.ref == 'refs/heads/main') || (github.event_name == 'workflow_dispatch' && inputs.environment == 'prod'))", false),
        ("!(github.event_name == 'pull_request')", false),
        ("(github.event_name == 'push') || (github.event_name == 'pull_request')", true),
    ])
    func rawConditionsRuleOutOnlyWhatTheySay(_ text: String, _ mayHold: Bool) {
        #expect(Expression.raw(text).mayHold(whenEventIs: "pull_request") == mayHold, "\(text)")
    }
}
