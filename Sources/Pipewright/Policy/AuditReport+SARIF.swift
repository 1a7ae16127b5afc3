/// SARIF 2.1.0 output, shaped for GitHub code scanning.
extension AuditReport {
    /// One run whose driver lists every rule (so `ruleIndex` is stable whatever was found) and one result
    /// per finding, located by repository-relative file and line, with the YAML path as a logical location
    /// and a line-independent fingerprint so moved findings are not reported as new.
    public static func sarif(_ diagnostics: [Diagnostic], rules: [any PolicyRule] = RuleCatalog.all, toolVersion: String = toolVersion) -> String {
        let ruleIndex = Dictionary(rules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let driver = YAMLNode.mapping([
            YAMLEntry("name", .string("Pipewright")),
            YAMLEntry("informationUri", .string(informationURI)),
            YAMLEntry("version", .string(toolVersion)),
            YAMLEntry("semanticVersion", .string(toolVersion)),
            YAMLEntry("rules", .sequence(rules.map(sarifRule))),
        ])
        let results = diagnostics.map { diagnostic -> YAMLNode in
            var physical: [YAMLEntry] = [YAMLEntry("artifactLocation", .mapping([YAMLEntry("uri", .string(diagnostic.location.file))]))]
            if let line = diagnostic.location.line {
                var region = [YAMLEntry("startLine", .int(line))]
                if let column = diagnostic.location.column { region.append(YAMLEntry("startColumn", .int(column))) }
                physical.append(YAMLEntry("region", .mapping(region)))
            }
            var result: [YAMLEntry] = [YAMLEntry("ruleId", .string(diagnostic.ruleID))]
            if let index = ruleIndex[diagnostic.ruleID] { result.append(YAMLEntry("ruleIndex", .int(index))) }
            var message = diagnostic.message
            if let hint = diagnostic.hint { message += ". Fix: " + hint }
            result += [
                YAMLEntry("level", .string(level(diagnostic.severity))),
                YAMLEntry("message", .mapping([YAMLEntry("text", .string(message))])),
                YAMLEntry("locations", .sequence([.mapping([
                    YAMLEntry("physicalLocation", .mapping(physical)),
                    YAMLEntry("logicalLocations", .sequence([.mapping([
                        YAMLEntry("fullyQualifiedName", .string(diagnostic.location.path)),
                        YAMLEntry("kind", .string("element")),
                    ])])),
                ])])),
                YAMLEntry("partialFingerprints", .mapping([
                    YAMLEntry("pipewright/v1", .string(SHA256.hex([diagnostic.ruleID, diagnostic.location.file, diagnostic.location.path, diagnostic.message].joined(separator: "\u{1F}")))),
                ])),
            ]
            return .mapping(result)
        }
        return JSONEmitter.emit(.mapping([
            YAMLEntry("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            YAMLEntry("version", .string("2.1.0")),
            YAMLEntry("runs", .sequence([.mapping([
                YAMLEntry("tool", .mapping([YAMLEntry("driver", driver)])),
                YAMLEntry("results", .sequence(results)),
            ])])),
        ]))
    }

    /// SARIF's level for a severity.
    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "note"
        }
    }

    static func sarifRule(_ rule: any PolicyRule) -> YAMLNode {
        let explanation = rule.explanation
        var properties: [YAMLEntry] = [YAMLEntry("tags", .sequence(rule.tags.map(YAMLNode.string)))]
        if rule.tags.contains("security") {
            // GitHub ranks security alerts by this score: errors as high, the rest as medium.
            properties.append(YAMLEntry("security-severity", .string(rule.severity == .error ? "8.0" : "5.0")))
        }
        properties.append(YAMLEntry("precision", .string("high")))
        return .mapping([
            YAMLEntry("id", .string(rule.id)),
            YAMLEntry("name", .string(rule.name)),
            YAMLEntry("shortDescription", .mapping([YAMLEntry("text", .string(rule.title))])),
            YAMLEntry("fullDescription", .mapping([YAMLEntry("text", .string(explanation.what))])),
            YAMLEntry("help", .mapping([
                YAMLEntry("text", .string("What: " + explanation.what + "\n\nWhy: " + explanation.why + "\n\nFix: " + explanation.fix)),
                YAMLEntry("markdown", .string("**What it checks.** " + explanation.what + "\n\n**Why.** " + explanation.why + "\n\n**How to fix.** " + explanation.fix)),
            ])),
            YAMLEntry("defaultConfiguration", .mapping([YAMLEntry("level", .string(level(rule.severity)))])),
            YAMLEntry("properties", .mapping(properties)),
        ])
    }
}
