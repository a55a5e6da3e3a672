import Foundation
import Kafka
import Logging
import Metrics
import ServiceLifecycle
import Synchronization

/// Exports dead-letter metrics by reading every DLQ topic from its beginning with a manually assigned
/// consumer (no group, never commits) and classifying messages by their `dlq.error_class` header:
///
/// - `loanstream_dlq_depth{topic,error_class}`: messages retained (from the earliest offset on).
/// - `loanstream_dlq_messages_total{topic,error_class}`: messages seen by this process (a counter: alert on
///   `rate()`/`increase()`; on start-up it counts the retained backlog once).
/// - `loanstream_dlq_oldest_age_seconds{topic,error_class}`: age of the oldest retained message.
///
/// Topics and partitions created after start-up are picked up at the next publish.
public final class DLQExporter: Service, Sendable {
    let topics: [String]
    let admin: KafkaAdmin
    let bootstrapServers: String
    let publishInterval: Duration
    let ledger = Mutex(DLQLedger())
    let published = Mutex(DLQSnapshot(rows: []))
    let gauges = GaugeSet()
    let assigned = Mutex<Set<KafkaTopicPartition>>([])
    let missingWarned = Mutex<Set<String>>([])
    let logger: Logger

    /// Creates the exporter.
    ///
    /// - Parameters:
    ///   - topics: The DLQ topic names (e.g. from the topic catalog's `kind: dlq` entries).
    ///   - bootstrapServers: The brokers.
    ///   - admin: Lists partitions and low watermarks.
    ///   - publishInterval: How often the gauges are recomputed (counters move as messages arrive). Default 5 s.
    ///   - logger: Receives read failures.
    public init(
        topics: [String], bootstrapServers: String, admin: KafkaAdmin, publishInterval: Duration = .seconds(5),
        logger: Logger = Logger(label: "loanstream.dlq-exporter")
    ) {
        self.topics = topics
        self.bootstrapServers = bootstrapServers
        self.admin = admin
        self.publishInterval = publishInterval
        self.logger = logger
    }

    /// What was last published.
    public func snapshot() -> DLQSnapshot { published.withLock { $0 } }

    /// Reads the DLQ topics until cancelled or shut down gracefully.
    ///
    /// - Throws: ``KafkaError`` if the topics cannot be listed or the consumer fails.
    public func run() async throws {
        var configuration = KafkaConsumerConfiguration(bootstrapServers: bootstrapServers, groupID: nil)
        configuration.clientID = "loanstream-dlq-exporter"
        configuration.autoOffsetReset = .earliest
        configuration.maxBatchWait = .milliseconds(200)
        let consumer = try KafkaConsumer(configuration: configuration, logger: logger)
        try await refreshAssignment(consumer)
        try await publish()
        try await cancelWhenGracefulShutdown {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    // The event sequence ends when the task is cancelled.
                    for try await event in consumer.events {
                        if case .messages(let batch) = event { self.record(batch) }
                    }
                }
                group.addTask {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: self.publishInterval)
                        guard !Task.isCancelled else { return }
                        do {
                            try await self.refreshAssignment(consumer)
                            try await self.publish()
                        } catch {
                            Counter(label: "loanstream_exporter_poll_errors_total", dimensions: [("exporter", "dlq")]).increment()
                            self.logger.error("DLQ publish failed", metadata: ["error": "\(String(reflecting: error))"])
                        }
                    }
                }
                defer { group.cancelAll() }
                _ = try await group.next()
            }
        }
        try? await consumer.close()
    }

    /// Assigns every partition of the DLQ topics that exist now (topics or partitions created after start-up
    /// are picked up), each from where this exporter left off, or from the beginning.
    private func refreshAssignment(_ consumer: KafkaConsumer) async throws {
        let existing = Dictionary(try await admin.listTopics().map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var wanted: Set<KafkaTopicPartition> = []
        for topic in topics {
            guard let description = existing[topic] else {
                if missingWarned.withLock({ $0.insert(topic).inserted }) {
                    logger.warning("DLQ exporter: topic \(topic) does not exist (yet); it is watched once it does")
                }
                continue
            }
            for partition in description.partitions { wanted.insert(KafkaTopicPartition(topic: topic, partition: partition.id)) }
        }
        guard wanted != assigned.withLock({ $0 }) else { return }
        let next = ledger.withLock { $0.nextOffsets }
        try await consumer.assign(Dictionary(uniqueKeysWithValues: wanted.map { ($0, next[$0].map(KafkaOffset.init) ?? .beginning) }))
        assigned.withLock { $0 = wanted }
    }

    private func record(_ batch: [KafkaMessage]) {
        let added = ledger.withLock { $0.record(batch) }
        for (key, count) in added {
            Counter(label: "loanstream_dlq_messages_total", dimensions: [("topic", key.topic), ("error_class", key.errorClass)])
                .increment(by: count)
        }
    }

    /// Trims what retention removed, recomputes the rows and sets the gauges.
    private func publish() async throws {
        var lows: [KafkaTopicPartition: Int64] = [:]
        for tp in assigned.withLock({ $0 }) { lows[tp] = try await admin.watermarks(of: tp).low }
        let rows = ledger.withLock { ledger in
            ledger.trim(lowWatermarks: lows)
            return ledger.rows()
        }
        let now = Int64((Date().timeIntervalSince1970 * 1000).rounded())
        let snapshot = DLQSnapshot(rows: rows.map { row in
            DLQSnapshot.Row(topic: row.topic, errorClass: row.errorClass, depth: row.depth,
                            oldestAgeSeconds: row.oldestTimestampMilliseconds.map { Double(max(0, now - $0)) / 1000 })
        })
        for row in snapshot.rows {
            let labels = [("topic", row.topic), ("error_class", row.errorClass)]
            gauges.set("loanstream_dlq_depth", labels, Double(row.depth))
            gauges.set("loanstream_dlq_oldest_age_seconds", labels, row.oldestAgeSeconds ?? 0)
        }
        gauges.finishPoll()
        published.withLock { $0 = snapshot }
    }
}
