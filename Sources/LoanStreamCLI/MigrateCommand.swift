import ArgumentParser
import EventStore
import Foundation
import Logging
import PostgresNIO
import Projections

/// `loanstream migrate`: applies the database migrations (services also do it at start-up).
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending PostgreSQL migrations (POSTGRES_* settings from the environment)."
    )

    @Flag(help: "Only check that every migration is applied and unchanged; apply nothing.")
    var check = false

    func run() async throws {
        let settings = try DatabaseSettings(environment: ProcessInfo.processInfo.environment)
        let logger = Logger(label: "loanstream.migrate")
        let check = self.check
        try await PostgresClient.withClient(settings, logger: logger) { client in
            let runner = MigrationRunner(client: client, migrations: Migration.platform, logger: logger)
            if check {
                try await runner.verify()
                print("migrations: all \(Migration.platform.count) applied and unchanged")
            } else {
                let report = try await runner.migrate()
                print("migrations: applied \(report.applied.isEmpty ? "none" : report.applied.map(String.init).joined(separator: ", ")); already applied \(report.alreadyApplied.count)")
            }
        }
    }
}
