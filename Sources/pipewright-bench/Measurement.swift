import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One run of a whole process: wall time and peak resident memory.
struct ProcessSample {
    let seconds: Double
    let peakKiB: Int
    let exitCode: Int32
}

/// Runs a program to completion with its output discarded, through `pipewright-bench-probe`, which
/// measures it with `wait4`: spawned from the benchmark itself, a run would report the benchmark's peak
/// memory whenever its own was lower.
func measure(_ executable: String, _ arguments: [String]) -> ProcessSample {
    let report = work + "/probe-report"
    var fileActions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&fileActions)
    defer { posix_spawn_file_actions_destroy(&fileActions) }
    posix_spawn_file_actions_addopen(&fileActions, 1, report, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

    let argv = ([probe, executable] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    guard posix_spawn(&pid, probe, &fileActions, nil, argv, environ) == 0 else {
        fatalError("cannot start \(probe)")
    }
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    guard let text = try? String(contentsOfFile: report, encoding: .utf8) else { fatalError("\(probe) reported nothing") }
    let fields = text.split(whereSeparator: \.isWhitespace)
    guard fields.count == 3, let seconds = Double(fields[0]), let peakKiB = Int(fields[1]), let exitCode = Int32(fields[2]) else {
        fatalError("\(probe) reported \(text)")
    }
    return ProcessSample(seconds: seconds, peakKiB: peakKiB, exitCode: exitCode)
}

/// The median of several runs, each after an untimed setup.
struct Figure {
    let label: String
    let seconds: Double
    let peakKiB: Int

    init(_ label: String, runs: Int, setup: () -> Void = {}, _ run: () -> ProcessSample) {
        var samples: [ProcessSample] = []
        for _ in 0..<runs {
            setup()
            samples.append(Self.checked(label, run()))
        }
        self.init(label, samples: samples)
    }

    init(_ label: String, samples: [ProcessSample]) {
        self.label = label
        seconds = samples.map(\.seconds).sorted()[samples.count / 2]
        peakKiB = samples.map(\.peakKiB).sorted()[samples.count / 2]
    }

    /// Figures whose runs take turns, so that whatever else the machine is doing meanwhile weighs on all
    /// alike: what a ratio between them needs.
    static func interleaved(_ subjects: [(label: String, setup: () -> Void, run: () -> ProcessSample)], runs: Int) -> [Figure] {
        var samples = [[ProcessSample]](repeating: [], count: subjects.count)
        for _ in 0..<runs {
            for (index, subject) in subjects.enumerated() {
                subject.setup()
                samples[index].append(checked(subject.label, subject.run()))
            }
        }
        return zip(subjects, samples).map { Figure($0.label, samples: $1) }
    }

    private static func checked(_ label: String, _ sample: ProcessSample) -> ProcessSample {
        guard sample.exitCode == 0 else { fatalError("\(label): exit code \(sample.exitCode)") }
        return sample
    }

    var line: String {
        let label = self.label.padding(toLength: 44, withPad: " ", startingAt: 0)
        return label + String(format: "%9.1f ms %9.1f MiB", seconds * 1000, Double(peakKiB) / 1024)
    }
}
