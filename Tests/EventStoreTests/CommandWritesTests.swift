import EventStore
import Foundation
import LoanStreamTestSupport
import PostgresNIO
import Testing

/// `EventStoreTransaction.write`: a command's five kinds of rows in one statement, with the same
/// guarantees as writing them one by one.
@Suite("Writing a command's rows in one statement")
struct CommandWritesTests {
    static func writes(_ loan: UUID, version: Int = 1, expected: Int = 0, key: String = "k1",
                       lines: [JournalEntryRecord.Line] = [.init(account: "loans_receivable", amountMinor: 500),
                                                           .init(account: "cash", amountMinor: -500)],
                       headers: [String: String] = ["event_type": "disbursement.executed"]) -> CommandWrites {
        let event = AppendTests.event(loan, version)
        return CommandWrites(
            kind: .loan, expectedVersion: expected, events: [event],
            journal: [JournalEntryRecord(entryID: UUID(), loanID: loan, eventID: event.eventID, currency: "INR",
                                         effectiveDate: "2026-01-15", description: "disbursement", lines: lines)],
            outbox: [OutboxRecord(topic: "lending.loan-events", key: loan.uuidString, headers: headers, payload: event.json)],
            response: StoredResponse(requestHash: "h-\(key)", statusCode: 201, body: Array(#"{"ok":true}"#.utf8), contentType: "application/json"),
            idempotencyScope: "test", idempotencyKey: key, loanID: loan, retention: .seconds(3_600))
    }

    static let tables = ["loan_event", "journal_entry", "journal_line", "outbox", "idempotency_key"]

    /// Rows per table, in the order of ``tables``.
    static func counts(_ client: PostgresClient) async throws -> [Int] {
        var counts: [Int] = []
        for table in tables { counts.append(try await client.count(table)) }
        return counts
    }

    @Test("every row lands, and the stored response replays")
    func writesEverything() async throws {
        try await AppendTests.migratedStore { store, client in
            let loan = UUID()
            try await store.transaction { try await $0.write(Self.writes(loan)) }
            #expect(try await Self.counts(client) == [1, 1, 2, 1, 1])
            let stored = try await store.transaction { try await $0.storedResponse(scope: "test", key: "k1") }
            #expect(stored?.statusCode == 201)
            #expect(stored?.body == Array(#"{"ok":true}"#.utf8))
        }
    }

    @Test("a stale expected version is a version conflict and writes nothing")
    func versionConflict() async throws {
        try await AppendTests.migratedStore { store, client in
            let loan = UUID()
            try await store.transaction { try await $0.write(Self.writes(loan)) }
            await #expect { try await store.transaction { try await $0.write(Self.writes(loan, key: "k2")) } } throws: {
                ($0 as? EventStoreError)?.code == .versionConflict
            }
            #expect(try await Self.counts(client) == [1, 1, 2, 1, 1])
        }
    }

    @Test("unclaimed (optimistic) write: outside a transaction block it lands whole; a taken key or version fails it whole")
    func unclaimedWrite() async throws {
        try await AppendTests.migratedStore { store, client in
            let loan = UUID()
            try await store.autocommit { try await $0.write(Self.writes(loan), mode: .unclaimed) }
            #expect(try await Self.counts(client) == [1, 1, 2, 1, 1])
            // Another stream under the same key: a claimed write would not store it, an unclaimed one must fail.
            await #expect { try await store.autocommit { try await $0.write(Self.writes(UUID()), mode: .unclaimed) } } throws: {
                ($0 as? EventStoreError)?.code == .versionConflict
            }
            await #expect { try await store.autocommit { try await $0.write(Self.writes(loan, key: "k2"), mode: .unclaimed) } } throws: {
                ($0 as? EventStoreError)?.code == .versionConflict
            }
            #expect(try await Self.counts(client) == [1, 1, 2, 1, 1], "nothing of the refused writes remains")
        }
    }

    @Test("look-up: a live stored response, an expired one, or none with the stream's tail, in one statement")
    func lookUp() async throws {
        try await AppendTests.migratedStore { store, client in
            let loan = UUID()
            try await store.autocommit { try await $0.write(Self.writes(loan), mode: .unclaimed) }
            let live = try await store.autocommit { try await $0.lookUp(scope: "test", key: "k1", stream: (loan, .loan, 0)) }
            #expect(live.stored?.statusCode == 201 && live.stored?.requestHash == "h-k1" && !live.expiredKey)
            let fresh = try await store.autocommit { try await $0.lookUp(scope: "test", key: "k9", stream: (loan, .loan, 0)) }
            #expect(fresh.stored == nil && !fresh.expiredKey && fresh.events.map(\.version) == [1])
            let past = try await store.autocommit { try await $0.lookUp(scope: "test", key: "k9", stream: (loan, .loan, 1)) }
            #expect(past.events.isEmpty)
            try await client.query("UPDATE idempotency_key SET expires_at = now() - interval '1 second'", logger: ScratchDatabase.logger)
            let expired = try await store.autocommit { try await $0.lookUp(scope: "test", key: "k1", stream: nil) }
            #expect(expired.stored == nil && expired.expiredKey)
        }
    }

    @Test("an unbalanced journal entry is refused at commit and nothing of the command remains")
    func unbalancedRefused() async throws {
        try await AppendTests.migratedStore { store, client in
            let unbalanced = Self.writes(UUID(), lines: [.init(account: "loans_receivable", amountMinor: 500),
                                                         .init(account: "cash", amountMinor: -499)])
            await #expect(throws: (any Error).self) { try await store.transaction { try await $0.write(unbalanced) } }
            let counts = try await Self.counts(client)
            #expect(counts == [0, 0, 0, 0, 0])
        }
    }

    @Test("a failure after the write and before commit leaves nothing")
    func atomicity() async throws {
        struct Injected: Error {}
        try await AppendTests.migratedStore { store, client in
            await #expect(throws: Injected.self) {
                try await store.transaction { tx in
                    try await tx.write(Self.writes(UUID()))
                    throw Injected()
                }
            }
            let counts = try await Self.counts(client)
            #expect(counts == [0, 0, 0, 0, 0])
        }
    }

    @Test("outbox headers with quotes, backslashes and control characters arrive as the same JSON strings")
    func headerEscaping() async throws {
        try await AppendTests.migratedStore { store, client in
            let headers = ["traceparent": "00-abc-def-01", "odd": "a \"quoted\" \\ path\nwith\ttabs \u{1} and ü"]
            try await store.transaction { try await $0.write(Self.writes(UUID(), headers: headers)) }
            let rows = try await client.query("SELECT headers::jsonb->>'odd', headers::jsonb->>'traceparent' FROM outbox", logger: ScratchDatabase.logger)
            for try await (odd, trace) in rows.decode((String, String).self) {
                #expect(odd == headers["odd"])
                #expect(trace == headers["traceparent"])
            }
        }
    }
}

