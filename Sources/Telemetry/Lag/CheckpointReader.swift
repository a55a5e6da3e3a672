import Kafka
import PostgresNIO

/// Reads the projectors' offsets from PostgreSQL (`projection_checkpoint`, migration 5).
struct CheckpointReader: Sendable {
    /// The consumer group of a projector: `loanstream.` + its name (the projector framework's convention).
    static func group(ofProjector projector: String) -> String { "loanstream." + projector }

    let client: PostgresClient

    /// Every checkpoint: the next offset to read per projector group and partition.
    func checkpoints() async throws -> [String: [KafkaTopicPartition: Int64]] {
        let rows = try await client.query(
            "SELECT projector, topic, partition, next_offset FROM projection_checkpoint",
            logger: .init(label: "loanstream.lag-exporter"))
        var result: [String: [KafkaTopicPartition: Int64]] = [:]
        for try await (projector, topic, partition, next) in rows.decode((String, String, Int32, Int64).self) {
            result[Self.group(ofProjector: projector), default: [:]][KafkaTopicPartition(topic: topic, partition: partition)] = next
        }
        return result
    }
}
