import Foundation
import Pipewright
import PipewrightBlueprints

/// `pipewright audit [--config FILE] [--policy FILE] [--format text|json|sarif]` and `pipewright explain RULE`.
///
/// Argument parsing and file reading only; the audit itself is ``Auditor/auditLowered(_:pins:configFile:)``.
enum AuditCommand {
    static let usage = "usage: pipewright audit [--config FILE] [--policy FILE] [--format text|json|sarif]\n       pipewright explain RULE\n"

    /// Runs `audit`; returns the exit code: 0 clean or warnings only, 1 an error finding, 2 bad input, 64 usage.
    static func audit(_ arguments: [String]) -> Int32 {
        var config: String?
        var policyFile: String?
        var format = AuditFormat.text
        var rest = arguments[...]
        while let option = rest.popFirst() {
            guard let value = rest.popFirst() else { return usageError("\(option) needs a value") }
            switch option {
            case "--config": config = value
            case "--policy": policyFile = value
            case "--format":
                guard let chosen = AuditFormat(rawValue: value) else { return usageError("unknown format \"\(value)\"; expected text, json or sarif") }
                format = chosen
            default: return usageError("unknown option \(option)")
            }
        }
        let policy: Policy
        do {
            policy = try loadPolicy(explicit: policyFile, config: config ?? "pipewright.json", configGiven: config != nil)
        } catch {
            FileHandle.standardError.write(Data("pipewright: \(error)\n".utf8))
            return 2
        }
        // The pipewright.json reader lands separately; until then the audit runs over the default blueprint.
        let pipeline = Blueprint.cloudFormation.pipeline()
        let findings = Auditor(policy: policy).auditLowered(pipeline, configFile: config ?? "pipewright.json")
        let output = AuditReport.render(findings, format: format)
        FileHandle.standardOutput.write(Data(output.utf8))
        return findings.hasErrors ? 1 : 0
    }

    /// `--policy FILE`, else `pipewright-policy.json`, else the config's `policy` section, else the default policy.
    static func loadPolicy(explicit: String?, config: String, configGiven: Bool) throws -> Policy {
        let manager = FileManager.default
        if let explicit { return try Policy.decode(try String(contentsOfFile: explicit, encoding: .utf8)) }
        if manager.fileExists(atPath: "pipewright-policy.json") {
            return try Policy.decode(try String(contentsOfFile: "pipewright-policy.json", encoding: .utf8))
        }
        if manager.fileExists(atPath: config) || configGiven {
            return try Policy.decode(configSection: try String(contentsOfFile: config, encoding: .utf8))
        }
        return .default
    }

    /// Runs `explain`; 0 when the rule exists, 2 when it does not.
    static func explain(_ arguments: [String]) -> Int32 {
        guard arguments.count == 1 else { return usageError("explain takes one rule id, e.g. PW005") }
        do {
            FileHandle.standardOutput.write(Data(try RuleCatalog.explain(arguments[0]).utf8))
            return 0
        } catch {
            FileHandle.standardError.write(Data("pipewright: \(error)\n".utf8))
            return 2
        }
    }

    static func usageError(_ message: String) -> Int32 {
        FileHandle.standardError.write(Data(("pipewright: " + message + "\n" + usage).utf8))
        return 64
    }
}
