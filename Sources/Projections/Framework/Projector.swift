import EventSchemas
import Foundation
import Kafka
import Logging
import PostgresNIO
import ServiceLifecycle
import Synchronization

/// A member of a projection's consumer group: reads its topics, applies each batch in one
/// PostgreSQL transaction, parks poison events to the DLQ, and sweeps version gaps.
///
/// Run as many instances as you like: they share the partitions. On assignment each starts at
/// the offsets stored in `projection_checkpoint` (the group's committed offsets are never used,
/// nor committed), and `auto.offset.reset=error` makes a checkpoint beyond the log stop it loudly.
/// A transient failure that outlasts the ``RetryPolicy`` stops it too (with an error), rather
/// than sending healthy events to the DLQ because the database is down.
public final class Projector: Service, Sendable {
    public let projection: any Projection
    let client: PostgresClient
    let schemas: SchemaRegistry
    let catalog: TopicCatalog
    public let settings: ProjectorSettings
    let retry: RetryPolicy
    let logger: Logger
    private let assigned = Mutex<Set<KafkaTopicPartition>>([])

    /// The partitions this member holds now.
    public var assignment: Set<KafkaTopicPartition> { assigned.withLock { $0 } }

    public init(projection: any Projection, client: PostgresClient, schemas: SchemaRegistry, catalog: TopicCatalog,
                settings: ProjectorSettings, retry: RetryPolicy = .seeds, logger: Logger) {
        self.projection = projection
        self.client = client
        self.schemas = schemas
        self.catalog = catalog
        self.settings = settings
        self.retry = retry
        self.logger = logger
    }

    /// The topics it reads.
    public var topics: [String] { settings.topics ?? projection.topics }

    /// The consumer group.
    public var group: String { settings.group ?? "loanstream." + projection.name }

    /// Source topic → DLQ topic, for every topic it reads.
    ///
    /// - Throws: ``ProjectorError/configuration(_:)`` when a topic has no DLQ.
    public func deadLetterRoutes() throws -> [String: String] {
        var routes: [String: String] = [:]
        for topic in topics {
            if let dlq = settings.dlqTopic ?? catalog.topics.first(where: { $0.kind == .dlq && $0.sourceTopic == topic })?.name {
                routes[topic] = dlq
            } else {
                throw ProjectorError.configuration("topic \(topic) has no DLQ topic in Topics/ (set LOANSTREAM_PROJECTOR_DLQ_TOPIC)")
            }
        }
        return routes
    }

    public func run() async throws {
        let routes = try deadLetterRoutes()
        var producerConfiguration = KafkaProducerConfiguration(bootstrapServers: settings.brokers)
        producerConfiguration.clientID = "loanstream.\(projection.name).dlq.\(settings.instanceID)"
        producerConfiguration.linger = .milliseconds(1)
        let producer = try KafkaProducer(configuration: producerConfiguration, logger: logger)
        let publisher = DeadLetterPublisher(producer: producer, routes: routes, projector: projection.name)
        let processor = BatchProcessor(projection: projection, client: client, decoder: EventDecoder(schemas: schemas),
                                       publisher: publisher, retry: retry, logger: logger)
        let consumer = try makeConsumer()
        try consumer.subscribe(topics: topics)
        logger.info("projector started", metadata: ["projector": "\(projection.name)", "group": "\(group)", "topics": "\(topics)"])
        var failure: (any Error)?
        do {
            try await cancelWhenGracefulShutdown {
                try await withThrowingTaskGroup(of: Void.self) { tasks in
                    tasks.addTask { try await self.consume(consumer, processor) }
                    tasks.addTask { try await self.sweep(processor) }
                    defer { tasks.cancelAll() }
                    try await tasks.next()
                }
            }
        } catch is CancellationError {
        } catch {
            failure = error
        }
        _ = try? await consumer.close()
        _ = try? await producer.close(timeout: .seconds(10))
        logger.info("projector stopped", metadata: ["projector": "\(projection.name)", "error": "\(failure.map { "\($0)" } ?? "none")"])
        if let failure { throw failure }
    }

    private func makeConsumer() throws -> KafkaConsumer {
        var configuration = KafkaConsumerConfiguration(bootstrapServers: settings.brokers, groupID: group)
        configuration.clientID = "loanstream.\(projection.name).\(settings.instanceID)"
        configuration.sessionTimeout = settings.sessionTimeout
        configuration.heartbeatInterval = min(.seconds(3), settings.sessionTimeout / 6)
        configuration.maxBatchSize = settings.batchSize
        configuration.maxBatchWait = settings.batchWait
        configuration.autoOffsetReset = .error
        configuration.enableAutoCommit = false
        configuration.fetchWait = settings.fetchWait
        let client = client
        let name = projection.name
        let logger = logger
        let handler = KafkaConsumer.RebalanceHandler(onAssign: { partitions in
            let stored = try await ProjectorStore.checkpoints(client, projector: name, logger: logger)
            var offsets: [KafkaTopicPartition: KafkaOffset] = [:]
            for partition in partitions { offsets[partition] = stored[partition].map(KafkaOffset.init) ?? .beginning }
            logger.info("partitions assigned", metadata: ["projector": "\(name)", "offsets": "\(offsets)"])
            return offsets
        })
        return try KafkaConsumer(configuration: configuration, rebalanceHandler: handler, logger: logger)
    }

    private func consume(_ consumer: KafkaConsumer, _ processor: BatchProcessor) async throws {
        try await processor.consume(consumer.events, onRebalance: { event in
            switch event {
            case .partitionsAssigned(let partitions):
                assigned.withLock { $0.formUnion(partitions) }
            case .partitionsRevoked(let partitions, _):
                assigned.withLock { $0.subtract(partitions) }
            case .messages:
                break
            }
        }, afterBatch: { _, outcome in
            logger.debug("batch applied", metadata: [
                "projector": "\(projection.name)", "applied": "\(outcome.applied)", "duplicates": "\(outcome.duplicates)",
                "parked": "\(outcome.parked)", "held": "\(outcome.held)", "attempts": "\(outcome.attempts)"])
            return true
        })
    }

    private func sweep(_ processor: BatchProcessor) async throws {
        let interval = min(settings.gapTimeout / 2, .seconds(5))
        while true {
            try await Task.sleep(for: interval)
            let parked = try await processor.sweepGaps(olderThan: settings.gapTimeout)
            if parked > 0 { logger.warning("parked events behind version gaps", metadata: ["projector": "\(projection.name)", "count": "\(parked)"]) }
            _ = try? await processor.refreshParkedGauge()
        }
    }
}
