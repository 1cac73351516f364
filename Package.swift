// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Vigil",
    products: [
        .executable(name: "vigil", targets: ["vigil"]),
        .library(name: "VigilCore", targets: ["VigilCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
    ],
    targets: [
        // Thin C layers: each wraps one C interface and nothing else.
        .target(name: "CYara", linkerSettings: [.linkedLibrary("yara")]),
        .systemLibrary(name: "CMagic", providers: [.apt(["libmagic-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .target(name: "CLinux"),

        // Typed Linux, no policy: system calls, descriptors, fanotify, Landlock, threads.
        .target(name: "VigilSystem", dependencies: ["CLinux"]),
        // What Vigil says: JSON lines, ECS field groups, the event log, counters.
        .target(name: "VigilEvents", dependencies: ["VigilSystem"]),
        // What Vigil is told: the config file, parsed once, and every default path.
        .target(name: "VigilConfig", dependencies: ["VigilSystem"]),
        // Bytes in, report out: signatures, YARA, hash lists, digests, file types.
        .target(name: "VigilEngine", dependencies: ["VigilSystem", "VigilEvents", "VigilConfig", "CYara", "CMagic", "CCrypto"]),
        // The quarantine store: bad files out of reach, records in SQLite.
        // On demand: walk trees, scan in parallel, report.
        .target(name: "VigilScan", dependencies: ["VigilSystem", "VigilEvents", "VigilEngine", "VigilQuarantine"]),
        // Self-protection: the protected set, the tamper guard, maintenance, containment,
        // supervision, liveness.
        .target(name: "VigilProtection", dependencies: ["VigilSystem", "VigilEvents", "VigilConfig", "VigilEngine"]),
        .target(name: "VigilQuarantine", dependencies: ["VigilSystem", "VigilEvents", "VigilEngine", .product(name: "GRDB", package: "GRDB.swift")]),

        .target(
            name: "VigilCore",
            dependencies: ["VigilSystem", "VigilEvents", "VigilConfig", "VigilEngine", "VigilQuarantine", "VigilScan", "VigilProtection", "CLinux", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "DequeModule", package: "swift-collections")]
        ),
        .executableTarget(
            name: "vigil",
            dependencies: [
                "VigilCore", "VigilSystem", "VigilEvents", "VigilConfig", "VigilEngine", "VigilQuarantine", "VigilScan", "VigilProtection",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The unprivileged attacker the quarantine race tests start (a separate process,
        // so that it can drop to another uid); never installed.
        .executableTarget(name: "VigilRacer", path: "Tests/VigilRacer"),
        // Shared by the test targets: temp dirs, a process runner, fixtures.
        .target(name: "VigilTestSupport", dependencies: ["VigilSystem", "VigilEngine", "VigilScan"], path: "Tests/VigilTestSupport"),
        .testTarget(name: "VigilSystemTests", dependencies: ["VigilSystem", "VigilTestSupport"]),
        .testTarget(name: "VigilConfigTests", dependencies: ["VigilConfig", "VigilSystem", "VigilTestSupport"]),
        .testTarget(name: "VigilEventsTests", dependencies: ["VigilEvents", "VigilTestSupport"]),
        .testTarget(name: "VigilEngineTests", dependencies: ["VigilEngine", "VigilSystem", "VigilTestSupport"]),
        .testTarget(name: "VigilScanTests", dependencies: ["VigilScan", "VigilSystem", "VigilEngine", "VigilQuarantine", "VigilTestSupport"]),
        .testTarget(name: "VigilQuarantineTests", dependencies: ["VigilQuarantine", "VigilCore", "VigilConfig", "VigilSystem", "VigilEngine", "VigilTestSupport"]),
        .testTarget(name: "VigilProtectionTests", dependencies: ["VigilProtection", "VigilSystem", "VigilConfig", "VigilTestSupport"]),
        .testTarget(name: "VigilCoreTests", dependencies: ["VigilCore", "VigilTestSupport", "VigilSystem", "VigilEvents", "VigilConfig", "VigilEngine"]),
        .testTarget(name: "vigilTests", dependencies: ["VigilCore", "VigilSystem", "VigilEvents", "VigilConfig", "VigilEngine", "VigilQuarantine", "VigilScan", "VigilProtection"]),
    ]
)
