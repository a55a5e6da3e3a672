import ArgumentParser
import EventSchemas
import EventStore
import Kafka
import Foundation
import Logging
import PostgresNIO
import Projections
import Relay
import ServiceLifecycle
import Telemetry

/// `loanstream relay`: publishes the outbox tables to Kafka (one active relay per database; others stand by).
///
/// Checks that the migrations are applied and unchanged (it applies none), loads `Schemas/`, then runs the
/// PostgreSQL client and the relay in one `ServiceGroup` that shuts down gracefully on SIGTERM or SIGINT:
/// the round in flight is acknowledged and deleted before the process exits.
struct RelayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "relay",
        abstract: "Publish outbox rows to Kafka (POSTGRES_*, KAFKA_BROKERS and LOANSTREAM_RELAY_* settings).",
        discussion: """
            LOANSTREAM_RELAY_TABLES (default outbox,cdc_outbox), LOANSTREAM_RELAY_TOPIC_MAP (from=to,…), \
            LOANSTREAM_RELAY_BATCH_SIZE (5000), LOANSTREAM_RELAY_POLL_INTERVAL_MS (25), LOANSTREAM_RELAY_LOCK_KEY, \
            LOANSTREAM_RELAY_STANDBY_RETRY_MS (1000), LOANSTREAM_RELAY_LOCK_CHECK_MS (500), \
            LOANSTREAM_RELAY_BACKOFF_INITIAL_MS (200), LOANSTREAM_RELAY_BACKOFF_MAX_MS (10000), \
            LOANSTREAM_RELAY_DELIVERY_TIMEOUT_MS (30000), LOANSTREAM_RELAY_MAX_MESSAGE_BYTES (1000000).
            """)

    @Option(help: "The Schemas directory payloads are validated against (default: Schemas/ in the repository).")
    var schemasDir: String?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let database = try DatabaseSettings(environment: environment)
        let settings = try RelaySettings(environment: environment)
        let schemasPath = schemasDir ?? SchemasValidateCommand.defaultSchemasDirectory()
        let schemas = try SchemaRegistry.load(directory: URL(fileURLWithPath: schemasPath, isDirectory: true))
        let logger = Logger(label: "loanstream.relay")

        try await PostgresClient.withClient(database, logger: logger) { client in
            try await Self.verifyMigrations(client: client, logger: logger)
        }
        let client = PostgresClient(configuration: database.clientConfiguration, backgroundLogger: logger)
        let relay = OutboxRelay(settings: settings, database: database, client: client, schemas: schemas, logger: logger)
        // /metrics, /healthz and /readyz on LOANSTREAM_METRICS_HOST:PORT (default 127.0.0.1:9464).
        let admin = try KafkaAdmin(configuration: KafkaAdminConfiguration(bootstrapServers: settings.brokers), logger: logger)
        let operations = OperationsServer(settings: try OperationsSettings(environment: environment), checks: [
            .postgres(client), .migrations(client, atLeast: Migration.all.map(\.version).max() ?? 0), .kafka(admin),
        ], logger: logger)
        let group = ServiceGroup(configuration: .init(
            services: [
                .init(service: client),
                // A taken metrics port is logged and leaves the relay running (several relays may share a host).
                .init(service: operations, failureTerminationBehavior: .ignore),
                .init(service: relay, successTerminationBehavior: .gracefullyShutdownGroup,
                      failureTerminationBehavior: .gracefullyShutdownGroup),
            ],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        logger.info("relay starting", metadata: [
            "tables": "\(settings.sources.map(\.table).joined(separator: ","))", "brokers": "\(settings.brokers)",
            "lock_key": "\(settings.lockKey)", "schemas": "\(schemasPath)"])
        try await group.run()
    }

    /// Accepts a database migrated for the whole platform or for the event store alone; refuses one with
    /// pending, changed or unknown migrations (the relay never migrates: `serve` or `migrate` does).
    static func verifyMigrations(client: PostgresClient, logger: Logger) async throws {
        do {
            try await MigrationRunner(client: client, migrations: Migration.platform, logger: logger).verify()
        } catch let error as EventStoreError where error.code == .migrationsPending {
            try await MigrationRunner(client: client, migrations: Migration.all, logger: logger).verify()
        }
    }
}
