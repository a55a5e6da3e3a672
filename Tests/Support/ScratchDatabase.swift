import EventStore
import Foundation
import Logging
import PostgresNIO

/// A database of its own for one test, created from the stack's settings and dropped afterwards,
/// so tests that migrate, break or inspect a schema never disturb each other.
public enum ScratchDatabase {
    public struct MissingStack: Error, CustomStringConvertible {
        public var description: String { "POSTGRES_* settings are not set: run `scripts/test` (or `scripts/stack up` and source .data/stack.env)" }
    }

    public static let logger = Logger(label: "test.eventstore")

    public static func settings() throws -> DatabaseSettings {
        do { return try DatabaseSettings(environment: ProcessInfo.processInfo.environment) } catch { throw MissingStack() }
    }

    /// Creates a fresh database migrated with `migrations` (the event store's by default; pass
    /// `Migration.platform` from Projections for the read models too), runs `body`, then drops it.
    public static func migrated<Result: Sendable>(
        migrations: [Migration] = Migration.all,
        _ body: @Sendable (PostgresClient) async throws -> Result
    ) async throws -> Result {
        try await with { client in
            try await MigrationRunner(client: client, migrations: migrations, logger: logger).migrate()
            return try await body(client)
        }
    }

    /// Creates a fresh database, runs `body` with a client connected to it, then drops it.
    public static func with<Result: Sendable>(_ body: @Sendable (PostgresClient) async throws -> Result) async throws -> Result {
        let admin = try settings()
        let name = "test_" + UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: "")
        try await PostgresClient.withClient(admin, logger: logger) { client in
            try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
        }
        var scoped = admin
        scoped.database = name
        do {
            let result = try await PostgresClient.withClient(scoped, logger: logger, body)
            try await drop(name, admin)
            return result
        } catch {
            try? await drop(name, admin)
            throw error
        }
    }

    private static func drop(_ name: String, _ admin: DatabaseSettings) async throws {
        try await PostgresClient.withClient(admin, logger: logger) { client in
            try await client.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"))
        }
    }
}
