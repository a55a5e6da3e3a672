import Foundation
import LoanStreamTestSupport
import Kafka
import Telemetry
import Testing

/// The test broker, unique names and small Kafka helpers for the exporter tests.
enum TelemetryTestSupport {
    /// `KAFKA_BROKERS`; a missing setting fails the test instead of skipping it.
    static func brokers() throws -> String {
        try StackSettings.kafkaBrokers()
    }

    static func uniqueName(_ prefix: String) -> String {
        "test.telemetry.\(prefix).\(UInt32.random(in: 0...UInt32.max))"
    }

    static func admin() throws -> KafkaAdmin {
        try KafkaAdmin(configuration: KafkaAdminConfiguration(bootstrapServers: brokers()))
    }

    /// Creates a fresh topic (topics are never deleted: librdkafka crashes deleting topics under live clients).
    static func createTopic(_ prefix: String, partitions: Int, admin: KafkaAdmin) async throws -> String {
        let name = uniqueName(prefix)
        let outcome = try await admin.createTopics([TopicSpec(name: name, partitions: partitions, replicationFactor: 1)])
        try #require(outcome[name] == .created)
        return name
    }

    /// Produces `count` messages to one partition in one batch (which Tansu stores as one record batch,
    /// the case whose high watermark it under-reports).
    static func produce(_ count: Int, to topic: String, partition: Int32 = 0, headers: (Int) -> [KafkaHeader] = { _ in [] }) async throws {
        var configuration = KafkaProducerConfiguration(bootstrapServers: try brokers())
        configuration.linger = .milliseconds(2)
        let producer = try KafkaProducer(configuration: configuration)
        _ = try await producer.sendBatch((0..<count).map {
            KafkaProducerMessage(topic: topic, partition: partition, key: Array("k\($0)".utf8), value: Array("v\($0)".utf8),
                                 headers: headers($0))
        })
        try await producer.close()
    }

    /// A group member that subscribes to `topic`, reads `read` messages and commits `commit` on partition 0.
    static func consumeAndCommit(group: String, topic: String, read: Int, commit: Int64) async throws {
        var configuration = KafkaConsumerConfiguration(bootstrapServers: try brokers(), groupID: group)
        configuration.sessionTimeout = .milliseconds(6000)
        configuration.heartbeatInterval = .milliseconds(500)
        configuration.maxBatchWait = .milliseconds(50)
        configuration.autoOffsetReset = .earliest
        let consumer = try KafkaConsumer(configuration: configuration)
        try consumer.subscribe(topics: [topic])
        var seen = 0
        let deadline = ContinuousClock.now + .seconds(30)
        for try await event in consumer.events {
            if case .messages(let batch) = event { seen += batch.count }
            if seen >= read || ContinuousClock.now > deadline { break }
        }
        try #require(seen >= read, "the group read \(seen) of \(read) messages")
        try await consumer.commit([KafkaTopicPartition(topic: topic, partition: 0): commit])
        try await consumer.close()
    }

    /// Lag settings for one test: a unique cluster name, the watched groups, a short probe timeout.
    static func lagSettings(_ groups: [WatchedGroup]) -> LagExporterSettings {
        var settings = LagExporterSettings()
        settings.clusterName = uniqueName("cluster")
        settings.groups = groups
        settings.probeTimeout = .seconds(5)
        return settings
    }

    static func nowMilliseconds() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }
}
