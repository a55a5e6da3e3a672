import ArgumentParser
import EventSchemas
import EventStore
import Foundation
import HTTPAPI
import Kafka
import Logging
import PostgresNIO
import Projections
import Relay
import ServiceLifecycle
import Telemetry

/// `loanstream all`: the whole platform in one process — the HTTP API (commands, reads,
/// `/metrics`, `/healthz`, `/readyz`), the outbox relay, the projectors and the lag and DLQ
/// exporters, in one `ServiceGroup` that shuts down gracefully on SIGTERM or SIGINT.
///
/// Each part also runs alone (`serve`, `relay`, `project`, `exporter`) with the same settings;
/// production deploys them separately so they scale and fail independently.
struct AllCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "all",
        abstract: "Run API, relay, projectors and exporters in one process (the settings of serve, relay, project and exporter).")

    @Option(name: .customLong("projection"), help: "A projection to run (repeatable; default: every projection).")
    var projections: [String] = []

    @OptionGroup var contracts: ProjectContracts

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let logger = Logger(label: "loanstream.all")
        guard let brokers = environment["KAFKA_BROKERS"], !brokers.isEmpty else {
            throw ValidationError("KAFKA_BROKERS is not set (source scripts/env.sh)")
        }
        let database = try DatabaseSettings(environment: environment)
        let http = try HTTPSettings(environment: environment)
        let tokens = try TokenVerifier(settings: try AuthSettings(environment: environment))
        let relaySettings = try RelaySettings(environment: environment)
        let projectorSettings = try ProjectorSettings(environment: environment)
        let lagSettings = try LagExporterSettings(environment: environment)
        let readSettings = try ReadModelSettings(environment: environment)
        let (schemas, topics) = try contracts.load()
        let catalog = ProjectionCatalog.standard
        let selected = try (projections.isEmpty ? catalog.names : projections).map { try catalog.make($0) }

        try await PostgresClient.withClient(database, logger: logger) { client in
            let report = try await MigrationRunner(client: client, migrations: Migration.platform, logger: logger).migrate()
            logger.info("migrations checked", metadata: ["applied": "\(report.applied)", "already": "\(report.alreadyApplied.count)"])
        }
        let client = PostgresClient(configuration: database.clientConfiguration, backgroundLogger: logger)
        let store = EventStore(client: client, logger: logger)
        let relay = OutboxRelay(settings: relaySettings, database: database, client: client, schemas: schemas, logger: logger)
        let projectors = selected.map {
            Projector(projection: $0, client: client, schemas: schemas, catalog: topics, settings: projectorSettings, logger: logger)
        }
        for projector in projectors { _ = try projector.deadLetterRoutes() }
        let admin = try KafkaAdmin(configuration: KafkaAdminConfiguration(bootstrapServers: brokers), logger: logger)
        let lag = try LagExporter(settings: lagSettings, bootstrapServers: brokers, admin: admin, postgres: client, logger: logger)
        let dlq = DLQExporter(topics: topics.topics.filter { $0.kind == .dlq }.map(\.name), bootstrapServers: brokers,
                              admin: admin, logger: logger)

        var dependencies = APIDependencies(store: store, commands: CommandService(store: store, schemas: schemas, topics: topics, logger: logger),
                                           tokens: tokens, document: try OpenAPIDocument.bundled(), logger: logger)
        dependencies.readModels = ReadModelStore(client: client, logger: logger, settings: readSettings)
        dependencies.readiness = [
            .postgres(client), .migrations(client, atLeast: Migration.platform.map(\.version).max() ?? 0), .kafka(admin),
            // Every projector of this process must hold partitions (one that never got an assignment is not serving).
            .projectorAssigned { projectors.map(\.assignment.count).min() ?? 0 },
        ]
        let app = try buildApplication(dependencies, settings: http)

        let stopAll = { (service: any Service) in
            ServiceGroupConfiguration.ServiceConfiguration(service: service, successTerminationBehavior: .gracefullyShutdownGroup,
                                                           failureTerminationBehavior: .gracefullyShutdownGroup)
        }
        let services: [ServiceGroupConfiguration.ServiceConfiguration] = [.init(service: client), stopAll(app), stopAll(relay)]
            + projectors.map(stopAll) + [stopAll(lag), stopAll(dlq), stopAll(IdempotencySweeper(store: store, logger: logger))]
        let group = ServiceGroup(configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        logger.info("platform starting", metadata: [
            "api": "http://\(http.host):\(http.port)", "metrics": "http://\(http.host):\(http.port)/metrics",
            "projections": "\(selected.map(\.name))", "relay_tables": "\(relaySettings.sources.map(\.table))", "brokers": "\(brokers)",
        ])
        try await group.run()
    }
}
