import EventStore
import Foundation
import Kafka
import LoanStreamTestSupport
import PostgresNIO
import Relay
import Testing

@Suite("Relay never skips a row that commits late", .timeLimit(.minutes(2)))
struct LateCommitTests {
    /// The issue's scenario: a transaction takes a low outbox id and stays open for seconds while rows with
    /// higher ids commit and are published. A relay that remembered "the highest id published" would never
    /// look below it again and lose the late row.
    @Test("a transaction holding a lower id open for 4 s: every row is published, per-loan order holds")
    func lateCommittingRowIsPublished() async throws {
        let brokers = try RelayTestSupport.brokers()
        let topic = try await RelayTestSupport.createTopic("late", brokers: brokers)
        let slowLoan = UUID()
        let otherLoans = (0..<10).map { _ in UUID() }
        try await ScratchDatabase.migrated { client in
            try await RelayTestSupport.withRelay(client: client, settings: RelayTestSupport.relaySettings(brokers: brokers)) { relay in
                let (inserted, insertedSignal) = AsyncStream<Int64>.makeStream()
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        try await client.withTransaction(logger: RelayTestSupport.logger) { connection in
                            let ids = try await RelayTestSupport.insert(
                                [OutboxRecord.repaymentReceived(loanID: slowLoan, version: 1, topic: topic)], table: "outbox"
                            ) { try await connection.query($0, logger: RelayTestSupport.logger) }
                            insertedSignal.yield(ids[0])
                            insertedSignal.finish()
                            try await Task.sleep(for: .seconds(4))
                        }
                    }
                    var iterator = inserted.makeAsyncIterator()
                    let first = await iterator.next()
                    let lowID = try #require(first)
                    // Later rows of other loans commit (with higher ids) while the low id is still open.
                    var highIDs: [Int64] = []
                    for version in 1...5 {
                        highIDs += try await RelayTestSupport.insert(
                            otherLoans.map { OutboxRecord.repaymentReceived(loanID: $0, version: version, topic: topic) }, client: client)
                    }
                    #expect(highIDs.allSatisfy { $0 > lowID })
                    let condition1 = try await RelayTestSupport.eventually(timeout: .seconds(3)) { relay.counts(table: "outbox").published == 50 }
                    #expect(condition1,
                            "the rows committed after the open transaction are published while it is still open")
                    // Acknowledged rows are deleted on the relay's next pass, a moment after they are counted.
                    let deleted = try await RelayTestSupport.eventually(timeout: .seconds(1)) { try await client.count("outbox") == 0 }
                    #expect(deleted, "the published rows are deleted, and the open row is not visible yet")
                    try await group.waitForAll()
                }
                // The slow loan's next event can only be written after its first one committed.
                try await RelayTestSupport.insert([OutboxRecord.repaymentReceived(loanID: slowLoan, version: 2, topic: topic)], client: client)
                let condition2 = try await RelayTestSupport.eventually { try await client.count("outbox") == 0 }
                #expect(condition2)
                // The counter moves when the round's acknowledgement is processed, which may trail the delete by a moment.
                let counted = try await RelayTestSupport.eventually(timeout: .seconds(5)) { relay.counts(table: "outbox").published == 52 }
                #expect(counted, "published \(relay.counts(table: "outbox").published), expected 52")
            }
        }
        let messages = try await RelayTestSupport.read(topic: topic, partitions: 3, brokers: brokers) { $0.count >= 52 }
        var expected = Dictionary(uniqueKeysWithValues: otherLoans.map { ($0.uuidString.lowercased(), 5) })
        expected[slowLoan.uuidString.lowercased()] = 2
        let duplicates = RelayTestSupport.checkPerKeyOrder(messages, expected: expected)
        #expect(messages.count == 52 && duplicates == 0)
    }
}
