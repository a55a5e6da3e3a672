import Logging
import PostgresNIO

/// The SQL the relay runs against one outbox table and `outbox_parked` (reads are ``OutboxReader``'s).
///
/// Gap-safe by construction: there is no high-water mark. Every read that takes a new snapshot starts at
/// the head of the table in id order, so a row whose transaction commits late (with an id lower than rows already
/// published) is simply found by a later read. Rows leave the table only by ``delete(_:)`` after Kafka
/// acknowledged them, or by ``park(_:)`` into `outbox_parked`.
struct OutboxTable: Sendable {
    let source: RelaySource
    let client: PostgresClient
    let logger: Logger

    /// Deletes rows whose delivery Kafka acknowledged.
    ///
    /// - Parameter ids: The rows to delete.
    func delete(_ ids: [Int64]) async throws {
        guard !ids.isEmpty else { return }
        try await client.query("DELETE FROM \(unescaped: source.table) WHERE id = ANY(\(ids)::int8[])", logger: logger)
    }

    /// Moves rows to `outbox_parked` with their errors, in one statement (so one transaction).
    ///
    /// - Parameter rows: Row ids and why each is parked.
    func park(_ rows: [(id: Int64, error: String)]) async throws {
        guard !rows.isEmpty else { return }
        try await client.query("""
            WITH bad(id, error) AS (SELECT * FROM unnest(\(rows.map { $0.id })::int8[], \(rows.map { $0.error })::text[])),
            moved AS (
                DELETE FROM \(unescaped: source.table) o USING bad WHERE o.id = bad.id
                RETURNING o.id, o.topic, o.key, o.headers, o.payload, o.created_at, bad.error
            )
            INSERT INTO outbox_parked (source_table, id, topic, key, headers, payload, created_at, error)
            SELECT \(source.table), id, topic, key, headers, payload, created_at, error FROM moved
            ON CONFLICT (source_table, id) DO NOTHING
            """, logger: logger)
    }

    /// Backlog figures for the metrics.
    struct Statistics: Sendable, Equatable {
        /// Rows waiting in the table: exact up to the count limit of ``OutboxTable/statistics(exactUpTo:)``, beyond
        /// it the span of waiting ids (an upper bound: ids of parked or rolled-back rows count too).
        var backlog: Int
        /// Age of the waiting row with the lowest id (the head of the queue), in seconds (0 when empty).
        var oldestAgeSeconds: Double
        /// Rows of this table in `outbox_parked`.
        var parked: Int
        /// Waiting rows held back because their key has a parked row.
        var held: Int
    }

    /// Counts the backlog, parked and held rows (every second while this relay is active).
    ///
    /// Cheap at any backlog: the head and the id span come from the primary key, the exact count stops at
    /// `exactUpTo` rows, and held rows are looked up by the parked keys (`outbox_key`) only when something is
    /// parked. Counting the whole table and scanning it for the oldest `created_at` took 50 ms per call at
    /// 200,000 waiting rows, and grows with the backlog, when a relay that falls behind can least afford it.
    ///
    /// The count walks the primary key too, not the heap: an outbox's heap is mostly dead rows between vacuums
    /// (every row is inserted once and deleted once), and a sequential scan reads all of it. On a table of
    /// 200,000 deleted and 200 waiting rows that was 25,000 pages and 60–90 ms per call; the key, once its dead
    /// entries are marked, is 749 pages and 10 ms.
    func statistics(exactUpTo limit: Int = 100_000) async throws -> Statistics {
        let table = source.table
        let rows = try await client.query("""
            WITH head AS (SELECT id, created_at FROM \(unescaped: table) ORDER BY id LIMIT 1),
                 counted AS (SELECT count(*) AS n FROM (SELECT 1 FROM \(unescaped: table) ORDER BY id LIMIT \(limit)) c)
            SELECT CASE WHEN counted.n < \(limit) THEN counted.n
                        ELSE (SELECT max(id) FROM \(unescaped: table)) - (SELECT id FROM head) + 1 END::int8,
                   coalesce((SELECT extract(epoch FROM clock_timestamp() - created_at) FROM head), 0)::float8,
                   (SELECT count(*) FROM outbox_parked WHERE source_table = \(table))::int8
            FROM counted
            """, logger: logger)
        var statistics = Statistics(backlog: 0, oldestAgeSeconds: 0, parked: 0, held: 0)
        for try await (backlog, age, parked) in rows.decode((Int, Double, Int).self) {
            statistics = Statistics(backlog: backlog, oldestAgeSeconds: age, parked: parked, held: 0)
        }
        guard statistics.parked > 0 else { return statistics }
        let held = try await client.query("""
            SELECT count(*)::int8 FROM \(unescaped: table) o
            WHERE o.key IN (SELECT DISTINCT key FROM outbox_parked WHERE source_table = \(table))
            """, logger: logger)
        for try await count in held.decode(Int.self) { statistics.held = count }
        return statistics
    }
}
