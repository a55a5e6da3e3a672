import CRdKafka
import Logging

/// An idempotent Kafka producer (`acks=all`, Java-compatible murmur2 partitioning).
///
/// `send` suspends until the broker acknowledged the message and returns where it was written; when the
/// local queue is full it waits for deliveries to drain rather than dropping. Call ``close(timeout:)``
/// on shutdown: it delivers, or reports as failed, every message still pending.
public final class KafkaProducer: Sendable {
    let client: RDKafkaClient
    let router: DeliveryRouter
    private let pollLoop: ProducerPollLoop
    private let blocking = BlockingExecutor(label: "librdkafka-producer-blocking")
    private let gate = ProducerGate()
    let logger: Logger

    /// Creates a producer and starts its poll thread.
    ///
    /// - Parameters:
    ///   - configuration: Brokers and batching settings.
    ///   - logger: Receives librdkafka's log lines and errors.
    /// - Throws: ``KafkaError`` when the configuration is rejected.
    public init(configuration: KafkaProducerConfiguration, logger: Logger = Logger(label: "kafka.producer")) throws {
        let router = DeliveryRouter()
        let context = RDKafkaCallbackContext(logger: logger, delivery: router)
        client = try RDKafkaClient(type: RD_KAFKA_PRODUCER, properties: configuration.properties, context: context) {
            rd_kafka_conf_set_events($0, RD_KAFKA_EVENT_DR)
        }
        self.router = router
        self.logger = logger
        pollLoop = ProducerPollLoop(client: client, router: router)
    }

    deinit {
        // The poll thread holds the client, not the producer; without `close` it must still be told to stop.
        // (No send can be pending here: each one holds a reference to the producer.)
        pollLoop.requestStop()
    }

    /// Sends one message and waits for its delivery report.
    ///
    /// - Parameters:
    ///   - topic: The destination topic.
    ///   - key: The key bytes; the murmur2 partitioner maps equal keys to the same partition.
    ///   - value: The payload.
    ///   - headers: Headers with arbitrary byte values.
    /// - Returns: The partition and offset the message was written to.
    /// - Throws: ``KafkaError`` with code `deliveryFailed` (or a more specific one) when it was not delivered.
    public func send(
        topic: String, key: [UInt8]?, value: [UInt8]?, headers: [KafkaHeader] = []
    ) async throws -> KafkaDeliveryReport {
        try await send(KafkaProducerMessage(topic: topic, key: key, value: value, headers: headers))
    }

    /// Sends one message and waits for its delivery report.
    ///
    /// - Parameter message: The message.
    /// - Returns: The partition and offset the message was written to.
    /// - Throws: ``KafkaError`` when the message was not delivered.
    public func send(_ message: KafkaProducerMessage) async throws -> KafkaDeliveryReport {
        try await sendBatch([message])[0]
    }

    /// Sends many messages at once and waits until every one has a delivery report.
    ///
    /// Much faster than awaiting `send` one message at a time, because librdkafka can batch them. Messages
    /// are enqueued in order, so per-key order is kept. If one cannot even be enqueued (e.g. it is larger
    /// than `message.max.bytes`), the ones after it are not enqueued either, so no later message of the
    /// same key overtakes it. Not cancellable once started: enqueued messages are always accounted for.
    ///
    /// - Parameter messages: The messages, in order.
    /// - Returns: One report per message, in the same order.
    /// - Throws: ``KafkaError`` describing the first failed message, after all outcomes are known.
    public func sendBatch(_ messages: [KafkaProducerMessage]) async throws -> [KafkaDeliveryReport] {
        guard !messages.isEmpty else { return [] }
        guard gate.enter() else { throw KafkaError(.closed, "the producer was closed") }
        let batch = router.register(count: messages.count)
        await enqueueAll(messages, batch: batch)
        gate.leave()
        let outcomes = await router.outcomes(of: batch)
        if let first = outcomes.failures.keys.min(), let failure = outcomes.failures[first] {
            throw failure
        }
        var reports: [KafkaDeliveryReport] = []
        reports.reserveCapacity(messages.count)
        for position in messages.indices {
            reports.append(KafkaDeliveryReport(
                topic: messages[position].topic, partition: outcomes.partitions[position], offset: outcomes.offsets[position]))
        }
        return reports
    }

