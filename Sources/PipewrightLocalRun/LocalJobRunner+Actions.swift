import Pipewright
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The `uses:` steps a local run emulates, by repository, and the runner's default variables.
extension LocalJobRunner {
    /// The actions a local run knows how to stand in for, and what each does instead.
    public static let emulatedActions: [String: String] = [
        "actions/checkout": "copies the fixture repository into the workspace",
        "aws-actions/configure-aws-credentials": "sets test credentials, the region and AWS_ENDPOINT_URL; records the role",
        "actions/upload-artifact": "copies `path` into the local artifact store under `name`",
        "actions/download-artifact": "copies the artifact `name` from the local store into `path`",
        "step-security/harden-runner": "nothing: egress is not monitored locally",
    ]

    struct Emulation {
        let success: Bool
        let log: String
    }

    func emulate(_ reference: ActionReference, inputs: [String: String], state: inout JobState) -> Emulation {
        let workspace = state.folders.workspace
        switch reference.repository {
        case "actions/checkout":
            guard let fixture = configuration.fixtureRepository else {
                return Emulation(success: false, log: "checkout: no fixture repository configured")
            }
            do {
                try FileTree.copyContents(of: fixture, into: workspace)
                return Emulation(success: true, log: "checkout: copied \(fixture) into the workspace")
            } catch {
                return Emulation(success: false, log: "checkout: \(error)")
            }
        case "aws-actions/configure-aws-credentials":
            let role = inputs["role-to-assume"] ?? ""
            let region = inputs["aws-region"] ?? ""
            guard !role.isEmpty else {
                return Emulation(success: false, log: "configure-aws-credentials: role-to-assume is empty (is the variable or secret set?)")
            }
            guard !region.isEmpty else { return Emulation(success: false, log: "configure-aws-credentials: aws-region is empty") }
            let credentials = configuration.testCredentials
            state.exportedEnvironment["AWS_ACCESS_KEY_ID"] = credentials.accessKeyID
            state.exportedEnvironment["AWS_SECRET_ACCESS_KEY"] = credentials.secretAccessKey
            state.exportedEnvironment["AWS_SESSION_TOKEN"] = credentials.sessionToken
            state.exportedEnvironment["AWS_REGION"] = region
            state.exportedEnvironment["AWS_DEFAULT_REGION"] = region
            if let endpoint = configuration.endpointURL { state.exportedEnvironment["AWS_ENDPOINT_URL"] = endpoint }
            state.assumedRoles.append(AssumedRole(role: role, sessionName: inputs["role-session-name"] ?? "", region: region,
                                                  chained: inputs["role-chaining"] == "true"))
            return Emulation(success: true, log: "configure-aws-credentials: test credentials for \(role) in \(region)")
        case "actions/upload-artifact":
            guard let name = inputs["name"], !name.isEmpty, let path = inputs["path"], !path.isEmpty else {
                return Emulation(success: false, log: "upload-artifact: name and path are required")
            }
            let source = path.hasPrefix("/") ? path : workspace + "/" + path
            let destination = artifactFolder(name)
            if FileManager.default.fileExists(atPath: destination) {
                return Emulation(success: false, log: "upload-artifact: an artifact named \(name) already exists in this run")
            }
            let files = FileTree.files(under: source)
            if files.isEmpty {
                let mode = inputs["if-no-files-found"] ?? "warn"
                return Emulation(success: mode != "error", log: "upload-artifact: no files found at \(path) (if-no-files-found: \(mode))")
            }
            do {
                try FileTree.copyContents(of: source, into: destination)
                return Emulation(success: true, log: "upload-artifact: \(files.count) files as \(name)")
            } catch {
                return Emulation(success: false, log: "upload-artifact: \(error)")
            }
        case "actions/download-artifact":
            guard let name = inputs["name"], !name.isEmpty else {
                return Emulation(success: false, log: "download-artifact: only downloads by name are emulated")
            }
            let source = artifactFolder(name)
            guard FileManager.default.fileExists(atPath: source) else {
                return Emulation(success: false, log: "download-artifact: no artifact named \(name) in run \(configuration.github.runID)")
            }
            let path = inputs["path"].flatMap { $0.isEmpty ? nil : $0 } ?? "."
            do {
                try FileTree.copyContents(of: source, into: path.hasPrefix("/") ? path : workspace + "/" + path)
                return Emulation(success: true, log: "download-artifact: \(name) into \(path)")
            } catch {
                return Emulation(success: false, log: "download-artifact: \(error)")
            }
        case "step-security/harden-runner":
            return Emulation(success: true, log: "harden-runner: nothing to do locally")
        default:
            return Emulation(success: false, log: "No local emulation for \(reference.rendered); emulated: \(Self.emulatedActions.keys.sorted().joined(separator: ", "))")
        }
    }

