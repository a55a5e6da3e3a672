import LoanStreamTestSupport
import EventStore
import Foundation
import PostgresNIO
import Testing

@Suite("Appending to the event store")
struct AppendTests {
    static func event(_ loan: UUID, _ version: Int, effective: Date = Date(), type: String = "accrual.posted") -> StoredEvent {
        StoredEvent(streamID: loan, version: version, eventID: UUID(), eventType: type, schemaVersion: 1,
                    occurredAt: Date(), effectiveAt: effective, json: #"{"version":\#(version)}"#)
    }

    static func migratedStore(_ body: @escaping @Sendable (EventStore, PostgresClient) async throws -> Void) async throws {
        try await ScratchDatabase.with { client in
            try await MigrationRunner(client: client, logger: ScratchDatabase.logger).migrate()
            try await body(EventStore(client: client, logger: ScratchDatabase.logger), client)
        }
    }


    @Test("versions continue the stream; a writer behind the stream gets a version conflict")
    func optimisticConcurrency() async throws {
        try await Self.migratedStore { store, _ in
            let loan = UUID()
            try await store.transaction { try await $0.append([Self.event(loan, 1), Self.event(loan, 2)], expectedVersion: 0) }
            await #expect { try await store.transaction { try await $0.append([Self.event(loan, 2)], expectedVersion: 1) } } throws: {
                ($0 as? EventStoreError)?.code == .versionConflict
            }
            let versions = try await store.transaction { try await $0.loadStream(loan).map(\.version) }
            #expect(versions == [1, 2])
            #expect(try await store.transaction { try await $0.currentVersion(of: loan) } == 2)
        }
    }

    @Test("a failure after the event insert and before commit leaves no event, journal, idempotency or outbox row")
    func atomicity() async throws {
        struct Injected: Error {}
        try await Self.migratedStore { store, client in
            let loan = UUID()
            let event = Self.event(loan, 1)
            await #expect(throws: Injected.self) {
                try await store.transaction { tx in
                    try await tx.lockIdempotencyKey(scope: "test", key: "k1")
                    try await tx.append([event], expectedVersion: 0)
                    try await tx.post([JournalEntryRecord(entryID: UUID(), loanID: loan, eventID: event.eventID, currency: "INR",
                                                          effectiveDate: "2026-01-15", description: "disbursement",
                                                          lines: [.init(account: "loans_receivable", amountMinor: 500),
                                                                  .init(account: "cash", amountMinor: -500)])])
                    try await tx.enqueue([OutboxRecord(topic: "lending.loan-events", key: loan.uuidString, headers: [:], payload: event.json)])
                    try await tx.storeResponse(StoredResponse(requestHash: "h", statusCode: 201, body: [1], contentType: "application/json"),
                                               scope: "test", key: "k1", loanID: loan)
                    throw Injected()
                }
            }
            for table in ["loan_event", "journal_entry", "journal_line", "outbox", "idempotency_key"] {
                let rows = try await client.count(table)
                #expect(rows == 0, "\(table) must be empty")
            }
        }
    }

    @Test("time travel: the stream as of a time on the recorded or the effective axis")
    func timeTravel() async throws {
        try await Self.migratedStore { store, _ in
            let loan = UUID()
            let january = Date(timeIntervalSince1970: 1_768_435_200)  // 2026-01-15
            let backdated = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01
            try await store.transaction { try await $0.append([Self.event(loan, 1, effective: january)], expectedVersion: 0) }
            let between = Date()
            try await Task.sleep(for: .milliseconds(20))
            try await store.transaction { try await $0.append([Self.event(loan, 2, effective: backdated)], expectedVersion: 1) }
            let recorded = try await store.transaction { try await $0.loadStream(loan, asOf: (between, .recorded)).map(\.version) }
            #expect(recorded == [1], "version 2 was recorded after the cut-off")
            let effective = try await store.transaction { try await $0.loadStream(loan, asOf: (january.addingTimeInterval(-1), .effective)).map(\.version) }
            #expect(effective == [2], "only the backdated event had taken effect before January 15")
        }
    }

    @Test("a stored response is replayed for its key; an expired one is not")
    func storedResponses() async throws {
        try await Self.migratedStore { store, client in
            let response = StoredResponse(requestHash: "abc", statusCode: 201, body: Array(#"{"ok":true}"#.utf8), contentType: "application/json")
            try await store.transaction { try await $0.storeResponse(response, scope: "repayments", key: "k", loanID: nil) }
            #expect(try await store.transaction { try await $0.storedResponse(scope: "repayments", key: "k") } == response)
            #expect(try await store.transaction { try await $0.storedResponse(scope: "other", key: "k") } == nil)
            try await store.transaction { try await $0.storeResponse(response, scope: "s", key: "old", loanID: nil, retention: .seconds(0)) }
            #expect(try await store.transaction { try await $0.storedResponse(scope: "s", key: "old") } == nil)
            #expect(try await client.count("idempotency_key") == 2)
        }
    }
}