/// `lockAndLoadStream`: the stream lock and its tail in one round trip when the lock is free.
@Suite("Locking and loading a stream")
struct LockAndLoadTests {
    @Test("a free stream is locked and its tail read; a held stream waits for the holder and then sees its events")
    func lockAndLoad() async throws {
        try await AppendTests.migratedStore { store, _ in
            let loan = UUID()
            try await store.transaction { try await $0.append([AppendTests.event(loan, 1), AppendTests.event(loan, 2)], expectedVersion: 0) }
            let tail = try await store.transaction { try await $0.lockAndLoadStream(loan, afterVersion: 1) }
            #expect(tail.map(\.version) == [2])
            let clock = ContinuousClock()
            let (holderDone, waiterSaw) = try await withThrowingTaskGroup(of: (ContinuousClock.Instant?, [Int]?).self) { group in
                group.addTask {
                    try await store.transaction { tx in
                        _ = try await tx.lockAndLoadStream(loan, afterVersion: 2)
                        try await Task.sleep(for: .milliseconds(600))
                        try await tx.append([AppendTests.event(loan, 3)], expectedVersion: 2)
                    }
                    return (clock.now, nil)
                }
                group.addTask {
                    try await Task.sleep(for: .milliseconds(200))
                    let seen = try await store.transaction { try await $0.lockAndLoadStream(loan, afterVersion: 2).map(\.version) }
                    return (clock.now, seen)
                }
                var done: ContinuousClock.Instant?
                var seen: [Int]?
                for try await (instant, versions) in group {
                    if let versions { seen = versions } else { done = instant }
                }
                return (done, seen)
            }
            #expect(holderDone != nil)
            #expect(waiterSaw == [3], "the waiter must see the version the holder committed while it waited")
        }
    }
}

/// `claimIdempotencyKey`: a key is claimed once; later requests get the stored response.
@Suite("Claiming an idempotency key")
struct ClaimTests {
    @Test("a new key is claimed; after commit the stored response comes back; an expired one is claimed again")
    func claim() async throws {
        try await AppendTests.migratedStore { store, client in
            let loan = UUID()
            let first = try await store.transaction { tx -> StoredResponse? in
                let claimed = try await tx.claimIdempotencyKey(scope: "test", key: "k1", requestHash: "h-k1")
                try await tx.write(CommandWritesTests.writes(loan))
                return claimed
            }
            #expect(first == nil)
            let replay = try await store.transaction { try await $0.claimIdempotencyKey(scope: "test", key: "k1", requestHash: "other") }
            #expect(replay?.requestHash == "h-k1")
            #expect(replay?.statusCode == 201)
            // A rolled-back claim leaves nothing behind.
            struct Abandon: Error {}
            await #expect(throws: Abandon.self) {
                try await store.transaction { tx in
                    _ = try await tx.claimIdempotencyKey(scope: "test", key: "k2", requestHash: "h")
                    throw Abandon()
                }
            }
            let rows = try await client.count("idempotency_key")
            #expect(rows == 1)
            // Expired responses are claimed like new keys.
            try await client.query("UPDATE idempotency_key SET expires_at = now() - interval '1 second'", logger: ScratchDatabase.logger)
            let again = try await store.transaction { try await $0.claimIdempotencyKey(scope: "test", key: "k1", requestHash: "h2") }
            #expect(again == nil)
        }
    }
}
