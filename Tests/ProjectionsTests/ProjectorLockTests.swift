import EventStore
import Foundation
import Kafka
import LoanStreamTestSupport
import PostgresNIO
import Synchronization
@testable import Projections
import Testing

/// Batches take the projector's lock shared; the gap sweeper, `dlq` commands and a rebuild's swap take it
/// exclusively, so a batch never interleaves with them.
@Suite("The projector's lock")
struct ProjectorLockTests {
    static func processor(_ client: PostgresClient) throws -> BatchProcessor {
        BatchProcessor(projection: EventIndexProjection(), client: client,
                       decoder: EventDecoder(schemas: try RepositoryContracts.schemas.get()),
                       publisher: nil, logger: ProjectorHarness.logger)
    }

    static func repayment(_ loan: UUID, version: Int) -> RawMessage {
        let message = SyntheticEvents.repayment(topic: "t", loanID: loan, version: version)
        return RawMessage(topic: "t", partition: 0, offset: 0, key: message.key, value: message.value, headers: message.headers)
    }

    @Test("a batch waits while the projector's lock is held exclusively, then commits")
    func batchWaitsForExclusiveHolder() async throws {
        let loan = UUID()
        let raw = Self.repayment(loan, version: 1)
        try await ScratchDatabase.migrated(migrations: Migration.platform) { client in
            let processor = try Self.processor(client)
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

    @Test("a gap sweep with nothing overdue neither waits for the projector's lock nor takes it")
    func idleSweepSkipsTheLock() async throws {
        let loan = UUID()
        // Version 2 with version 1 missing: it waits behind the gap.
        let raw = Self.repayment(loan, version: 2)
        try await ScratchDatabase.migrated(migrations: Migration.platform) { client in
            let processor = try Self.processor(client)
            #expect(try await processor.process([raw]).held == 1)
            try await client.withConnection { holder in
                try await holder.query("BEGIN", logger: ProjectorHarness.logger)
                try await processor.store.lock(holder, exclusive: true)
                // The waiting event is younger than the timeout: the sweep returns at once, though the lock is held.
                let idleDone = Mutex(false)
                let idle = Task {
                    let parked = try await processor.sweepGaps(olderThan: .seconds(60))
                    idleDone.withLock { $0 = true }
                    return parked
                }
                // An overdue one makes the sweep take the lock, so it waits for the holder.
                let overdueDone = Mutex(false)
                let overdue = Task {
                    _ = try? await processor.sweepGaps(olderThan: .milliseconds(1))
                    overdueDone.withLock { $0 = true }
                }
                // Generous: under a loaded test run the idle sweep may wait for a pool connection; never for the lock,
                // which stays held throughout.
                let deadline = ContinuousClock.now + .seconds(20)
                while !idleDone.withLock({ $0 }), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
                try await Task.sleep(for: .milliseconds(300))
                #expect(idleDone.withLock { $0 }, "the idle sweep waited for the exclusive holder")
                #expect(!overdueDone.withLock { $0 }, "the overdue sweep went ahead of the exclusive holder")
                try await holder.query("COMMIT", logger: ProjectorHarness.logger)
                #expect(try await idle.value == 0)
                await overdue.value
            }
        }
    }
}
