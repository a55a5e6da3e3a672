import EventStore
import Foundation
import Kafka
import LoanStreamTestSupport
import PostgresNIO
@testable import Projections
import Testing

/// Batches take the projector's lock shared; the gap sweeper, `dlq` commands and a rebuild's swap take it
/// exclusively, so a batch never interleaves with them.
@Suite("The projector's lock")
struct ProjectorLockTests {
    @Test("a batch waits while the projector's lock is held exclusively, then commits")
    func batchWaitsForExclusiveHolder() async throws {
        let loan = UUID()
        let message = SyntheticEvents.repayment(topic: "t", loanID: loan, version: 1)
        let raw = RawMessage(topic: "t", partition: 0, offset: 0, key: message.key, value: message.value, headers: message.headers)
        try await ScratchDatabase.migrated(migrations: Migration.platform) { client in
            let processor = BatchProcessor(projection: EventIndexProjection(), client: client,
                                           decoder: EventDecoder(schemas: try RepositoryContracts.schemas.get()),
                                           publisher: nil, logger: ProjectorHarness.logger)
            try await client.withConnection { holder in
                try await holder.query("BEGIN", logger: ProjectorHarness.logger)
                try await processor.store.lock(holder, exclusive: true)
                let batch = Task { try await processor.process([raw]) }
                try await Task.sleep(for: .milliseconds(500))
                #expect(try await client.count("event_index") == 0, "the batch went ahead of the exclusive holder")
                try await holder.query("COMMIT", logger: ProjectorHarness.logger)
                #expect(try await batch.value.applied == 1)
            }
            #expect(try await client.count("event_index") == 1)
        }
    }
}
