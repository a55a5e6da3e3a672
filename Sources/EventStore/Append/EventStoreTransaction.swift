import Foundation
import Logging
import PostgresNIO

/// One unit of work against the event store: everything done through it commits together or not at all
/// (guarantee 1). Obtain one from ``EventStore/transaction(_:)``.
public struct EventStoreTransaction: Sendable {
    let connection: PostgresConnection
    let logger: Logger

    /// Appends events to a stream, which must be at `expectedVersion` (0 for a new stream).
    ///
    /// The events must carry versions `expectedVersion + 1 …` in order. A concurrent writer that got
    /// there first makes the primary key `(loan_id, version)` refuse the insert.
    ///
    /// - Throws: ``EventStoreError`` `.versionConflict` when the stream moved on; the transaction is then
    ///   aborted and the caller retries it from the start.
    public func append(_ events: [StoredEvent], to kind: StreamKind = .loan, expectedVersion: Int) async throws {
        guard let first = events.first else { return }
        precondition(events.enumerated().allSatisfy { $0.element.version == expectedVersion + 1 + $0.offset && $0.element.streamID == first.streamID },
                     "events must continue one stream from the expected version without gaps")
        do {
            try await connection.query("""
                INSERT INTO \(unescaped: kind.table) (\(unescaped: kind.idColumn), version, event_id, event_type, schema_version, occurred_at, effective_at, payload)
                SELECT \(first.streamID), v, e, t, s, o, f, p::jsonb
                  FROM unnest(\(events.map(\.version))::int8[], \(events.map(\.eventID))::uuid[], \(events.map(\.eventType))::text[],
                              \(events.map(\.schemaVersion))::int8[], \(events.map(\.occurredAt))::timestamptz[],
                              \(events.map(\.effectiveAt))::timestamptz[], \(events.map(\.json))::text[]) AS x(v, e, t, s, o, f, p)
                """, logger: logger)
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23505" {
            throw EventStoreError(.versionConflict, "\(kind.rawValue) \(first.streamID) is no longer at version \(expectedVersion)")
        }
    }

    /// Posts balanced journal entries; the database refuses the commit if any entry does not sum to zero.
    public func post(_ entries: [JournalEntryRecord]) async throws {
        guard !entries.isEmpty else { return }
        try await connection.query("""
            INSERT INTO journal_entry (entry_id, loan_id, event_id, currency, effective_date, description, reverses_entry_id)
            SELECT e, l, ev, c, d::date, descr, nullif(r, '00000000-0000-0000-0000-000000000000'::uuid)
              FROM unnest(\(entries.map(\.entryID))::uuid[], \(entries.map(\.loanID))::uuid[], \(entries.map(\.eventID))::uuid[],
                          \(entries.map(\.currency))::text[], \(entries.map(\.effectiveDate))::text[], \(entries.map(\.description))::text[],
                          \(entries.map { $0.reversesEntryID ?? Self.noEntryID })::uuid[]) AS x(e, l, ev, c, d, descr, r)
            """, logger: logger)
        let lines = entries.flatMap { entry in entry.lines.enumerated().map { (entry.entryID, $0.offset + 1, $0.element) } }
        try await connection.query("""
            INSERT INTO journal_line (entry_id, line_no, account, amount_minor)
            SELECT * FROM unnest(\(lines.map(\.0))::uuid[], \(lines.map(\.1))::int8[], \(lines.map(\.2.account))::text[],
                                 \(lines.map(\.2.amountMinor))::int8[])
            """, logger: logger)
    }

    /// Queues messages for the relay in the same transaction as the events they carry.
    public func enqueue(_ records: [OutboxRecord]) async throws {
        guard !records.isEmpty else { return }
        let headers = records.map(\.headersJSON)
        try await connection.query("""
            INSERT INTO outbox (topic, key, headers, payload)
            SELECT t, k, h, p FROM unnest(\(records.map(\.topic))::text[], \(records.map(\.key))::text[],
                                                 \(headers)::text[], \(records.map(\.payload))::text[]) AS x(t, k, h, p)
            """, logger: logger)
    }

    /// Stands for "no entry" in the reverses-entry column (unnest cannot carry NULLs of a Swift optional array).
    static let noEntryID = UUID(uuidString: "00000000-0000-0000-0000-000000000000")!
}
