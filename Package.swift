// swift-tools-version:6.0
import PackageDescription

// One module per room of the data path; an arrow is a dependency, and the compiler
// refuses every import not listed here:
//
//   VigilSystem, VigilArchive, VigilPrefilter <- VigilEvents, VigilConfig <- VigilEngine <- VigilScan, VigilQuarantine
//     <- VigilOnAccess, VigilProtection <- VigilDaemon <- vigil
//   CVigilBPF <- VigilBPF <- VigilProtection (Tier A, BPF LSM enforcement)
//
// VigilOnAccess and VigilProtection never import each other: the daemon composes them.
let package = Package(
    name: "Vigil",
    products: [
        .executable(name: "vigil", targets: ["vigil"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // Thin C layers: each wraps one C interface and nothing else.
        .target(name: "CYara", linkerSettings: [.linkedLibrary("yara")]),
        .systemLibrary(name: "CMagic", providers: [.apt(["libmagic-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .target(name: "CLinux"),
        .systemLibrary(name: "CArchive", pkgConfig: "libarchive", providers: [.apt(["libarchive-dev"])]),
        .systemLibrary(name: "CHyperscan", pkgConfig: "libhs", providers: [.apt(["libhyperscan-dev"])]),
        // libyara's compiled strings and condition bytecode, and Hyperscan's match callback,
        // read in C (the structures are unions and macros Swift cannot import).
        .target(name: "CPrefilter", dependencies: ["CHyperscan"],
                linkerSettings: [.linkedLibrary("yara"), .linkedLibrary("hs")]),
        // zlib's gzip inflate (inflateInit2 is a macro): ClamAV .cvd containers.
        .target(name: "CZlib", linkerSettings: [.linkedLibrary("z")]),
        // libseccomp: the scan workers' system-call allowlist (VigilSystem/Sandbox.swift).
        .systemLibrary(name: "CSeccomp", providers: [.apt(["libseccomp-dev"])]),

        // Tier A self-protection (issue 12): BPF LSM programs (bpf/, built by
        // scripts/bpf-generate.sh into the committed generated/ skeletons, so a build needs
        // libbpf-dev but no clang), their C loader, and the typed Swift API
        // self-protection calls. No Vigil types: it knows inodes, tgids and errnos.
        .target(name: "CVigilBPF", exclude: ["bpf"], linkerSettings: [.linkedLibrary("bpf")]),
        .target(name: "VigilBPF", dependencies: ["CVigilBPF"]),

        // ClamAV database formats, pure over bytes: containers, hash lines, .ndb body
        // signatures translated to YARA source, what is skipped and why.
        .target(name: "VigilClamDB", dependencies: ["CZlib", "CCrypto"]),

        // libcurl (Debian's libcurl4-openssl-dev headers), typed, and loaded on first use
        // (dlopen): the exporter's, the webhook's and the rules updater's HTTP client.
        .target(name: "CCurl"),

        // Prometheus metrics on swift-prometheus (its registry owns the series and the text
        // format), plus what the library does not do: a small HTTP responder, the
        // textfile-collector writer, /proc/self and families sampled at scrape. Beside
        // VigilSystem: it knows no Vigil type, so the permission path can record into it.
        .target(name: "VigilMetrics", dependencies: ["CLinux", .product(name: "Prometheus", package: "swift-prometheus")]),
        // One typed libcurl client (one easy handle per thread, bounded time and size).
        .target(name: "VigilHTTP", dependencies: ["CCurl"]),
        // Typed Linux, no policy: system calls, descriptors, fanotify, Landlock, threads.
        .target(name: "VigilSystem", dependencies: ["CLinux", "CSeccomp", .product(name: "DequeModule", package: "swift-collections")]),
        // Archive members behind limits: libarchive, nested, bounded; no engine types, so
        // the engine calls it with a closure per member.
        .target(name: "VigilArchive", dependencies: ["CArchive"]),
        // The literal prefilter (issue 14): one Hyperscan database from the compiled YARA
        // strings in front of libyara, which then runs only the rules a file can match.
        // No engine types: the engine hands it compiled rules and bytes.
        .target(name: "VigilPrefilter", dependencies: ["CPrefilter", "CYara", "CHyperscan"]),
        // What Vigil says: JSON lines, ECS field groups, the event log, counters.
        .target(name: "VigilEvents", dependencies: ["VigilSystem", "CCrypto"]),
        // Shipping events to OpenSearch/Elasticsearch: a disk spool and a _bulk exporter.
        .target(name: "VigilShipping", dependencies: ["VigilHTTP", "VigilMetrics", "CLinux"]),
        // Telling someone: the on_detection hook and the webhook, each behind a bounded queue.
        .target(name: "VigilNotify", dependencies: ["VigilHTTP", "VigilMetrics", "VigilSystem", "CLinux"]),
        // Hot sources and history: `vigil top`'s ring of recent answers and its ranking,
        // `vigil report`'s streaming read of event logs (plain, rotated, gzip).
        .target(name: "VigilInsight", dependencies: ["VigilSystem", "VigilEvents", "CZlib"]),
        // What Vigil is told: the config file, parsed once, and every default path.
        .target(name: "VigilConfig", dependencies: ["VigilSystem", "VigilMetrics"]),
        // Bytes in, report out: signatures, YARA, hash lists, digests, file types.
        .target(name: "VigilEngine", dependencies: ["VigilSystem", "VigilEvents", "VigilConfig", "VigilArchive", "VigilPrefilter", "CPrefilter",
                                                    "VigilClamDB", "CYara", "CMagic", "CCrypto"]),
        // On demand: walk trees, scan in parallel, report.
        .target(name: "VigilScan", dependencies: ["VigilSystem", "VigilEvents", "VigilEngine", "VigilQuarantine"]),
        // The quarantine store: bad files out of reach, records in SQLite.
        .target(name: "VigilQuarantine", dependencies: ["VigilSystem", "VigilEvents", "VigilEngine", .product(name: "GRDB", package: "GRDB.swift")]),
        // The permission path: fanotify events in, answers out, within each deadline.
        .target(name: "VigilOnAccess", dependencies: ["VigilSystem", "VigilEvents", "VigilConfig", "VigilEngine", "VigilQuarantine", "VigilMetrics",
                                                      "VigilInsight", "CLinux", .product(name: "DequeModule", package: "swift-collections")]),
        // Self-protection: the protected set, the tamper guard, maintenance, containment,
        // supervision, liveness.
        .target(name: "VigilProtection", dependencies: ["VigilSystem", "VigilEvents", "VigilConfig", "VigilEngine", "VigilBPF", "VigilUpdate"]),
        // The composition root: services started in order and stopped in reverse, the
        // control socket, status, the self-test, the watchdog, the installer.
        .target(name: "VigilDaemon", dependencies: ["VigilSystem", "VigilEvents", "VigilConfig", "VigilEngine", "VigilOnAccess",
                                                    "VigilProtection", "VigilQuarantine", "VigilMetrics", "VigilNotify", "VigilHTTP", "VigilInsight", "VigilShipping", "CLinux"]),
        // The signature lifecycle: signed bundles, keys, the versioned store, fetching,
        // update and rollback, the local allowlist's editor.
        .target(name: "VigilUpdate", dependencies: ["VigilSystem", "VigilEvents", "VigilEngine", "VigilHTTP", "CCrypto"]),
        .executableTarget(
            name: "vigil",
            dependencies: [
                "VigilSystem", "VigilEvents", "VigilConfig", "VigilEngine", "VigilScan", "VigilQuarantine", "VigilProtection", "VigilDaemon", "VigilUpdate",
                "VigilArchive", "CLinux",
                "VigilMetrics", "VigilShipping", "VigilInsight",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The unprivileged attacker the quarantine race tests start (a separate process,
        // so that it can drop to another uid); never installed.
        .executableTarget(name: "VigilRacer", path: "Tests/VigilRacer"),
        // The agent the Tier A guest test runs (scripts/test-bpf-enforcement.sh); never installed.
        .executableTarget(name: "VigilBPFAgent", dependencies: ["VigilBPF"], path: "Tests/VigilBPFAgent"),
        // Prefilter measurements and explanations over a rule set and a tree; never installed.
        .executableTarget(name: "vigil-prefilter-bench", dependencies: ["VigilPrefilter", "CPrefilter"]),

        // Tests mirror Sources: one target per module, plus the real-kernel suites that
        // drive the `vigil` binary end to end.
        .target(name: "VigilTestSupport", dependencies: ["VigilSystem", "VigilEngine", "VigilScan"], path: "Tests/VigilTestSupport"),
        .testTarget(name: "VigilSystemTests", dependencies: ["VigilSystem", "VigilTestSupport"]),
        .testTarget(name: "VigilEventsTests", dependencies: ["VigilEvents", "VigilTestSupport"]),
        .testTarget(name: "VigilConfigTests", dependencies: ["VigilConfig", "VigilSystem", "VigilTestSupport"]),
        .testTarget(name: "VigilArchiveTests", dependencies: ["VigilArchive", "VigilTestSupport"]),
        .testTarget(name: "VigilPrefilterTests", dependencies: ["VigilPrefilter", "CPrefilter"]),
        .testTarget(name: "VigilEngineTests", dependencies: ["VigilEngine", "VigilSystem", "VigilTestSupport"]),
        .testTarget(name: "VigilScanTests", dependencies: ["VigilScan", "VigilSystem", "VigilEngine", "VigilQuarantine", "VigilTestSupport"]),
        .testTarget(name: "VigilQuarantineTests", dependencies: ["VigilQuarantine", "VigilSystem", "VigilEngine", "VigilConfig", "VigilProtection",
                                                                 "VigilTestSupport"]),
        .testTarget(name: "VigilOnAccessTests", dependencies: ["VigilOnAccess", "VigilSystem", "VigilConfig", "VigilEvents", "VigilTestSupport"]),
        .testTarget(name: "VigilProtectionTests", dependencies: ["VigilProtection", "VigilSystem", "VigilConfig", "VigilBPF", "VigilUpdate", "VigilTestSupport"]),
        .testTarget(name: "VigilClamDBTests", dependencies: ["VigilClamDB"]),
        .testTarget(name: "VigilBPFTests", dependencies: ["VigilBPF"]),
        .testTarget(name: "VigilUpdateTests", dependencies: ["VigilUpdate", "VigilEngine", "VigilSystem", "VigilTestSupport"]),
        // The real-kernel suites: the `vigil` binary against real files, mounts and processes.
        .testTarget(name: "VigilMetricsTests", dependencies: ["VigilMetrics", "VigilTestSupport"]),
        .testTarget(name: "VigilShippingTests", dependencies: ["VigilShipping", "VigilHTTP", "VigilTestSupport"]),
        .testTarget(name: "VigilInsightTests", dependencies: ["VigilInsight", "VigilSystem", "VigilTestSupport"]),
        .testTarget(name: "VigilNotifyTests", dependencies: ["VigilNotify", "VigilHTTP", "VigilTestSupport"]),
        .testTarget(name: "VigilDaemonTests", dependencies: ["VigilDaemon"]),
        .testTarget(name: "EndToEndTests", dependencies: ["VigilSystem", "VigilEvents", "VigilConfig", "VigilEngine", "VigilQuarantine",
                                                          "VigilProtection", "VigilDaemon", "VigilUpdate", "VigilBPF", "VigilTestSupport"]),
    ]
)
