import EventStore
import Foundation
import Kafka
import LoanStreamTestSupport
import PostgresNIO
import Relay
import Testing

@Suite("Relay parks invalid payloads", .timeLimit(.minutes(2)))
struct ParkingTests {
    @Test("an invalid event is parked with its error; its loan's later rows are held; other loans flow")
    func invalidPayloadIsParkedAndOthersFlow() async throws {
        let brokers = try RelayTestSupport.brokers()
        let topic = try await RelayTestSupport.createTopic("park", brokers: brokers)
        let bad = UUID(), good = UUID()
        var invalid = OutboxRecord.repaymentReceived(loanID: bad, version: 2, topic: topic)
        // A binary float where the schema wants a decimal string: exactly what must never reach consumers.
        invalid.payload = invalid.payload.replacingOccurrences(of: #""amount":"1002.50""#, with: #""amount":1002.5"#)
        try #require(invalid.payload.contains(#""amount":1002.5,"#))
        let parkedPayload = invalid.payload
        let first = [
            OutboxRecord.repaymentReceived(loanID: bad, version: 1, topic: topic),
            OutboxRecord.repaymentReceived(loanID: good, version: 1, topic: topic),
            invalid,
            OutboxRecord.repaymentReceived(loanID: good, version: 2, topic: topic),
            OutboxRecord.repaymentReceived(loanID: bad, version: 3, topic: topic),
        ]
        try await ScratchDatabase.migrated { client in
            let ids = try await RelayTestSupport.insert(first, client: client)
            try await RelayTestSupport.withRelay(client: client, settings: RelayTestSupport.relaySettings(brokers: brokers)) { relay in
                let condition3 = try await RelayTestSupport.eventually { try await client.count("outbox") == 1 }
                #expect(condition3)
                // The held row stays while the parked one exists, and later rows of other loans still flow.
                try await RelayTestSupport.insert([OutboxRecord.repaymentReceived(loanID: good, version: 3, topic: topic)], client: client)
                let condition4 = try await RelayTestSupport.eventually { relay.counts(table: "outbox").published == 4 }
                #expect(condition4)
                try await Task.sleep(for: .milliseconds(500))
                let counts = relay.counts(table: "outbox")
                #expect(counts.published == 4 && counts.parked == 1)
            }
            #expect(try await client.scalar("SELECT id FROM outbox") == Int(ids[4]), "the bad loan's version 3 is held, not published")
            let parked = try await client.query("SELECT source_table, id, key, payload, error FROM outbox_parked")
            var rows: [(String, Int64, String, String, String)] = []
            for try await row in parked.decode((String, Int64, String, String, String).self) { rows.append(row) }
            try #require(rows.count == 1)
            #expect(rows[0].0 == "outbox" && rows[0].1 == ids[2] && rows[0].2 == bad.uuidString.lowercased())
            #expect(rows[0].3 == parkedPayload, "the parked row keeps its payload for an operator")
            #expect(rows[0].4.contains("repayment.received v1") && rows[0].4.contains("/data/amount/amount"), "error: \(rows[0].4)")
        }
        let messages = try await RelayTestSupport.read(topic: topic, partitions: 3, brokers: brokers, timeout: .seconds(8)) { _ in false }
        let duplicates = RelayTestSupport.checkPerKeyOrder(messages, expected: [bad.uuidString.lowercased(): 1,
                                                                                 good.uuidString.lowercased(): 3])
        #expect(messages.count == 4 && duplicates == 0)
    }

    @Test("one row per round: rows of a key parked after the read cursor opened are held, not published")
    func rowsReadBeforeTheParkAreHeld() async throws {
        let brokers = try RelayTestSupport.brokers()
        let topic = try await RelayTestSupport.createTopic("park-cursor", brokers: brokers)
        let bad = UUID(), good = UUID()
        var invalid = OutboxRecord.repaymentReceived(loanID: bad, version: 2, topic: topic)
        invalid.payload = invalid.payload.replacingOccurrences(of: #""amount":"1002.50""#, with: #""amount":1002.5"#)
        let rows = [
            OutboxRecord.repaymentReceived(loanID: bad, version: 1, topic: topic),
            OutboxRecord.repaymentReceived(loanID: good, version: 1, topic: topic),
            invalid,
            OutboxRecord.repaymentReceived(loanID: good, version: 2, topic: topic),
            OutboxRecord.repaymentReceived(loanID: bad, version: 3, topic: topic),
            OutboxRecord.repaymentReceived(loanID: good, version: 3, topic: topic),
            OutboxRecord.repaymentReceived(loanID: bad, version: 4, topic: topic),
        ]
        var settings = RelayTestSupport.relaySettings(brokers: brokers)
        // Every row is its own round, so the bad loan's versions 3 and 4 come from the cursor that was
        // opened before version 2 was parked, one and two rounds after the park.
        settings.batchSize = 1
        let oneRowRounds = settings
        try await ScratchDatabase.migrated { client in
            let ids = try await RelayTestSupport.insert(rows, client: client)
            try await RelayTestSupport.withRelay(client: client, settings: oneRowRounds) { relay in
                let drained = try await RelayTestSupport.eventually { relay.counts(table: "outbox").published == 4 }
                #expect(drained)
                try await Task.sleep(for: .milliseconds(500))
                let counts = relay.counts(table: "outbox")
                #expect(counts.published == 4 && counts.parked == 1)
            }
            var left: [Int64] = []
            for try await id in try await client.query("SELECT id FROM outbox ORDER BY id").decode(Int64.self) { left.append(id) }
            #expect(left == [ids[4], ids[6]], "the bad loan's versions 3 and 4 wait behind the parked version 2")
        }
        let messages = try await RelayTestSupport.read(topic: topic, partitions: 3, brokers: brokers, timeout: .seconds(8)) { _ in false }
        let duplicates = RelayTestSupport.checkPerKeyOrder(messages, expected: [bad.uuidString.lowercased(): 1,
                                                                                 good.uuidString.lowercased(): 3])
        #expect(messages.count == 4 && duplicates == 0)
    }
}
