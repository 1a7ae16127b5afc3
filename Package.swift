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
        .target(name: "Pipewright"),
        .target(name: "PipewrightBlueprints", dependencies: ["Pipewright"], path: "Blueprints"),
        .executableTarget(name: "PipewrightCLI", dependencies: ["Pipewright", "PipewrightBlueprints"]),
        .testTarget(name: "PipewrightTests", dependencies: ["Pipewright", "PipewrightBlueprints"]),
    ],
    swiftLanguageModes: [.v6]
)
