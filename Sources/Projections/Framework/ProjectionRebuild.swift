import Foundation
import Kafka
import Logging
import PostgresNIO

/// Rebuilds a projection's tables beside the live ones and swaps them in atomically.
///
/// 1. `rebuild_<name>.<table>` is created `LIKE public.<table> INCLUDING ALL` for every table.
/// 2. The shadow is filled with the same `apply`, under `SET LOCAL search_path TO rebuild_<name>, public`,
///    from the event store or from offset 0 of the topics, up to what the live projector had
///    applied when the rebuild started (its `projection_stream` versions and checkpoints, read in
///    one snapshot). The API keeps reading the live tables meanwhile.
/// 3. One transaction takes the projector's exclusive lock (live batches wait) and the tables'
///    ACCESS EXCLUSIVE locks, catches the shadow up to what the live projector applied since,
///    moves the live tables to `rebuild_<name>_old` and the shadow ones to `public`. The live
///    projector's bookkeeping (versions, checkpoints, parked and waiting events) stays valid
///    because the shadow now holds exactly the events it accounts for.
public struct ProjectionRebuild: Sendable {
    let projection: any Projection
    let client: PostgresClient
    let decoder: EventDecoder
    /// Brokers and topics for the Kafka source.
    let brokers: String?
    let topics: [String]
    let progress: @Sendable (String) -> Void
    let logger: Logger

    public init(projection: any Projection, client: PostgresClient, decoder: EventDecoder, brokers: String?, topics: [String]? = nil,
                progress: @escaping @Sendable (String) -> Void = { _ in }, logger: Logger) {
        self.projection = projection
        self.client = client
        self.decoder = decoder
        self.brokers = brokers
        self.topics = topics ?? projection.topics
        self.progress = progress
        self.logger = logger
    }

    var shadow: String { "rebuild_" + projection.name }

    /// Runs the rebuild.
    public func run(from source: RebuildSource) async throws -> RebuildReport {
        if source == .eventStore && projection.dependsOnKafkaPositions {
            throw ProjectorError.configuration("\(projection.name) records Kafka positions: rebuild it with --source kafka")
        }
        let start = ContinuousClock.now
        try await createShadow()
        let (liveVersions, checkpoints) = try await liveSnapshot(client)
        var fill = ShadowFill(rebuild: self, live: liveVersions)
        switch source {
        case .eventStore: try await fillFromEventStore(&fill)
        case .kafka: try await fillFromKafka(&fill, from: [:], to: checkpoints, connection: nil)
        }
        var report = RebuildReport()
        report.filled = fill.applied
        progress("filled \(fill.applied) events into \(shadow); catching up and swapping")
        let caughtUp = try await swap(source: source, fill: fill, checkpoints: checkpoints)
        report.caughtUp = caughtUp.applied - fill.applied
        report.skipped = caughtUp.skipped
        report.seconds = (ContinuousClock.now - start) / .seconds(1)
        progress("swapped: \(report.filled) + \(report.caughtUp) events in \(String(format: "%.1f", report.seconds)) s")
        return report
    }

    private func createShadow() async throws {
        try await ProjectorStore.transaction(client, logger: logger) { connection in
            try await connection.query(PostgresQuery(unsafeSQL: "DROP SCHEMA IF EXISTS \(shadow) CASCADE"), logger: logger)
            try await connection.query(PostgresQuery(unsafeSQL: "CREATE SCHEMA \(shadow)"), logger: logger)
            for table in projection.tables {
                try await connection.query(PostgresQuery(
                    unsafeSQL: "CREATE TABLE \(shadow).\(table) (LIKE public.\(table) INCLUDING ALL)"), logger: logger)
            }
        }
    }

