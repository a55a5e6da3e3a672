import ArgumentParser
import EventSchemas
import EventStore
import Foundation
import HTTPAPI
import Logging
import PostgresNIO
import Projections
import ServiceLifecycle
import Telemetry

/// `loanstream serve`: the command and read API over HTTP.
///
/// Applies pending migrations first (and refuses to start when an applied migration changed),
/// then runs the PostgreSQL client and the HTTP server in one `ServiceGroup` that shuts down
/// gracefully on SIGTERM or SIGINT: the server stops taking requests and finishes the ones in
/// flight before the database client closes.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the HTTP API (POSTGRES_*, LOANSTREAM_HTTP_*, LOANSTREAM_JWT_* settings from the environment).")

    @Option(help: "The Schemas directory every event is validated against (default: Schemas/ in the repository).")
    var schemasDir: String?

    @Option(help: "The Topics directory naming each event type's topic (default: Topics/ beside Schemas/).")
    var topicsDir: String?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let database = try DatabaseSettings(environment: environment)
        let http = try HTTPSettings(environment: environment)
        let tokens = try TokenVerifier(settings: try AuthSettings(environment: environment))
        let schemasPath = schemasDir ?? SchemasValidateCommand.defaultSchemasDirectory()
        let topicsPath = topicsDir ?? URL(fileURLWithPath: schemasPath).deletingLastPathComponent().appendingPathComponent("Topics").path
        let schemas = try SchemaRegistry.load(directory: URL(fileURLWithPath: schemasPath, isDirectory: true))
        let topics = try TopicCatalog.load(directory: URL(fileURLWithPath: topicsPath, isDirectory: true))
        let document = try OpenAPIDocument.bundled()
        let logger = Logger(label: "loanstream.serve")

        try await PostgresClient.withClient(database, logger: logger) { client in
            let report = try await MigrationRunner(client: client, migrations: Migration.platform, logger: logger).migrate()
            logger.info("migrations checked", metadata: ["applied": "\(report.applied)", "already": "\(report.alreadyApplied.count)"])
        }

        let client = PostgresClient(configuration: database.clientConfiguration, backgroundLogger: logger)
        let store = EventStore(client: client, logger: logger)
        let commands = CommandService(store: store, schemas: schemas, topics: topics, logger: logger)
        var dependencies = APIDependencies(store: store, commands: commands, tokens: tokens, document: document, logger: logger)
        dependencies.readModels = ReadModelStore(client: client, logger: logger,
                                                 settings: try ReadModelSettings(environment: environment))
        dependencies.readiness = [.postgres(client), .migrations(client, atLeast: Migration.platform.map(\.version).max() ?? 0)]
        let app = try buildApplication(dependencies, settings: http)
        let group = ServiceGroup(configuration: .init(
            services: [
                .init(service: client),
                .init(service: app, successTerminationBehavior: .gracefullyShutdownGroup,
                      failureTerminationBehavior: .gracefullyShutdownGroup),
                .init(service: IdempotencySweeper(store: store, logger: logger)),
            ],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        logger.info("serving", metadata: ["address": "\(http.host):\(http.port)", "body_limit": "\(http.bodyLimit)"])
        try await group.run()
    }
}
