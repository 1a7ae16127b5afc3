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

/// Runs a program to completion with its output discarded, and measures it with `wait4`.
func measure(_ executable: String, _ arguments: [String]) -> ProcessSample {
    var fileActions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&fileActions)
    defer { posix_spawn_file_actions_destroy(&fileActions) }
    posix_spawn_file_actions_addopen(&fileActions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&fileActions, 2, "/dev/null", O_WRONLY, 0)

    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    var start = timespec()
    clock_gettime(CLOCK_MONOTONIC, &start)
    guard posix_spawn(&pid, executable, &fileActions, nil, argv, environ) == 0 else {
        fatalError("cannot start \(executable)")
    }
    var status: Int32 = 0
    var usage = rusage()
    wait4(pid, &status, 0, &usage)
    var end = timespec()
    clock_gettime(CLOCK_MONOTONIC, &end)
    let seconds = Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
    let exitCode = (status & 0x7f) == 0 ? (status >> 8) & 0xff : -1
    return ProcessSample(seconds: seconds, peakKiB: usage.ru_maxrss, exitCode: exitCode)
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
            let sample = run()
            guard sample.exitCode == 0 else { fatalError("\(label): exit code \(sample.exitCode)") }
            samples.append(sample)
        }
        self.label = label
        seconds = samples.map(\.seconds).sorted()[runs / 2]
        peakKiB = samples.map(\.peakKiB).sorted()[runs / 2]
    }

    var line: String {
        let label = self.label.padding(toLength: 44, withPad: " ", startingAt: 0)
        return label + String(format: "%9.1f ms %9.1f MiB", seconds * 1000, Double(peakKiB) / 1024)
    }
}
