import Foundation
import Logging
import PostgresNIO

/// The built-in `event_index` read model: the audit trail of which Kafka offset carried which
/// event, one row per `(stream_id, version)`.
///
/// It inserts without `ON CONFLICT` on purpose: applying an event twice is a framework bug, and
/// the primary key turns it into a loud failure instead of a silent overwrite.
public struct EventIndexProjection: Projection {
    public init() {}

    public var name: String { "event_index" }
    public var topics: [String] { ["lending.loan-events", "lending.borrower-events"] }
    public var tables: [String] { ["event_index"] }
    public var dependsOnKafkaPositions: Bool { true }

    public func apply(_ events: [ProjectedEvent], connection: PostgresConnection, logger: Logger) async throws {
        guard !events.isEmpty else { return }
        let streams = events.map(\.streamID)
        let versions = events.map { Int32($0.version) }
        let ids = events.map(\.eventID)
        let types = events.map(\.eventType)
        let topics = events.map(\.topic)
        let partitions = events.map { Int32($0.partition) }
        let offsets = events.map(\.offset)
        let effective = events.map(\.effectiveAt)
        try await connection.query("""
            INSERT INTO event_index (stream_id, version, event_id, event_type, topic, partition, kafka_offset, effective_at)
            SELECT * FROM unnest(\(streams)::uuid[], \(versions)::int4[], \(ids)::uuid[], \(types)::text[], \(topics)::text[],
                                 \(partitions)::int4[], \(offsets)::int8[], \(effective)::timestamptz[])
            """, logger: logger)
    }
}
