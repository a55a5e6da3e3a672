import Foundation
import Logging
import PostgresNIO

/// Reads and writes `loan_snapshot`.
enum LoanSnapshotStore {
    /// The snapshots of `loans` that exist; with a cache, only those whose stored version differs from the cached
    /// one are decoded.
    static func load(_ loans: [UUID], cache: LoanSnapshotCache? = nil, connection: PostgresConnection,
                     logger: Logger) async throws -> [UUID: LoanSnapshot] {
        let cached = cache?.get(loans) ?? [:]
        // The stored snapshot's text comes back only where its version differs from the cached one.
        let rows = try await connection.query("""
            SELECT s.loan_id, CASE WHEN s.version IS DISTINCT FROM c.v THEN s.snapshot END
              FROM loan_snapshot s
              LEFT JOIN unnest(\(loans)::uuid[], \(loans.map { cached[$0]?.version ?? -1 })::int8[]) AS c(id, v) ON c.id = s.loan_id
             WHERE s.loan_id = ANY(\(loans)::uuid[])
            """, logger: logger)
        var snapshots: [UUID: LoanSnapshot] = [:]
        for try await (loanID, text) in rows.decode((UUID, String?).self) {
            snapshots[loanID] = try text.map(LoanSnapshot.decode) ?? cached[loanID]
        }
        return snapshots
    }

    /// Upserts snapshots (and remembers them in `cache`).
    static func save(_ snapshots: [(UUID, LoanSnapshot)], cache: LoanSnapshotCache? = nil, into pipeline: inout StatementPipeline) throws {
        guard !snapshots.isEmpty else { return }
        cache?.put(snapshots)
        let ids = snapshots.map { $0.0 }
        let versions = snapshots.map { $0.1.version }
        let texts = try snapshots.map { try $0.1.encoded() }
        pipeline.send("""
            INSERT INTO loan_snapshot (loan_id, version, snapshot)
            SELECT i, v, s FROM unnest(\(ids)::uuid[], \(versions)::int8[], \(texts)::text[]) AS x(i, v, s)
            ON CONFLICT (loan_id) DO UPDATE SET version = EXCLUDED.version, snapshot = EXCLUDED.snapshot
            """)
    }
}
