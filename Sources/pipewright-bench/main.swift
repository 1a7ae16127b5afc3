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

// The baseline and the cloudformation blueprint take turns: their ratio is a target, and load that comes
// and goes while the benchmark runs then weighs on both alike.
var blueprintFolders: [(name: String, folder: String)] = []
for blueprint in BlueprintCatalog.all {
    blueprintFolders.append((blueprint.name, prepare(blueprint.name, config: PipewrightConfig.encode(blueprint.pipeline()))))
}
let (baselineFigure, cloudformationFigure) = Figure.paired(
    ("trivial Swift program (Foundation, 1 KB)", {}, { measure(baseline, []) }),
    ("generate cloudformation", { removeWorkflows(work + "/cloudformation") }, {
        measure(pipewright, ["generate", "--directory", work + "/cloudformation"])
    }),
    // A run of either is a few milliseconds, and the machine's jitter is of that order: three times the runs
    // keep the medians, and so the ratio, steady.
    runs: 3 * runs
)
record("baseline", baselineFigure)
record("generate-cloudformation", cloudformationFigure)
for (name, folder) in blueprintFolders where name != "cloudformation" {
    record("generate-" + name, Figure("generate \(name)", runs: runs, setup: { removeWorkflows(folder) }) {
        measure(pipewright, ["generate", "--directory", folder])
    })
}
let cloudformation = work + "/cloudformation"
_ = measure(pipewright, ["generate", "--directory", cloudformation])
record("check", Figure("generate --check cloudformation", runs: runs) { measure(pipewright, ["generate", "--check", "--directory", cloudformation]) })
record("audit", Figure("audit cloudformation", runs: runs) { measure(pipewright, ["audit", "--directory", cloudformation]) })
for count in [10, 100, 1_000] {
    let folder = prepare("synthetic-\(count)", config: synthetic(count))
    record("synthetic-\(count)", Figure("generate, \(count) environments", runs: runs, setup: { removeWorkflows(folder) }) {
        measure(pipewright, ["generate", "--directory", folder])
    })
}

let ratio = figures["generate-cloudformation"]!.seconds / figures["baseline"]!.seconds
let peak = figures.filter { $0.key != "baseline" }.map(\.value.peakKiB).max()!
let growth = figures["synthetic-1000"]!.seconds / figures["synthetic-100"]!.seconds
func verdict(_ ok: Bool) -> String { ok ? "PASS" : "MISS" }
print("")
print(String(format: "cloudformation / baseline time   %6.2fx  (target <= 1.50x)    %@", ratio, verdict(ratio <= 1.5)))
print(String(format: "peak memory (every pipewright run) %6.1f MiB (target <= 25 MiB) %@", Double(peak) / 1024, verdict(peak <= 25 * 1024)))
print(String(format: "1,000 environments               %6.1f ms  (target <= 100 ms)  %@", figures["synthetic-1000"]!.seconds * 1000, verdict(figures["synthetic-1000"]!.seconds <= 0.1)))
print(String(format: "t(1000) / t(100)                 %6.2f     (target <= 12)      %@", growth, verdict(growth <= 12)))
