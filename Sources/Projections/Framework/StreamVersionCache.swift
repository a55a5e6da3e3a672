import Foundation
import Kafka
import Synchronization

/// The applied versions of streams that a processor itself committed, so that its next batch need not
/// read them back from `projection_stream` (that read was as costly in PostgreSQL as the batch's write).
///
/// Only streams that were clean when their batch committed are kept: not blocked by a parked event and
/// with nothing waiting. The tools that change bookkeeping from outside (`dlq replay|discard`, the gap
/// sweeper) work only on streams that are not clean, and a rebuild leaves the bookkeeping as it is. What
/// else could change a kept stream is another member applying events of its partition, and that moves
/// the partition's checkpoint: entries are grouped by partition with the checkpoint this processor
/// committed, and a batch uses a partition's entries only while the stored checkpoint it has just locked
/// still equals that one. Otherwise the partition's entries are dropped and the batch reads them.
final class StreamVersionCache: Sendable {
    private struct Partition {
        var checkpoint: Int64
        var versions: [UUID: Int] = [:]
    }

    private struct State {
        var partitions: [KafkaTopicPartition: Partition] = [:]
        var count = 0
    }

    /// The most versions kept; past it the cache starts over (the next batches read what they need).
    let limit: Int
    private let state = Mutex(State())

    init(limit: Int = 1_000_000) {
        self.limit = limit
    }

    /// The kept versions of `streams`, each in the partition its message came from, given the checkpoints
    /// just locked for the batch; drops partitions whose stored checkpoint is not the one committed here.
    func versions(of streams: [UUID: KafkaTopicPartition], stored: [KafkaTopicPartition: Int64]) -> [UUID: Int] {
        state.withLock { state in
            for (partition, kept) in state.partitions where stored[partition].map({ $0 != kept.checkpoint }) ?? false {
                state.count -= kept.versions.count
                state.partitions[partition] = nil
            }
            var found: [UUID: Int] = [:]
            for (stream, partition) in streams {
                if let version = state.partitions[partition]?.versions[stream] { found[stream] = version }
            }
            return found
        }
    }

    /// Records what a committed batch left: the partitions' checkpoints and its streams' states.
    ///
    /// - Parameters:
    ///   - checkpoints: Every partition of the batch with its checkpoint after the commit.
    ///   - streams: The batch's streams with the partition of their messages and their final state.
    func remember(checkpoints: [KafkaTopicPartition: Int64], streams: [(UUID, KafkaTopicPartition, StreamState)]) {
        state.withLock { state in
            for (partition, checkpoint) in checkpoints {
                state.partitions[partition, default: Partition(checkpoint: checkpoint)].checkpoint = checkpoint
            }
            for (stream, partition, final) in streams where state.partitions[partition] != nil {
                let clean = !final.blocked && final.waiting.isEmpty && final.parkedEventIDs.isEmpty
                let old = clean ? state.partitions[partition]?.versions.updateValue(final.applied, forKey: stream)
                                : state.partitions[partition]?.versions.removeValue(forKey: stream)
                state.count += (clean ? 1 : 0) - (old == nil ? 0 : 1)
            }
            if state.count > limit { state = State() }
        }
    }
}
