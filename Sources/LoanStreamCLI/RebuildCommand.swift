import ArgumentParser
import EventStore
import Foundation
import Logging
import PostgresNIO
import Projections

extension RebuildSource: ExpressibleByArgument {}

/// `loanstream rebuild <projection>`: refills a projection's tables beside the live ones and swaps them in.
struct RebuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild",
        abstract: "Rebuild a projection's read-model tables from the event store or from offset 0, then swap them in.",
        discussion: """
            Shadow tables (schema rebuild_<projection>) are filled with the projection's own code while the live \
            tables keep serving, up to what the live projector had applied; then one transaction pauses the live \
            projector (its advisory lock), catches the shadow up, and swaps the tables. Projections that record \
            Kafka positions (event_index) can only be rebuilt from Kafka. Settings: POSTGRES_*, KAFKA_BROKERS, \
            LOANSTREAM_PROJECTOR_TOPICS.
            """)

    @Argument(help: "The projection to rebuild.")
    var projection: String

    @Option(help: "Where to read events: event-store or kafka.")
    var source: RebuildSource = .eventStore

    @OptionGroup var contracts: ProjectContracts

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let database = try DatabaseSettings(environment: environment)
        let settings = try? ProjectorSettings(environment: environment)
        let (schemas, _) = try contracts.load()
        let projection = try ProjectionCatalog.standard.make(self.projection)
        let logger = Logger(label: "loanstream.rebuild")
        let source = source
        try await PostgresClient.withClient(database, logger: logger) { client in
            try await MigrationRunner(client: client, migrations: Migration.platform, logger: logger).verify()
            let rebuild = ProjectionRebuild(
                projection: projection, client: client, decoder: EventDecoder(schemas: schemas), brokers: settings?.brokers,
                topics: settings?.topics, progress: { print("rebuild \(projection.name): \($0)") }, logger: logger)
            let report = try await rebuild.run(from: source)
            print("rebuild \(projection.name) done: \(report.filled) filled, \(report.caughtUp) caught up, \(report.skipped) skipped")
        }
    }
}