    /// Hands every message of `batch` to librdkafka in order, waiting while the local queue is full; a message
    /// that cannot be enqueued, and every one after it, is recorded as failed.
    private func enqueueAll(_ messages: [KafkaProducerMessage], batch: UInt64) async {
        var index = 0
        // Batches usually target one topic: remember the last handle instead of looking it up per message.
        var lastTopic: (name: String, handle: OpaquePointer?)?
        while index < messages.count {
            let message = messages[index]
            if lastTopic?.name != message.topic { lastTopic = (message.topic, client.topicHandle(message.topic)) }
            let error = enqueue(message, topic: lastTopic?.handle, opaque: DeliveryRouter.messageOpaque(batch: batch, index: index))
            // Backpressure: wait until the poll thread served some delivery reports, then retry; but once
            // the producer is closing, fail the rest instead, so `close` is not held up by a stuck queue.
            if error == RD_KAFKA_RESP_ERR__QUEUE_FULL, !gate.isClosed, await router.waitForSpace() { continue }
            if error != RD_KAFKA_RESP_ERR_NO_ERROR {
                let failure = KafkaError.rdKafka(error, context: "enqueueing message \(index) for \(messages[index].topic)",
                                                 default: .deliveryFailed)
                router.record(batch: batch, index: index, failure: failure)
                for skipped in (index + 1)..<messages.count {
                    router.record(batch: batch, index: skipped, failure: KafkaError(
                        .deliveryFailed, "not sent because message \(index) of the batch could not be enqueued"))
                }
                break
            }
            index += 1
        }
    }

    /// Waits until every pending message has been delivered or has failed.
    ///
    /// - Parameter timeout: How long to wait.
    /// - Throws: ``KafkaError`` with code `timedOut` naming how many messages are still pending.
    public func flush(timeout: Duration) async throws {
        // After close the poll thread no longer serves delivery reports, so a flush could only time out.
        guard !gate.isClosed else { throw KafkaError(.closed, "the producer was closed") }
        try await flushPending(timeout: timeout)
    }

    private func flushPending(timeout: Duration) async throws {
        let client = client
        try await blocking.run {
            try client.withHandle { rk in
                let error = rd_kafka_flush(rk, timeout.timeoutMilliseconds)
                guard error == RD_KAFKA_RESP_ERR_NO_ERROR else {
                    throw KafkaError.rdKafka(error, context: "flush: \(rd_kafka_outq_len(rk)) messages still pending")
                }
            }
        }
    }

    /// Flushes, fails whatever is still pending after `timeout`, and stops the poll thread.
    ///
    /// After `close`, every `send` that was in progress has returned or thrown, and new sends throw
    /// ``KafkaError/Code/closed``. Closing twice is harmless.
    ///
    /// - Parameter timeout: How long to wait for pending messages to be delivered.
    /// - Throws: ``KafkaError`` with code `timedOut` if some messages had to be failed.
    public func close(timeout: Duration = .seconds(30)) async throws {
        // Sends already enqueueing finish first (the poll thread keeps draining the queue for them).
        guard await gate.close() else { return }
        var flushError: (any Error)?
        do { try await flushPending(timeout: timeout) } catch { flushError = error }
        if flushError != nil {
            // Fail, rather than silently drop, what could not be delivered: purged messages get delivery
            // reports with _PURGE_QUEUE / _PURGE_INFLIGHT, which the poll loop's final pass serves.
            client.withHandle { _ = rd_kafka_purge($0, Int32(RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT)) }
        }
        await pollLoop.stop()
        if let flushError { throw flushError }
    }

    /// Enqueues one message with librdkafka (non-blocking; copies key, value and headers).
    private func enqueue(
        _ message: KafkaProducerMessage, topic: OpaquePointer?, opaque: UnsafeMutableRawPointer?
    ) -> rd_kafka_resp_err_t {
        guard let topic else { return RD_KAFKA_RESP_ERR__INVALID_ARG }  // librdkafka refused the topic name
        return client.withHandle { rk in RDKafkaProduce.enqueue(rk, topic: topic, message, opaque: opaque) }
    }
}
