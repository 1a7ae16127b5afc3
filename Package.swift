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
        .executable(name: "pipewright-e2e", targets: ["PipewrightE2E"]),
    ],
    dependencies: [],
    targets: [
        .target(name: "Pipewright"),
        .target(name: "PipewrightBlueprints", dependencies: ["Pipewright"], path: "Blueprints"),
        .executableTarget(name: "PipewrightCLI", dependencies: ["Pipewright", "PipewrightBlueprints"]),
        // Runs the generated jobs against an AWS emulator (Scripts/e2e); not part of `swift test`.
        .executableTarget(name: "PipewrightE2E", dependencies: ["Pipewright", "PipewrightBlueprints"]),
        .testTarget(name: "PipewrightTests", dependencies: ["Pipewright", "PipewrightBlueprints"]),
    ],
    swiftLanguageModes: [.v6]
)