    /// Where an artifact of this run lives: artifacts are per run, as on GitHub.
    func artifactFolder(_ name: String) -> String {
        configuration.artifactStore + "/" + configuration.github.runID + "/" + name
    }

    /// The variables every step of a GitHub-hosted job starts with.
    func runnerEnvironment(job: Job, workflow: Workflow, folders: JobFolders) -> [String: String] {
        let github = configuration.github
        var environment = configuration.baseEnvironment
        let defaults: [String: String] = [
            "CI": "true",
            "GITHUB_ACTIONS": "true",
            "GITHUB_SHA": github.sha,
            "GITHUB_REF": github.ref,
            "GITHUB_REF_NAME": github.refName,
            "GITHUB_REF_TYPE": github.ref.hasPrefix("refs/tags/") ? "tag" : "branch",
            "GITHUB_REPOSITORY": github.repository,
            "GITHUB_REPOSITORY_OWNER": String(github.repository.split(separator: "/").first ?? ""),
            "GITHUB_RUN_ID": github.runID,
            "GITHUB_RUN_ATTEMPT": github.runAttempt,
            "GITHUB_RUN_NUMBER": github.runID,
            "GITHUB_ACTOR": github.actor,
            "GITHUB_TRIGGERING_ACTOR": github.actor,
            "GITHUB_EVENT_NAME": github.eventName,
            "GITHUB_EVENT_PATH": folders.eventFile,
            "GITHUB_SERVER_URL": github.serverURL,
            "GITHUB_API_URL": "https://api.github.com",
            "GITHUB_WORKFLOW": workflow.name ?? github.workflow,
            "GITHUB_JOB": job.id,
            "GITHUB_WORKSPACE": folders.workspace,
            "GITHUB_STEP_SUMMARY": folders.summaryFile,
            "RUNNER_TEMP": folders.temp,
            "RUNNER_OS": "Linux",
            "RUNNER_ARCH": "X64",
            "RUNNER_NAME": "pipewright-local",
            "RUNNER_TOOL_CACHE": folders.temp + "/tool-cache",
        ]
        environment.merge(defaults) { _, runner in runner }
        return environment
    }
}

/// Copies folders the way the emulated actions need.
enum FileTree {
    /// Every regular file under a path (the path itself when it is a file).
    static func files(under path: String) -> [String] {
        guard let isFolder = FilePaths.isFolder(path) else { return [] }
        guard isFolder else { return [path] }
        return FilePaths.subpaths(of: path).filter { FilePaths.isFolder(path + "/" + $0) == false }.sorted()
    }

    /// Copies a folder's contents (or one file) into a folder, creating it, replacing files of the same name.
    static func copyContents(of source: String, into destination: String) throws {
        let manager = FileManager.default
        try manager.createDirectory(atPath: destination, withIntermediateDirectories: true)
        guard let isFolder = FilePaths.isFolder(source) else {
            throw LocalRunError.io("\(source) does not exist")
        }
        if !isFolder {
            let target = destination + "/" + FilePaths.lastComponent(of: source)
            if manager.fileExists(atPath: target) { try manager.removeItem(atPath: target) }
            try manager.copyItem(atPath: source, toPath: target)
            return
        }
        for item in try manager.contentsOfDirectory(atPath: source) {
            let target = destination + "/" + item
            if manager.fileExists(atPath: target) { try manager.removeItem(atPath: target) }
            try manager.copyItem(atPath: source + "/" + item, toPath: target)
        }
    }
}
