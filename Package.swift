// swift-tools-version: 6.0
import PackageDescription

// Pipewright brings no third-party packages: a tool that hardens supply chains adds none of its own.
let package = Package(
    name: "Pipewright",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Pipewright", targets: ["Pipewright"]),
        .library(name: "PipewrightBlueprints", targets: ["PipewrightBlueprints"]),
        .executable(name: "pipewright", targets: ["PipewrightCLI"]),
    ],
    dependencies: [],
    targets: [
        // The pure core: no process spawning, no file walking; the command line does the I/O.
        .target(name: "Pipewright"),
        .target(name: "PipewrightBlueprints", dependencies: ["Pipewright"], path: "Blueprints"),
        // Random and synthetic pipelines shared by the property tests and the benchmark.
        .target(name: "PipewrightSamples", dependencies: ["Pipewright"]),
        // The command line's logic lives in a library so tests can drive it; the executable only calls it.
        .target(name: "PipewrightCommands", dependencies: ["Pipewright", "PipewrightBlueprints"]),
        .executableTarget(name: "PipewrightCLI", dependencies: ["PipewrightCommands"]),
        // Pipewright's own workflows (.github/workflows), written with the library: `swift run pipewright-self [--check]`.
        .target(name: "PipewrightSelf", dependencies: ["Pipewright", "PipewrightCommands"]),
        .executableTarget(name: "pipewright-self", dependencies: ["PipewrightCommands", "PipewrightSelf"]),
        // The benchmark: `swift build -c release && swift run -c release pipewright-bench`.
        .executableTarget(name: "pipewright-bench", dependencies: ["Pipewright", "PipewrightBlueprints", "PipewrightSamples"]),
        .executableTarget(name: "pipewright-bench-baseline"),
        // Starts each measured run, so the run's peak memory is its own, not the benchmark's.
        .executableTarget(name: "pipewright-bench-probe"),
        // An example of embedding the library: builds a pipeline with the DSL and prints its YAML.
        .executableTarget(name: "pipewright-example", dependencies: ["Pipewright"], path: "examples/embedding"),
        // The golden files and the seed workflows are read and written through #filePath, not bundled as resources.
        .testTarget(
            name: "PipewrightTests",
            dependencies: ["Pipewright", "PipewrightBlueprints", "PipewrightSamples", "PipewrightCommands", "PipewrightSelf"],
            exclude: ["Golden/workflows", "Golden/blueprints", "Graph/Golden", "Audit/Seeds"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
