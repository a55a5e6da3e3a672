/// A consumed message.
public struct KafkaMessage: Sendable, Hashable {
    /// The topic it was read from.
    public var topic: String
    /// The partition it was read from.
    public var partition: Int32
    /// Its offset in the partition; the offset to store or commit to continue after it is `offset + 1`.
    public var offset: Int64
    /// The key, or `nil`.
    ///
    /// Keys and values of one consumed batch share one buffer (one allocation per batch instead of two
    /// per message); a slice keeps that buffer alive. Copy with `Array(_:)` to keep a message's bytes
    /// apart from the batch.
    public var key: ArraySlice<UInt8>?
    /// The payload, or `nil` for a tombstone (sliced from the batch's buffer like ``key``).
    public var value: ArraySlice<UInt8>?
    /// The headers, in order.
    public var headers: [KafkaHeader]
    /// The message timestamp in milliseconds since the epoch, if the broker provided one.
    public var timestampMilliseconds: Int64?

    /// Creates a message (for tests of code that processes messages).
    public init(
        topic: String, partition: Int32, offset: Int64, key: [UInt8]?, value: [UInt8]?,
        headers: [KafkaHeader] = [], timestampMilliseconds: Int64? = nil
    ) {
        self.init(topic: topic, partition: partition, offset: offset, key: key?[...], value: value?[...],
                  headers: headers, timestampMilliseconds: timestampMilliseconds)
    }

    init(
        topic: String, partition: Int32, offset: Int64, key: ArraySlice<UInt8>?, value: ArraySlice<UInt8>?,
        headers: [KafkaHeader], timestampMilliseconds: Int64?
    ) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.key = key
        self.value = value
        self.headers = headers
        self.timestampMilliseconds = timestampMilliseconds
    }

    /// The topic-partition the message came from.
    public var topicPartition: KafkaTopicPartition { KafkaTopicPartition(topic: topic, partition: partition) }

    /// The first header with `name`, if any.
    ///
    /// - Parameter name: The header name.
    /// - Returns: That header's value (which may itself be `nil` for a null header), or `nil` when absent.
    public func header(_ name: String) -> [UInt8]?? {
        headers.first { $0.name == name }.map(\.value)
    }
}

/// What ``KafkaConsumer/events`` delivers.
public enum KafkaConsumerEvent: Sendable {
    /// A batch of messages, in partition order (messages of one partition are in offset order).
    case messages([KafkaMessage])
    /// The group assigned these partitions to this member (with the protocol's semantics: all of them for
    /// eager, only the added ones for cooperative). Start offsets came from ``KafkaConsumer/RebalanceHandler/onAssign``.
    case partitionsAssigned([KafkaTopicPartition])
    /// These partitions were taken away; `lost` means the member had been fenced out of the group (its
    /// session expired) so another member may already be processing them.
    case partitionsRevoked([KafkaTopicPartition], lost: Bool)
}
