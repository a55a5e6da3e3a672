import CRdKafka

/// Owns an `rd_kafka_topic_partition_list_t` and frees it in `deinit`.
///
/// Used only within one call (never shared across threads), so it is not `Sendable`.
final class RDKafkaTopicPartitionList {
    private let list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>

    /// One element as read back from librdkafka.
    struct Element {
        var topicPartition: KafkaTopicPartition
        var offset: Int64
        var error: rd_kafka_resp_err_t
    }

    /// Creates an empty list.
    init(capacity: Int = 8) {
        list = rd_kafka_topic_partition_list_new(Int32(clamping: capacity))
    }

    /// Takes ownership of a list that librdkafka allocated for us.
    init(taking list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>) {
        self.list = list
    }

    /// Copies a list that librdkafka lends us (e.g. in the rebalance callback).
    convenience init(copying list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>) {
        self.init(taking: rd_kafka_topic_partition_list_copy(list))
    }

    /// Builds a list of partitions with offsets.
    convenience init(_ offsets: [KafkaTopicPartition: KafkaOffset]) {
        self.init(capacity: offsets.count)
        for (topicPartition, offset) in offsets { add(topicPartition, offset: offset.rawValue) }
    }

    /// Builds a list of partitions without offsets.
    convenience init(_ partitions: [KafkaTopicPartition]) {
        self.init(capacity: partitions.count)
        for topicPartition in partitions { add(topicPartition, offset: KafkaOffset.committed.rawValue) }
    }

    deinit { rd_kafka_topic_partition_list_destroy(list) }

    /// Appends a partition with an offset.
    func add(_ topicPartition: KafkaTopicPartition, offset: Int64) {
        let element = rd_kafka_topic_partition_list_add(list, topicPartition.topic, topicPartition.partition)
        element?.pointee.offset = offset
    }

    /// Sets the offset of every element whose partition has an entry in `offsets`.
    func setOffsets(_ offsets: [KafkaTopicPartition: KafkaOffset]) {
        for index in 0..<Int(list.pointee.cnt) {
            let element = list.pointee.elems[index]
            let key = KafkaTopicPartition(topic: String(cString: element.topic), partition: element.partition)
            if let offset = offsets[key] { list.pointee.elems[index].offset = offset.rawValue }
        }
    }

    /// The elements, copied into Swift values.
    var elements: [Element] {
        (0..<Int(list.pointee.cnt)).map { index in
            let element = list.pointee.elems[index]
            return Element(
                topicPartition: KafkaTopicPartition(topic: String(cString: element.topic), partition: element.partition),
                offset: element.offset, error: element.err)
        }
    }

    /// The partitions, without offsets.
    var partitions: [KafkaTopicPartition] { elements.map(\.topicPartition) }

    /// The first per-partition error, if any.
    var firstError: (KafkaTopicPartition, rd_kafka_resp_err_t)? {
        elements.first { $0.error != RD_KAFKA_RESP_ERR_NO_ERROR }.map { ($0.topicPartition, $0.error) }
    }

    /// Lends the C list to `body`; it must not escape.
    func withListPointer<T>(_ body: (UnsafeMutablePointer<rd_kafka_topic_partition_list_t>) throws -> T) rethrows -> T {
        try body(list)
    }
}
