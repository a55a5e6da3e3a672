import Foundation
import Logging
import PostgresNIO

extension EventStore {
    /// Deletes idempotency records whose retention ended, at most `limit` per statement, until none is left.
    ///
    /// An expired key no longer replays (a request with it runs anew and replaces the record), so deleting it
    /// changes no answer; it only keeps the table from growing with every command ever made.
    ///
    /// - Parameter limit: Rows per statement (each its own short transaction).
    /// - Returns: How many records were deleted.
    @discardableResult
    public func purgeExpiredIdempotencyKeys(limit: Int = 10_000) async throws -> Int {
        var total = 0
        while true {
            let rows = try await client.query("""
                WITH gone AS (
                  DELETE FROM idempotency_key WHERE ctid IN (
                    SELECT ctid FROM idempotency_key WHERE expires_at <= now() LIMIT \(limit) FOR UPDATE SKIP LOCKED)
                  RETURNING 1)
                SELECT count(*)::int8 FROM gone
                """, logger: logger)
            var deleted = 0
            for try await count in rows.decode(Int.self) { deleted = count }
            total += deleted
            if deleted < limit { return total }
        }
    }
}
