// swift-tools-version:6.2
import PackageDescription

/// Our own targets treat warnings as errors; dependencies are built as they are.
let strict: [SwiftSetting] = [
    .treatAllWarnings(as: .error),
    .enableUpcomingFeature("ExistentialAny"),
]

/// Lets binaries find the librdkafka that scripts/bootstrap builds under .deps/rdkafka without LD_LIBRARY_PATH.
let rdkafkaRPath: [LinkerSetting] = [
    .unsafeFlags(["-Xlinker", "-rpath", "-Xlinker", Context.packageDirectory + "/.deps/rdkafka/lib"]),
]

let package = Package(
    name: "LoanStream",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "loanstream", targets: ["LoanStreamCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        // Already resolved through postgres-nio; named here for SHA-256, HMAC and RSA (JWT verification).
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        // Metrics API used by every module; Prometheus exposition lives in Telemetry only.
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        // Already resolved through postgres-nio and Hummingbird; named for the modules we import directly.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        // W3C trace context through HTTP, event headers and projector spans (OTLP export is not built in).
        .package(url: "https://github.com/apple/swift-distributed-tracing", from: "1.7.3"),
        // The HTTP client of `loanstream bench commands` (already resolved through HummingbirdTesting).
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        // librdkafka through pkg-config; scripts/bootstrap builds a recent one under .deps/rdkafka.
        .systemLibrary(name: "CRdKafka", pkgConfig: "rdkafka",
                       providers: [.apt(["librdkafka-dev"])]),
        .target(name: "Kafka", dependencies: [
            "CRdKafka",
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict, linkerSettings: rdkafkaRPath),
        .target(name: "EventSchemas", exclude: ["README.md", "Compatibility/README.md"], swiftSettings: strict),
        .target(name: "Lending", swiftSettings: strict),
        // Domain-agnostic on purpose: it stores events, journal entries and outbox rows it is handed.
        .target(name: "EventStore", dependencies: [
            "EventSchemas",
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict),
        .target(name: "Relay", dependencies: [
            "EventStore", "Kafka", "EventSchemas",
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ], swiftSettings: strict),
        // Projector framework and read models; EventStore for its migrations and PostgreSQL helpers only.
        .target(name: "Projections", dependencies: [
            "Kafka", "EventSchemas", "Lending", "EventStore",
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Tracing", package: "swift-distributed-tracing"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ], swiftSettings: strict),
        .target(name: "Telemetry", dependencies: [
            "Kafka",
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "Tracing", package: "swift-distributed-tracing"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ], swiftSettings: strict),
        .target(name: "HTTPAPI", dependencies: [
            "EventStore", "Projections", "Lending", "EventSchemas", "Telemetry",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "_CryptoExtras", package: "swift-crypto"),
            .product(name: "NIOCore", package: "swift-nio"),
        ], resources: [.copy("OpenAPI/openapi.json")], swiftSettings: strict),
        .executableTarget(name: "LoanStreamCLI", dependencies: [
            "Kafka", "EventSchemas", "Lending", "EventStore", "Relay", "Projections", "Telemetry", "HTTPAPI",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ], swiftSettings: strict),

        .testTarget(name: "EventSchemasTests", dependencies: ["EventSchemas"], swiftSettings: strict),
        .testTarget(name: "LendingTests", dependencies: [
            "Lending", "EventSchemas",
            .product(name: "PropertyBased", package: "swift-property-based"),
        ], swiftSettings: strict),
        .testTarget(name: "KafkaTests", dependencies: ["Kafka", "CRdKafka"], swiftSettings: strict),
        // Shared by the integration tests: scratch databases on the local stack, the repository's contracts.
        .target(name: "LoanStreamTestSupport", dependencies: [
            "EventStore", "EventSchemas",
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Logging", package: "swift-log"),
        ], path: "Tests/Support", swiftSettings: strict),
        .testTarget(name: "EventStoreTests", dependencies: [
            "EventStore", "LoanStreamTestSupport",
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict),
        .testTarget(name: "HTTPAPITests", dependencies: [
            "HTTPAPI", "EventStore", "EventSchemas", "Lending", "LoanStreamTestSupport",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
        ], swiftSettings: strict),
        .testTarget(name: "WriteSideTests", dependencies: [
            "HTTPAPI", "EventStore", "EventSchemas", "Lending", "LoanStreamTestSupport",
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Crypto", package: "swift-crypto"),
        ], swiftSettings: strict),
        .testTarget(name: "RelayTests", dependencies: [
            "Relay", "EventStore", "EventSchemas", "Kafka", "LoanStreamTestSupport",
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "NIOCore", package: "swift-nio"),
        ], swiftSettings: strict),
        .testTarget(name: "ProjectionsTests", dependencies: [
            "Projections", "EventStore", "EventSchemas", "Kafka", "Lending", "LoanStreamTestSupport",
            .product(name: "PostgresNIO", package: "postgres-nio"),
        ], swiftSettings: strict),
        .testTarget(name: "ReadModelTests", dependencies: [
            "Projections", "HTTPAPI", "EventStore", "EventSchemas", "Lending", "LoanStreamTestSupport",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
        ], swiftSettings: strict),
        .testTarget(name: "TelemetryTests", dependencies: [
            "Telemetry", "Kafka", "LoanStreamTestSupport",
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
        ], swiftSettings: strict),
        .testTarget(name: "StackTests", dependencies: [
            "Kafka", "CRdKafka", "EventStore",
            .product(name: "PostgresNIO", package: "postgres-nio"),
        ], swiftSettings: strict),
    ]
)
