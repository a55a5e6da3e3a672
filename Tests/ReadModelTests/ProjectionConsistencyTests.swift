import EventSchemas
import Foundation
import Lending
import Projections
import Testing

@Suite("Read models agree with the event store, the domain and the journal")
struct ProjectionConsistencyTests {
    @Test("loan_view holds what LoanState.fold of the event store gives, as of the loan's latest business date")
    func loanViewMatchesFold() async throws {
        try await ReadModelHarness.run { h in
            let book = try await Book.open(h)
            let d = ReadModelHarness.date
            // A backdated payment on X: the domain reverses and re-derives; the view must follow.
            try await h.repay(book.x, "9000.00", on: d("2026-03-16"), today: Book.lastDay)
            try await h.projectAll(batchSize: 17)
            for loan in book.loans { try await h.expectLoanViewMatchesFold(loan) }
            let x = try #require(try await h.json("SELECT to_jsonb(v)::text FROM loan_view v WHERE loan_id = '\(book.x)'"))
            #expect(x["status"]?.stringValue == "active")
            #expect(x["last_payment_date"]?.stringValue == "2026-03-16")
            #expect((x["outstanding_principal_minor"]?.numberValue?.int64 ?? 0) < 10_000_000, "the backdated payment reached principal")
        }
    }

    @Test("statement lines run in order, their balances are the ledger's, and end at the loan's outstanding balance")
    func statementAndLedger() async throws {
        try await ReadModelHarness.run { h in
            let book = try await Book.open(h)
            try await h.repay(book.x, "9000.00", on: ReadModelHarness.date("2026-03-16"), today: Book.lastDay)
            try await h.projectAll(batchSize: 23)
            for loan in [book.x, book.y] { try await h.expectStatementAgreesWithLedger(loan) }
            try await h.expectBookTotalsAgreeWithJournal()
            #expect(try await h.int("SELECT count(*)::int8 FROM ledger_balance WHERE loan_id = '\(book.z)'") == 0)
        }
    }

