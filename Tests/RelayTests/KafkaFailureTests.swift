import EventStore
import Foundation
import Kafka
import LoanStreamTestSupport
import PostgresNIO
import Relay
import Testing

@Suite("Relay retries Kafka failures without losing rows", .timeLimit(.minutes(2)))
struct KafkaFailureTests {
    /// librdkafka's mock cluster refuses produce requests long enough for deliveries to time out, so whole
    /// rounds fail; the rows must stay in the outbox and be published once the broker recovers.
    @Test("rounds that fail on delivery are retried with backoff; every row arrives, in order per loan")
    func failedDeliveriesAreRetried() async throws {
        let cluster = try KafkaMockCluster(brokers: 1)
        let topic = "relay.mock.\(UInt32.random(in: 0...UInt32.max))"
        try cluster.createTopic(topic, partitions: 2, replicationFactor: 1)
        let loans = (0..<5).map { _ in UUID() }
        let events = (1...10).flatMap { version in loans.map { OutboxRecord.repaymentReceived(loanID: $0, version: version, topic: topic) } }
        try await ScratchDatabase.migrated { client in
            try await RelayTestSupport.insert(events, client: client)
            var settings = RelayTestSupport.relaySettings(brokers: cluster.bootstrapServers)
            settings.deliveryTimeout = .milliseconds(1500)
            settings.batchSize = 20
            // Far more failures than librdkafka's own retries absorb within the delivery timeout.
            try cluster.failNextRequests(.produce, with: Array(repeating: .notEnoughReplicas, count: 40))
            let counts = try await RelayTestSupport.withRelay(client: client, settings: settings) { relay in
                let drained = try await RelayTestSupport.eventually(timeout: .seconds(60)) { try await client.count("outbox") == 0 }
                #expect(drained)
                return relay.counts(table: "outbox")
            }
            #expect(counts.kafkaErrors >= 1, "the broker's refusals reached the relay as failed rounds")
            #expect(counts.published == events.count)
        }
        let messages = try await RelayTestSupport.read(topic: topic, partitions: 2, brokers: cluster.bootstrapServers) {
            Set($0.compactMap { $0.headerText("event_id") }).count >= events.count
        }
        let duplicates = RelayTestSupport.checkPerKeyOrder(
            messages, expected: Dictionary(uniqueKeysWithValues: loans.map { ($0.uuidString.lowercased(), 10) }))
        print("Kafka failure test: \(messages.count) messages for \(events.count) rows, \(duplicates) duplicates")
    }
}
