import Foundation
import Logging
import PostgresNIO

extension BatchProcessor {
    /// Parks, as `version_gap`, the first waiting event of every unblocked stream whose missing
    /// earlier version has not arrived within `timeout`; its successors keep waiting behind it.
    ///
    /// The exclusive lock is taken only when some event has waited longer than `timeout`: a sweep that finds nothing
    /// overdue (the steady state) neither waits for the batch in flight nor holds up the next one.
    ///
    /// - Returns: How many events were parked.
    @discardableResult
    public func sweepGaps(olderThan timeout: Duration) async throws -> Int {
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        let projector = projection.name
        let overdue = try await retrying { _ in
            try await client.query("""
                SELECT EXISTS (SELECT 1 FROM projection_waiting WHERE projector = \(projector)
                                  AND received_at < clock_timestamp() - make_interval(secs => \(seconds)))
                """, logger: logger).decode(Bool.self).first { _ in true } ?? false
        }
        guard overdue else { return 0 }
        return try await retrying { _ in
            try await ProjectorStore.transaction(client, logger: logger) { connection in
                try await store.lock(connection, exclusive: true)
                let rows = try await connection.query("""
                    SELECT w.stream_id, w.version, coalesce(ps.version, 0), w.topic, w.partition, w.kafka_offset,
                           encode(w.message_key, 'base64'), w.headers::text, encode(w.payload, 'base64')
                    FROM (SELECT stream_id, min(version) AS version, min(received_at) AS received_at
                          FROM projection_waiting WHERE projector = \(projector) GROUP BY stream_id) AS first
                    JOIN projection_waiting w ON w.projector = \(projector) AND w.stream_id = first.stream_id AND w.version = first.version
                    LEFT JOIN projection_stream ps ON ps.projector = \(projector) AND ps.stream_id = first.stream_id
                    WHERE first.version > coalesce(ps.version, 0) + 1
                      AND first.received_at < clock_timestamp() - make_interval(secs => \(seconds))
                      AND NOT EXISTS (SELECT 1 FROM projection_parked p WHERE p.projector = \(projector)
                                      AND p.stream_id = first.stream_id AND p.resolved_at IS NULL)
                    LIMIT 1000
                    """, logger: logger)
                var parked: [DecodedMessage] = []
                var released: [(streamID: UUID, version: Int)] = []
                for try await row in rows.decode((UUID, Int, Int, String, Int32, Int64, String?, String, String?).self) {
                    let raw = ProjectorStore.raw(topic: row.3, partition: row.4, offset: row.5, key: row.6, headers: row.7, payload: row.8)
                    let missing = row.2 + 1 == row.1 - 1 ? "version \(row.2 + 1)" : "versions \(row.2 + 1)...\(row.1 - 1)"
                    var message = decoder.decode(raw).refused(EventRejection(
                        errorClass: EventRejection.versionGap,
                        message: "\(missing) of stream \(row.0) never arrived within \(timeout); this is version \(row.1)"))
                    message.streamID = row.0
                    message.version = row.1
                    parked.append(message)
                    released.append((row.0, row.1))
                }
                for message in parked { try await store.park(connection, message) }
                try await store.release(connection, released)
                if !parked.isEmpty {
                    guard let publisher else { throw ProjectorError.configuration("no DLQ publisher to park version gaps") }
                    try await publisher.publish(parked)
                    for _ in parked { metrics.deadLettered(EventRejection.versionGap) }
                    metrics.parked.increment(by: parked.count)
                }
                return parked.count
            }
        }
    }

    /// Sets the parked-streams gauge from the database.
    public func refreshParkedGauge() async throws {
        let rows = try await client.query("""
            SELECT count(DISTINCT stream_id)::int8 FROM projection_parked WHERE projector = \(projection.name) AND resolved_at IS NULL
            """, logger: logger)
        for try await count in rows.decode(Int.self) { metrics.parkedStreams.record(count) }
    }
}
