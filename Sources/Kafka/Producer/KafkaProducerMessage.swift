/// A message to produce.
public struct KafkaProducerMessage: Sendable {
    /// The destination topic.
    public var topic: String
    /// An explicit partition, or `nil` (the default) to let the murmur2 partitioner choose from the key.
    public var partition: Int32?
    /// The key; messages with the same key go to the same partition, in order. `nil` spreads randomly.
    public var key: [UInt8]?
    /// The payload; `nil` produces a tombstone.
    public var value: [UInt8]?
    /// Headers, in order; names may repeat.
    public var headers: [KafkaHeader]

    /// Creates a message from bytes.
    ///
    /// - Parameters:
    ///   - topic: The destination topic.
    ///   - partition: An explicit partition, or `nil` for the key's murmur2 partition.
    ///   - key: The key bytes.
    ///   - value: The payload bytes.
    ///   - headers: The headers.
    public init(
        topic: String, partition: Int32? = nil, key: [UInt8]?, value: [UInt8]?, headers: [KafkaHeader] = []
    ) {
        self.topic = topic
        self.partition = partition
        self.key = key
        self.value = value
        self.headers = headers
    }

    /// Creates a message with a UTF-8 string key (e.g. a `loan_id`).
    ///
    /// - Parameters:
    ///   - topic: The destination topic.
    ///   - key: The key, encoded as UTF-8.
    ///   - value: The payload bytes.
    ///   - headers: The headers.
    public init(topic: String, key: String, value: [UInt8]?, headers: [KafkaHeader] = []) {
        self.init(topic: topic, key: Array(key.utf8), value: value, headers: headers)
    }
}

/// Where a message was written.
public struct KafkaDeliveryReport: Hashable, Sendable {
    /// The topic.
    public var topic: String
    /// The partition the message landed on.
    public var partition: Int32
    /// The message's offset in that partition.
    public var offset: Int64

    /// Creates a report.
    public init(topic: String, partition: Int32, offset: Int64) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
    }
}
