import EventStore
import Foundation
import Kafka
import LoanStreamTestSupport
import PostgresNIO
@testable import Projections
import Testing

@Suite("Projector on the local stack", .serialized)
struct ProjectorIntegrationTests {
    typealias H = ProjectorHarness

    @Test("on assignment it starts at the offsets stored in PostgreSQL, not the group's (which it never commits)")
    func resumesFromPostgresCheckpoints() async throws {
        let (topic, dlq) = try await H.topics("resume", partitions: 3)
        let before = (0..<12).map { _ in SyntheticEvents.repayment(topic: topic, loanID: UUID(), version: 1) }
        let beforeReports = try await H.send(before)
        try await ScratchDatabase.migrated(migrations: Migration.platform) { client in
            // As if another instance had applied everything so far: the projector must not read it again.
            for (partition, next) in H.ends(beforeReports) {
                try await client.query("""
                    INSERT INTO projection_checkpoint (projector, topic, partition, next_offset)
                    VALUES ('event_index', \(partition.topic), \(partition.partition), \(next))
                    """)
            }
            let settings = try H.settings(topic: topic, dlq: dlq)
            let projector = try H.projector(client, settings: settings)
            let after = (0..<9).map { _ in SyntheticEvents.repayment(topic: topic, loanID: UUID(), version: 1) }
            let afterReports = try await H.running([projector]) {
                try await H.eventually { !projector.assignment.isEmpty }
                let reports = try await H.send(after)
                try await H.eventually { try await client.count("event_index") >= 9 }
                try await Task.sleep(for: .seconds(1))
                return reports
            }
            #expect(try await H.index(client) == H.expected(after, afterReports), "only the events after the stored offsets")
            let ends = H.ends(beforeReports + afterReports)
            #expect(try await H.checkpoints(client) == ends)
            let admin = try KafkaAdmin(configuration: KafkaAdminConfiguration(bootstrapServers: H.brokers()))
            let committed = try await admin.committedOffsets(group: settings.group!, partitions: Array(ends.keys))
            #expect(committed.values.allSatisfy { $0 == nil }, "the group's offsets are not where progress lives")
        }
    }

    @Test("duplicated deliveries (re-sent messages, seek back) are applied once")
    func duplicatesAreSkipped() async throws {
        let (topic, dlq) = try await H.topics("dupes", partitions: 3)
        let loans = (0..<5).map { _ in UUID() }
        let messages = (1...3).flatMap { version in loans.map { SyntheticEvents.repayment(topic: topic, loanID: $0, version: version) } }
        try await ScratchDatabase.migrated(migrations: Migration.platform) { client in
            let projector = try H.projector(client, settings: H.settings(topic: topic, dlq: dlq))
            let reports = try await H.running([projector]) {
                let reports = try await H.send(messages)
                _ = try await H.send(messages.shuffled())      // the same events again, later in the log
                _ = try await H.send(Array(messages.prefix(4)))
                try await H.eventually { try await client.count("event_index") >= 15 }
                try await H.eventually {
                    try await client.scalar("SELECT coalesce(sum(next_offset), 0)::int8 FROM projection_checkpoint") == 34
                }
                return reports
            }
            #expect(try await H.index(client) == H.expected(messages, reports))
            #expect(try await client.scalar("SELECT count(*)::int8 FROM projection_stream WHERE version = 3") == 5)
            #expect(try await client.count("projection_parked") == 0)
            #expect(try await client.count("projection_waiting") == 0)

            // A redelivery of what the checkpoint already covers (a seek back) changes nothing.
            let processor = BatchProcessor(projection: EventIndexProjection(), client: client,
                                           decoder: EventDecoder(schemas: try RepositoryContracts.schemas.get()), publisher: nil,
                                           logger: H.logger)
            let replay = zip(messages, reports).map { message, report in
                RawMessage(topic: topic, partition: report.partition, offset: report.offset, key: message.key, value: message.value,
                           headers: message.headers)
            }
            let outcome = try await processor.process(replay)
            #expect(outcome.applied == 0 && outcome.duplicates == 15)
        }
    }
}
