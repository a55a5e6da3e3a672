import Logging
import NIOCore
import PostgresNIO

/// Reads one outbox table in id order for the relay, through a server-side cursor while there is a
/// backlog, so the backlog is streamed round after round instead of searched from its head every round.
///
/// A read that starts at the head walks past every row still in flight: with three rounds in the
/// pipeline that was three rows skipped for each row read, most of PostgreSQL's work on a backlog. A
/// cursor sees the rows that were visible when it was opened and returns each once. It is opened only
/// when the previous read filled its batch (there is a backlog); a table that keeps up is read with one
/// statement per round, as an idle relay polls. A cursor is closed when a read returns fewer rows than
/// asked (the table is drained up to its snapshot) or when it is older than ``maxAge``, and the next read
/// starts from the head. That fresh read is what finds rows that committed late; none is skipped
/// (ARCHITECTURE.md, guarantee 4), and a row that commits late is found at most ``maxAge`` after the
/// backlog it sits in.
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
        /// Whether these rows come from a new snapshot (a new cursor, or a single statement).
        var opened: Bool
    }

    private let table: OutboxTable
    private let connection: PostgresConnection
    private var openedAt: ContinuousClock.Instant?
    /// Whether the last read filled its batch: the next one opens a cursor.
    private var backlog = false

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
    /// - Returns: The rows, and whether they come from a new snapshot (a new cursor or a single statement).
    func next(limit: Int, excluding: [Int64]) async throws -> Round {
        if let openedAt, ContinuousClock.now - openedAt >= Self.maxAge { try await close() }
        if openedAt == nil, !backlog {
            let rows = try await collect(connection.query(rowsQuery(excluding: excluding, limit: limit), logger: table.logger), limit)
            backlog = rows.count == limit
            return Round(rows: rows, opened: true)
        }
        var opened = false
        if openedAt == nil {
            try await connection.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: table.logger)
            // FETCH over the extended protocol fills a tuplestore with the batch before sending it; past work_mem
            // (4 MB by default, about 5,000 rows of events) PostgreSQL writes it to a temporary file and reads it
            // back, which was a fifth of its work on a backlog.
            try await connection.query("SET LOCAL work_mem = '\(unescaped: String(Self.fetchMemoryKilobytes(limit)))kB'", logger: table.logger)
            openedAt = .now
            try await connection.query(rowsQuery(excluding: excluding, limit: nil), logger: table.logger)
            opened = true
        }
        let rows = try await collect(connection.query("FETCH \(unescaped: String(limit)) FROM outbox_round", logger: table.logger), limit)
        if rows.count < limit {
            try await close()
            backlog = false
        }
        return Round(rows: rows, opened: opened)
    }

    /// The rows to publish in id order, leaving out `excluding` and keys with a parked row: `LIMIT limit`, or
    /// with `nil` the declaration of the cursor `outbox_round`.
    ///
    /// Headers come back as the text the writer stored and are unpacked by the relay's parallel checks (unpacking
    /// them in SQL, or printing a jsonb column, cost PostgreSQL more than the rest of the read). Every column is
    /// cast to text, so a table with a jsonb payload still sends JSON text. The exclusion list is a hashed
    /// sub-plan (`<> ALL(array)` would compare every row with every in-flight id).
    private func rowsQuery(excluding: [Int64], limit: Int?) -> PostgresQuery {
        let source = table.source
        return """
            \(unescaped: limit == nil ? "DECLARE outbox_round NO SCROLL CURSOR FOR" : "")
            SELECT o.id, o.topic::text, o.key::text, o.headers::text, o.payload::text
            FROM \(unescaped: source.table) o
            WHERE o.id NOT IN (SELECT unnest(\(excluding)::int8[]))
              AND NOT EXISTS (SELECT 1 FROM outbox_parked p WHERE p.source_table = \(source.table) AND p.key = o.key)
            ORDER BY o.id
            \(unescaped: limit.map { "LIMIT \($0)" } ?? "")
            """
    }

    /// work_mem for a cursor's transaction: room for a batch of `limit` rows of up to 4 kB each, and at least 64 MB.
    static func fetchMemoryKilobytes(_ limit: Int) -> Int { max(64 * 1024, limit * 4) }

    /// The rows of a read, in id order. `headers` and `payload` stay slices of the received bytes: decoding
    /// them into strings on this path held up the next read.
    private func collect(_ rows: PostgresRowSequence, _ limit: Int) async throws -> [OutboxRow] {
        var result: [OutboxRow] = []
        result.reserveCapacity(limit)
        var topic: (bytes: ByteBuffer, name: String)?
        for try await row in rows {
            var cells = row.makeIterator()
            guard let id = cells.next(), let topicCell = cells.next(), let key = cells.next(),
                let headers = cells.next()?.bytes, let payload = cells.next()?.bytes, let topicBytes = topicCell.bytes
            else { throw RelayError(.database, "\(table.source.table): a row came back without its columns") }
            // Nearly every row of a table names the same topic: one string for the run of them.
            if topic?.bytes != topicBytes { topic = (topicBytes, try topicCell.decode(String.self)) }
            result.append(OutboxRow(id: try id.decode(Int64.self), topic: topic?.name ?? "", key: try key.decode(String.self),
                                    headers: headers, payload: payload))
        }
        return result
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
