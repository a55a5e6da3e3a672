import CRdKafka
import Logging

/// Finds a partition's true log end by reading its last record batch.
///
/// Needed because Tansu 0.6 answers ListOffsets(latest) with the base offset of the last record batch
/// plus one, not the last offset plus one: after a 5-message batch at offsets 0–4 it reports 1. Reading
/// from just below the reported end returns that whole batch, whose last offset is the real end − 1. On a
/// broker that reports correctly the read returns the last message and the result equals the report.
enum LogEndProbe {
    /// The offset after the last message of `partition`.
    ///
    /// - Parameters:
    ///   - partition: The partition.
    ///   - reportedHigh: The high watermark the broker reported (at most the true end).
    ///   - properties: Connection properties of the consumer doing the check (brokers, security).
    ///   - timeout: How long to read.
    /// - Returns: The true log end offset.
    /// - Throws: ``KafkaError`` if the probe consumer cannot be created or reports an error.
    static func logEnd(
        of partition: KafkaTopicPartition, reportedHigh: Int64, properties: [String: String], timeout: Duration
    ) throws -> Int64 {
        guard reportedHigh > 0 else { return reportedHigh }  // an empty log has no batch to read
        var probeProperties = properties
        probeProperties["group.id"] = "loanstream-log-end-probe-\(UInt64.random(in: 0...UInt64.max))"
        probeProperties["enable.auto.commit"] = "false"
        probeProperties["auto.offset.reset"] = "error"
        var logger = Logger(label: "kafka.log-end-probe")
        logger.logLevel = .error
        let client = try RDKafkaClient(
            type: RD_KAFKA_CONSUMER, properties: probeProperties, context: RDKafkaCallbackContext(logger: logger))
        defer { client.withHandle { _ = rd_kafka_consumer_close($0) } }
        let list = RDKafkaTopicPartitionList([partition: KafkaOffset(reportedHigh - 1)])
        let assignError = client.withHandle { rk in list.withListPointer { rd_kafka_assign(rk, $0) } }
        guard assignError == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw KafkaError.rdKafka(assignError, context: "log-end probe of \(partition)")
        }
        var end = reportedHigh
        let deadline = ContinuousClock.now + timeout
        let capacity = 1000
        let buffer = UnsafeMutablePointer<UnsafeMutablePointer<rd_kafka_message_t>?>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        var sawMessage = false
        // Stop once a read after the first message comes back empty: the batch (and the log) has ended.
        while ContinuousClock.now < deadline {
            let count = try client.withConsumerQueue { rd_kafka_consume_batch_queue($0, 200, buffer, capacity) }
            if count <= 0, sawMessage { break }
            for index in 0..<max(0, count) {
                guard let message = buffer[index] else { continue }
                defer { rd_kafka_message_destroy(message) }
                if message.pointee.err == RD_KAFKA_RESP_ERR_NO_ERROR {
                    sawMessage = true
                    end = max(end, message.pointee.offset + 1)
                }
            }
        }
        return end
    }
}
