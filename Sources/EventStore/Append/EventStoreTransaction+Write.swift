import Foundation
import NIOCore
import PostgresNIO

extension EventStoreTransaction {
    /// Inserts a command's events, journal entries and lines, outbox rows and idempotency record
    /// with one statement (data-modifying CTEs): one round trip instead of five, with the same
    /// checks — the `(stream, version)` primary key refuses a stale version, foreign keys are
    /// checked at the end of the statement, the balance trigger at commit.
    ///
    /// - Parameters:
    ///   - writes: What the command writes.
    ///   - mode: ``WriteMode/claimed`` (default) inside a transaction that claimed the key; ``WriteMode/unclaimed``
    ///     on the optimistic path, where any row under the key makes the whole statement fail.
    /// - Throws: ``EventStoreError`` `.versionConflict` when the stream moved past `expectedVersion` (or, unclaimed,
    ///   when another request took the idempotency key meanwhile).
    public func write(_ writes: CommandWrites, mode: WriteMode = .claimed) async throws {
        let events = writes.events
        guard let first = events.first else {
            precondition(mode == .claimed, "an unclaimed write must carry events")
            // A command that changed nothing (a day-end with nothing due) still answers once per key.
            return try await storeResponse(writes.response, scope: writes.idempotencyScope, key: writes.idempotencyKey,
                                           loanID: writes.loanID, retention: writes.retention)
        }
        precondition(events.enumerated().allSatisfy {
            $0.element.version == writes.expectedVersion + 1 + $0.offset && $0.element.streamID == first.streamID
        }, "events must continue one stream from the expected version without gaps")
        let kind = writes.kind
        let entries = writes.journal
        let lines = entries.flatMap { entry in entry.lines.enumerated().map { (entry.entryID, $0.offset + 1, $0.element) } }
        let outbox = writes.outbox
        let response = writes.response
        let seconds = Int(writes.retention.components.seconds)
        do {
            try await connection.query("""
                WITH ev AS (
                  INSERT INTO \(unescaped: kind.table) (\(unescaped: kind.idColumn), version, event_id, event_type, schema_version, occurred_at, effective_at, payload)
                  SELECT \(first.streamID), v, e, t, s, o, f, p::jsonb
                    FROM unnest(\(events.map(\.version))::int8[], \(events.map(\.eventID))::uuid[], \(events.map(\.eventType))::text[],
                                \(events.map(\.schemaVersion))::int8[], \(events.map(\.occurredAt))::timestamptz[],
                                \(events.map(\.effectiveAt))::timestamptz[], \(events.map(\.json))::text[]) AS x(v, e, t, s, o, f, p)),
                je AS (
                  INSERT INTO journal_entry (entry_id, loan_id, event_id, currency, effective_date, description, reverses_entry_id)
                  SELECT e, l, ev, c, d::date, descr, nullif(r, '00000000-0000-0000-0000-000000000000'::uuid)
                    FROM unnest(\(entries.map(\.entryID))::uuid[], \(entries.map(\.loanID))::uuid[], \(entries.map(\.eventID))::uuid[],
                                \(entries.map(\.currency))::text[], \(entries.map(\.effectiveDate))::text[], \(entries.map(\.description))::text[],
                                \(entries.map { $0.reversesEntryID ?? Self.noEntryID })::uuid[]) AS x(e, l, ev, c, d, descr, r)),
                jl AS (
                  INSERT INTO journal_line (entry_id, line_no, account, amount_minor)
                  SELECT * FROM unnest(\(lines.map(\.0))::uuid[], \(lines.map(\.1))::int8[], \(lines.map(\.2.account))::text[],
                                       \(lines.map(\.2.amountMinor))::int8[])),
                ob AS (
                  INSERT INTO outbox (topic, key, headers, payload)
                  SELECT t, k, h, p FROM unnest(\(outbox.map(\.topic))::text[], \(outbox.map(\.key))::text[],
                                                       \(outbox.map(\.headersJSON))::text[], \(outbox.map(\.payload))::text[]) AS x(t, k, h, p))
                INSERT INTO idempotency_key (scope, key, request_hash, status_code, response_body, content_type, loan_id, expires_at)
                VALUES (\(writes.idempotencyScope), \(writes.idempotencyKey), \(response.requestHash), \(response.statusCode),
                        \(ByteBuffer(bytes: response.body)), \(response.contentType), \(writes.loanID), now() + make_interval(secs => \(seconds)))
                \(unescaped: mode == .claimed ? Self.replaceClaimedOrExpired : "")
                """, logger: logger)
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23505" {
            let taken = error.serverInfo?[.constraintName] == "idempotency_key_pkey"
            throw EventStoreError(.versionConflict, taken
                ? "idempotency key \(writes.idempotencyKey) was taken by another request meanwhile"
                : "\(kind.rawValue) \(first.streamID) is no longer at version \(writes.expectedVersion)")
        }
    }
}

/// How ``EventStoreTransaction/write(_:mode:)`` stores the idempotency record.
public enum WriteMode: Sendable {
    /// The key was claimed in this transaction: replace the placeholder (or an expired response).
    case claimed
    /// Optimistic, outside a transaction block: insert the record; an existing row fails the statement.
    case unclaimed
}
