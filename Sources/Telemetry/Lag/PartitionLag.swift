import Kafka

/// Where a group's committed offset came from.
public enum OffsetSource: String, Sendable, Hashable {
    /// The projector's checkpoint in PostgreSQL (`projection_checkpoint.next_offset`).
    case postgres
    /// The group's offsets committed to Kafka.
    case kafka
}

/// One group's position on one partition, as one poll of the ``LagExporter`` saw it.
public struct PartitionLag: Sendable, Hashable {
    /// The consumer group.
    public var group: String
    /// The partition.
    public var partition: KafkaTopicPartition
    /// The offset of the next message the group will read (PostgreSQL checkpoint first, else Kafka's
    /// commit), or `nil` if the group never committed on this partition.
    public var committed: Int64?
    /// Where ``committed`` came from.
    public var source: OffsetSource?
    /// The offsets each source reported (both may be present).
    public var offsetsBySource: [OffsetSource: Int64]
    /// The partition's log end (the offset the next produced message gets).
    public var logEnd: Int64
    /// Messages behind: `logEnd - committed`, never negative; `nil` when never committed.
    public var lag: Int64? {
        committed.map { max(0, logEnd - $0) }
    }
    /// Seconds behind: how long ago the first unconsumed message was produced; 0 when caught up; `nil`
    /// when never committed or when that message's timestamp could not be read.
    public var lagSeconds: Double?

    /// Creates a row.
    public init(
        group: String, partition: KafkaTopicPartition, committed: Int64?, source: OffsetSource?,
        offsetsBySource: [OffsetSource: Int64], logEnd: Int64, lagSeconds: Double?
    ) {
        self.group = group
        self.partition = partition
        self.committed = committed
        self.source = source
        self.offsetsBySource = offsetsBySource
        self.logEnd = logEnd
        self.lagSeconds = lagSeconds
    }

    /// Lag in seconds from the timestamp of the first unconsumed message.
    ///
    /// - Parameters:
    ///   - lag: The lag in messages.
    ///   - firstUnconsumedTimestampMilliseconds: When the message at the committed offset was produced.
    ///   - nowMilliseconds: The current wall-clock time.
    /// - Returns: 0 for no lag (an idle, caught-up partition is not "old"); otherwise the age, never
    ///   negative (clock skew); `nil` if the timestamp is unknown.
    static func lagSeconds(lag: Int64, firstUnconsumedTimestampMilliseconds: Int64?, nowMilliseconds: Int64) -> Double? {
        guard lag > 0 else { return 0 }
        guard let produced = firstUnconsumedTimestampMilliseconds else { return nil }
        return Double(max(0, nowMilliseconds - produced)) / 1000
    }
}

/// What one poll of the ``LagExporter`` found.
public struct LagSnapshot: Sendable {
    /// One row per watched group and partition of its topics.
    public var partitions: [PartitionLag]
    /// The low and (corrected) high watermark of every partition involved.
    public var watermarks: [KafkaTopicPartition: KafkaWatermarks]

    /// The row of `group` on `topic`/`partition`, if that pair was polled.
    public func row(group: String, topic: String, partition: Int32) -> PartitionLag? {
        partitions.first { $0.group == group && $0.partition == KafkaTopicPartition(topic: topic, partition: partition) }
    }
}
