import Foundation
import Logging
import PostgresNIO

/// Reads and writes `loan_snapshot`.
enum LoanSnapshotStore {
    /// The snapshots of `loans` that exist.
    static func load(_ loans: [UUID], connection: PostgresConnection, logger: Logger) async throws -> [UUID: LoanSnapshot] {
        let rows = try await connection.query("""
            SELECT loan_id, snapshot::text FROM loan_snapshot WHERE loan_id = ANY(\(loans)::uuid[])
            """, logger: logger)
        var snapshots: [UUID: LoanSnapshot] = [:]
        for try await (loanID, text) in rows.decode((UUID, String).self) {
            snapshots[loanID] = try LoanSnapshot.decode(text)
        }
        return snapshots
    }

    /// Upserts snapshots.
    static func save(_ snapshots: [(UUID, LoanSnapshot)], connection: PostgresConnection, logger: Logger) async throws {
        guard !snapshots.isEmpty else { return }
        let ids = snapshots.map { $0.0 }
        let versions = snapshots.map { $0.1.version }
        let texts = try snapshots.map { try $0.1.encoded() }
        try await connection.query("""
            INSERT INTO loan_snapshot (loan_id, version, snapshot)
            SELECT i, v, s::jsonb FROM unnest(\(ids)::uuid[], \(versions)::int8[], \(texts)::text[]) AS x(i, v, s)
            ON CONFLICT (loan_id) DO UPDATE SET version = EXCLUDED.version, snapshot = EXCLUDED.snapshot
            """, logger: logger)
    }
}
