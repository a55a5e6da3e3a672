import Foundation
import Logging
import PostgresNIO

/// One outbox row the relay parked (it failed its checks), as `loanstream outbox parked` lists it.
public struct ParkedOutboxRow: Sendable, Equatable {
    /// The outbox table it came from (`outbox`, `cdc_outbox`).
    public var table: String
    /// Its id in that table, kept so a requeued row takes its old place in the key's order.
    public var id: Int64
    public var topic: String
    /// The Kafka key (the loan id for events); later rows of this key wait until this row is requeued or discarded.
    public var key: String
    /// The `event_type` header, when the row is an event.
    public var eventType: String?
    /// Why it was parked.
    public var error: String
    public var parkedAt: Date
}

/// Operator actions on `outbox_parked`: list, requeue (after fixing the cause) and discard.
///
/// A parked row holds back the later rows of its key (consumers never see a gap). Requeueing puts it back into its
/// table under its original id, so it is published before the rows that waited behind it; if it still fails it is
/// parked again with the new error. Discarding deletes it, and the waiting rows flow: the event stays in the event
/// store, but Kafka consumers never receive it (projectors see a version gap and park the next event).
public struct ParkedOutbox: Sendable {
    let client: PostgresClient
    let logger: Logger

    /// - Parameters:
    ///   - client: A running client of the event store's database.
    ///   - logger: Where requeues and discards are logged (with the operator and the reason).
    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// Parked rows, oldest first.
    ///
    /// - Parameters:
    ///   - table: Only this table's rows (all tables when `nil`).
    ///   - limit: The most rows returned.
    public func list(table: String? = nil, limit: Int = 1_000) async throws -> [ParkedOutboxRow] {
        let rows = try await client.query("""
            SELECT source_table, id, topic, key, headers, error, parked_at FROM outbox_parked
             WHERE \(table)::text IS NULL OR source_table = \(table)::text
             ORDER BY parked_at, source_table, id LIMIT \(limit)
            """, logger: logger)
        return try await Self.parkedRows(rows)
    }

    /// Moves parked rows back into their table under their original ids, in one statement.
    ///
    /// - Parameters:
    ///   - table: The outbox table.
    ///   - ids: The rows; every parked row of `table` when `nil`.
    ///   - actor: Who asked (logged).
    /// - Returns: The ids requeued (ids that were not parked are left out).
    /// - Throws: ``RelayError`` `configuration` when `table` is not a plain identifier.
    public func requeue(table: String, ids: [Int64]?, actor: String) async throws -> [Int64] {
        try Self.check(table)
        let rows = try await client.query("""
            WITH moved AS (
              DELETE FROM outbox_parked
               WHERE source_table = \(table) AND (\(ids == nil) OR id = ANY(\(ids ?? [])::int8[]))
              RETURNING id, topic, key, headers, payload, created_at)
            INSERT INTO \(unescaped: table) (id, topic, key, headers, payload, created_at) OVERRIDING SYSTEM VALUE
            SELECT id, topic, key, headers, payload, created_at FROM moved
            RETURNING id
            """, logger: logger)
        var requeued: [Int64] = []
        for try await id in rows.decode(Int64.self) { requeued.append(id) }
        requeued.sort()
        logger.notice("parked outbox rows requeued", metadata: [
            "table": "\(table)", "ids": "\(requeued)", "actor": "\(actor)"])
        return requeued
    }

    /// Deletes parked rows for good; the rows that waited behind them are published.
    ///
    /// - Parameters:
    ///   - table: The outbox table.
    ///   - ids: The rows.
    ///   - reason: Why (logged with each row's key, topic and error).
    ///   - actor: Who asked (logged).
    /// - Returns: The rows discarded.
    public func discard(table: String, ids: [Int64], reason: String, actor: String) async throws -> [ParkedOutboxRow] {
        try Self.check(table)
        let rows = try await client.query("""
            DELETE FROM outbox_parked WHERE source_table = \(table) AND id = ANY(\(ids)::int8[])
            RETURNING source_table, id, topic, key, headers, error, parked_at
            """, logger: logger)
        let discarded = try await Self.parkedRows(rows)
        for row in discarded {
            logger.warning("parked outbox row discarded: Kafka consumers will never receive it", metadata: [
                "table": "\(row.table)", "id": "\(row.id)", "key": "\(row.key)", "topic": "\(row.topic)",
                "event_type": "\(row.eventType ?? "-")", "error": "\(row.error)", "reason": "\(reason)", "actor": "\(actor)"])
        }
        return discarded.sorted { $0.id < $1.id }
    }

    /// Rows of `source_table, id, topic, key, headers, error, parked_at` (headers are text, and may be what got the
    /// row parked: `event_type` is read from them only when they are a JSON object).
    private static func parkedRows(_ rows: PostgresRowSequence) async throws -> [ParkedOutboxRow] {
        var parked: [ParkedOutboxRow] = []
        for try await (source, id, topic, key, headers, error, parkedAt)
            in rows.decode((String, Int64, String, String, String, String, Date).self) {
            parked.append(ParkedOutboxRow(table: source, id: id, topic: topic, key: key, eventType: RowHeaders(headers)?.eventType,
                                          error: error,
                                          parkedAt: parkedAt))
        }
        return parked
    }

    private static func check(_ table: String) throws(RelayError) {
        guard RelaySource.isIdentifier(table) else {
            throw RelayError(.configuration, "\"\(table)\" is not a plain lower-case SQL identifier (an outbox table such as outbox or cdc_outbox)")
        }
    }
}
