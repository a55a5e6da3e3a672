import CRdKafka

extension KafkaConsumer {
    /// What one read from librdkafka produced.
    struct BatchRead: Sendable {
        var events: [KafkaConsumerEvent] = []
        var messages: [KafkaMessage] = []
        var error: KafkaError?
    }

    /// Reads up to `maxBatchSize` messages on the blocking queue: waits at most `maxBatchWait` for the first,
    /// then takes whatever else is already queued without waiting.
    ///
    /// One read of a whole batch would wait the full `maxBatchWait` unless the batch filled, adding that much to
    /// every message at light load; under load the queue (prefetched by librdkafka) fills the batch at once anyway.
    ///
    /// Rebalance callbacks run inside this read; their events are returned ahead of the messages.
    func readBatch() async throws -> BatchRead {
        let client = client
        let coordinator = coordinator
        let maxCount = max(1, configuration.maxBatchSize)
        let timeout = configuration.maxBatchWait.timeoutMilliseconds
        let logger = logger
        return try await blocking.run {
            var read = BatchRead()
            let buffer = UnsafeMutablePointer<UnsafeMutablePointer<rd_kafka_message_t>?>.allocate(capacity: maxCount)
            defer { buffer.deallocate() }
            let count = try client.withConsumerQueue { queue in
                let first = rd_kafka_consume_batch_queue(queue, timeout, buffer, 1)
                guard first == 1, maxCount > 1 else { return first }
                let rest = rd_kafka_consume_batch_queue(queue, 0, buffer + 1, maxCount - 1)
                return 1 + max(0, rest)  // an error of this read shows on the next one
            }
            var topics = RDKafkaMessageCopy.TopicNames()
            var delivered: [UnsafeMutablePointer<rd_kafka_message_t>] = []
            delivered.reserveCapacity(max(0, count))
            defer { for message in delivered { rd_kafka_message_destroy(message) } }
            for index in 0..<max(0, count) {
                guard let message = buffer[index] else { continue }
                let error = message.pointee.err
                if error == RD_KAFKA_RESP_ERR_NO_ERROR {
                    delivered.append(message)
                    continue
                }
                defer { rd_kafka_message_destroy(message) }
                if Self.mustStop(error) {
                    if read.error == nil { read.error = Self.describe(message, error) }
                } else {
                    // Transient conditions (broker down, leader moving) that librdkafka keeps retrying.
                    logger.warning("consumer: \(Self.describe(message, error))")
                }
            }
            read.messages = RDKafkaMessageCopy.copy(delivered, topics: &topics)
            if count < 0 {
                read.error = .rdKafka(rd_kafka_last_error(), context: "consume batch")
            }
            let rebalance = coordinator.drain()
            read.events = rebalance.events
            if read.error == nil { read.error = rebalance.error }
            if read.error == nil {
                var reason = [CChar](repeating: 0, count: 512)
                let fatal = client.withHandle { rd_kafka_fatal_error($0, &reason, reason.count) }
                if fatal != RD_KAFKA_RESP_ERR_NO_ERROR {
                    read.error = KafkaError(code: .fatal, reason: "fatal: \(RDKafkaConfig.string(reason))",
                                           errorName: String(cString: rd_kafka_err2name(fatal)),
                                           errorNumber: fatal.rawValue, file: #fileID, line: #line)
                }
            }
            return read
        }
    }

    /// Errors after which continuing would silently lose or misplace data.
    private static func mustStop(_ error: rd_kafka_resp_err_t) -> Bool {
        switch error {
        case RD_KAFKA_RESP_ERR__AUTO_OFFSET_RESET, RD_KAFKA_RESP_ERR__FATAL,
            RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED, RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED:
            true
        default:
            false
        }
    }

    private static func describe(_ message: UnsafeMutablePointer<rd_kafka_message_t>, _ error: rd_kafka_resp_err_t) -> KafkaError {
        let topic = message.pointee.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? "?"
        let detail = rd_kafka_message_errstr(message).map { String(cString: $0) } ?? ""
        return .rdKafka(error, context: "\(topic)[\(message.pointee.partition)] at offset \(message.pointee.offset): \(detail)")
    }
}
