import EventStore
import Foundation
import HTTPAPI
import Logging
import PostgresNIO

/// The benchmark's scratch database `bench_<timestamp>` on the stack's server: created and migrated
/// before the run, dropped after it (also when it fails).
struct BenchDatabase {
    /// The settings the database was created from (the stack's own database).
    let admin: DatabaseSettings
    /// Settings pointing at the scratch database.
    let scoped: DatabaseSettings
    let logger: Logger

    /// Creates and migrates a scratch database, runs `body` against it, then drops it.
    ///
    /// - Parameters:
    ///   - admin: where to connect to create and drop it.
    ///   - logger: for the migration runner and the clients.
    ///   - body: the benchmark.
    /// - Returns: what `body` returns.
    /// - Throws: whatever creating, migrating or `body` threw, after the database was dropped.
    static func with<Result: Sendable>(admin: DatabaseSettings, logger: Logger,
                                       _ body: (BenchDatabase) async throws -> Result) async throws -> Result {
        let name = "bench_" + Self.timestamp()
        try await PostgresClient.withClient(admin, logger: logger) { client in
            try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: logger)
        }
        var scoped = admin
        scoped.database = name
        let database = BenchDatabase(admin: admin, scoped: scoped, logger: logger)
        do {
            try await PostgresClient.withClient(scoped, logger: logger) { client in
                _ = try await MigrationRunner(client: client, logger: logger).migrate()
            }
            let result = try await body(database)
            try await database.drop()
            return result
        } catch {
            try? await database.drop()
            throw error
        }
    }

    private func drop() async throws {
        try await PostgresClient.withClient(admin, logger: logger) { client in
            try await client.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(scoped.database) WITH (FORCE)"), logger: logger)
        }
    }

    private static func timestamp() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd_HHmmss"
        return formatter.string(from: Date()) + "_" + String(UInt16.random(in: 0...UInt16.max), radix: 16)
    }
}

extension BenchDatabase {
    /// The database clock, to mark where a measured phase starts.
    func now(_ client: PostgresClient) async throws -> Date {
        for try await now in try await client.query("SELECT clock_timestamp()", logger: logger).decode(Date.self) { return now }
        throw BenchmarkError("SELECT clock_timestamp() returned no row")
    }

    /// What the commands since `since` wrote: rows per table and mean sizes.
    ///
    /// - Parameters:
    ///   - client: a client of the scratch database.
    ///   - since: the phase's start (database clock); only commands ran since then.
    ///   - commands: how many commands succeeded since then.
    func profile(_ client: PostgresClient, since: Date, commands: Int) async throws -> RowProfile {
        let rows = try await client.query("""
            SELECT (SELECT count(*) FROM loan_event WHERE occurred_at >= \(since))::int8,
                   (SELECT coalesce(avg(octet_length(payload::text)), 0) FROM loan_event WHERE occurred_at >= \(since))::int8,
                   (SELECT count(*) FROM journal_entry WHERE recorded_at >= \(since))::int8,
                   (SELECT count(*) FROM journal_line l JOIN journal_entry e USING (entry_id) WHERE e.recorded_at >= \(since))::int8,
                   (SELECT count(*) FROM outbox WHERE created_at >= \(since))::int8,
                   (SELECT coalesce(avg(octet_length(payload)), 0) FROM outbox WHERE created_at >= \(since))::int8,
                   (SELECT coalesce(avg(octet_length(headers::text)), 0) FROM outbox WHERE created_at >= \(since))::int8,
                   (SELECT count(*) FROM idempotency_key WHERE created_at >= \(since))::int8,
                   (SELECT coalesce(avg(octet_length(response_body)), 0) FROM idempotency_key WHERE created_at >= \(since))::int8
            """, logger: logger)
        for try await (events, eventBytes, entries, lines, outbox, outboxBytes, headerBytes, keys, responseBytes)
            in rows.decode((Int, Int, Int, Int, Int, Int, Int, Int, Int).self) {
            return RowProfile(
                commands: commands,
                totals: ["loan_event": events, "journal_entry": entries, "journal_line": lines, "outbox": outbox, "idempotency_key": keys],
                sizes: ["loan_event.payload": eventBytes, "outbox.payload": outboxBytes, "outbox.headers": headerBytes,
                        "idempotency_key.response_body": responseBytes])
        }
        throw BenchmarkError("the row profile query returned no row")
    }

    /// Fills ``PgbenchScript/loanTable`` with the benchmark's loans, numbered from 1.
    func storeLoans(_ client: PostgresClient, _ loans: [UUID]) async throws {
        try await client.query("CREATE TABLE \(unescaped: PgbenchScript.loanTable) (n int PRIMARY KEY, loan_id uuid NOT NULL)", logger: logger)
        try await client.query("""
            INSERT INTO \(unescaped: PgbenchScript.loanTable) (n, loan_id)
            SELECT n, l FROM unnest(\(loans)::uuid[]) WITH ORDINALITY AS x(l, n)
            """, logger: logger)
    }
}
