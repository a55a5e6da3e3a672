import CRdKafka
import Logging
import Synchronization

/// A Kafka consumer: group subscription with rebalance events, or manual assignment with explicit offsets.
///
/// Read it through ``events``, an `AsyncSequence` of message batches and rebalance events. All blocking
/// librdkafka calls run on one private serial queue, in call order.
public final class KafkaConsumer: Sendable {
    /// Application hooks called during a group rebalance, before the assignment changes.
    ///
    /// They run while the consumer is inside librdkafka's rebalance callback: they must not call back into
    /// this consumer (which would wait for itself), and should be quick (the group waits for them).
    public struct RebalanceHandler: Sendable {
        /// Given newly assigned partitions, returns where to start each one (e.g. offsets stored in
        /// PostgreSQL plus one). Partitions without an entry start at the group's committed offset, or per
        /// `auto.offset.reset`. Throwing stops the consumer: ``events`` throws ``KafkaError/Code/rebalance``.
        public var onAssign: (@Sendable ([KafkaTopicPartition]) async throws -> [KafkaTopicPartition: KafkaOffset])?
        /// Called before partitions are taken away (`lost` if the member had already been fenced out), so
        /// in-flight work can be finished or abandoned.
        public var onRevoke: (@Sendable ([KafkaTopicPartition], _ lost: Bool) async throws -> Void)?

        /// Creates a handler.
        ///
        /// - Parameters:
        ///   - onAssign: Supplies start offsets for assigned partitions; `nil` uses committed offsets.
        ///   - onRevoke: Called before partitions are revoked; `nil` does nothing.
        public init(
            onAssign: (@Sendable ([KafkaTopicPartition]) async throws -> [KafkaTopicPartition: KafkaOffset])? = nil,
            onRevoke: (@Sendable ([KafkaTopicPartition], _ lost: Bool) async throws -> Void)? = nil
        ) {
            self.onAssign = onAssign
            self.onRevoke = onRevoke
        }
    }

    let client: RDKafkaClient
    let blocking = BlockingExecutor(label: "librdkafka-consumer")
    let coordinator: RebalanceCoordinator
    let configuration: KafkaConsumerConfiguration
    /// The librdkafka properties the handle was created with (the manual-assignment group id is random).
    let properties: [String: String]
    let closed = Atomic<Bool>(false)
    let logger: Logger

    /// Creates a consumer. It reads nothing until ``subscribe(topics:)`` or ``assign(_:)`` is called.
    ///
    /// - Parameters:
    ///   - configuration: Brokers, group and batching settings.
    ///   - rebalanceHandler: Hooks for group rebalances (ignored for manual assignment).
    ///   - logger: Receives librdkafka's log lines and errors.
    /// - Throws: ``KafkaError`` when the configuration is rejected.
    public init(
        configuration: KafkaConsumerConfiguration, rebalanceHandler: RebalanceHandler = RebalanceHandler(),
        logger: Logger = Logger(label: "kafka.consumer")
    ) throws {
        let properties = configuration.properties
        let coordinator = RebalanceCoordinator(
            handler: rebalanceHandler, validateOffsets: configuration.autoOffsetReset == .error, properties: properties)
        let context = RDKafkaCallbackContext(logger: logger, rebalance: coordinator)
        client = try RDKafkaClient(type: RD_KAFKA_CONSUMER, properties: properties, context: context) {
            rd_kafka_conf_set_rebalance_cb($0, rebalanceCallback)
        }
        self.coordinator = coordinator
        self.configuration = configuration
        self.properties = properties
        self.logger = logger
    }

    /// Message batches and rebalance events; ends when the consumer is closed or the reading task is
    /// cancelled, and throws on errors the application must act on (fatal errors, `auto.offset.reset=error`
    /// hits, failed rebalance handlers).
    public var events: KafkaConsumerEvents { KafkaConsumerEvents(consumer: self) }

    /// Joins the configured group and subscribes to `topics`; assignments arrive as events.
    ///
    /// - Parameter topics: Topic names (librdkafka also accepts `^regex` patterns).
    /// - Throws: ``KafkaError`` if no group is configured or librdkafka refuses the subscription.
    public func subscribe(topics: [String]) throws {
        guard configuration.groupID != nil else {
            throw KafkaError(.configuration, "subscribe needs a groupID; use assign(_:) for manual assignment")
        }
        let list = RDKafkaTopicPartitionList(capacity: topics.count)
        for topic in topics { list.add(KafkaTopicPartition(topic: topic, partition: RD_KAFKA_PARTITION_UA), offset: 0) }
        let error = client.withHandle { rk in list.withListPointer { rd_kafka_subscribe(rk, $0) } }
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR else { throw KafkaError.rdKafka(error, context: "subscribe to \(topics)") }
    }

    /// Replaces the assignment with exactly these partitions, each starting at the given offset
    /// (manual assignment: no group membership, no rebalances).
    ///
    /// - Parameter offsets: The partitions and where to start reading each.
    /// - Throws: ``KafkaError`` if librdkafka refuses the assignment, or with code `offsetOutOfRange` if
    ///   `auto.offset.reset` is `error` and an offset lies outside its partition's log.
    public func assign(_ offsets: [KafkaTopicPartition: KafkaOffset]) async throws {
        let client = client
        let validate = configuration.autoOffsetReset == .error
        let properties = properties
        try await blocking.run {
            if validate {
                try client.withHandle { try StartOffsetGuard.check($0, offsets, properties: properties, timeout: .seconds(10)) }
            }
            let list = RDKafkaTopicPartitionList(offsets)
            let error = client.withHandle { rk in list.withListPointer { rd_kafka_assign(rk, $0) } }
            guard error == RD_KAFKA_RESP_ERR_NO_ERROR else { throw KafkaError.rdKafka(error, context: "assign") }
        }
    }

    /// The partitions currently assigned to this consumer.
    ///
    /// - Returns: The assignment, in librdkafka's order.
    /// - Throws: ``KafkaError`` if librdkafka cannot report it.
    public func assignment() async throws -> [KafkaTopicPartition] {
        let client = client
        return try await blocking.run {
            var pointer: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?
            let error = client.withHandle { rd_kafka_assignment($0, &pointer) }
            guard error == RD_KAFKA_RESP_ERR_NO_ERROR, let pointer else {
                throw KafkaError.rdKafka(error, context: "assignment")
            }
            return RDKafkaTopicPartitionList(taking: pointer).partitions
        }
    }

    /// Leaves the group (revoking partitions through the rebalance handler) and closes the consumer.
    ///
    /// Waits for an in-progress batch read to finish first. Closing twice is harmless; afterwards
    /// ``events`` ends.
    ///
    /// - Throws: ``KafkaError`` if librdkafka reports an error while leaving the group.
    public func close() async throws {
        guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        let client = client
        try await blocking.run {
            let error = client.withHandle { rd_kafka_consumer_close($0) }
            guard error == RD_KAFKA_RESP_ERR_NO_ERROR else { throw KafkaError.rdKafka(error, context: "consumer close") }
        }
    }
}
