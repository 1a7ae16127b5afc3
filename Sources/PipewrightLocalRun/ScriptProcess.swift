import Pipewright
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs one command through `/usr/bin/env` with `posix_spawn`, output and errors going to one log file, within
/// a time limit.
///
/// The child gets exactly the given environment, the given working folder, `/dev/null` as its input, no other
/// open descriptors, no blocked signals, and its own process group (so a Ctrl-C meant for Pipewright does not
/// reach it). When the limit passes it gets `SIGTERM`, and the step's status is 124.
enum ScriptProcess {
    struct Execution {
        let status: Int32
        let log: String
    }

    static func run(_ arguments: [String], environment: [String: String], directory: String, logFile: String, timeout: Double) -> Execution {
        run(arguments, environment: environment, directory: directory, logFile: logFile, timeout: timeout, spawner: .system)
    }

    static func run(
        _ arguments: [String], environment: [String: String], directory: String, logFile: String, timeout: Double, spawner: Spawner
    ) -> Execution {
        let log = open(logFile, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard log >= 0 else { return Execution(status: 127, log: "Cannot open \(logFile)") }
        defer { close(log) }
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let process: pid_t
        switch spawner.spawn(["/usr/bin/env"] + arguments, environment: environment, directory: directory, output: log) {
        case .success(let pid): process = pid
        case .failure(let error):
            return Execution(status: 127, log: "Cannot start \(arguments.joined(separator: " ")): \(error)")
        }

        // A limit that is not a finite number of seconds never passes.
        let deadline = timeout.isFinite && timeout < 1e12 ? ContinuousClock.now + .seconds(timeout) : nil
        var timedOut = false
        var waitStatus: Int32 = 0
        while true {
            let reaped = waitpid(process, &waitStatus, WNOHANG)
            if reaped == process { break }
            if reaped == -1 {
                if errno == EINTR { continue }
                break
            }
            if let deadline, ContinuousClock.now > deadline {
                timedOut = true
                kill(process, SIGTERM)
                while waitpid(process, &waitStatus, 0) == -1, errno == EINTR {}
                break
            }
            usleep(20_000)
        }
        var text = (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? ""
        if timedOut { text += "\nThe step ran longer than \(Int(timeout)) seconds and was stopped." }
        return Execution(status: timedOut ? 124 : Self.status(waitStatus), log: text)
    }

    /// The exit status of a finished child, or the number of the signal that ended it.
    static func status(_ waitStatus: Int32) -> Int32 {
        let low = waitStatus & 0x7f
        if low == 0 { return (waitStatus >> 8) & 0xff }
        return low == 0x7f ? 0 : low
    }
}

/// Why a child could not be started: the `errno` that `posix_spawn` or a file action reported.
struct SpawnError: Error, CustomStringConvertible {
    let code: Int32
    var description: String { String(cString: strerror(code)) }
}

extension ScriptProcess {
    /// Starts children with `posix_spawn`, using the C library's `chdir` and close-from file actions when it has them.
    ///
    /// Without a `chdir` action the child is `/bin/sh -c 'cd -- "$1" || exit 127; shift; exec "$@"'` with the
    /// folder and the command as separate arguments, so no text is ever parsed by the shell; a folder it cannot
    /// enter gives 127, as a failed start does. Without a close-from action every descriptor listed in
    /// `/proc/self/fd` (or below the descriptor limit) is closed one by one.
    struct Spawner: Sendable {
        typealias ChangeDirectory = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, UnsafePointer<CChar>?) -> Int32
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32

        var changeDirectory: ChangeDirectory?
        var closeFrom: CloseFrom?

        #if canImport(Darwin)
        static let system = Spawner(changeDirectory: nil, closeFrom: nil)
        #else
        /// What this machine's C library offers (glibc has `chdir` since 2.29 and close-from since 2.34).
        static let system = Spawner(
            changeDirectory: symbol("posix_spawn_file_actions_addchdir_np", as: ChangeDirectory.self),
            closeFrom: symbol("posix_spawn_file_actions_addclosefrom_np", as: CloseFrom.self)
        )

        private static func symbol<Function>(_ name: String, as type: Function.Type) -> Function? {
            guard let address = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
            return unsafeBitCast(address, to: type)
        }
        #endif

        /// Starts `command` (`command[0]` is the program's path) with stdout and stderr on `output`.
        func spawn(_ command: [String], environment: [String: String], directory: String, output: Int32) -> Result<pid_t, SpawnError> {
            #if canImport(Darwin)
            var actions: posix_spawn_file_actions_t? = nil
            var attributes: posix_spawnattr_t? = nil
            #else
            var actions = posix_spawn_file_actions_t()
            var attributes = posix_spawnattr_t()
            #endif
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawnattr_init(&attributes)
            defer { posix_spawnattr_destroy(&attributes) }

            var code = posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDWR, 0)
            if code == 0 { code = posix_spawn_file_actions_adddup2(&actions, output, 1) }
            if code == 0 { code = posix_spawn_file_actions_adddup2(&actions, output, 2) }
            #if canImport(Darwin)
            let argv = command
            if code == 0 { code = posix_spawn_file_actions_addchdir_np(&actions, directory) }
            let flags = POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_CLOEXEC_DEFAULT
            #else
            let argv: [String]
            if let changeDirectory {
                argv = command
                if code == 0 { code = withUnsafeMutablePointer(to: &actions) { changeDirectory($0, directory) } }
            } else {
                // `./` keeps `cd` from searching CDPATH for a relative folder.
                let folder = directory.hasPrefix("/") ? directory : "./" + directory
                argv = ["/bin/sh", "-c", "cd -- \"$1\" || exit 127; shift; exec \"$@\"", "sh", folder] + command
            }
            if code == 0 { code = closeDescriptors(from: 3, in: &actions) }
            let flags = POSIX_SPAWN_SETPGROUP
            #endif
            // A step starts with no signal blocked and the usual ones at their defaults, whatever thread of the
            // embedding program starts it: a blocked or ignored SIGTERM would make the time limit wait forever.
            var unblocked = sigset_t(), defaults = sigset_t()
            sigemptyset(&unblocked)
            sigemptyset(&defaults)
            for signal in [SIGHUP, SIGINT, SIGQUIT, SIGPIPE, SIGTERM, SIGCHLD] { sigaddset(&defaults, signal) }
            if code == 0 { code = posix_spawnattr_setsigmask(&attributes, &unblocked) }
            if code == 0 { code = posix_spawnattr_setsigdefault(&attributes, &defaults) }
            if code == 0 { code = posix_spawnattr_setflags(&attributes, Int16(flags | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)) }
            guard code == 0 else { return .failure(SpawnError(code: code)) }

            let cArguments = argv.map { strdup($0) } + [nil]
            let cEnvironment = environment.map { strdup($0.key + "=" + $0.value) } + [nil]
            defer {
                for pointer in cArguments { free(pointer) }
                for pointer in cEnvironment { free(pointer) }
            }
            var pid: pid_t = 0
            code = posix_spawn(&pid, argv[0], &actions, &attributes, cArguments, cEnvironment)
            return code == 0 ? .success(pid) : .failure(SpawnError(code: code))
        }

        #if !canImport(Darwin)
        private func closeDescriptors(from lowest: Int32, in actions: inout posix_spawn_file_actions_t) -> Int32 {
            if let closeFrom { return withUnsafeMutablePointer(to: &actions) { closeFrom($0, lowest) } }
            for descriptor in Self.openDescriptors() where descriptor >= lowest {
                let code = posix_spawn_file_actions_addclose(&actions, descriptor)
                if code != 0 { return code }
            }
            return 0
        }

        /// The descriptors open in this process right now, from `/proc/self/fd`; without `/proc`, every number
        /// below the descriptor limit that `fcntl` accepts.
        private static func openDescriptors() -> [Int32] {
            if let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") {
                // The listing's own descriptor is gone by now; `fcntl` keeps only the ones still open.
                return names.compactMap { Int32($0) }.filter { fcntl($0, F_GETFD) != -1 }
            }
            return (0..<Int32(getdtablesize())).filter { fcntl($0, F_GETFD) != -1 }
        }
        #endif
    }
}
