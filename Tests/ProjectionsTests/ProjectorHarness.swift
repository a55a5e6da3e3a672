import EventSchemas
import EventStore
import Foundation
import Kafka
import Logging
import LoanStreamTestSupport
import PostgresNIO
@testable import Projections
import Testing

/// Shared helpers for the projector integration tests on the local stack.
enum ProjectorHarness {
    static let logger: Logger = {
        var logger = Logger(label: "test.projector")
        logger.logLevel = .warning
        return logger
    }()

    /// `KAFKA_BROKERS`; missing fails the test.
    static func brokers() throws -> String {
        try StackSettings.kafkaBrokers()
    }

    static func unique(_ prefix: String) -> String { "test.\(prefix).\(UUID().uuidString.prefix(8).lowercased())" }

    /// Creates an events topic and its DLQ topic.
    static func topics(_ prefix: String, partitions: Int) async throws -> (topic: String, dlq: String) {
        let admin = try KafkaAdmin(configuration: KafkaAdminConfiguration(bootstrapServers: brokers()))
        let topic = unique(prefix)
        let outcome = try await admin.createTopics([TopicSpec(name: topic, partitions: partitions, replicationFactor: 1),
                                                    TopicSpec(name: topic + ".dlq", partitions: 1, replicationFactor: 1)])
        #expect(outcome[topic] == .created)
        return (topic, topic + ".dlq")
    }

    static func producer() throws -> KafkaProducer {
        var configuration = KafkaProducerConfiguration(bootstrapServers: try brokers())
        configuration.linger = .milliseconds(2)
        return try KafkaProducer(configuration: configuration)
    }

    /// Sends and returns where each message landed.
    static func send(_ messages: [KafkaProducerMessage]) async throws -> [KafkaDeliveryReport] {
        let producer = try producer()
        let reports = try await producer.sendBatch(messages)
        try await producer.close()
        return reports
    }

    /// The next offset after the last delivered message, per partition.
    static func ends(_ reports: [KafkaDeliveryReport]) -> [KafkaTopicPartition: Int64] {
        var ends: [KafkaTopicPartition: Int64] = [:]
        for report in reports {
            let partition = KafkaTopicPartition(topic: report.topic, partition: report.partition)
            ends[partition] = max(ends[partition] ?? 0, report.offset + 1)
        }
        return ends
    }

    static func settings(topic: String, dlq: String, gapTimeout: Duration = .seconds(60), batchSize: Int = 100) throws -> ProjectorSettings {
        var settings = ProjectorSettings(brokers: try brokers(), instanceID: "test-\(UUID().uuidString.prefix(6))")
        settings.topics = [topic]
        settings.dlqTopic = dlq
        settings.group = unique("group")
        settings.sessionTimeout = .milliseconds(6000)
        settings.gapTimeout = gapTimeout
        settings.batchSize = batchSize
        settings.batchWait = .milliseconds(50)
        return settings
    }

    static func projector(_ client: PostgresClient, settings: ProjectorSettings,
                          projection: any Projection = EventIndexProjection(), retry: RetryPolicy = .seeds) throws -> Projector {
        Projector(projection: projection, client: client, schemas: try RepositoryContracts.schemas.get(),
                  catalog: try RepositoryContracts.topics.get(), settings: settings, retry: retry, logger: logger)
    }

    /// Runs the projectors while `body` runs, then cancels them; a projector that fails fails the test.
    static func running<T: Sendable>(_ projectors: [Projector], _ body: @Sendable () async throws -> T) async throws -> T {
        let tasks = projectors.map { projector in Task { try await projector.run() } }
        do {
            let result = try await body()
            for task in tasks { task.cancel() }
            for task in tasks { try await task.value }
            return result
        } catch {
            for task in tasks { task.cancel() }
            for task in tasks { _ = try? await task.value }
            throw error
        }
    }

    /// Polls `condition` until it holds or `timeout` passes; returns whether it held.
    @discardableResult
    static func eventually(timeout: Duration = .seconds(60), _ condition: @Sendable () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(200))
        }
        return try await condition()
    }

    /// event_index rows as "stream/version/event/partition/offset", sorted as text (like ``expected(_:_:)``).
    static func index(_ client: PostgresClient) async throws -> [String] {
        let rows = try await client.query("""
            SELECT stream_id, version, event_id, partition, kafka_offset FROM event_index ORDER BY stream_id, version
            """)
        var result: [String] = []
        for try await (stream, version, id, partition, offset) in rows.decode((UUID, Int, UUID, Int32, Int64).self) {
            result.append("\(stream)/\(version)/\(id)/\(partition)/\(offset)")
        }
        return result.sorted()
    }

    /// What event_index must hold for these messages and reports.
    static func expected(_ messages: [KafkaProducerMessage], _ reports: [KafkaDeliveryReport]) -> [String] {
        zip(messages, reports).map { message, report in
            let header = { (name: String) in String(decoding: message.headers.first { $0.name == name }?.value ?? [], as: UTF8.self) }
            return "\(UUID(uuidString: header("loan_id"))!)/\(header("version"))/\(UUID(uuidString: header("event_id"))!)/\(report.partition)/\(report.offset)"
        }.sorted()
    }

    static func checkpoints(_ client: PostgresClient, projector: String = "event_index") async throws -> [KafkaTopicPartition: Int64] {
        try await ProjectorStore.checkpoints(client, projector: projector, logger: logger)
    }

    /// Reads every message of a (DLQ) topic currently there, waiting until `count` arrived.
    static func readAll(_ topic: String, count: Int, timeout: Duration = .seconds(30)) async throws -> [KafkaMessage] {
        var configuration = KafkaConsumerConfiguration(bootstrapServers: try brokers(), groupID: nil)
        configuration.autoOffsetReset = .earliest
        configuration.maxBatchWait = .milliseconds(50)
        let consumer = try KafkaConsumer(configuration: configuration)
        try await consumer.assign([KafkaTopicPartition(topic: topic, partition: 0): .beginning])
        let messages = try await consumer.collect(timeout: timeout) { $0.count >= count }
        // Whatever else is there arrives within a moment: a DLQ with more than expected fails the test.
        try await consumer.close()
        return messages
    }
}
