import EventStore
import Foundation
import Kafka
import LoanStreamTestSupport
import PostgresNIO
import Relay
import Testing

@Suite("Relay lock connection loss", .timeLimit(.minutes(2)))
struct LockLossTests {
    /// When the session holding the advisory lock is terminated, the relay must notice, stop publishing
    /// under the lost lock, and compete for the lock again on a new connection; publishing then resumes.
    @Test("terminating the lock's session makes the relay step down and take the lock again on a new session")
    func relayRecoversFromLostLockConnection() async throws {
        let brokers = try RelayTestSupport.brokers()
        let topic = try await RelayTestSupport.createTopic("lock", brokers: brokers)
        let loan = UUID()
        try await ScratchDatabase.migrated { client in
            try await RelayTestSupport.withRelay(client: client, settings: RelayTestSupport.relaySettings(brokers: brokers)) { relay in
                try await RelayTestSupport.insert([OutboxRecord.repaymentReceived(loanID: loan, version: 1, topic: topic)], client: client)
                let first = try await RelayTestSupport.eventually { relay.counts(table: "outbox").published == 1 }
                #expect(first)
                let holder = try await client.scalar("""
                    SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted
                      AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                    """)
                try #require(holder > 0)
                _ = try await client.scalar("SELECT pg_terminate_backend(\(holder))::int")
                let retaken = try await RelayTestSupport.eventually(timeout: .seconds(15)) {
                    let pid = try await client.scalar("""
                        SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted
                          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                        """)
                    return pid > 0 && pid != holder
                }
                #expect(retaken, "the relay did not take the lock again on a new session")
                try await RelayTestSupport.insert([OutboxRecord.repaymentReceived(loanID: loan, version: 2, topic: topic)], client: client)
                let second = try await RelayTestSupport.eventually { relay.counts(table: "outbox").published == 2 }
                #expect(second, "publishing did not resume after the relay took the lock again")
            }
        }
        let messages = try await RelayTestSupport.read(topic: topic, partitions: 3, brokers: brokers) { $0.count >= 2 }
        let duplicates = RelayTestSupport.checkPerKeyOrder(messages, expected: [loan.uuidString.lowercased(): 2])
        #expect(duplicates == 0)
    }
}
