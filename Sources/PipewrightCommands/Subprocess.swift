#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program found on `PATH` and collects what it prints, with the C library only (the `pipewright`
/// binary links no Foundation).
struct Subprocess {
    /// How the program ended and what it printed.
    struct Result {
        /// The exit status; 128 + the signal number when a signal ended it.
        let status: Int32
        let stdout: String
        let stderr: String
        var succeeded: Bool { status == 0 }
    }

    /// Runs `arguments` (the program first) with this process's environment plus `environment`, and waits.
    /// Throws only when the program cannot be started, e.g. it is not installed.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws(CommandFailure) -> Result {
        var output: [Int32] = [0, 0]
        var errors: [Int32] = [0, 0]
        guard pipe(&output) == 0, pipe(&errors) == 0 else { throw .invalidInput("cannot create a pipe: \(String(cString: strerror(errno)))") }
        #if canImport(Glibc)
        var actions = posix_spawn_file_actions_t()
        #else
        var actions: posix_spawn_file_actions_t?
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errors[1], 2)
        for descriptor in output + errors { posix_spawn_file_actions_addclose(&actions, descriptor) }

        var inherited: [String] = []
        var cursor = environ
        while let entry = cursor.pointee {
            let text = String(cString: entry)
            if !environment.keys.contains(where: { text.hasPrefix($0 + "=") }) { inherited.append(text) }
            cursor += 1
        }
        let variables = inherited + environment.sorted { $0.key < $1.key }.map { $0.key + "=" + $0.value }
        var argv = arguments.map { strdup($0) } + [nil]
        var envp = variables.map { strdup($0) } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }

        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, arguments[0], &actions, nil, &argv, &envp)
        _ = SystemCalls.close(output[1])
        _ = SystemCalls.close(errors[1])
        guard spawned == 0 else {
            _ = SystemCalls.close(output[0])
            _ = SystemCalls.close(errors[0])
            throw .invalidInput("cannot run \(arguments[0]): \(String(cString: strerror(spawned))); is it installed and on PATH?")
        }
        let (stdout, stderr) = drain(output[0], errors[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        // WIFEXITED / WEXITSTATUS, which Swift does not import as functions.
        let exited = status & 0x7f == 0
        return Result(status: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), stdout: stdout, stderr: stderr)
    }

    /// Reads both pipes to their end, whichever has data, so a child filling one never blocks on the other.
    private static func drain(_ first: Int32, _ second: Int32) -> (String, String) {
        var buffers: [[UInt8]] = [[], []]
        var descriptors = [pollfd(fd: first, events: Int16(POLLIN), revents: 0), pollfd(fd: second, events: Int16(POLLIN), revents: 0)]
        var open = 2
        var chunk = [UInt8](repeating: 0, count: 65536)
        while open > 0 {
            guard poll(&descriptors, 2, -1) >= 0 else { if errno == EINTR { continue } else { break } }
            for index in 0..<2 where descriptors[index].fd >= 0 && descriptors[index].revents != 0 {
                let count = chunk.withUnsafeMutableBytes { SystemCalls.read(descriptors[index].fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    buffers[index] += chunk[0..<count]
                } else if count == 0 || errno != EINTR {
                    _ = SystemCalls.close(descriptors[index].fd)
                    descriptors[index].fd = -1
                    open -= 1
                }
            }
        }
        return (String(decoding: buffers[0], as: UTF8.self), String(decoding: buffers[1], as: UTF8.self))
    }
}
