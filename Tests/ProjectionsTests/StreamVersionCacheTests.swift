import EventSchemas
import EventStore
import Foundation
import Kafka
import LoanStreamTestSupport
import PostgresNIO
@testable import Projections
import Testing

/// A processor keeps the versions of streams it committed instead of reading them back; it must read them
/// again whenever someone else may have moved them.
@Suite("Stream versions a processor remembers")
struct StreamVersionCacheTests {
    typealias H = ProjectorHarness

    static func message(_ loan: UUID, version: Int, offset: Int64, partition: Int32 = 0) -> RawMessage {
        let message = SyntheticEvents.repayment(topic: "t", loanID: loan, version: version)
        return RawMessage(topic: "t", partition: partition, offset: offset, key: message.key, value: message.value, headers: message.headers)
    }

    static func processor(_ client: PostgresClient) throws -> BatchProcessor {
        BatchProcessor(projection: EventIndexProjection(), client: client, decoder: EventDecoder(schemas: try RepositoryContracts.schemas.get()),
                       publisher: nil, logger: H.logger)
    }

    @Test("kept only for clean streams and only while the partition's checkpoint is the one committed")
    func rules() {
        let cache = StreamVersionCache(limit: 3)
        let (p0, p1) = (KafkaTopicPartition(topic: "t", partition: 0), KafkaTopicPartition(topic: "t", partition: 1))
        let (a, b, c) = (UUID(), UUID(), UUID())
        cache.remember(checkpoints: [p0: 10, p1: 5], streams: [(a, p0, StreamState(applied: 4)), (b, p1, StreamState(applied: 2)),
                                                             (c, p0, StreamState(applied: 1, blocked: true))])
        #expect(cache.versions(of: [a: p0, b: p1, c: p0], stored: [p0: 10, p1: 5]) == [a: 4, b: 2], "a blocked stream is not kept")
        #expect(cache.versions(of: [a: p1], stored: [p1: 5]).isEmpty, "kept under the partition its messages came from")
        #expect(cache.versions(of: [a: p0, b: p1], stored: [p0: 11]) == [b: 2], "p0 moved: its streams are read again")
        #expect(cache.versions(of: [a: p0], stored: [p0: 10]).isEmpty, "and stay forgotten")
        cache.remember(checkpoints: [p1: 6], streams: [(b, p1, StreamState(applied: 3, waiting: [5: WaitingEvent(
            raw: Self.message(b, version: 5, offset: 6), eventID: nil, persisted: false)])), (c, p1, StreamState(applied: 7))])
        #expect(cache.versions(of: [b: p1, c: p1], stored: [p1: 6]) == [c: 7], "a stream that now waits is dropped")
        let many = (0..<4).map { _ in (UUID(), p1, StreamState(applied: 1)) }
        cache.remember(checkpoints: [p1: 7], streams: many)
        #expect(cache.versions(of: [c: p1, many[0].0: p1], stored: [p1: 7]).isEmpty, "past the limit it starts over")
    }

    @Test("a stream another member advanced is read back; one this processor committed is not, and duplicates stay skipped")
    func anotherMember() async throws {
        let loan = UUID()
        try await ScratchDatabase.migrated(migrations: Migration.platform) { client in
            let member = try Self.processor(client)
            let other = try Self.processor(client)
            #expect(try await member.process([Self.message(loan, version: 1, offset: 0)]).applied == 1)
            // The partition moved to another member and back, which applied version 2 meanwhile.
            #expect(try await other.process([Self.message(loan, version: 2, offset: 1)]).applied == 1)
            let after = try await member.process([Self.message(loan, version: 3, offset: 2)])
            #expect(after.applied == 1 && after.held == 0, "version 3 follows the other member's 2, not a gap after 1")
            // Served from memory now: the checkpoint is the one this member committed.
            #expect(try await member.process([Self.message(loan, version: 4, offset: 3)]).applied == 1)
            let redelivered = try await member.process([Self.message(loan, version: 3, offset: 4)])
            #expect(redelivered.applied == 0 && redelivered.duplicates == 1)
            #expect(try await client.count("event_index") == 4)
            #expect(try await client.scalar("SELECT version::int8 FROM projection_stream WHERE stream_id = '\(loan)'") == 4)
        }
    }
}