    @Test("instances sharing loans, and a rolled-back batch, never fold from a stale in-memory snapshot")
    func snapshotCacheFollowsTheTable() async throws {
        try await ReadModelHarness.run { h in
            let book = try await Book.open(h)
            try await h.repay(book.x, "9000.00", on: ReadModelHarness.date("2026-03-16"), today: Book.lastDay)
            let events = try await h.outboxEvents()
            // Two instances take turns, as partitions move between projector processes; each keeps its own cache.
            let instances = [ReadModelProjection(), ReadModelProjection()]
            var start = 0, turn = 0
            while start < events.count {
                let batch = Array(events[start..<min(start + 9, events.count)])
                let projection = instances[turn % 2]
                try await h.client.withTransaction(logger: ReadModelHarness.logger) { connection in
                    try await projection.apply(batch, connection: connection, logger: ReadModelHarness.logger)
                }
                if turn == 3 {
                    // The same instance applies the next batch in a transaction that rolls back: its cache saw
                    // versions the table never got.
                    let next = Array(events[min(start + 9, events.count)..<min(start + 18, events.count)])
                    struct Abort: Error {}
                    await #expect(throws: (any Error).self) {
                        try await h.client.withTransaction(logger: ReadModelHarness.logger) { connection in
                            try await projection.apply(next, connection: connection, logger: ReadModelHarness.logger)
                            throw Abort()
                        }
                    }
                }
                start += batch.count
                turn += 1
            }
            for loan in book.loans { try await h.expectLoanViewMatchesFold(loan) }
            try await h.expectBookTotalsAgreeWithJournal()
        }
    }

    @Test("one event per batch, or everything in one batch with streams interleaved differently, gives identical rows")
    func batchSplitsAreInvisible() async throws {
        try await ReadModelHarness.run { h in
            let book = try await Book.open(h)
            try await h.repay(book.x, "9000.00", on: ReadModelHarness.date("2026-03-16"), today: Book.lastDay)
            let events = try await h.outboxEvents()
            try await h.project(events, batchSize: 1)
            let one = try await h.readModelDigest()
            try await h.truncateReadModels()
            // Another partitioning: streams in a different order, each stream still in version order.
            let order = Dictionary(uniqueKeysWithValues: book.loans.reversed().enumerated().map { ($1, $0) })
            let reordered = events.enumerated().sorted { a, b in
                let (ka, kb) = (order[a.element.streamID] ?? -1, order[b.element.streamID] ?? -1)
                return ka != kb ? ka < kb : a.offset < b.offset
            }.map(\.element)
            try await h.project(reordered, batchSize: 1_000)
            let all = try await h.readModelDigest()
            #expect(one == all)
            #expect(one["loan_view"]?.hasSuffix(":3") == true)
            // A replay of the whole log changes nothing (duplicates are skipped).
            try await h.project(events, batchSize: 64)
            #expect(try await h.readModelDigest() == all)
        }
    }

    @Test("an event the domain cannot decode is refused permanently, naming it, and nothing of its batch is written")
    func undecodableEventIsPermanent() async throws {
        try await ReadModelHarness.run { h in
            let book = try await Book.open(h)
            let events = try await h.outboxEvents()
            let index = try #require(events.firstIndex { $0.eventType == "repayment.received" })
            var bad = events[index]
            bad.envelope = Self.replacing(bad.envelope, data: ["amount": ["amount": "ten", "currency": "INR"]])
            let batch = Array(events[..<index]) + [bad]
            await #expect {
                try await h.project(batch, batchSize: batch.count)
            } throws: { error in
                guard case let .permanent(eventID, errorClass, _) = error as? ProjectionFailure else { return false }
                return eventID == bad.eventID && errorClass == "undecodable_event"
            }
            #expect(try await h.int("SELECT count(*)::int8 FROM loan_view") == 0)
            #expect(try await h.int("SELECT count(*)::int8 FROM cdc_outbox") == 0)
            _ = book
        }
    }

    @Test("every changed row has a CDC outbox row: topic cdc.<table>, primary-key key, {op, table, row, source}")
    func changeCapture() async throws {
        try await ReadModelHarness.run { h in
            let book = try await Book.open(h)
            try await h.projectAll(batchSize: 40)
            let loanRow = try #require(try await h.json("""
                SELECT payload FROM cdc_outbox WHERE topic = 'cdc.loan_view' AND key = '\(book.x.uuidString.lowercased())'
                 ORDER BY id DESC LIMIT 1
                """))
            #expect(loanRow["op"]?.stringValue == "upsert" && loanRow["table"]?.stringValue == "loan_view")
            #expect(loanRow["row"]?["loan_id"]?.stringValue == book.x.uuidString.lowercased())
            #expect(loanRow["source"]?["topic"]?.stringValue == "lending.loan-events")
            #expect(loanRow["source"]?["event_id"]?.stringValue != nil && loanRow["source"]?["offset"] != nil)
            let version = try await h.json("SELECT version::text FROM loan_view WHERE loan_id = '\(book.x)'")
            #expect(loanRow["row"]?["version"] == version)
            let lines = try await h.int("SELECT count(*)::int8 FROM statement_line")
            #expect(try await h.int("SELECT count(*)::int8 FROM cdc_outbox WHERE topic = 'cdc.statement_line'") == lines)
            #expect(try await h.int("""
                SELECT count(*)::int8 FROM cdc_outbox WHERE topic = 'cdc.statement_line' AND key = '["\(book.x.uuidString.lowercased())", 1]'
                """) == 1)
            #expect(try await h.int("SELECT count(DISTINCT key)::int8 FROM cdc_outbox WHERE topic = 'cdc.borrower_view'") == 2)
            let days = try await h.int("SELECT count(*)::int8 FROM portfolio_daily")
            #expect(try await h.int("SELECT count(DISTINCT key)::int8 FROM cdc_outbox WHERE topic = 'cdc.portfolio_daily'") == days)
            #expect(try await h.int("SELECT count(*)::int8 FROM cdc_outbox WHERE key = '[\"2026-01-15\", \"PL\", \"INR\"]'") >= 1)
        }
    }

    /// The envelope with some members of `data` replaced.
    static func replacing(_ envelope: JSONValue, data changes: [String: JSONValue]) -> JSONValue {
        guard var object = envelope.objectValue, var data = object["data"]?.objectValue else { return envelope }
        for (key, value) in changes { data[key] = value }
        object["data"] = .object(data)
        return .object(object)
    }
}
