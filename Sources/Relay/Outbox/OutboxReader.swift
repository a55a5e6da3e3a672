import Logging
import PostgresNIO

/// Reads one outbox table in id order for the relay through a server-side cursor, so a backlog is
/// streamed round after round instead of being searched from its head for every round.
///
/// A read that starts at the head walks past every row still in flight: with three rounds in the
/// pipeline that was three rows skipped for each row read, most of PostgreSQL's work. A cursor sees
/// the rows that were visible when it was opened and returns each once. It is closed when a read
/// returns fewer rows than asked (the table is drained up to its snapshot) or when it is older than
/// ``maxAge``, and the next read opens a new one from the head. That fresh read is what finds rows that
/// committed late; none is skipped (ARCHITECTURE.md, guarantee 4), and a row that commits late is found
/// at most ``maxAge`` after the backlog it sits in.
///
/// Per-key order holds as with any read: a key's later row is written only after its earlier row
/// committed, so a snapshot that holds the later row holds the earlier one too. Rows of keys parked
/// after a cursor was opened are not filtered out by it: the caller holds them
/// (``RoundPlan/init(rows:verdicts:blocked:)``), starting over when ``Round/opened`` says a new
/// snapshot began.
actor OutboxReader {
    /// The oldest a cursor gets before the next read starts over from the head.
    static let maxAge: Duration = .seconds(2)

    /// What one read returned.
    struct Round {
        /// The rows, in id order.
        var rows: [OutboxRow]
        /// Whether this read opened a new cursor (a new snapshot).
        var opened: Bool
    }

    private let table: OutboxTable
    private let connection: PostgresConnection
    private var openedAt: ContinuousClock.Instant?

    private init(table: OutboxTable, connection: PostgresConnection) {
        self.table = table
        self.connection = connection
    }

    /// Runs `body` with a reader on a connection leased for the whole drain, closing any open cursor
    /// afterwards (rolling back on an error, so the connection returns to the pool clean).
    static func with<Result: Sendable>(_ table: OutboxTable, _ body: (OutboxReader) async throws -> Result) async throws -> Result {
        try await table.client.withConnection { connection in
            let reader = OutboxReader(table: table, connection: connection)
            do {
                let result = try await body(reader)
                try await reader.close()
                return result
            } catch {
                await reader.rollBack()
                throw error
            }
        }
    }

    /// Reads up to `limit` rows in id order.
    ///
    /// - Parameters:
    ///   - limit: The most rows to read.
    ///   - excluding: Rows read before and still in the table (in flight, being deleted or checked); used
    ///     when a new cursor is opened.
    /// - Returns: The rows, and whether a new cursor was opened for them.
    func next(limit: Int, excluding: [Int64]) async throws -> Round {
        var opened = false
        if let openedAt, ContinuousClock.now - openedAt >= Self.maxAge { try await close() }
        if openedAt == nil {
            try await open(excluding: excluding)
            opened = true
        }
        let rows = try await connection.query("FETCH \(unescaped: String(limit)) FROM outbox_round", logger: table.logger)
        var result: [OutboxRow] = []
        result.reserveCapacity(limit)
        for try await (id, topic, key, headers, payload) in rows.decode((Int64, String, String, String, String).self) {
            result.append(OutboxRow(id: id, topic: topic, key: key, headers: headers, payload: payload))
        }
        if result.count < limit { try await close() }
        return Round(rows: result, opened: opened)
    }

    private func open(excluding: [Int64]) async throws {
        let source = table.source
        // Headers come back as jsonb text and are unpacked by the relay's parallel checks: unpacking them in
        // SQL (jsonb_each_text) cost PostgreSQL more than the rest of the read. The exclusion list is a
        // hashed sub-plan (`<> ALL(array)` would compare every row with every in-flight id).
        try await connection.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: table.logger)
        openedAt = .now
        try await connection.query("""
            DECLARE outbox_round NO SCROLL CURSOR FOR
            SELECT o.id, o.topic, o.key, o.headers::text, o.payload
            FROM \(unescaped: source.table) o
            WHERE o.id NOT IN (SELECT unnest(\(excluding)::int8[]))
              AND NOT EXISTS (SELECT 1 FROM outbox_parked p WHERE p.source_table = \(source.table) AND p.key = o.key)
            ORDER BY o.id
            """, logger: table.logger)
    }

    private func close() async throws {
        guard openedAt != nil else { return }
        openedAt = nil
        try await connection.query("COMMIT", logger: table.logger)
    }

    private func rollBack() async {
        guard openedAt != nil else { return }
        openedAt = nil
        _ = try? await connection.query("ROLLBACK", logger: table.logger)
    }
}
