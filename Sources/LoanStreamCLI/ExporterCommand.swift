import ArgumentParser
import EventSchemas
import EventStore
import Foundation
import Kafka
import Logging
import PostgresNIO
import ServiceLifecycle
import Telemetry

/// `loanstream exporter`: consumer-lag and dead-letter metrics, with `/metrics`, `/healthz` and `/readyz`.
///
/// Lag is reported for the groups of `LOANSTREAM_EXPORTER_GROUPS` and for every projector with a
/// checkpoint in PostgreSQL; dead letters for every `kind: dlq` topic of the catalog.
struct ExporterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exporter",
        abstract: "Export consumer lag and DLQ metrics (KAFKA_BROKERS, POSTGRES_*, LOANSTREAM_EXPORTER_*, LOANSTREAM_METRICS_*).")

    @Option(help: "The Topics directory whose kind: dlq topics are watched (default: Topics/ in the repository).")
    var topicsDir: String?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let logger = Logger(label: "loanstream.exporter")
        guard let brokers = environment["KAFKA_BROKERS"], !brokers.isEmpty else {
            throw ValidationError("KAFKA_BROKERS is not set (source scripts/env.sh)")
        }
        let database = try DatabaseSettings(environment: environment)
        let lagSettings = try LagExporterSettings(environment: environment)
        let operations = try OperationsSettings(environment: environment)
        let topicsPath = topicsDir ?? URL(fileURLWithPath: SchemasValidateCommand.defaultSchemasDirectory())
            .deletingLastPathComponent().appendingPathComponent("Topics").path
        let catalog = try TopicCatalog.load(directory: URL(fileURLWithPath: topicsPath, isDirectory: true))
        let dlqTopics = catalog.topics.filter { $0.kind == .dlq }.map(\.name)

        let admin = try KafkaAdmin(configuration: KafkaAdminConfiguration(bootstrapServers: brokers), logger: logger)
        let client = PostgresClient(configuration: database.clientConfiguration, backgroundLogger: logger)
        let lag = try LagExporter(settings: lagSettings, bootstrapServers: brokers, admin: admin, postgres: client, logger: logger)
        let dlq = DLQExporter(topics: dlqTopics, bootstrapServers: brokers, admin: admin, logger: logger)
        let server = OperationsServer(settings: operations, checks: [
            .postgres(client), .migrations(client, atLeast: Migration.all.map(\.version).max() ?? 0), .kafka(admin),
        ], logger: logger)
        let group = ServiceGroup(configuration: .init(
            services: [
                .init(service: client),
                .init(service: lag, failureTerminationBehavior: .gracefullyShutdownGroup),
                .init(service: dlq, failureTerminationBehavior: .gracefullyShutdownGroup),
                .init(service: server, failureTerminationBehavior: .gracefullyShutdownGroup),
            ],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        logger.info("exporting", metadata: [
            "metrics": "\(operations.host):\(operations.port)", "groups": "\(lagSettings.groups.map(\.group))",
            "dlq_topics": "\(dlqTopics)", "interval": "\(lagSettings.interval)",
        ])
        try await group.run()
    }
}
