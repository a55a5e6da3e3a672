import EventStore
import Foundation
import LoanStreamTestSupport
import PostgresNIO
@testable import Relay
import Testing

@Suite("Outbox statistics for the relay's metrics")
struct OutboxStatisticsTests {
    @Test("backlog, age of the head, parked and held rows; beyond the count limit the backlog is the id span")
    func statistics() async throws {
        try await ScratchDatabase.migrated { client in
            let table = OutboxTable(source: RelaySource(table: "outbox"), client: client, logger: ScratchDatabase.logger)
            #expect(try await table.statistics() == .init(backlog: 0, oldestAgeSeconds: 0, parked: 0, held: 0))

            let stuck = UUID(), other = UUID()
            let ids = try await RelayTestSupport.insert([
                .repaymentReceived(loanID: other, version: 1, topic: "t"),
                .repaymentReceived(loanID: stuck, version: 1, topic: "t"),
                .repaymentReceived(loanID: stuck, version: 2, topic: "t"),
                .repaymentReceived(loanID: other, version: 2, topic: "t"),
                .repaymentReceived(loanID: other, version: 3, topic: "t"),
            ], client: client)
            try await client.query("UPDATE outbox SET created_at = now() - interval '90 seconds' WHERE id = \(ids[0])")
            // The stuck loan's first row is parked; its second is held behind it.
            try await table.park([(id: ids[1], error: "test")])

            let figures = try await table.statistics()
            #expect(figures.backlog == 4 && figures.parked == 1 && figures.held == 1)
            #expect(figures.oldestAgeSeconds >= 90 && figures.oldestAgeSeconds < 120)

            // Counting stops at the limit; the estimate then spans the waiting ids, the parked one's included.
            let estimated = try await table.statistics(exactUpTo: 2)
            #expect(estimated.backlog == Int(ids[4] - ids[0] + 1))
        }
    }
}
