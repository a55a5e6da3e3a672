import Logging
import PostgresNIO

/// Applies ``Migration``s in order, once, and refuses to run against a database whose applied
/// migrations differ from this build's.
public struct MigrationRunner: Sendable {
    /// What a run did.
    public struct Report: Sendable, Equatable {
        /// Versions applied by this run.
        public var applied: [Int]
        /// Versions that were already there.
        public var alreadyApplied: [Int]
    }

    private let client: PostgresClient
    private let migrations: [Migration]
    private let logger: Logger
    /// Serialises concurrent runners (several replicas starting at once); any constant works.
    private static let lockKey: Int64 = 0x4C53_4D49_4752  // "LSMIGR"

    public init(client: PostgresClient, migrations: [Migration] = Migration.all, logger: Logger) {
        self.client = client
        self.migrations = migrations.sorted { $0.version < $1.version }
        self.logger = logger
    }

    /// Applies every pending migration in one transaction.
    ///
    /// - Returns: which versions were applied now and which were there before.
    /// - Throws: ``EventStoreError`` `.migrationChanged` / `.migrationUnknown`, or a database error.
    @discardableResult
    public func migrate() async throws -> Report {
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.lockKey))", logger: logger)
            try await connection.query("""
                CREATE TABLE IF NOT EXISTS schema_migration (
                    version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """, logger: logger)
            let applied = try await verified(connection)
            var report = Report(applied: [], alreadyApplied: applied.keys.sorted())
            for migration in migrations where applied[migration.version] == nil {
                for statement in SQLScript.statements(in: migration.sql) {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query("""
                    INSERT INTO schema_migration (version, name, checksum)
                    VALUES (\(migration.version), \(migration.name), encode(sha256(convert_to(\(migration.sql), 'UTF8')), 'hex'))
                    """, logger: logger)
                logger.info("applied migration", metadata: ["version": "\(migration.version)", "name": "\(migration.name)"])
                report.applied.append(migration.version)
            }
            return report
        }
    }

    /// Checks that every migration of this build is applied, unchanged: the start-up check of a service.
    ///
    /// - Throws: ``EventStoreError`` naming the first difference.
    public func verify() async throws {
        try await client.withConnection { connection in
            let exists = try await connection.query("SELECT to_regclass('schema_migration') IS NOT NULL", logger: logger)
            var tableExists = false
            for try await flag in exists.decode(Bool.self) { tableExists = flag }
            let applied = tableExists ? try await verified(connection) : [:]
            if let missing = migrations.first(where: { applied[$0.version] == nil }) {
                throw EventStoreError(.migrationsPending, "migration \(missing.version) (\(missing.name)) is not applied: run `loanstream migrate`")
            }
        }
    }

    /// The applied versions, after checking each one's checksum against this build's text.
    private func verified(_ connection: PostgresConnection) async throws -> [Int: String] {
        var applied: [Int: String] = [:]
        let rows = try await connection.query("SELECT version, checksum FROM schema_migration ORDER BY version", logger: logger)
        for try await (version, checksum) in rows.decode((Int, String).self) { applied[version] = checksum }
        for (version, checksum) in applied {
            guard let migration = migrations.first(where: { $0.version == version }) else {
                throw EventStoreError(.migrationUnknown, "the database has migration \(version), which this build does not know: it was migrated by a newer LoanStream")
            }
            let expected = try await connection.query(
                "SELECT encode(sha256(convert_to(\(migration.sql), 'UTF8')), 'hex')", logger: logger)
            for try await sum in expected.decode(String.self) where sum != checksum {
                throw EventStoreError(.migrationChanged, "migration \(version) (\(migration.name)) was changed after it was applied (checksum \(checksum.prefix(12))… in the database, \(sum.prefix(12))… in this build); add a new migration instead of editing an applied one")
            }
        }
        return applied
    }
}
