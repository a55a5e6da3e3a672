import CRdKafka
import Logging
import Synchronization

/// Owns a librdkafka client handle (`rd_kafka_t`) and, for consumers, its consumer queue.
///
/// This is the module's single `@unchecked Sendable` type. It is sound because librdkafka documents
/// `rd_kafka_t` and `rd_kafka_queue_t` as thread-safe: any thread may call into them concurrently, and
/// the handle is immutable after `init`. Everything else shared across threads is `Sendable` by
/// construction (mutexes, atomics). The handle is only lent out through ``withHandle(_:)``.
final class RDKafkaClient: @unchecked Sendable {
    private let handle: OpaquePointer
    private let consumerQueue: OpaquePointer?
    /// A librdkafka mock cluster hosted by this handle (tests only); destroyed before the handle.
    private let mockCluster: OpaquePointer?
    /// Retained for as long as librdkafka may invoke callbacks with it as the opaque pointer.
    private let context: Unmanaged<RDKafkaCallbackContext>
    private let isConsumer: Bool
    /// Producer topic handles by name, created on first use and kept for the client's lifetime (a producer
    /// writes to a handful of topics). Producing by handle skips librdkafka's per-message topic lookup.
    private let topicHandles = Mutex<[String: OpaquePointer]>([:])

    /// Creates a client.
    ///
    /// - Parameters:
    ///   - type: Producer or consumer (admin clients are producers without messages).
    ///   - properties: librdkafka configuration properties.
    ///   - context: Callback state handed to librdkafka as the opaque pointer.
    ///   - mockBrokers: If above zero, also start an in-process mock cluster of that many brokers (tests).
    ///   - configure: Installs C callbacks on the configuration before the handle is created.
    /// - Throws: ``KafkaError`` when a property is rejected or the handle cannot be created.
    init(
        type: rd_kafka_type_t, properties: [String: String], context: RDKafkaCallbackContext,
        mockBrokers: Int = 0, configure: (OpaquePointer) -> Void = { _ in }
    ) throws {
        let retained = Unmanaged.passRetained(context)
        do {
            handle = try RDKafkaConfig.withConfiguration(properties) { conf in
                rd_kafka_conf_set_opaque(conf, retained.toOpaque())
                rd_kafka_conf_set_log_cb(conf, rdKafkaLogCallback)
                rd_kafka_conf_set_error_cb(conf, rdKafkaErrorCallback)
                configure(conf)
                var errorText = [CChar](repeating: 0, count: 512)
                guard let rk = rd_kafka_new(type, conf, &errorText, errorText.count) else {
                    throw KafkaError(.clientCreation, "rd_kafka_new failed: \(RDKafkaConfig.string(errorText))")
                }
                return (true, rk)
            }
        } catch {
            retained.release()
            throw error
        }
        self.context = retained
        isConsumer = type == RD_KAFKA_CONSUMER
        if isConsumer {
            // Route the main queue (logs, errors, rebalances) into the consumer queue so one poll serves all.
            rd_kafka_poll_set_consumer(handle)
            consumerQueue = rd_kafka_queue_get_consumer(handle)
        } else {
            consumerQueue = nil
        }
        mockCluster = mockBrokers > 0 ? rd_kafka_mock_cluster_new(handle, Int32(clamping: mockBrokers)) : nil
        if mockBrokers > 0, mockCluster == nil {
            rd_kafka_destroy(handle)
            retained.release()
            throw KafkaError(.clientCreation, "rd_kafka_mock_cluster_new failed")
        }
    }

    deinit {
        for topic in topicHandles.withLock({ Array($0.values) }) { rd_kafka_topic_destroy(topic) }
        if let mockCluster { rd_kafka_mock_cluster_destroy(mockCluster) }
        if let consumerQueue { rd_kafka_queue_destroy(consumerQueue) }
        // A consumer that was closed explicitly has left its group; one that was not must not block here in
        // a (possibly cooperative-pool) deinit waiting for a rebalance, so skip the implicit close.
        let flags: Int32 = isConsumer ? RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE : 0
        rd_kafka_destroy_flags(handle, flags)
        context.release()
    }

    /// Lends the `rd_kafka_t` handle to `body`; it must not escape.
    func withHandle<T>(_ body: (OpaquePointer) throws -> T) rethrows -> T {
        try body(handle)
    }

    /// Lends the consumer queue (consumers only) to `body`; it must not escape.
    func withConsumerQueue<T>(_ body: (OpaquePointer) throws -> T) throws -> T {
        guard let consumerQueue else { throw KafkaError(.closed, "not a consumer handle") }
        return try body(consumerQueue)
    }

    /// The topic handle for `name` (created on first use), or `nil` if librdkafka refuses the name.
    ///
    /// The handle lives as long as this client; callers may use it only while they hold the client.
    func topicHandle(_ name: String) -> OpaquePointer? {
        topicHandles.withLock { cache in
            if let existing = cache[name] { return existing }
            guard let created = rd_kafka_topic_new(handle, name, nil) else { return nil }
            cache[name] = created
            return created
        }
    }

    /// Lends the hosted mock cluster to `body`; it must not escape.
    func withMockCluster<T>(_ body: (OpaquePointer) throws -> T) throws -> T {
        guard let mockCluster else { throw KafkaError(.clientCreation, "this handle hosts no mock cluster") }
        return try body(mockCluster)
    }

    /// The callback context librdkafka hands back in callbacks.
    var callbackContext: RDKafkaCallbackContext { context.takeUnretainedValue() }
}
