import Foundation
import Kafka
import Logging
import PostgresNIO

/// The projector's SQL against its bookkeeping tables. Every function runs on a connection that
/// is inside the caller's transaction.
struct ProjectorStore: Sendable {
    /// The projector (projection) name: the key of its rows.
    let projector: String
    let logger: Logger

    /// Runs `body` in a transaction on one pooled connection: COMMIT when it returns, ROLLBACK
    /// when it throws (the original error is rethrown unwrapped, so callers can classify it).
    static func transaction<T: Sendable>(
        _ client: PostgresClient, logger: Logger, _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await client.withConnection { connection in
            try await connection.query("BEGIN", logger: logger)
            do {
                let value = try await body(connection)
                try await connection.query("COMMIT", logger: logger)
                return value
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
        }
    }

    /// The advisory lock's key text (hashed by PostgreSQL).
    private var lockKey: String { "loanstream.projector." + projector }

    /// Batches take this lock shared; the gap sweeper, `dlq` commands and a rebuild's swap take it
    /// exclusively, so they never interleave with a batch of the same projector.
    func lock(_ connection: PostgresConnection, exclusive: Bool) async throws {
        let key = lockKey
        if exclusive {
            try await connection.query("SELECT pg_advisory_xact_lock(hashtextextended(\(key), 0))", logger: logger)
        } else {
            try await connection.query("SELECT pg_advisory_xact_lock_shared(hashtextextended(\(key), 0))", logger: logger)
        }
    }

    /// Takes the projector's lock shared (as ``lock(_:exclusive:)``), then returns the stored next offsets of
    /// these partitions, locking their checkpoint rows until the end of the transaction (a second member still
    /// holding a revoked partition waits, then sees the newer checkpoint and skips what was already applied).
    /// Creates missing rows at 0. One statement: the lock is a volatile CTE that every inserted row joins, so
    /// it is taken before the first checkpoint row.
    ///
    func lockCheckpoints(_ connection: PostgresConnection, _ partitions: [KafkaTopicPartition]) async throws -> [KafkaTopicPartition: Int64] {
        // With no partition no row would join the lock: take it on its own.
        guard !partitions.isEmpty else {
            try await lock(connection, exclusive: false)
            return [:]
        }
        let topics = partitions.map(\.topic)
        let numbers = partitions.map(\.partition)
        let key = lockKey
        let rows = try await connection.query("""
            WITH shared AS (SELECT pg_advisory_xact_lock_shared(hashtextextended(\(key), 0)))
            INSERT INTO projection_checkpoint (projector, topic, partition, next_offset)
            SELECT \(projector), t, p, 0 FROM shared, unnest(\(topics)::text[], \(numbers)::int4[]) AS x(t, p)
            ON CONFLICT (projector, topic, partition) DO UPDATE SET next_offset = projection_checkpoint.next_offset
            RETURNING topic, partition, next_offset
            """, logger: logger)
        var offsets: [KafkaTopicPartition: Int64] = [:]
        for try await (topic, partition, next) in rows.decode((String, Int32, Int64).self) {
            offsets[KafkaTopicPartition(topic: topic, partition: partition)] = next
        }
        return offsets
    }

    /// Stored next offsets (for assignment), without locking.
    static func checkpoints(_ client: PostgresClient, projector: String, logger: Logger) async throws -> [KafkaTopicPartition: Int64] {
        let rows = try await client.query(
            "SELECT topic, partition, next_offset FROM projection_checkpoint WHERE projector = \(projector)", logger: logger)
        var offsets: [KafkaTopicPartition: Int64] = [:]
        for try await (topic, partition, next) in rows.decode((String, Int32, Int64).self) {
            offsets[KafkaTopicPartition(topic: topic, partition: partition)] = next
        }
        return offsets
    }

    /// The state of these streams: applied versions, open parked events, waiting events.
    ///
    /// One query finds the applied versions and the streams with parked or waiting events, each part an index
    /// scan for the batch's streams (`= ANY`: the ids are probed in index order, about a third of what a join
    /// against `unnest` cost); only for flagged streams are the parked ids and waiting messages read. New
    /// streams return no row.
    func states(_ connection: PostgresConnection, streams: [UUID]) async throws -> [UUID: StreamState] {
        var states: [UUID: StreamState] = [:]
        for stream in streams { states[stream] = StreamState() }
        let summary = try await connection.query("""
            SELECT stream_id, version, 0 FROM projection_stream WHERE projector = \(projector) AND stream_id = ANY(\(streams))
            UNION ALL
            SELECT DISTINCT stream_id, 0, 1 FROM projection_parked
            WHERE projector = \(projector) AND resolved_at IS NULL AND stream_id = ANY(\(streams))
            UNION ALL
            SELECT DISTINCT stream_id, 0, 2 FROM projection_waiting WHERE projector = \(projector) AND stream_id = ANY(\(streams))
            """, logger: logger)
        var parkedStreams: [UUID] = []
        var waitingStreams: [UUID] = []
        for try await (stream, version, kind) in summary.decode((UUID, Int32, Int32).self) {
            switch kind {
            case 0: states[stream]?.applied = Int(version)
            case 1: parkedStreams.append(stream)
            default: waitingStreams.append(stream)
            }
        }
        if !parkedStreams.isEmpty {
            let parked = try await connection.query("""
                SELECT stream_id, event_id FROM projection_parked
                WHERE projector = \(projector) AND resolved_at IS NULL AND stream_id = ANY(\(parkedStreams))
                """, logger: logger)
            for try await (stream, eventID) in parked.decode((UUID, UUID?).self) {
                states[stream]?.blocked = true
                if let eventID { states[stream]?.parkedEventIDs.insert(eventID) }
            }
        }
        if !waitingStreams.isEmpty {
            let waiting = try await connection.query("""
                SELECT stream_id, version, event_id, topic, partition, kafka_offset, encode(message_key, 'base64'),
                       headers::text, encode(payload, 'base64')
                FROM projection_waiting WHERE projector = \(projector) AND stream_id = ANY(\(waitingStreams))
                """, logger: logger)
            for try await row in waiting.decode((UUID, Int, UUID?, String, Int32, Int64, String?, String, String?).self) {
                let raw = Self.raw(topic: row.3, partition: row.4, offset: row.5, key: row.6, headers: row.7, payload: row.8)
                states[row.0]?.waiting[row.1] = WaitingEvent(raw: raw, eventID: row.2, persisted: true)
            }
        }
        return states
    }

    /// Rebuilds a message from its stored columns (base64 key and payload, JSON headers).
    static func raw(topic: String, partition: Int32, offset: Int64, key: String?, headers: String, payload: String?) -> RawMessage {
        RawMessage(topic: topic, partition: partition, offset: offset,
                   key: StoredMessageCoding.bytes(key.map { $0.replacingOccurrences(of: "\n", with: "") }),
                   value: StoredMessageCoding.bytes(payload.map { $0.replacingOccurrences(of: "\n", with: "") }),
                   headers: StoredMessageCoding.headers(headers))
    }

    /// Records a parked message (a redelivery of the same offset is ignored).
    func park(_ connection: PostgresConnection, _ message: DecodedMessage) async throws {
        let rejection = message.rejection ?? EventRejection(errorClass: "unknown", message: "")
        let raw = message.raw
        let version = message.version.map(Int32.init)
        try await connection.query("""
            INSERT INTO projection_parked (projector, stream_id, version, event_id, event_type, error_class, error_message,
                                           topic, partition, kafka_offset, message_key, headers, payload)
            VALUES (\(projector), \(message.streamID), \(version), \(message.eventID), \(message.eventType),
                    \(rejection.errorClass), \(rejection.message), \(raw.topic), \(raw.partition), \(raw.offset),
                    decode(\(StoredMessageCoding.base64(raw.key)), 'base64'), \(StoredMessageCoding.headersJSON(raw.headers))::jsonb,
                    decode(\(StoredMessageCoding.base64(raw.value)), 'base64'))
            ON CONFLICT (projector, topic, partition, kafka_offset) DO NOTHING
            """, logger: logger)
    }

    /// Stores an event held back by version.
    func hold(_ connection: PostgresConnection, stream: UUID, version: Int, _ event: WaitingEvent) async throws {
        let raw = event.raw
        try await connection.query("""
            INSERT INTO projection_waiting (projector, stream_id, version, event_id, topic, partition, kafka_offset,
                                            message_key, headers, payload)
            VALUES (\(projector), \(stream), \(Int32(version)), \(event.eventID), \(raw.topic), \(raw.partition), \(raw.offset),
                    decode(\(StoredMessageCoding.base64(raw.key)), 'base64'), \(StoredMessageCoding.headersJSON(raw.headers))::jsonb,
                    decode(\(StoredMessageCoding.base64(raw.value)), 'base64'))
            ON CONFLICT (projector, stream_id, version) DO NOTHING
            """, logger: logger)
    }

    /// Deletes waiting events that were applied or parked.
    func release(_ connection: PostgresConnection, _ drained: [(streamID: UUID, version: Int)]) async throws {
        guard !drained.isEmpty else { return }
        let streams = drained.map(\.streamID)
        let versions = drained.map { Int32($0.version) }
        try await connection.query("""
            DELETE FROM projection_waiting w USING unnest(\(streams)::uuid[], \(versions)::int4[]) AS x(s, v)
            WHERE w.projector = \(projector) AND w.stream_id = x.s AND w.version = x.v
            """, logger: logger)
    }

    /// Stores the streams' new applied versions and the partitions' next offsets, in one statement.
    func advance(_ connection: PostgresConnection, versions: [UUID: Int], offsets: [KafkaTopicPartition: Int64]) async throws {
        let streams = Array(versions.keys)
        let applied = streams.map { Int32(versions[$0] ?? 0) }
        let partitions = Array(offsets.keys)
        let topics = partitions.map(\.topic)
        let numbers = partitions.map(\.partition)
        let next = partitions.map { offsets[$0] ?? 0 }
        try await connection.query("""
            WITH s AS (
                INSERT INTO projection_stream (projector, stream_id, version)
                SELECT \(projector), s, v FROM unnest(\(streams)::uuid[], \(applied)::int4[]) AS x(s, v)
                ON CONFLICT (projector, stream_id) DO UPDATE SET version = EXCLUDED.version
                RETURNING 1
            ), c AS (
                INSERT INTO projection_checkpoint (projector, topic, partition, next_offset)
                SELECT \(projector), t, p, o FROM unnest(\(topics)::text[], \(numbers)::int4[], \(next)::int8[]) AS x(t, p, o)
                ON CONFLICT (projector, topic, partition)
                DO UPDATE SET next_offset = GREATEST(projection_checkpoint.next_offset, EXCLUDED.next_offset),
                              updated_at = clock_timestamp()
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM s), (SELECT count(*) FROM c)
            """, logger: logger)
    }
}
