import EventStore
import Foundation
import Kafka
import LoanStreamTestSupport
import PostgresNIO
import Relay
import Testing

/// `loanstream outbox requeue | discard`: an operator releases a loan held behind a parked row.
@Suite("Operators requeue or discard parked outbox rows", .timeLimit(.minutes(2)))
struct ParkedOutboxTests {
    @Test("a fixed parked row is requeued under its old id and published before the rows that waited; a discarded one frees its loan")
    func requeueAndDiscard() async throws {
        let brokers = try RelayTestSupport.brokers()
        let topic = try await RelayTestSupport.createTopic("requeue", brokers: brokers)
        let fixed = UUID(), dropped = UUID()
        func broken(_ loan: UUID, version: Int) -> OutboxRecord {
            var event = OutboxRecord.repaymentReceived(loanID: loan, version: version, topic: topic)
            event.payload = event.payload.replacingOccurrences(of: #""amount":"1002.50""#, with: #""amount":1002.5"#)
            return event
        }
        let events = [
            OutboxRecord.repaymentReceived(loanID: fixed, version: 1, topic: topic), broken(fixed, version: 2),
            OutboxRecord.repaymentReceived(loanID: fixed, version: 3, topic: topic),
            OutboxRecord.repaymentReceived(loanID: dropped, version: 1, topic: topic), broken(dropped, version: 2),
            OutboxRecord.repaymentReceived(loanID: dropped, version: 3, topic: topic),
        ]
        try await ScratchDatabase.migrated { client in
            let ids = try await RelayTestSupport.insert(events, client: client)
            let parked = ParkedOutbox(client: client, logger: ScratchDatabase.logger)
            try await RelayTestSupport.withRelay(client: client, settings: RelayTestSupport.relaySettings(brokers: brokers)) { relay in
                let held = try await RelayTestSupport.eventually { try await client.count("outbox") == 2 }
                try #require(held, "both loans' version 3 wait behind their parked version 2")
                let listed = try await parked.list(table: "outbox")
                #expect(listed.map(\.id) == [ids[1], ids[4]])
                #expect(listed.allSatisfy { $0.eventType == "repayment.received" && $0.error.contains("/data/amount/amount") })

                // The operator corrects the payload (as a schema fix would make it pass), then requeues it.
                let corrected = OutboxRecord.repaymentReceived(loanID: fixed, version: 2, topic: topic).payload
                try await client.query("UPDATE outbox_parked SET payload = \(corrected) WHERE id = \(ids[1])", logger: ScratchDatabase.logger)
                #expect(try await parked.requeue(table: "outbox", ids: [ids[1], 999_999], actor: "test") == [ids[1]])
                let discarded = try await parked.discard(table: "outbox", ids: [ids[4]], reason: "test", actor: "test")
                #expect(discarded.map(\.key) == [dropped.uuidString.lowercased()])

                let drained = try await RelayTestSupport.eventually { try await client.count("outbox") == 0 }
                #expect(drained)
                #expect(relay.counts(table: "outbox").published == 5)
            }
            #expect(try await parked.list().isEmpty)
            await #expect(throws: RelayError.self) { _ = try await parked.requeue(table: "outbox; drop table x", ids: nil, actor: "test") }
        }
        let messages = try await RelayTestSupport.read(topic: topic, partitions: 3, brokers: brokers, timeout: .seconds(8)) { _ in false }
        // The requeued version 2 arrives between 1 and 3; the discarded loan has a gap at 2, nothing out of order.
        let versions = { (loan: UUID) in
            messages.filter { $0.headerText("loan_id") == loan.uuidString.lowercased() }
                .compactMap { $0.headerText("version") }
        }
        #expect(versions(fixed) == ["1", "2", "3"])
        #expect(versions(dropped) == ["1", "3"])
    }
}
