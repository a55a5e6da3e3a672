import EventStore
import Foundation
import Kafka
import LoanStreamTestSupport
import PostgresNIO
import Relay
import Testing

@Suite("Relay publishes outbox rows", .timeLimit(.minutes(2)))
struct PublishTests {
    @Test("each row becomes one message: key = loan_id, value = the event JSON, the row's headers; the row is deleted")
    func publishesRowsExactly() async throws {
        let brokers = try RelayTestSupport.brokers()
        let topic = try await RelayTestSupport.createTopic("publish", brokers: brokers)
        let loanA = UUID(), loanB = UUID()
        let events = [
            OutboxRecord.repaymentReceived(loanID: loanA, version: 1, topic: topic),
            OutboxRecord.repaymentReceived(loanID: loanB, version: 1, topic: topic),
            OutboxRecord.repaymentReceived(loanID: loanA, version: 2, topic: topic),
        ]
        try await ScratchDatabase.migrated { client in
            try await RelayTestSupport.insert(events, client: client)
            let counts = try await RelayTestSupport.withRelay(client: client, settings: RelayTestSupport.relaySettings(brokers: brokers)) { relay in
                let condition10 = try await RelayTestSupport.eventually { try await client.count("outbox") == 0 }
                #expect(condition10)
                return relay.counts(table: "outbox")
            }
            #expect(counts.published == 3)
            #expect(counts.kafkaErrors == 0)
        }
        let messages = try await RelayTestSupport.read(topic: topic, partitions: 3, brokers: brokers) { $0.count >= 3 }
        try #require(messages.count == 3)
        for event in events {
            let eventID = try #require(event.headers["event_id"])
            let message = try #require(messages.first { $0.headerText("event_id") == eventID })
            #expect(message.key.map { String(decoding: $0, as: UTF8.self) } == event.key)
            #expect(message.value.map { String(decoding: $0, as: UTF8.self) } == event.payload)
            let headers = Dictionary(uniqueKeysWithValues: message.headers.map {
                ($0.name, $0.value.map { String(decoding: $0, as: UTF8.self) } ?? "")
            })
            #expect(headers == event.headers)
            #expect(Set(headers.keys) == ["event_id", "event_type", "schema_version", "loan_id", "version", "traceparent"])
        }
        let duplicates = RelayTestSupport.checkPerKeyOrder(messages, expected: [loanA.uuidString.lowercased(): 2,
                                                                                 loanB.uuidString.lowercased(): 1])
        #expect(duplicates == 0)
    }

    @Test("the CDC outbox is drained by the same relay through its topic mapping; a non-object row image is parked")
    func drainsCDCOutboxWithTopicMapping() async throws {
        let brokers = try RelayTestSupport.brokers()
        let cdcTopic = try await RelayTestSupport.createTopic("cdc", brokers: brokers)
        let eventTopic = try await RelayTestSupport.createTopic("events", brokers: brokers)
        let loan = UUID().uuidString.lowercased()
        let images = (1...3).map { n in
            OutboxRecord(topic: "cdc.loan_view", key: loan, headers: ["op": "upsert", "table": "loan_view"],
                        payload: #"{"loan_id":"\#(loan)","outstanding":{"amount":"\#(1000 - n).00","currency":"INR"},"row_version":\#(n)}"#)
        }
        let broken = OutboxRecord(topic: "cdc.loan_view", key: "other", headers: ["op": "upsert"], payload: "[1,2]")
        let event = OutboxRecord.repaymentReceived(loanID: UUID(), version: 1, topic: eventTopic)
        let sources = [RelaySource(table: "outbox"),
                       RelaySource(table: "cdc_outbox", topicMapping: ["cdc.loan_view": cdcTopic])]
        try await ScratchDatabase.migrated { client in
            try await RelayTestSupport.insert(images + [broken], into: "cdc_outbox", client: client)
            try await RelayTestSupport.insert([event], client: client)
            let counts = try await RelayTestSupport.withRelay(
                client: client, settings: RelayTestSupport.relaySettings(brokers: brokers, sources: sources)
            ) { relay in
                let condition11 = try await RelayTestSupport.eventually {
                    let cdc = try await client.count("cdc_outbox")
                    let outbox = try await client.count("outbox")
                    return cdc == 0 && outbox == 0
                }
                #expect(condition11)
                return (relay.counts(table: "cdc_outbox"), relay.counts(table: "outbox"))
            }
            #expect(counts.0.published == 3 && counts.0.parked == 1)
            #expect(counts.1.published == 1)
            #expect(try await client.scalar("SELECT count(*)::int8 FROM outbox_parked WHERE source_table = 'cdc_outbox' AND key = 'other' AND error LIKE '%not a JSON object%'") == 1)
        }
        let cdc = try await RelayTestSupport.read(topic: cdcTopic, partitions: 3, brokers: brokers) { $0.count >= 3 }
        #expect(cdc.map { $0.value.map { String(decoding: $0, as: UTF8.self) } } == images.map(\.payload))
        #expect(cdc.allSatisfy { $0.headerText("op") == "upsert" && $0.key.map { String(decoding: $0, as: UTF8.self) } == loan })
        let events = try await RelayTestSupport.read(topic: eventTopic, partitions: 3, brokers: brokers) { $0.count >= 1 }
        #expect(events.count == 1)
    }
}
