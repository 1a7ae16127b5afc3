import Pipewright
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `pipewright run-local` runs in its own binary, `pipewright-run-local`, beside `pipewright`: the local
/// runner needs Foundation, and linking it into `pipewright` would cost every other command its start-up.
package enum RunLocalCommand {
    package static let spec = CommandSpec(
        name: "run-local",
        summary: "Run a generated job (and the jobs it needs) locally against an AWS emulator such as moto or LocalStack.",
        arguments: ["JOB"],
        options: [
            .value("--endpoint", "URL", "The emulator's endpoint, e.g. http://127.0.0.1:5000 (required: run-local never calls real AWS)."),
            .value("--config", "FILE", "The pipeline config (default: pipewright.json in --directory)."),
            .value("--policy", "FILE", "Organization policy (default: pipewright-policy.json, else the config's policy section)."),
            .value("--directory", "DIR", "Repository root; checkout copies it (default: the current folder)."),
            .value("--event", "NAME", "The event to pretend: push (default) or workflow_dispatch."),
            .value("--ref", "REF", "The ref to pretend (default: refs/heads/ and the first environment's branch)."),
            .value("--inputs", "k=v,...", "Dispatch inputs, e.g. environment=dev,action=deploy."),
            .value("--vars", "k=v,...", "Configuration variables (vars.NAME), e.g. AWS_ROLE_ARN_DEV=arn:aws:iam::111111111111:role/x."),
        ],
        discussion: """
        Secrets are read from the environment as PIPEWRIGHT_SECRET_<NAME>, never from the command line.
        Steps run in bash under a scratch folder; actions are emulated: checkout copies --directory,
        configure-aws-credentials sets test credentials and AWS_ENDPOINT_URL, artifacts go to a local folder.
        """
    )

    /// Replaces this process with `pipewright-run-local run-local ARGS`, found beside `pipewright` or on `PATH`.
    static func launch(_ arguments: ParsedArguments, executable: String) throws(CommandFailure) -> ExitCode {
        let name = "pipewright-run-local"
        let beside = executable.contains("/") ? FilePaths.appending(name, to: FilePaths.removingLastComponent(of: executable)) : nil
        let options = arguments.values.sorted { $0.key < $1.key }.flatMap { [$0.key, $0.value] } + arguments.flags.sorted()
        let argv = [name, "run-local"] + options + arguments.positionals
        var cArguments = argv.map { strdup($0) } + [nil]
        defer { for argument in cArguments { free(argument) } }
        if let beside, access(beside, X_OK) == 0 {
            execv(beside, &cArguments)
        } else {
            execvp(name, &cArguments)
        }
        throw .invalidInput("run-local: cannot start \(name) (\(String(cString: strerror(errno)))); it is built beside pipewright by 'swift build' (or 'swift build --product \(name)') and must sit beside it or on PATH")
    }
}
