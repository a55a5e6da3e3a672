import Foundation
import PostgresNIO

/// Which clock a time-travel query reads: when the system recorded events, or when they took effect.
public enum TimeAxis: String, Sendable, CaseIterable {
    /// `occurred_at`: what the system knew at that time.
    case recorded
    /// `effective_at`: what had happened for the books by that time, as known now.
    case effective
}

extension EventStoreTransaction {
    /// A stream's events in version order, optionally only those up to a point in time on one axis.
    ///
    /// - Parameters:
    ///   - streamID: the stream (a loan or borrower id).
    ///   - kind: which kind of stream (loans by default).
    ///   - asOf: the cut-off instant and the axis it applies to; `nil` for the whole stream.
    ///   - afterVersion: only events after this version (a caller that already holds the prefix folded).
    /// - Returns: the events, oldest first.
    public func loadStream(_ streamID: UUID, kind: StreamKind = .loan, asOf: (Date, TimeAxis)? = nil,
                           afterVersion: Int = 0) async throws -> [StoredEvent] {
        let cutoff = asOf?.0 ?? Date.distantFuture
        let effective = asOf?.1 == .effective
        let rows = try await connection.query("""
            SELECT version, event_id, event_type, schema_version, occurred_at, effective_at, payload::text
              FROM \(unescaped: kind.table)
             WHERE \(unescaped: kind.idColumn) = \(streamID)
               AND version > \(afterVersion)
               AND (CASE WHEN \(effective) THEN effective_at ELSE occurred_at END) <= \(cutoff)
             ORDER BY version
            """, logger: logger)
        var events: [StoredEvent] = []
        for try await (version, eventID, type, schemaVersion, occurredAt, effectiveAt, json)
            in rows.decode((Int, UUID, String, Int, Date, Date, String).self) {
            events.append(StoredEvent(streamID: streamID, version: version, eventID: eventID, eventType: type,
                                      schemaVersion: schemaVersion, occurredAt: occurredAt, effectiveAt: effectiveAt, json: json))
        }
        return events
    }

    /// The stream's current version: 0 when the stream does not exist.
    public func currentVersion(of streamID: UUID, kind: StreamKind = .loan) async throws -> Int {
        let rows = try await connection.query(
            "SELECT coalesce(max(version), 0)::int8 FROM \(unescaped: kind.table) WHERE \(unescaped: kind.idColumn) = \(streamID)",
            logger: logger)
        for try await version in rows.decode(Int.self) { return version }
        return 0
    }
}

extension EventStoreTransaction {
    /// Queues this transaction behind any other that holds the same stream, until it ends.
    ///
    /// Writers of one hot loan then take turns instead of racing for the next version and
    /// re-deciding; the primary key `(stream id, version)` still guards correctness on its own.
    public func lockStream(_ streamID: UUID, kind: StreamKind = .loan) async throws {
        try await connection.query(
            "SELECT pg_advisory_xact_lock(hashtextextended(\(kind.rawValue) || \(streamID.uuidString.lowercased()), 1))",
            logger: logger)
    }
}
