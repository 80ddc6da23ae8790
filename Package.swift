// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "civ",
    products: [
        .library(name: "CivKit", targets: ["CivKit"]),
        .executable(name: "civ-clean", targets: ["civ-clean"]),
        .executable(name: "civ-segment", targets: ["civ-segment"]),
        .executable(name: "civ-extract", targets: ["civ-extract"]),
        .executable(name: "civ-jsonl", targets: ["civ-jsonl"]),
        .executable(name: "civ-dedup", targets: ["civ-dedup"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
    ],
    targets: [
        // ICU's headers rename every C function through macros (utrans_openU -> utrans_openU_72),
        // which Swift cannot import; this target wraps the few calls civ needs behind plain names.
        .target(
            name: "CICU",
            linkerSettings: [.linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata")]
        ),
        .target(
            name: "CivKit",
            dependencies: ["CICU"],
            resources: [.copy("Resources")]
        ),
        // What the executables share: common options, help text, ending a run.
        .target(name: "CivCommandLine", dependencies: ["CivKit", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .executableTarget(name: "civ-clean", dependencies: ["CivCommandLine"]),
        .executableTarget(name: "civ-segment", dependencies: ["CivCommandLine"]),
        .executableTarget(name: "civ-extract", dependencies: ["CivCommandLine"]),
        .executableTarget(name: "civ-jsonl", dependencies: ["CivCommandLine"]),
        .executableTarget(name: "civ-dedup", dependencies: ["CivCommandLine"]),
        .testTarget(
            name: "CivKitTests",
            dependencies: ["CivKit", .product(name: "PropertyBased", package: "swift-property-based")],
            resources: [.copy("Golden")],
            // Fixtures (ICU converters, generators) are shared read-only across concurrently
            // running tests; Swift 5 mode spares them Sendable ceremony.
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
    ]
)
