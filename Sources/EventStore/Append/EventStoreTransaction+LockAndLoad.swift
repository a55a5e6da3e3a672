import Foundation
import PostgresNIO

extension EventStoreTransaction {
    /// ``lockStream(_:kind:)`` then ``loadStream(_:kind:asOf:afterVersion:)``, in one round trip when
    /// nobody else holds the stream.
    ///
    /// The first statement tries the lock and reads the tail in one go. Its snapshot is taken when it
    /// starts, so a writer that committed just before the lock was taken can be missed; that is
    /// safe — the missed version makes the append a version conflict and the command is re-decided,
    /// exactly as when two writers race without the lock. When the lock is taken by someone else,
    /// this waits for it and reads again with a fresh statement.
    ///
    /// - Returns: the stream's events after `afterVersion`, oldest first.
    public func lockAndLoadStream(_ streamID: UUID, kind: StreamKind = .loan, afterVersion: Int) async throws -> [StoredEvent] {
        let rows = try await connection.query("""
            WITH l AS MATERIALIZED (
              SELECT pg_try_advisory_xact_lock(hashtextextended(\(kind.rawValue) || \(streamID.uuidString.lowercased()), 1)) AS locked)
            SELECT l.locked, e.version, e.event_id, e.event_type, e.schema_version, e.occurred_at, e.effective_at, e.payload::text
              FROM l LEFT JOIN LATERAL (
                SELECT version, event_id, event_type, schema_version, occurred_at, effective_at, payload
                  FROM \(unescaped: kind.table)
                 WHERE \(unescaped: kind.idColumn) = \(streamID) AND version > \(afterVersion) AND l.locked
                 ORDER BY version) e ON true
             ORDER BY e.version
            """, logger: logger)
        var locked = false
        var events: [StoredEvent] = []
        for try await (gotLock, version, eventID, type, schemaVersion, occurredAt, effectiveAt, json)
            in rows.decode((Bool, Int?, UUID?, String?, Int?, Date?, Date?, String?).self) {
            locked = gotLock
            if let event = StoredEvent(streamID: streamID, joined: (version, eventID, type, schemaVersion, occurredAt, effectiveAt, json)) {
                events.append(event)
            }
        }
        guard locked else {
            try await lockStream(streamID, kind: kind)
            return try await loadStream(streamID, kind: kind, afterVersion: afterVersion)
        }
        return events
    }
}
