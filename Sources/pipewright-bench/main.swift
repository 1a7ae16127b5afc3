// The benchmark: whole-process time and peak memory of the release `pipewright`, as medians.
//
//   swift build -c release && swift run -c release pipewright-bench [--runs N]
//
// It prints one line per figure, then the targets with PASS or MISS. Nothing is timed inside the
// process: each figure is a separate `pipewright` run, measured with wait4, so start-up counts.
//
// Its first line says how the Swift runtime is linked. Built with `--static-swift-stdlib` (the
// self-contained binary the README describes), every program starts faster, the trivial baseline most of
// all, as it no longer loads full Foundation and ICU; the baseline is always built the same way as
// `pipewright`, so the ratio compares like with like.
import Foundation
import Pipewright
import PipewrightBlueprints
import PipewrightSamples

if CommandLine.arguments.dropFirst().first == "render-random" {
    renderRandomPipelines(Array(CommandLine.arguments.dropFirst(2)))
    exit(0)
}

let binaries = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().path
let pipewright = binaries + "/pipewright"
let baseline = binaries + "/pipewright-bench-baseline"
let probe = binaries + "/pipewright-bench-probe"
for binary in [pipewright, baseline, probe] where !FileManager.default.isExecutableFile(atPath: binary) {
    FileHandle.standardError.write(Data("pipewright-bench: \(binary) is missing; run 'swift build -c release' first.\n".utf8))
    exit(2)
}
let runsIndex = CommandLine.arguments.firstIndex(of: "--runs")
let runs = runsIndex.flatMap { Int(CommandLine.arguments[$0 + 1]) } ?? 11

let work = NSTemporaryDirectory() + "pipewright-bench-" + UUID().uuidString
try! FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: work) }

/// A folder holding a config, ready for `generate`.
func prepare(_ name: String, config: String) -> String {
    let folder = work + "/" + name
    try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try! config.write(toFile: folder + "/pipewright.json", atomically: true, encoding: .utf8)
    // The template, Dockerfile or CDK app the build reads: generate refuses a repository without them.
    for input in try! PipewrightConfig.decode(config).pipeline.inputs where !input.isDirectory {
        let path = folder + "/" + input.path
        try! FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try! "# input\n".write(toFile: path, atomically: true, encoding: .utf8)
    }
    return folder
}

/// A repository holding only `.github/workflows/`, `count` files as Pipewright renders them for random
/// pipelines (the drift and deploy workflows of one or two environments), each of a length in `lines`, and no
/// pipewright.json: the shape of a repository of hand-written workflows, so `audit` reads and checks files
/// only. Returns the folder and the total line count.
func workflowFolder(count: Int, lines: ClosedRange<Int>) -> (String, Int) {
    let folder = work + "/workflow-files"
    let workflows = folder + "/.github/workflows"
    try! FileManager.default.createDirectory(atPath: workflows, withIntermediateDirectories: true)
    let generator = Generator()
    var written = 0, total = 0
    var seed: UInt64 = 1
    while written < count {
        let files = (try? generator.render(RandomPipeline.make(seed: seed, maxEnvironments: 2))) ?? []
        for file in files where written < count && file.path.hasPrefix(".github/workflows/") {
            let length = file.contents.utf8.filter { $0 == 0x0A }.count
            let name = "seed-\(seed)--" + (file.path as NSString).lastPathComponent
            // Only files that pass, so the run exits 0 as the benchmark requires and times a clean audit.
            guard lines.contains(length), (try? Auditor().audit(file: name, contents: file.contents))?.hasErrors == false else { continue }
            try! file.contents.write(toFile: workflows + "/" + name, atomically: true, encoding: .utf8)
            written += 1
            total += length
        }
        seed += 1
        if seed > 10_000 { fatalError("only \(written) random workflows of \(lines) lines in 10,000 seeds") }
    }
    return (folder, total)
}

/// A folder whose one workflow, the default blueprint's, is named by a plain scalar of 300,000 characters with no
/// `: ` to end it early: the reader must scan such a line once, not once per character.
func longLineFolder() -> String {
    let folder = work + "/long-line"
    let workflows = folder + "/.github/workflows"
    try! FileManager.default.createDirectory(atPath: workflows, withIntermediateDirectories: true)
    let file = try! Generator().render(BlueprintCatalog.named("cloudformation")!.pipeline())[0]
    var lines = file.contents.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let index = lines.firstIndex { $0.hasPrefix("name: ") }!
    lines[index] = "name: " + String(repeating: "ab ", count: 99_999) + "ab"
    try! lines.joined(separator: "\n").write(toFile: workflows + "/long-line.yml", atomically: true, encoding: .utf8)
    return folder
}

func removeWorkflows(_ folder: String) {
    try? FileManager.default.removeItem(atPath: folder + "/.github")
}

func synthetic(_ count: Int) -> String {
    let names = (0..<count).map { "env\($0)" }
    return PipewrightConfig.encode(Blueprint.cloudFormation.pipeline(BlueprintOptions(project: "bench", environments: names)))
}

