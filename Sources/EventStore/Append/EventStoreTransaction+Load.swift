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
    /// A loan's events in version order, optionally only those up to a point in time on one axis.
    ///
    /// - Parameters:
    ///   - loanID: the stream.
    ///   - asOf: the cut-off instant and the axis it applies to; `nil` for the whole stream.
    /// - Returns: the events, oldest first.
    public func loadStream(_ loanID: UUID, asOf: (Date, TimeAxis)? = nil) async throws -> [StoredEvent] {
        let cutoff = asOf?.0 ?? Date.distantFuture
        let effective = asOf?.1 == .effective
        let rows = try await connection.query("""
            SELECT version, event_id, event_type, schema_version, occurred_at, effective_at, payload::text
              FROM loan_event
             WHERE loan_id = \(loanID)
               AND (CASE WHEN \(effective) THEN effective_at ELSE occurred_at END) <= \(cutoff)
             ORDER BY version
            """, logger: logger)
        var events: [StoredEvent] = []
        for try await (version, eventID, type, schemaVersion, occurredAt, effectiveAt, json)
            in rows.decode((Int, UUID, String, Int, Date, Date, String).self) {
            events.append(StoredEvent(streamID: loanID, version: version, eventID: eventID, eventType: type,
                                      schemaVersion: schemaVersion, occurredAt: occurredAt, effectiveAt: effectiveAt, json: json))
        }
        return events
    }

    /// The loan's current version: 0 when the stream does not exist.
    public func currentVersion(of loanID: UUID) async throws -> Int {
        let rows = try await connection.query(
            "SELECT coalesce(max(version), 0)::int8 FROM loan_event WHERE loan_id = \(loanID)", logger: logger)
        for try await version in rows.decode(Int.self) { return version }
        return 0
    }
}
