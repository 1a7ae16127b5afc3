import Pipewright

extension Fixtures {
    /// Every string a YAML 1.1 or 1.2 loader could read as something else, or that needs a block scalar,
    /// as env values, input defaults, options and descriptions. The round-trip check proves each one
    /// loads back as exactly this string.
    static let ambiguousScalars: [(key: String, value: String)] = [
        ("ON", "on"), ("YES", "yes"), ("NO", "no"), ("TRUE", "true"), ("NULL", "null"), ("TILDE", "~"),
        ("FLOAT", "3.10"), ("OCTAL", "0755"), ("EXPONENT", "1e3"),
        ("STAR", "*star"), ("AMPERSAND", "&anchor"), ("BANG", "!tag"), ("PIPE", "| pipe"), ("GREATER", ">folded"),
        ("PERCENT", "%directive"), ("AT", "@reserved"), ("BACKTICK", "`reserved`"),
        ("COLON_SPACE", "key: value"), ("SPACE_HASH", "value #not a comment"),
        ("LEADING_SPACE", "  leading"), ("TRAILING_SPACE", "trailing  "), ("EMPTY", ""),
        ("LINES", "first line\nsecond line\n"), ("LINES_NO_NEWLINE", "first line\nsecond line"),
        ("LINES_INDENTED", "  indented first line\nsecond line\n"), ("LINES_KEEP", "kept\n\n"),
    ]

    static var ambiguousScalarsWorkflow: Workflow {
        Workflow(
            name: "Fixture: ambiguous scalars",
            on: Triggers(workflowDispatch: WorkflowDispatch(inputs: [
                .choice("answer", options: ["yes", "no", "on", "off", "~"], description: "yes: no", required: true, default: "no"),
                .string("python", description: " leading space, trailing space ", required: false, default: "3.10"),
                .string("mode", description: "* all", required: false, default: "0755"),
                .string("empty", description: "", required: false, default: ""),
                .string("notes", description: "line one\nline two\n", required: false, default: "  indented\nnext"),
            ])),
            permissions: Permissions.empty,
            env: Mapping(ordered: ambiguousScalars.map { ($0.key, WorkflowValue.text(WorkflowText($0.value))) }),
            concurrency: concurrency,
            jobs: [
                Job(
                    id: "print", name: "Print the values", runsOn: "ubuntu-latest", permissions: Permissions.empty, timeoutMinutes: 5,
                    steps: [
                        .run(
                            "Print",
                            env: ["ANSWER": "\(.inputs("answer"))", "PYTHON": "\(.inputs("python"))", "NULLISH": "null"],
                            """
                              printf '%s\\n' "$ANSWER" "$PYTHON" "$NULLISH"
                            printf '[%s]\\n' "$LEADING_SPACE" "$TRAILING_SPACE" "$EMPTY" "$LINES"

                            """
                        ),
                    ]
                ),
            ]
        )
    }
}