/// Whether a binary loads the Swift runtime from a shared library, which a static build does not name.
func linksSwiftDynamically(_ path: String) -> Bool {
    guard let contents = FileManager.default.contents(atPath: path) else { return true }
    return contents.range(of: Data("libswiftCore.so".utf8)) != nil
}
let linkage = linksSwiftDynamically(pipewright)
    ? "Swift runtime linked dynamically"
    : "Swift runtime linked statically (--static-swift-stdlib)"
print("pipewright-bench: medians of \(runs) runs; whole process, release build; \(linkage)")
var figures: [String: Figure] = [:]
@MainActor func record(_ key: String, _ figure: Figure) {
    figures[key] = figure
    print(figure.line)
}

// The baseline and every blueprint take turns: each blueprint's ratio to the baseline is a target, and load
// that comes and goes while the benchmark runs then weighs on all alike. A run of either is a few
// milliseconds, and the machine's jitter is of that order: three times the runs keep the medians steady.
var subjects: [(label: String, setup: () -> Void, run: () -> ProcessSample)] = [
    ("trivial Swift program (Foundation, 1 KB)", {}, { measure(baseline, []) }),
]
for blueprint in BlueprintCatalog.all {
    let folder = prepare(blueprint.name, config: PipewrightConfig.encode(blueprint.pipeline()))
    subjects.append(("generate " + blueprint.name, { removeWorkflows(folder) }, { measure(pipewright, ["generate", "--directory", folder]) }))
}
let paired = Figure.interleaved(subjects, runs: 3 * runs)
record("baseline", paired[0])
for (blueprint, figure) in zip(BlueprintCatalog.all, paired.dropFirst()) {
    record("generate-" + blueprint.name, figure)
}
let cloudformation = work + "/cloudformation"
_ = measure(pipewright, ["generate", "--directory", cloudformation])
record("check", Figure("generate --check cloudformation", runs: runs) { measure(pipewright, ["generate", "--check", "--directory", cloudformation]) })
record("audit", Figure("audit cloudformation", runs: runs) { measure(pipewright, ["audit", "--directory", cloudformation]) })
let (auditFolder, auditLines) = workflowFolder(count: 50, lines: 250...350)
record("audit-files", Figure("audit, 50 workflow files (\(auditLines / 50) lines each)", runs: runs) {
    measure(pipewright, ["audit", "--directory", auditFolder])
})
let longLine = longLineFolder()
record("audit-long-line", Figure("audit, a workflow with a 300,000-character line", runs: runs) {
    measure(pipewright, ["audit", "--directory", longLine])
})
for count in [10, 100, 1_000] {
    let folder = prepare("synthetic-\(count)", config: synthetic(count))
    record("synthetic-\(count)", Figure("generate, \(count) environments", runs: runs, setup: { removeWorkflows(folder) }) {
        measure(pipewright, ["generate", "--directory", folder])
    })
}

func verdict(_ ok: Bool) -> String { ok ? "PASS" : "MISS" }
print("")
let baselineSeconds = figures["baseline"]!.seconds
for blueprint in BlueprintCatalog.all {
    let figure = figures["generate-" + blueprint.name]!
    let ratio = figure.seconds / baselineSeconds
    let label = "\(blueprint.name) / baseline time".padding(toLength: 34, withPad: " ", startingAt: 0)
    print(String(format: "%@ %6.2fx     (target <= 1.00x)    %@", label, ratio, verdict(ratio <= 1.0)))
    let peakLabel = "\(blueprint.name) peak memory".padding(toLength: 34, withPad: " ", startingAt: 0)
    print(String(format: "%@ %6.1f MiB (target <= 25 MiB)   %@", peakLabel, Double(figure.peakKiB) / 1024, verdict(figure.peakKiB <= 25 * 1024)))
}
let hundred = figures["synthetic-100"]!, thousand = figures["synthetic-1000"]!
let growth = thousand.seconds / hundred.seconds
print(String(format: "100 environments                   %6.1f ms  (target <= 50 ms)    %@", hundred.seconds * 1000, verdict(hundred.seconds <= 0.05)))
print(String(format: "1,000 environments                 %6.1f ms  (target <= 1000 ms)  %@", thousand.seconds * 1000, verdict(thousand.seconds <= 1.0)))
print(String(format: "1,000 environments peak memory     %6.1f MiB (target <= 200 MiB)  %@", Double(thousand.peakKiB) / 1024, verdict(thousand.peakKiB <= 200 * 1024)))
let auditFiles = figures["audit-files"]!
print(String(format: "audit, 50 workflow files           %6.1f ms  (target <= 100 ms)   %@", auditFiles.seconds * 1000, verdict(auditFiles.seconds <= 0.1)))
let longLineFigure = figures["audit-long-line"]!
print(String(format: "audit, a 300,000-character line    %6.1f ms  (target <= 100 ms)   %@", longLineFigure.seconds * 1000, verdict(longLineFigure.seconds <= 0.1)))
print(String(format: "t(1000) / t(100)                   %6.2f     (target <= 12)       %@", growth, verdict(growth <= 12)))
