import Kafka
import Synchronization

/// The lag exporter's caches: corrected log ends per reported high watermark, and the timestamps of the
/// messages at committed offsets.
final class LagExporterState: Sendable {
    private struct State {
        var logEnds: [KafkaTopicPartition: (reported: Int64, end: Int64)] = [:]
        var timestamps: [KafkaTopicPartition: [Int64: Int64]] = [:]
    }

    private let state = Mutex(State())

    func logEnd(_ tp: KafkaTopicPartition, reported: Int64) -> Int64? {
        state.withLock { state in state.logEnds[tp].flatMap { $0.reported == reported ? $0.end : nil } }
    }

    func remember(_ tp: KafkaTopicPartition, reported: Int64, end: Int64) {
        state.withLock { $0.logEnds[tp] = (reported, end) }
    }

    func timestamp(_ tp: KafkaTopicPartition, _ offset: Int64) -> Int64? {
        state.withLock { $0.timestamps[tp]?[offset] }
    }

    func remember(_ tp: KafkaTopicPartition, _ offset: Int64, timestamp: Int64) {
        state.withLock { $0.timestamps[tp, default: [:]][offset] = timestamp }
    }

    /// Forgets timestamps of offsets no group sits at any more.
    func prune(keeping rows: [PartitionLag]) {
        var used: [KafkaTopicPartition: Set<Int64>] = [:]
        for row in rows { if let offset = row.committed { used[row.partition, default: []].insert(offset) } }
        state.withLock { state in
            for (tp, byOffset) in state.timestamps {
                let kept = byOffset.filter { used[tp]?.contains($0.key) == true }
                state.timestamps[tp] = kept.isEmpty ? nil : kept
            }
        }
    }
}
