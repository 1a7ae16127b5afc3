// Runs one program and prints its wall time, peak resident memory and exit code: `SECONDS KIB STATUS`.
//
//   pipewright-bench-probe PROGRAM [ARGUMENTS...]
//
// pipewright-bench measures every run through this small process instead of spawning the program itself.
// On Linux a spawned child starts with its parent's peak memory (exec takes the larger of the old and the
// new address space's), so a child of the benchmark, which links Foundation, never reported less than the
// benchmark's own ~21 MiB. Started from here, the floor is this program's few MiB.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

func fail(_ message: String, status: Int32) -> Never {
    var text = message + "\n"
    _ = text.withUTF8 { write(2, $0.baseAddress, $0.count) }
    exit(status)
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard let program = arguments.first else {
    fail("usage: pipewright-bench-probe PROGRAM [ARGUMENTS...]", status: 64)
}

var fileActions = posix_spawn_file_actions_t()
posix_spawn_file_actions_init(&fileActions)
posix_spawn_file_actions_addopen(&fileActions, 1, "/dev/null", O_WRONLY, 0)
posix_spawn_file_actions_addopen(&fileActions, 2, "/dev/null", O_WRONLY, 0)
let argv = arguments.map { strdup($0) } + [nil]

var pid: pid_t = 0
var start = timespec()
clock_gettime(CLOCK_MONOTONIC, &start)
guard posix_spawn(&pid, program, &fileActions, nil, argv, environ) == 0 else {
    fail("pipewright-bench-probe: cannot start \(program)", status: 127)
}
var status: Int32 = 0
var usage = rusage()
wait4(pid, &status, 0, &usage)
var end = timespec()
clock_gettime(CLOCK_MONOTONIC, &end)
let seconds = Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
let exitCode = (status & 0x7f) == 0 ? (status >> 8) & 0xff : -1
print(seconds, usage.ru_maxrss, exitCode)
