import EventStore
import Foundation
import Kafka
import LoanStreamTestSupport
import PostgresNIO
import Relay
import Testing

@Suite("Relay parks invalid payloads", .timeLimit(.minutes(2)))
struct ParkingTests {
    /// A repayment with a binary float where the schema wants a decimal string: exactly what must never
    /// reach consumers.
    static func floatAmount(loanID: UUID, version: Int, topic: String) -> OutboxRecord {
        var event = OutboxRecord.repaymentReceived(loanID: loanID, version: version, topic: topic)
        event.payload = event.payload.replacingOccurrences(of: #""amount":"\#(1000 + version).50""#, with: #""amount":\#(1000 + version).5"#)
        return event
    }

    /// The rows of two loans, interleaved: bad 1, good 1, bad 2 (invalid), good 2, bad 3, good 3, bad 4.
    static func interleaved(bad: UUID, good: UUID, topic: String) -> [OutboxRecord] {
        (1...4).flatMap { version -> [OutboxRecord] in
            let badRow = version == 2 ? floatAmount(loanID: bad, version: 2, topic: topic)
                : OutboxRecord.repaymentReceived(loanID: bad, version: version, topic: topic)
            return version == 4 ? [badRow] : [badRow, OutboxRecord.repaymentReceived(loanID: good, version: version, topic: topic)]
        }
    }

    /// Expects the topic to hold loan `good`'s versions 1–3 and loan `bad`'s version 1, once each, in order.
    static func expectGoodThreeBadOne(topic: String, brokers: String, bad: UUID, good: UUID) async throws {
        let messages = try await RelayTestSupport.read(topic: topic, partitions: 3, brokers: brokers, timeout: .seconds(8)) { _ in false }
        let duplicates = RelayTestSupport.checkPerKeyOrder(messages, expected: [bad.uuidString.lowercased(): 1,
                                                                                 good.uuidString.lowercased(): 3])
        #expect(messages.count == 4 && duplicates == 0)
    }

    @Test("an invalid event is parked with its error; its loan's later rows are held; other loans flow")
    func invalidPayloadIsParkedAndOthersFlow() async throws {
        let brokers = try RelayTestSupport.brokers()
        let topic = try await RelayTestSupport.createTopic("park", brokers: brokers)
        let bad = UUID(), good = UUID()
        let first = Array(Self.interleaved(bad: bad, good: good, topic: topic).prefix(5))
        let parkedPayload = first[2].payload
        try #require(parkedPayload.contains(#""amount":1002.5,"#))
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
        try await Self.expectGoodThreeBadOne(topic: topic, brokers: brokers, bad: bad, good: good)
    }

    @Test("one row per round: rows of a key parked after the read cursor opened are held, not published")
    func rowsReadBeforeTheParkAreHeld() async throws {
        let brokers = try RelayTestSupport.brokers()
        let topic = try await RelayTestSupport.createTopic("park-cursor", brokers: brokers)
        let bad = UUID(), good = UUID()
        let rows = Self.interleaved(bad: bad, good: good, topic: topic)
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
        try await Self.expectGoodThreeBadOne(topic: topic, brokers: brokers, bad: bad, good: good)
    }
}
