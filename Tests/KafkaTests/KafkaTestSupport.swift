import Foundation
import Kafka
import Testing

/// Shared helpers for the integration tests against the broker started by `scripts/stack up`.
enum KafkaTestSupport {
    /// The broker list from `KAFKA_BROKERS`; a missing variable fails the test instead of skipping it.
    static func brokers() throws -> String {
        guard let brokers = ProcessInfo.processInfo.environment["KAFKA_BROKERS"], !brokers.isEmpty else {
            throw KafkaError(.configuration, """
                KAFKA_BROKERS is not set: start the local stack (scripts/stack up) and \
                `source scripts/env.sh` before running the Kafka integration tests
                """)
        }
        return brokers
    }

    /// A topic or group name no other test (or earlier run against the same broker) uses.
    static func uniqueName(_ prefix: String) -> String {
        "test.\(prefix).\(UInt32.random(in: 0...UInt32.max))"
    }

    /// An admin client for the test broker.
    static func admin() throws -> KafkaAdmin {
        try KafkaAdmin(configuration: KafkaAdminConfiguration(bootstrapServers: brokers()))
    }

    /// Creates a fresh topic and waits until its metadata shows every partition with a leader.
    static func createTopic(_ prefix: String, partitions: Int, admin: KafkaAdmin) async throws -> String {
        let name = uniqueName(prefix)
        let outcome = try await admin.createTopics([TopicSpec(name: name, partitions: partitions, replicationFactor: 1)])
        #expect(outcome[name] == .created)
        return name
    }

    /// A producer for `brokers` with test-friendly defaults.
    static func producer(
        brokers: String, configure: (inout KafkaProducerConfiguration) -> Void = { _ in }
    ) throws -> KafkaProducer {
        var configuration = KafkaProducerConfiguration(bootstrapServers: brokers)
        configuration.linger = .milliseconds(2)
        configure(&configuration)
        return try KafkaProducer(configuration: configuration)
    }

    /// A consumer configuration with the short session timeout Tansu needs for a quick group join.
    static func consumerConfiguration(brokers: String, group: String?) -> KafkaConsumerConfiguration {
        var configuration = KafkaConsumerConfiguration(bootstrapServers: brokers, groupID: group)
        configuration.sessionTimeout = .milliseconds(6000)
        configuration.heartbeatInterval = .milliseconds(500)
        configuration.maxBatchWait = .milliseconds(50)
        configuration.autoOffsetReset = .earliest
        return configuration
    }

    /// Reads messages from `consumer` until `count` arrived or `timeout` passed.
    ///
    /// The event sequence waits for as long as nothing arrives, so the timeout cancels the reading task
    /// (the sequence ends on cancellation); errors from the sequence are rethrown.
    static func collect(
        _ count: Int, from consumer: KafkaConsumer, timeout: Duration = .seconds(30)
    ) async throws -> [KafkaMessage] {
        try await consumer.collect(timeout: timeout) { $0.count >= count }
    }

    /// Runs `body` in a child task that is cancelled after `timeout`; `body` must return when cancelled.
    static func withTimeout<T: Sendable>(
        _ timeout: Duration, _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            while let result = try await group.next() {
                if let value = result { return value }
                group.cancelAll()
            }
            throw KafkaError(.timedOut, "test helper finished without a result")
        }
    }

    /// Bytes of a string, for concise test data.
    static func bytes(_ string: String) -> [UInt8] { Array(string.utf8) }
}