    /// The live projector's stream versions and checkpoints, from one snapshot.
    private func liveSnapshot(_ client: PostgresClient) async throws -> ([UUID: Int], [KafkaTopicPartition: Int64]) {
        try await client.withConnection { connection in
            try await connection.query("BEGIN ISOLATION LEVEL REPEATABLE READ", logger: logger)
            do {
                let state = try await liveState(connection)
                try await connection.query("COMMIT", logger: logger)
                return state
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
        }
    }

    private func liveState(_ connection: PostgresConnection) async throws -> ([UUID: Int], [KafkaTopicPartition: Int64]) {
        var versions: [UUID: Int] = [:]
        let rows = try await connection.query(
            "SELECT stream_id, version FROM projection_stream WHERE projector = \(projection.name)", logger: logger)
        for try await (stream, version) in rows.decode((UUID, Int).self) { versions[stream] = version }
        var offsets: [KafkaTopicPartition: Int64] = [:]
        let checkpoints = try await connection.query(
            "SELECT topic, partition, next_offset FROM projection_checkpoint WHERE projector = \(projection.name)", logger: logger)
        for try await (topic, partition, next) in checkpoints.decode((String, Int32, Int64).self) {
            offsets[KafkaTopicPartition(topic: topic, partition: partition)] = next
        }
        return (versions, offsets)
    }

    private func fillFromEventStore(_ fill: inout ShadowFill) async throws {
        for topic in topics {
            guard let (table, column) = RebuildSource.table(forTopic: topic) else {
                throw ProjectorError.configuration("no event-store table holds \(topic)")
            }
            var cursor = (UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)), 0)
            while true {
                let rows = try await client.query("""
                    SELECT e.\(unescaped: column), e.version, e.payload::text FROM \(unescaped: table) e
                    JOIN projection_stream ps ON ps.projector = \(projection.name) AND ps.stream_id = e.\(unescaped: column)
                         AND e.version <= ps.version
                    WHERE (e.\(unescaped: column), e.version) > (\(cursor.0), \(Int32(cursor.1)))
                    ORDER BY e.\(unescaped: column), e.version LIMIT 1000
                    """, logger: logger)
                var batch: [RawMessage] = []
                for try await (stream, version, payload) in rows.decode((UUID, Int, String).self) {
                    batch.append(RawMessage(topic: topic, partition: -1, offset: -1, key: Array(stream.uuidString.lowercased().utf8),
                                            value: Array(payload.utf8), headers: []))
                    cursor = (stream, version)
                }
                if batch.isEmpty { break }
                try await fill.add(batch, connection: nil)
                progress("\(fill.applied) events applied from \(table)")
            }
        }
    }

    /// Reads `from` (default: the beginning) up to (excluding) `to` on every partition, into the shadow.
    private func fillFromKafka(_ fill: inout ShadowFill, from: [KafkaTopicPartition: Int64], to: [KafkaTopicPartition: Int64],
                               connection: PostgresConnection?) async throws {
        let targets = to.filter { topics.contains($0.key.topic) && $0.value > (from[$0.key] ?? 0) }
        guard !targets.isEmpty else { return }
        guard let brokers else { throw ProjectorError.configuration("KAFKA_BROKERS is needed to rebuild from Kafka") }
        var configuration = KafkaConsumerConfiguration(bootstrapServers: brokers, groupID: nil)
        configuration.autoOffsetReset = .error
        configuration.maxBatchWait = .milliseconds(50)
        let consumer = try KafkaConsumer(configuration: configuration, logger: logger)
        var starts: [KafkaTopicPartition: KafkaOffset] = [:]
        for partition in targets.keys { starts[partition] = from[partition].map(KafkaOffset.init) ?? .beginning }
        try await consumer.assign(starts)
        var remaining = Set(targets.keys)
        do {
            for try await event in consumer.events {
                guard case .messages(let messages) = event else { continue }
                var batch: [RawMessage] = []
                for message in messages {
                    guard let target = targets[message.topicPartition], message.offset < target else { continue }
                    batch.append(RawMessage(message))
                    if message.offset + 1 >= target { remaining.remove(message.topicPartition) }
                }
                try await fill.add(batch, connection: connection)
                if connection == nil { progress("\(fill.applied) events applied from Kafka") }
                if remaining.isEmpty { break }
            }
        } catch {
            _ = try? await consumer.close()
            throw error
        }
        try await consumer.close()
    }

    private func swap(source: RebuildSource, fill: ShadowFill, checkpoints: [KafkaTopicPartition: Int64]) async throws -> ShadowFill {
        let old = shadow + "_old"
        let store = ProjectorStore(projector: projection.name, logger: logger)
        let result = try await ProjectorStore.transaction(client, logger: logger) { connection in
            try await store.lock(connection, exclusive: true)
            for table in projection.tables {
                try await connection.query(PostgresQuery(unsafeSQL: "LOCK TABLE public.\(table) IN ACCESS EXCLUSIVE MODE"), logger: logger)
            }
            let (live, current) = try await liveState(connection)
            var fill = fill
            fill.live = live
            switch source {
            case .kafka:
                try await fillFromKafka(&fill, from: checkpoints, to: current, connection: connection)
            case .eventStore:
                try await catchUpFromEventStore(&fill, connection: connection)
            }
            try await connection.query(PostgresQuery(unsafeSQL: "DROP SCHEMA IF EXISTS \(old) CASCADE"), logger: logger)
            try await connection.query(PostgresQuery(unsafeSQL: "CREATE SCHEMA \(old)"), logger: logger)
            for table in projection.tables {
                try await connection.query(PostgresQuery(unsafeSQL: "ALTER TABLE public.\(table) SET SCHEMA \(old)"), logger: logger)
                try await connection.query(PostgresQuery(unsafeSQL: "ALTER TABLE \(shadow).\(table) SET SCHEMA public"), logger: logger)
            }
            return fill
        }
        try await client.query(PostgresQuery(unsafeSQL: "DROP SCHEMA IF EXISTS \(old) CASCADE"), logger: logger)
        try await client.query(PostgresQuery(unsafeSQL: "DROP SCHEMA IF EXISTS \(shadow) CASCADE"), logger: logger)
        return result
    }

    private func catchUpFromEventStore(_ fill: inout ShadowFill, connection: PostgresConnection) async throws {
        let streams = Array(fill.states.keys)
        let versions = streams.map { Int32(fill.states[$0]?.applied ?? 0) }
        for topic in topics {
            guard let (table, column) = RebuildSource.table(forTopic: topic) else { continue }
            let rows = try await connection.query("""
                SELECT e.\(unescaped: column), e.payload::text FROM \(unescaped: table) e
                JOIN projection_stream ps ON ps.projector = \(projection.name) AND ps.stream_id = e.\(unescaped: column)
                     AND e.version <= ps.version
                LEFT JOIN unnest(\(streams)::uuid[], \(versions)::int4[]) AS s(id, v) ON s.id = e.\(unescaped: column)
                WHERE e.version > coalesce(s.v, 0) ORDER BY e.\(unescaped: column), e.version
                """, logger: logger)
            var batch: [RawMessage] = []
            for try await (stream, payload) in rows.decode((UUID, String).self) {
                batch.append(RawMessage(topic: topic, partition: -1, offset: -1, key: Array(stream.uuidString.lowercased().utf8),
                                        value: Array(payload.utf8), headers: []))
            }
            try await fill.add(batch, connection: connection)
        }
    }
}
