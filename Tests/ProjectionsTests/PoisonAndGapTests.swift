import EventStore
import Foundation
import Kafka
import LoanStreamTestSupport
import PostgresNIO
@testable import Projections
import Testing

@Suite("Poison messages, version gaps and the DLQ", .serialized)
struct PoisonAndGapTests {
    typealias H = ProjectorHarness

    static func admin(_ client: PostgresClient, dlq: String) throws -> DeadLetterAdmin {
        let producer = try H.producer()
        return DeadLetterAdmin(client: client, schemas: try RepositoryContracts.schemas.get(), publisher: { projector in
            DeadLetterPublisher(producer: producer, routes: [String(dlq.dropLast(4)): dlq], projector: projector)
        }, logger: H.logger)
    }

    @Test("poison goes to the DLQ with its origin and error; its loan waits, other loans flow; discard and replay resolve it")
    func poisonMessages() async throws {
        let (topic, dlq) = try await H.topics("poison", partitions: 3)
        let (good, schemaBroken, unknownType, garbage) = (UUID(), UUID(), UUID(), UUID())
        let badID = UUID()
        let invalid = SyntheticEvents.repaymentReceived(loanID: schemaBroken, version: 2, eventID: badID)
            .replacingOccurrences(of: "\"amount\":\"1250.00\"", with: "\"amount\":1250.0")
        let unknownID = UUID()
        let teleported = SyntheticEvents.repaymentReceived(loanID: unknownType, version: 1, eventID: unknownID)
            .replacingOccurrences(of: "repayment.received", with: "loan.teleported")
        let messages = [
            SyntheticEvents.repayment(topic: topic, loanID: good, version: 1),
            SyntheticEvents.repayment(topic: topic, loanID: schemaBroken, version: 1),
            SyntheticEvents.message(topic: topic, loanID: schemaBroken, version: 2, eventID: badID, value: invalid),
            SyntheticEvents.repayment(topic: topic, loanID: schemaBroken, version: 3),
            SyntheticEvents.message(topic: topic, loanID: unknownType, version: 1, eventID: unknownID, eventType: "loan.teleported", value: teleported),
            SyntheticEvents.message(topic: topic, loanID: garbage, version: 1, eventID: UUID(), value: "{\"event_id\": tru"),
            SyntheticEvents.repayment(topic: topic, loanID: good, version: 2),
            SyntheticEvents.repayment(topic: topic, loanID: good, version: 3),
        ]
        try await ScratchDatabase.migrated(migrations: Migration.platform) { client in
            let projector = try H.projector(client, settings: H.settings(topic: topic, dlq: dlq))
            let reports = try await H.running([projector]) {
                let reports = try await H.send(messages)
                try await H.eventually {
                    try await client.scalar("SELECT coalesce(sum(next_offset), 0)::int8 FROM projection_checkpoint") == messages.count
                }
                return reports
            }
            let applied = [0, 1, 6, 7]
            #expect(try await H.index(client) == H.expected(applied.map { messages[$0] }, applied.map { reports[$0] }),
                    "the good loan flows; the broken loan stops at version 1")
            #expect(try await client.scalar("SELECT count(*)::int8 FROM projection_waiting WHERE version = 3 AND stream_id = '\(schemaBroken)'") == 1)

            let dead = try await H.readAll(dlq, count: 4, timeout: .seconds(8))
            let poisoned = [2: "schema_mismatch", 4: "unknown_event_type", 5: "undecodable_envelope"]
            #expect(dead.count == 3, "exactly the poison messages are in the DLQ")
            for (index, errorClass) in poisoned {
                let report = reports[index]
                let match = dead.first { $0.headerText("dlq.original_offset") == String(report.offset)
                    && $0.headerText("dlq.original_partition") == String(report.partition) }
                #expect(match != nil, "message \(index) missing from the DLQ")
                guard let match else { continue }
                #expect(match.headerText("dlq.error_class") == errorClass)
                #expect(match.headerText("dlq.original_topic") == topic)
                #expect(match.headerText("dlq.projector") == "event_index")
                #expect(match.headerText("dlq.parked_at") != nil && match.headerText("dlq.error_message")?.isEmpty == false)
                #expect(match.value.map(Array.init) == messages[index].value, "the original value travels unchanged")
                #expect(match.headerText("event_id") != nil, "the original headers travel too")
            }

            let admin = try Self.admin(client, dlq: dlq)
            #expect(try await admin.list(projector: "event_index").count == 3)
            // Replaying what is still broken keeps it parked with the error and counts the attempt.
            let again = try await admin.replay(.eventID(unknownID), by: "test")
            #expect(!again.resolved && again.error?.contains("unknown_event_type") == true)
            #expect(try await client.scalar("SELECT replay_attempts FROM projection_parked WHERE event_id = '\(unknownID)'") == 1)
            // Discarding the schema-broken version lets the version behind it flow.
            let discarded = try await admin.discard(.eventID(badID), by: "test")
            #expect(discarded.resolved && discarded.applied == 1)
            #expect(try await client.scalar("SELECT version FROM projection_stream WHERE stream_id = '\(schemaBroken)'") == 3)
            #expect(try await client.scalar("SELECT count(*)::int8 FROM event_index WHERE stream_id = '\(schemaBroken)'") == 2)
            #expect(try await client.count("projection_waiting") == 0)
            #expect(try await admin.list(projector: "event_index").count == 2)
            #expect(try await client.scalar("SELECT count(*)::int8 FROM projection_parked WHERE resolution = 'discarded' AND resolved_by = 'test'") == 1)
        }
    }

    @Test("a version gap that fills is applied in order; one that never fills is parked as version_gap, then replayed once filled")
    func versionGaps() async throws {
        let (topic, dlq) = try await H.topics("gaps", partitions: 1)
        let (fills, neverFills) = (UUID(), UUID())
        try await ScratchDatabase.migrated(migrations: Migration.platform) { client in
            let projector = try H.projector(client, settings: H.settings(topic: topic, dlq: dlq, gapTimeout: .milliseconds(1500)))
            let missing = SyntheticEvents.repayment(topic: topic, loanID: neverFills, version: 2)
            try await H.running([projector]) {
                _ = try await H.send([
                    SyntheticEvents.repayment(topic: topic, loanID: fills, version: 1),
                    SyntheticEvents.repayment(topic: topic, loanID: fills, version: 3),
                    SyntheticEvents.repayment(topic: topic, loanID: neverFills, version: 1),
                    SyntheticEvents.repayment(topic: topic, loanID: neverFills, version: 3),
                    SyntheticEvents.repayment(topic: topic, loanID: neverFills, version: 4),
                ])
                try await H.eventually { try await client.count("event_index") >= 2 }
                _ = try await H.send([SyntheticEvents.repayment(topic: topic, loanID: fills, version: 2)])
                try await H.eventually { try await client.count("projection_parked") >= 1 }
                // The missing version turns up after the gap was given up on: it waits behind the parked one.
                _ = try await H.send([missing])
                try await H.eventually { try await client.count("projection_waiting") >= 2 }
            }
            #expect(try await client.scalar("SELECT count(*)::int8 FROM event_index WHERE stream_id = '\(fills)'") == 3)
            #expect(try await client.scalar("SELECT version FROM projection_stream WHERE stream_id = '\(neverFills)'") == 1)
            #expect(try await client.scalar("SELECT version FROM projection_parked WHERE error_class = 'version_gap' AND stream_id = '\(neverFills)'") == 3)
            let dead = try await H.readAll(dlq, count: 2, timeout: .seconds(5))
            #expect(dead.count == 1 && dead[0].headerText("dlq.error_class") == "version_gap")

            let admin = try Self.admin(client, dlq: dlq)
            guard let parked = try await admin.list(projector: "event_index").first else { Issue.record("nothing parked"); return }
            let outcome = try await admin.replay(.id(parked.id), by: "test")
            #expect(outcome.resolved && outcome.applied == 3, "2 (arrived late), 3 (parked) and 4 (waiting)")
            #expect(try await client.scalar("SELECT version FROM projection_stream WHERE stream_id = '\(neverFills)'") == 4)
            #expect(try await client.count("projection_waiting") == 0)
        }
    }
}
