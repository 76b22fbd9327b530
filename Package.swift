// swift-tools-version: 6.2
// inspectd: joint inspection rosters, the rectification ledger and its
// escalations, for a district pollution-prevention command HQ.
//
// Arrows point down only: executables -> InspectDaemon / InspectCLI ->
// InspectStore / InspectSystemd / InspectAPI -> InspectCore, InspectConfig,
// InspectCalendar, InspectWeather, RosterEngine (pure, no I/O).
import PackageDescription

let strict: [SwiftSetting] = [
    .treatAllWarnings(as: .error),
]

let package = Package(
    name: "inspectd",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "inspectd", targets: ["inspectd"]),
        .executable(name: "inspectctl", targets: ["inspectctl"]),
        .executable(name: "inspect-bench", targets: ["inspect-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    ],
    targets: [
        // MARK: pure core (no I/O, no clock reads, no logging backend)
        .target(name: "InspectCore", swiftSettings: strict),
        .target(name: "InspectConfig", dependencies: ["InspectCore", "InspectCalendar", "InspectLedger"], swiftSettings: strict),
        .target(name: "RosterEngine", swiftSettings: strict),
        .target(name: "InspectCalendar", dependencies: ["InspectCore"], swiftSettings: strict),
        .target(name: "InspectWeather", dependencies: ["InspectCalendar", "InspectCore"], swiftSettings: strict),
        .target(name: "InspectLedger", dependencies: ["InspectCore", "InspectCalendar"], swiftSettings: strict),
        .target(name: "InspectNotices", dependencies: ["InspectCore", "InspectCalendar", "InspectLedger"], swiftSettings: strict),
        .target(name: "InspectRoster", dependencies: ["InspectCore", "InspectCalendar"], swiftSettings: strict),

        // MARK: edges
        .systemLibrary(name: "CSystemd", pkgConfig: "libsystemd", providers: [.apt(["libsystemd-dev"])]),
        .target(name: "InspectOutbox", dependencies: ["InspectNotices"], swiftSettings: strict),
        .target(
            name: "InspectSystemd",
            dependencies: ["CSystemd", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        .target(
            name: "InspectStore",
            dependencies: [
                "InspectCore", "InspectCalendar", "InspectWeather", "InspectLedger", "InspectNotices",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
        .target(name: "InspectAPI", dependencies: ["InspectCore", "InspectCalendar", "InspectLedger"], swiftSettings: strict),

        // MARK: the daemon and the CLI as libraries
        .target(
            name: "InspectDaemon",
            dependencies: [
                "InspectCore", "InspectConfig", "InspectCalendar", "InspectWeather", "InspectLedger", "InspectNotices",
                "InspectOutbox", "InspectStore", "InspectSystemd", "InspectAPI", "InspectRoster",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "InspectCLI",
            dependencies: [
                "InspectCore", "InspectCalendar", "InspectLedger", "InspectAPI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),

        // MARK: thin executables
        .executableTarget(name: "inspectd", dependencies: ["InspectDaemon"], swiftSettings: strict),
        .executableTarget(name: "inspectctl", dependencies: ["InspectCLI"], swiftSettings: strict),
        .executableTarget(
            name: "inspect-bench",
            dependencies: [
                "RosterEngine", "InspectLedger", "InspectCalendar", "InspectNotices", "InspectOutbox", "InspectStore", "InspectRoster",
                "InspectCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),

        // MARK: test support: seeded input mutations for the parsers' fuzz tests
        .target(name: "InspectFuzzing", dependencies: ["InspectCore"], swiftSettings: strict),

        // MARK: tests: one target per module, plus end-to-end tests of the built binaries
        .testTarget(name: "InspectCoreTests", dependencies: ["InspectCore", "InspectFuzzing"], swiftSettings: strict),
        .testTarget(name: "InspectConfigTests", dependencies: ["InspectConfig", "InspectFuzzing"], swiftSettings: strict),
        .testTarget(name: "InspectCalendarTests", dependencies: ["InspectCalendar", "InspectCore"], swiftSettings: strict),
        .testTarget(name: "InspectWeatherTests", dependencies: ["InspectWeather", "InspectCalendar", "InspectCore", "InspectFuzzing"], swiftSettings: strict),
        .testTarget(name: "InspectLedgerTests", dependencies: ["InspectLedger", "InspectCalendar", "InspectCore"], swiftSettings: strict),
        .testTarget(name: "InspectNoticesTests", dependencies: ["InspectNotices", "InspectLedger", "InspectCalendar"], swiftSettings: strict),
        .testTarget(name: "InspectOutboxTests", dependencies: ["InspectOutbox", "InspectNotices"], swiftSettings: strict),
        .testTarget(name: "InspectRosterTests", dependencies: ["InspectRoster", "InspectCore", "InspectCalendar"], swiftSettings: strict),
        .testTarget(name: "RosterEngineTests", dependencies: ["RosterEngine", "InspectFuzzing"], resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(
            name: "InspectStoreTests", dependencies: ["InspectStore", "InspectWeather", "InspectLedger", "InspectNotices", "InspectCalendar"],
            swiftSettings: strict),
        .testTarget(name: "InspectSystemdTests", dependencies: ["InspectSystemd"], swiftSettings: strict),
        .testTarget(name: "InspectDaemonTests", dependencies: ["InspectDaemon"], swiftSettings: strict),
        .testTarget(name: "InspectCLITests", dependencies: ["InspectCLI", "InspectAPI"], swiftSettings: strict),
        .testTarget(name: "EndToEndTests", dependencies: ["InspectCore", "InspectCalendar"], exclude: ["Scripts"], swiftSettings: strict),
    ]
)
