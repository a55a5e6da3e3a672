import EventSchemas
import EventStore
import Foundation
import Kafka
import Logging
import LoanStreamTestSupport
import PostgresNIO
import Relay
import Testing

/// Shared helpers of the relay's integration tests (real PostgreSQL and the stack's Kafka broker).
enum RelayTestSupport {
    static let logger: Logger = {
        var logger = Logger(label: "test.relay")
        logger.logLevel = .notice
        return logger
    }()

    /// `KAFKA_BROKERS`; a missing variable fails the test instead of skipping it.
    static func brokers() throws -> String {
        try StackSettings.kafkaBrokers()
    }

    /// The repository's `Schemas/`.
    static func schemas() throws -> SchemaRegistry { try RepositoryContracts.schemas.get() }

    /// Creates a fresh topic on the stack's broker.
    static func createTopic(_ prefix: String, partitions: Int = 3, brokers: String) async throws -> String {
        let admin = try KafkaAdmin(configuration: KafkaAdminConfiguration(bootstrapServers: brokers))
        let name = "test.relay.\(prefix).\(UInt32.random(in: 0...UInt32.max))"
        let outcome = try await admin.createTopics([TopicSpec(name: name, partitions: partitions, replicationFactor: 1)])
        #expect(outcome[name] == .created)
        return name
    }

    /// The scratch database's settings (the stack's, with the scratch database's name).
    static func databaseSettings(of client: PostgresClient) async throws -> DatabaseSettings {
        var settings = try ScratchDatabase.settings()
        for try await name in try await client.query("SELECT current_database()").decode(String.self) {
            settings.database = name
        }
        return settings
    }

    /// Relay settings for a test: one table set, a unique lock key, quick polling and backoff.
    static func relaySettings(brokers: String, sources: [RelaySource] = [RelaySource(table: "outbox")]) -> RelaySettings {
        var settings = RelaySettings(brokers: brokers)
        settings.sources = sources
        settings.lockKey = Int64.random(in: 1...Int64.max)
        settings.pollInterval = .milliseconds(50)
        settings.standbyRetry = .milliseconds(200)
        settings.backoffInitial = .milliseconds(100)
        settings.backoffMax = .seconds(1)
        return settings
    }

    /// Runs a relay against `client`'s database while `body` runs, then cancels it and waits for it to stop.
    static func withRelay<T: Sendable>(
        client: PostgresClient, settings: RelaySettings, _ body: @escaping @Sendable (OutboxRelay) async throws -> T
    ) async throws -> T {
        let relay = OutboxRelay(settings: settings, database: try await databaseSettings(of: client), client: client,
                                schemas: try schemas(), logger: logger)
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await relay.run()
                return nil
            }
            let result = try await body(relay)
            group.cancelAll()
            while try await group.next() != nil {}
            return result
        }
    }

    /// Inserts events into `table` in one transaction; returns their ids.
    @discardableResult
    static func insert(_ events: [OutboxRecord], into table: String = "outbox", client: PostgresClient) async throws -> [Int64] {
        try await insert(events, table: table) { query in try await client.query(query) }
    }

    /// Inserts events with whatever runs the query (a client, or a connection inside an open transaction).
    static func insert(
        _ events: [OutboxRecord], table: String, run: (PostgresQuery) async throws -> PostgresRowSequence
    ) async throws -> [Int64] {
        let rows = try await run("""
            INSERT INTO \(unescaped: table) (topic, key, headers, payload)
            SELECT t, k, h, p FROM unnest(\(events.map(\.topic))::text[], \(events.map(\.key))::text[],
                                                \(events.map(\.headersJSON))::text[], \(events.map(\.payload))::text[])
                 WITH ORDINALITY AS x(t, k, h, p, n)
            ORDER BY n
            RETURNING id
            """)
        var ids: [Int64] = []
        for try await id in rows.decode(Int64.self) { ids.append(id) }
        return ids
    }

    /// Polls `condition` every 100 ms until it holds or `timeout` passes.
    ///
    /// - Returns: Whether it held in time.
    static func eventually(
        timeout: Duration = .seconds(30), _ condition: () async throws -> Bool
    ) async throws -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return try await condition()
    }

    /// Reads every partition of `topic` from the beginning until `done` says the messages suffice or
    /// `timeout` passes; returns what arrived.
    static func read(
        topic: String, partitions: Int, brokers: String, timeout: Duration = .seconds(30),
        until done: @escaping @Sendable ([KafkaMessage]) -> Bool
    ) async throws -> [KafkaMessage] {
        var configuration = KafkaConsumerConfiguration(bootstrapServers: brokers, groupID: nil)
        configuration.maxBatchWait = .milliseconds(50)
        configuration.autoOffsetReset = .earliest
        let consumer = try KafkaConsumer(configuration: configuration)
        try await consumer.assign(Dictionary(uniqueKeysWithValues: (0..<partitions).map {
            (KafkaTopicPartition(topic: topic, partition: Int32($0)), KafkaOffset.beginning)
        }))
        let messages = try await consumer.collect(timeout: timeout, until: done)
        try await consumer.close()
        return messages
    }


    /// Checks that each key's messages, first occurrences only, carry versions 1, 2, 3 … in order;
    /// returns how many messages were repeats of an earlier one.
    static func checkPerKeyOrder(_ messages: [KafkaMessage], expected: [String: Int]) -> Int {
        var seen = Set<String>()
        var next: [String: Int] = [:]
        var duplicates = 0
        for message in messages {
            guard let eventID = message.headerText("event_id"), let key = message.headerText("loan_id"),
                  let version = message.headerText("version").flatMap(Int.init) else {
                Issue.record("message without event_id/loan_id/version headers at \(message.partition):\(message.offset)")
                continue
            }
            guard seen.insert(eventID).inserted else {
                duplicates += 1
                continue
            }
            #expect(version == next[key, default: 1], "loan \(key): version \(version) arrived when \(next[key, default: 1]) was due")
            next[key] = version + 1
        }
        for (key, count) in expected {
            #expect(next[key, default: 1] - 1 == count, "loan \(key): \(next[key, default: 1] - 1) of \(count) events arrived")
        }
        return duplicates
    }
}
