import Foundation

/// A finished command: its exit status and output.
struct CommandResult {
    let status: Int32
    let stdout: String
    let stderr: String
    var succeeded: Bool { status == 0 }
}

/// Runs commands for the harness's own checks (the AWS CLI against the emulator, openssl, tar).
struct Shell {
    let environment: [String: String]

    func run(_ arguments: [String], directory: String? = nil) -> CommandResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.environment = environment
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("pw-e2e-\(UUID().uuidString)")
        let err = out.appendingPathExtension("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        guard let outHandle = FileHandle(forWritingAtPath: out.path), let errHandle = FileHandle(forWritingAtPath: err.path) else {
            return CommandResult(status: 127, stdout: "", stderr: "cannot open temporary files")
        }
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return CommandResult(status: 127, stdout: "", stderr: "\(error)") }
        process.waitUntilExit()
        try? outHandle.close()
        try? errHandle.close()
        return CommandResult(
            status: process.terminationStatus,
            stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? ""
        )
    }

    /// `aws ARGS --output json`, parsed.
    func awsJSON(_ arguments: [String]) throws -> Any {
        let result = run(["aws"] + arguments + ["--output", "json"])
        guard result.succeeded else { throw Failure("aws \(arguments.prefix(2).joined(separator: " ")) failed: \(result.stderr.trimmingCharacters(in: .whitespacesAndNewlines))") }
        guard let data = result.stdout.data(using: .utf8), let value = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            throw Failure("aws \(arguments.prefix(2).joined(separator: " ")) printed no JSON: \(result.stdout.prefix(200))")
        }
        return value
    }

    /// `aws ARGS --output text`, trimmed.
    func awsText(_ arguments: [String]) throws -> String {
        let result = run(["aws"] + arguments + ["--output", "text"])
        guard result.succeeded else { throw Failure("aws \(arguments.prefix(2).joined(separator: " ")) failed: \(result.stderr.trimmingCharacters(in: .whitespacesAndNewlines))") }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// Why a scenario failed.
struct Failure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

func check(_ condition: Bool, _ message: @autoclosure () -> String) throws {
    if !condition { throw Failure(message()) }
}
