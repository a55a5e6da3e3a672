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
            for loan in book.loans {
                let (state, version, asOf) = try await h.fold(loan)
                let row = try #require(try await h.json("SELECT to_jsonb(v)::text FROM loan_view v WHERE loan_id = '\(loan)'"))
                let dpd = DelinquencyClassifier(policy: state.terms?.delinquency ?? .standard)
                    .classify(state.installments, on: asOf ?? d("1970-01-01"))
                #expect(row["version"]?.numberValue?.int64 == Int64(version))
                #expect(row["status"]?.stringValue == state.status.rawValue)
                #expect(row["product_code"]?.stringValue == state.productCode)
                #expect(row["borrower_id"]?.stringValue == state.borrowerId?.description)
                #expect(row["principal_minor"]?.numberValue?.int64 == state.disbursedAmount)
                #expect(row["outstanding_principal_minor"]?.numberValue?.int64 == state.outstanding.principal)
                #expect(row["outstanding_interest_minor"]?.numberValue?.int64 == state.outstanding.interest)
                #expect(row["outstanding_fees_minor"]?.numberValue?.int64 == state.outstanding.fees)
                #expect(row["outstanding_penalty_minor"]?.numberValue?.int64 == state.outstanding.penalty)
                #expect(row["outstanding_total_minor"]?.numberValue?.int64 == state.outstanding.total)
                #expect(row["excess_minor"]?.numberValue?.int64 == state.excess)
                #expect(row["days_past_due"]?.numberValue?.int64 == Int64(dpd.daysPastDue))
                #expect(row["bucket"]?.stringValue == dpd.bucket)
                #expect(row["as_of_date"]?.stringValue == asOf?.description)
                #expect(row["installments_total"]?.numberValue?.int64 == Int64(state.installments.count))
                #expect(row["last_payment_minor"]?.numberValue?.int64 == state.repayments.last?.amount)
            }
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
            for loan in [book.x, book.y] {
                let lines = try await h.client.query("""
                    SELECT line_no, principal_minor, interest_minor, fees_minor, penalty_minor, excess_minor,
                           balance_principal_minor, balance_interest_minor, balance_fees_minor, balance_penalty_minor,
                           balance_total_minor, balance_excess_minor
                      FROM statement_line WHERE loan_id = \(loan) ORDER BY line_no
                    """)
                var running = [Int64](repeating: 0, count: 5)
                var count = 0
                var last: [Int64] = []
                for try await row in lines.decode((Int, Int64, Int64, Int64, Int64, Int64, Int64, Int64, Int64, Int64, Int64, Int64).self) {
                    count += 1
                    #expect(row.0 == count, "line numbers run 1, 2, 3 … without gaps")
                    running[0] += row.1; running[1] += row.2; running[2] += row.3; running[3] += row.4; running[4] += row.5
                    #expect([row.6, row.7, row.8, row.9, row.11] == running, "line \(row.0): balances are the running sums")
                    #expect(row.10 == row.6 + row.7 + row.8 + row.9)
                    last = [row.6, row.7, row.8, row.9, row.10, row.11]
                }
                let (state, _, _) = try await h.fold(loan)
                let entries = try await h.int("SELECT count(*)::int8 FROM journal_entry WHERE loan_id = '\(loan)'")
                #expect(count == entries, "one statement line per journal entry")
                #expect(last == [state.outstanding.principal, state.outstanding.interest, state.outstanding.fees,
                                 state.outstanding.penalty, state.outstanding.total, state.excess])
                // Ledger balances equal the journal's, account by account.
                let mismatches = try await h.int("""
                    SELECT count(*)::int8 FROM (
                        SELECT l.account, sum(l.amount_minor) AS total FROM journal_line l JOIN journal_entry e USING (entry_id)
                         WHERE e.loan_id = '\(loan)' GROUP BY l.account) j
                    FULL JOIN (SELECT account, balance_minor FROM ledger_balance WHERE loan_id = '\(loan)') b USING (account)
                    WHERE coalesce(j.total, 0) <> coalesce(b.balance_minor, 0)
                    """)
                #expect(mismatches == 0)
            }
            let totals = try await h.int("""
                SELECT count(*)::int8 FROM (SELECT account, sum(amount_minor) AS total FROM journal_line GROUP BY account) j
                FULL JOIN (SELECT account, sum(balance_minor) AS total FROM ledger_balance GROUP BY account) b USING (account)
                WHERE coalesce(j.total, 0) <> coalesce(b.total, 0)
                """)
            #expect(totals == 0, "book totals per account agree with the journal")
            #expect(try await h.int("SELECT count(*)::int8 FROM ledger_balance WHERE loan_id = '\(book.z)'") == 0)
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
