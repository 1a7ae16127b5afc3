/// PW026: no secret is asked for as a `workflow_dispatch` or `workflow_call` input.
struct NoSecretInputs: PolicyRule {
    init() {}
    let id = "PW026"
    let name = "no-secret-inputs"
    let title = "No password, token or key asked for as a workflow input"
    let severity = Severity.error
    let tags = ["security", "secrets"]
    let explanation = RuleExplanation(
        what: "Every `string` input of `on.workflow_dispatch.inputs` and `on.workflow_call.inputs` whose id or description names a secret: a word `password`, `passwd`, `secret`, `token`, `credential`, `apikey` or `passphrase`, or `key` after `api`, `access`, `private`, `secret`, `signing`, `ssh` or `deploy` (`db_password`, `apiKey`, `SSH private key`). Boolean, choice, number and environment inputs cannot carry a secret and are not checked.",
        why: "An input is not a secret: GitHub does not mask it, so it appears in the run's logs wherever a step prints it, in `github.event.inputs` for every step and action of the run, and in the event payload anyone with read access can download; whoever dispatches the run also types it into a browser form or a shell history. Hand-written deploy workflows often ask for a database password this way, so the stack can be created with it.",
        fix: "Store the value as a secret of the GitHub environment the deploying job is bound to and read it there as `${{ secrets.NAME }}`; a reusable workflow declares it under `on.workflow_call.secrets` instead of `inputs`. Better still, let the stack resolve it from AWS Secrets Manager (`{{resolve:secretsmanager:…}}`) so it never passes through the workflow."
    )

    func check(_ audit: WorkflowAudit) -> [Diagnostic] {
        // The triggers as written, escape hatch included: an input the model cannot hold (no `type:`, which
        // GitHub reads as `string`) leaves its whole trigger in `extra`, and is checked all the same.
        guard case .mapping(let events) = audit.workflow.on.yamlNode else { return [] }
        var findings: [Diagnostic] = []
        for event in events where event.key == "workflow_dispatch" || event.key == "workflow_call" {
            guard case .mapping(let inputs)? = Self.value(event.value, "inputs") else { continue }
            for input in inputs {
                let type = Self.value(input.value, "type").flatMap(Self.text) ?? "string"
                let description = Self.value(input.value, "description").flatMap(Self.text) ?? ""
                guard type == "string", let word = Self.secretWord(in: input.key, description) else { continue }
                let path = "on." + event.key + ".inputs." + input.key
                if event.key == "workflow_dispatch" {
                    findings.append(finding(audit, at: path, "the workflow_dispatch input \(input.key) asks for a \(word), which GitHub neither masks nor keeps secret"))
                } else {
                    findings.append(finding(audit, at: path, "the workflow_call input \(input.key) passes a \(word) as an input, which GitHub does not mask",
                                            hint: "Declare it under `on.workflow_call.secrets` and have callers pass it with `secrets:`."))
                }
            }
        }
        return findings
    }

    private static func value(_ node: YAMLNode, _ key: String) -> YAMLNode? {
        guard case .mapping(let entries) = node else { return nil }
        return entries.first { $0.key == key }?.value
    }

    private static func text(_ node: YAMLNode) -> String? {
        if case .string(let text) = node { return text }
        return nil
    }

    static let secretWords: Set<String> = ["password", "passwd", "secret", "token", "credential", "credentials", "apikey", "passphrase"]
    static let keyQualifiers: Set<String> = ["api", "access", "private", "secret", "signing", "ssh", "deploy"]

    /// The first word of the texts that names a secret (`password`, `api key`), or `nil`.
    static func secretWord(in texts: String...) -> String? {
        for text in texts {
            let words = Self.words(text)
            for (index, word) in words.enumerated() {
                if secretWords.contains(word) { return word }
                if word == "key", index > 0, keyQualifiers.contains(words[index - 1]) { return words[index - 1] + " key" }
            }
        }
        return nil
    }

    /// The lowercased words of an id or a sentence: split at anything not a letter or digit and at each
    /// lowercase-to-uppercase step, so `db_password`, `dbPassword` and `DB Password` all give `db`, `password`.
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previousWasLower = false
        for character in text {
            guard character.isLetter || character.isNumber else {
                if !current.isEmpty { words.append(current.lowercased()); current = "" }
                previousWasLower = false
                continue
            }
            if character.isUppercase && previousWasLower { words.append(current.lowercased()); current = "" }
            current.append(character)
            previousWasLower = character.isLowercase
        }
        if !current.isEmpty { words.append(current.lowercased()) }
        return words
    }
}
