import Foundation

/// Runs one command with Foundation's `Process`, output and errors going to one log file, within a time limit.
enum ScriptProcess {
    struct Execution {
        let status: Int32
        let log: String
    }

    static func run(_ arguments: [String], environment: [String: String], directory: String, logFile: String, timeout: Double) -> Execution {
        _ = FileManager.default.createFile(atPath: logFile, contents: nil)
        guard let log = FileHandle(forWritingAtPath: logFile) else { return Execution(status: 127, log: "Cannot open \(logFile)") }
        defer { try? log.close() }
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = log
        process.standardError = log
        do { try process.run() } catch {
            return Execution(status: 127, log: "Cannot start \(arguments.joined(separator: " ")): \(error)")
        }
        let deadline = Date().addingTimeInterval(timeout)
        var timedOut = false
        while process.isRunning {
            if Date() > deadline {
                timedOut = true
                process.terminate()
                break
            }
            usleep(20_000)
        }
        process.waitUntilExit()
        var text = (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? ""
        if timedOut { text += "\nThe step ran longer than \(Int(timeout)) seconds and was stopped." }
        return Execution(status: timedOut ? 124 : process.terminationStatus, log: text)
    }
}
