// swift-tools-version:6.0
import PackageDescription

// Release builds link the Swift runtime and Foundation statically: the dynamic loader's symbol
// lookups and relocations for a dozen shared libraries (Foundation's alone some 60,000) were
// 15M instructions at every start, 2.5% of civ-clean's work on a 2 MiB input; the
// executables are larger (some 80 MB each) and need only glibc, libstdc++ and ICU installed.
// (`-static-stdlib` compiles against the static resource directory and links with it.)
let staticRuntime: [SwiftSetting] = [.unsafeFlags(["-static-stdlib"], .when(configuration: .release))]
let staticRuntimeLink: [LinkerSetting] = [.unsafeFlags(["-static-stdlib"], .when(configuration: .release))]

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
            resources: [.copy("Resources")],
            swiftSettings: staticRuntime
        ),
        // What the executables share: common options, help text, ending a run.
        .target(name: "CivCommandLine", dependencies: ["CivKit", .product(name: "ArgumentParser", package: "swift-argument-parser")],
                swiftSettings: staticRuntime),
        .executableTarget(name: "civ-clean", dependencies: ["CivCommandLine"], swiftSettings: staticRuntime, linkerSettings: staticRuntimeLink),
        .executableTarget(name: "civ-segment", dependencies: ["CivCommandLine"], swiftSettings: staticRuntime, linkerSettings: staticRuntimeLink),
        .executableTarget(name: "civ-extract", dependencies: ["CivCommandLine"], swiftSettings: staticRuntime, linkerSettings: staticRuntimeLink),
        .executableTarget(name: "civ-jsonl", dependencies: ["CivCommandLine"], swiftSettings: staticRuntime, linkerSettings: staticRuntimeLink),
        .executableTarget(name: "civ-dedup", dependencies: ["CivCommandLine"], swiftSettings: staticRuntime, linkerSettings: staticRuntimeLink),
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
