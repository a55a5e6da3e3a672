import EventStore
import Foundation
import Kafka
import Logging
import LoanStreamTestSupport
import PostgresNIO
@testable import Projections
import Synchronization
import Testing

/// event_index, but `apply` fails: transiently a given number of times, or for good for one event.
final class FlakyProjection: Projection, Sendable {
    let failures: Mutex<Int>
    let refuse: UUID?
    let calls = Mutex(0)

    init(transientFailures: Int, refuse: UUID? = nil) {
        failures = Mutex(transientFailures)
        self.refuse = refuse
    }

    var name: String { "event_index" }
    var topics: [String] { [] }
    var tables: [String] { ["event_index"] }

    struct Unavailable: Error {}

    func apply(_ events: [ProjectedEvent], connection: PostgresConnection, logger: Logger) async throws {
        calls.withLock { $0 += 1 }
        // Write first, then fail: the failed attempt's rows must be rolled back.
        try await EventIndexProjection().apply(events, connection: connection, logger: logger)
        if failures.withLock({ remaining in defer { remaining -= 1 }; return remaining > 0 }) { throw Unavailable() }
        if let refuse, events.contains(where: { $0.eventID == refuse }) {
            throw ProjectionFailure.permanent(eventID: refuse, errorClass: "impossible_transition", message: "refused by the test")
        }
    }
}

@Suite("Transient and permanent failures", .serialized)
struct FailureClassificationTests {
    typealias H = ProjectorHarness

    static func batch(topic: String, _ messages: [KafkaProducerMessage]) -> [RawMessage] {
        messages.enumerated().map { index, message in
            RawMessage(topic: topic, partition: 0, offset: Int64(index), key: message.key, value: message.value, headers: message.headers)
        }
    }

    @Test("a transient failure is retried with backoff and the batch then commits once")
    func transientRetried() async throws {
        let loans = (0..<4).map { _ in UUID() }
        let messages = loans.map { SyntheticEvents.repayment(topic: "t", loanID: $0, version: 1) }
        try await ScratchDatabase.migrated(migrations: Migration.platform) { client in
            let flaky = FlakyProjection(transientFailures: 3)
            let processor = BatchProcessor(projection: flaky, client: client, decoder: EventDecoder(schemas: try RepositoryContracts.schemas.get()),
                                           publisher: nil, retry: RetryPolicy(initialDelay: .milliseconds(5)), logger: H.logger)
            let outcome = try await processor.process(Self.batch(topic: "t", messages))
            #expect(outcome.attempts == 4 && outcome.applied == 4)
            #expect(try await client.count("event_index") == 4)
            #expect(try await client.scalar("SELECT next_offset FROM projection_checkpoint") == 4)
        }
    }

    @Test("when transient failures outlast the policy the projector gives up loudly and nothing is committed")
    func retriesExhausted() async throws {
        let messages = [SyntheticEvents.repayment(topic: "t", loanID: UUID(), version: 1)]
        try await ScratchDatabase.migrated(migrations: Migration.platform) { client in
            let processor = BatchProcessor(projection: FlakyProjection(transientFailures: 100), client: client,
                                           decoder: EventDecoder(schemas: try RepositoryContracts.schemas.get()), publisher: nil,
                                           retry: RetryPolicy(initialDelay: .milliseconds(1), maxAttempts: 3), logger: H.logger)
            await #expect(throws: ProjectorError.self) { try await processor.process(Self.batch(topic: "t", messages)) }
            #expect(try await client.count("event_index") == 0)
            #expect(try await client.count("projection_checkpoint") == 0)
        }
    }

    @Test("an event the projection refuses for good is parked with its stream; the rest of the batch commits")
    func permanentFromApply() async throws {
        let (topic, dlq) = try await H.topics("refuse", partitions: 1)
        let (a, b) = (UUID(), UUID())
        let refused = UUID()
        let messages = [
            SyntheticEvents.repayment(topic: topic, loanID: a, version: 1),
            SyntheticEvents.repayment(topic: topic, loanID: b, version: 1, eventID: refused),
            SyntheticEvents.repayment(topic: topic, loanID: a, version: 2),
            SyntheticEvents.repayment(topic: topic, loanID: b, version: 2),
        ]
        try await ScratchDatabase.migrated(migrations: Migration.platform) { client in
            let producer = try H.producer()
            let processor = BatchProcessor(projection: FlakyProjection(transientFailures: 0, refuse: refused), client: client,
                                           decoder: EventDecoder(schemas: try RepositoryContracts.schemas.get()),
                                           publisher: DeadLetterPublisher(producer: producer, routes: [topic: dlq], projector: "event_index"),
                                           logger: H.logger)
            let outcome = try await processor.process(Self.batch(topic: topic, messages))
            try await producer.close()
            #expect(outcome.applied == 2 && outcome.parked == 1 && outcome.held == 1)
            #expect(try await client.scalar("SELECT count(*)::int8 FROM event_index WHERE stream_id = '\(a)'") == 2)
            #expect(try await client.scalar("SELECT count(*)::int8 FROM event_index WHERE stream_id = '\(b)'") == 0,
                    "the refused event's writes were rolled back")
            #expect(try await client.scalar("SELECT count(*)::int8 FROM projection_parked WHERE error_class = 'impossible_transition' AND event_id = '\(refused)'") == 1)
            let dead = try await H.readAll(dlq, count: 2, timeout: .seconds(5))
            #expect(dead.count == 1)
        }
    }
}
