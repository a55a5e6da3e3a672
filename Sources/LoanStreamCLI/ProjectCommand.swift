import ArgumentParser
import EventStore
import Kafka
import Foundation
import Logging
import PostgresNIO
import Projections
import ServiceLifecycle
import Telemetry

/// `loanstream project`: runs projectors (consumer-group members) until SIGTERM/SIGINT.
struct ProjectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project",
        abstract: "Run projectors: consume event topics into the PostgreSQL read models.",
        discussion: """
            Each projection is a consumer group (loanstream.<name>); run as many instances as you like and they share \
            the partitions. Offsets live in projection_checkpoint, read-model writes and checkpoints commit in one \
            transaction per batch. Poison events go to the DLQ topic and wait in projection_parked (see `loanstream dlq`). \
            A transient failure that outlasts the retry policy (100 ms doubling to 30 s, 10 attempts) stops the process \
            with an error. Settings: POSTGRES_*, KAFKA_BROKERS, LOANSTREAM_PROJECTOR_TOPICS, _DLQ_TOPIC, _GROUP, \
            _BATCH_SIZE, _BATCH_WAIT_MS, _FETCH_WAIT_MS, _GAP_TIMEOUT_MS, _SESSION_TIMEOUT_MS, _INSTANCE_ID.
            """)

    @Option(name: .customLong("projection"), help: "A projection to run (repeatable; default: every projection).")
    var projections: [String] = []

    @Option(help: "This instance's id in client ids and logs (overrides LOANSTREAM_PROJECTOR_INSTANCE_ID).")
    var instanceId: String?

    @OptionGroup var contracts: ProjectContracts

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let database = try DatabaseSettings(environment: environment)
        var settings = try ProjectorSettings(environment: environment)
        if let instanceId { settings.instanceID = instanceId }
        let (schemas, topics) = try contracts.load()
        let catalog = ProjectionCatalog.standard
        let selected = try (projections.isEmpty ? catalog.names : projections).map { try catalog.make($0) }
        let logger: Logger = {
            var logger = Logger(label: "loanstream.project")
            logger.logLevel = environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
            return logger
        }()

        try await PostgresClient.withClient(database, logger: logger) { client in
            try await MigrationRunner(client: client, migrations: Migration.platform, logger: logger).verify()
        }
        let client = PostgresClient(configuration: database.clientConfiguration, backgroundLogger: logger)
        let projectors = selected.map {
            Projector(projection: $0, client: client, schemas: schemas, catalog: topics, settings: settings, logger: logger)
        }
        for projector in projectors { _ = try projector.deadLetterRoutes() }
        // /metrics, /healthz and /readyz (PostgreSQL reachable, partitions assigned) on LOANSTREAM_METRICS_HOST:PORT.
        let admin = try KafkaAdmin(configuration: KafkaAdminConfiguration(bootstrapServers: settings.brokers), logger: logger)
        let operations = OperationsServer(settings: try OperationsSettings(environment: environment), checks: [
            .postgres(client), .migrations(client, atLeast: Migration.platform.map(\.version).max() ?? 0), .kafka(admin),
            .projectorAssigned { projectors.reduce(0) { $0 + $1.assignment.count } },
        ], logger: logger)
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            // A taken metrics port is logged and leaves the projectors running (instances may share a host).
            .init(service: client), .init(service: operations, failureTerminationBehavior: .ignore),
        ]
        for projector in projectors {
            services.append(.init(service: projector, successTerminationBehavior: .gracefullyShutdownGroup,
                                  failureTerminationBehavior: .gracefullyShutdownGroup))
        }
        let group = ServiceGroup(configuration: .init(
            services: services,
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        try await group.run()
    }
}
