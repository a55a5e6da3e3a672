import CRdKafka

/// Checks explicit start offsets against the partitions' watermarks before reading from them.
///
/// With `auto.offset.reset=error` librdkafka relies on the broker answering a fetch beyond the log with
/// OFFSET_OUT_OF_RANGE. Tansu (our dev broker) does not: it returns an empty fetch forever, so a consumer
/// whose stored offset survived a broker restart would wait silently. Checking the watermarks ourselves
/// makes it stop loudly on every broker. An offset equal to the high watermark is valid (the next message).
/// Tansu also under-reports the high watermark (see ``LogEndProbe``), so an offset above the reported
/// one is confirmed against the log's real end before it is refused.
enum StartOffsetGuard {
    /// Throws if a concrete offset in `offsets` lies outside its partition's `[low, high]` range.
    ///
    /// - Parameters:
    ///   - rk: The consumer handle (call on the consumer's blocking queue).
    ///   - offsets: Start offsets; logical ones (beginning, end, committed) are not checked.
    ///   - properties: The consumer's librdkafka properties, for the log-end probe's connection.
    ///   - timeout: Per-partition watermark query timeout.
    /// - Throws: ``KafkaError`` with code `offsetOutOfRange`, or the query's own error.
    static func check(
        _ rk: OpaquePointer, _ offsets: [KafkaTopicPartition: KafkaOffset], properties: [String: String],
        timeout: Duration
    ) throws {
        for (partition, offset) in offsets where offset.rawValue >= 0 {
            var low: Int64 = 0
            var high: Int64 = 0
            let error = rd_kafka_query_watermark_offsets(
                rk, partition.topic, partition.partition, &low, &high, timeout.timeoutMilliseconds)
            guard error == RD_KAFKA_RESP_ERR_NO_ERROR else {
                throw KafkaError.rdKafka(error, context: "watermarks of \(partition) to validate start offset \(offset)")
            }
            if offset.rawValue > high {
                high = try LogEndProbe.logEnd(
                    of: partition, reportedHigh: high, properties: properties, timeout: .seconds(3))
            }
            guard (low...high).contains(offset.rawValue) else {
                throw KafkaError(.offsetOutOfRange, """
                    start offset \(offset) of \(partition) is outside the log [\(low), \(high)] and \
                    auto.offset.reset is error: refusing to skip or replay silently
                    """)
            }
        }
    }
}
