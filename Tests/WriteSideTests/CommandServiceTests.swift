import EventSchemas
import EventStore
import Foundation
import HTTPAPI
import Lending
import LoanStreamTestSupport
import Testing

@Suite("Write side: commands to events, journal, outbox and idempotency in one transaction")
struct CommandServiceTests {
    @Test("an origination through disbursement writes versioned events, a balanced journal and one outbox row per event")
    func origination() async throws {
        try await WriteSide.run { side in
            let loan = try await side.activeLoan()
            let events = try await side.scalar("SELECT count(*)::int8 FROM loan_event WHERE loan_id = '\(loan)'")
            let maxVersion = try await side.scalar("SELECT max(version)::int8 FROM loan_event WHERE loan_id = '\(loan)'")
            #expect(events >= 7 && maxVersion == events, "versions 1…n without gaps")
            #expect(try await side.scalar("SELECT count(*)::int8 FROM outbox WHERE key = '\(loan.uuidString.lowercased())'") == events)
            #expect(try await side.scalar("SELECT coalesce(sum(amount_minor), 0)::int8 FROM journal_line") == 0)
            #expect(try await side.scalar("""
                SELECT coalesce(sum(amount_minor), 0)::int8 FROM journal_line l JOIN journal_entry e USING (entry_id)
                 WHERE e.loan_id = '\(loan)' AND l.account = '1100_loans_receivable'
                """) == 10_000_000, "the ledger holds the disbursed principal as receivable")
            #expect(try await side.scalar("SELECT count(*)::int8 FROM borrower_event") == 1)
        }
    }

    @Test("the same key and request replays the stored reply; another request with that key is refused")
    func idempotency() async throws {
        try await WriteSide.run { side in
            let loan = try await side.activeLoan()
            let pay = WriteSide.repayment(EntityID("00000000-0000-4000-8000-0000000000aa")!, "5000.00")
            let first = try await side.service.execute(side.request(.loan(loan, pay), key: "pay-1", hash: "h1"))
            let again = try await side.service.execute(side.request(.loan(loan, pay), key: "pay-1", hash: "h1"))
            #expect(!first.replayed && again.replayed)
            #expect(first.body == again.body && first.status == again.status)
            await #expect { try await side.service.execute(side.request(.loan(loan, pay), key: "pay-1", hash: "other")) } throws: {
                ($0 as? CommandError)?.code == .idempotencyKeyReused
            }
            #expect(try await side.scalar("SELECT count(*)::int8 FROM loan_event WHERE event_type = 'repayment.received'") == 1)
        }
    }

    @Test("concurrent duplicates of one idempotency key produce one event")
    func concurrentDuplicates() async throws {
        try await WriteSide.run { side in
            let loan = try await side.activeLoan()
            let pay = WriteSide.repayment(EntityID("00000000-0000-4000-8000-0000000000bb")!, "700.00")
            let replies = try await withThrowingTaskGroup(of: CommandReply.self) { group in
                for _ in 0..<8 { group.addTask { try await side.service.execute(side.request(.loan(loan, pay), key: "dup", hash: "same")) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(Set(replies.map(\.body)).count == 1, "every caller sees the same answer")
            #expect(replies.filter { !$0.replayed }.count == 1)
            #expect(try await side.scalar("SELECT count(*)::int8 FROM loan_event WHERE event_type = 'repayment.received'") == 1)
        }
    }

    @Test("concurrent duplicates of an origination (a new stream each attempt) create one loan, and every caller sees it")
    func concurrentDuplicateOriginations() async throws {
        try await WriteSide.run { side in
            let borrower = try await side.execute(.newBorrower(.register(fullName: "Ravi Iyer", dateOfBirth: LocalDate("1988-01-09")!,
                                                                          mobile: "+919800000002", email: nil))).id
            let apply = LoanCommand.createApplication(borrowerId: EntityID(borrower.uuidString.lowercased())!, productCode: "PL",
                                                      requestedAmount: WriteSide.money("50000.00"), requestedTenure: 6)
            let replies = try await withThrowingTaskGroup(of: CommandReply.self) { group in
                for _ in 0..<8 { group.addTask { try await side.service.execute(side.request(.newLoan(apply), key: "apply", hash: "same")) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(Set(replies.map(\.body)).count == 1, "every caller is told about the same loan")
            #expect(replies.filter { !$0.replayed }.count == 1)
            #expect(try await side.scalar("SELECT count(DISTINCT loan_id)::int8 FROM loan_event") == 1)
            #expect(try await side.scalar("SELECT count(*)::int8 FROM outbox WHERE headers::jsonb->>'event_type' = 'application.created'") == 1)
        }
    }

    @Test("a key whose stored response expired is claimed again: the command runs anew and its new reply is stored")
    func expiredKeyRunsAgain() async throws {
        try await WriteSide.run { side in
            let loan = try await side.activeLoan()
            let pay = WriteSide.repayment(EntityID("00000000-0000-4000-8000-0000000000cc")!, "300.00")
            let first = try await side.service.execute(side.request(.loan(loan, pay), key: "old", hash: "h1"))
            try await side.client.query("UPDATE idempotency_key SET expires_at = now() - interval '1 second' WHERE key = 'old'",
                                        logger: ScratchDatabase.logger)
            let second = try await side.service.execute(side.request(
                .loan(loan, WriteSide.repayment(EntityID("00000000-0000-4000-8000-0000000000cd")!, "300.00")),
                key: "old", hash: "h2"))
            #expect(!first.replayed && !second.replayed)
            #expect(first.body != second.body, "the second reply names the new version")
            #expect(try await side.scalar("SELECT count(*)::int8 FROM loan_event WHERE event_type = 'repayment.received'") == 2)
            #expect(try await side.scalar("SELECT count(*)::int8 FROM idempotency_key WHERE key = 'old' AND request_hash = 'h2' AND expires_at > now()") == 1)
        }
    }

    @Test("parallel repayments on one loan: each accepted one is recorded once, versions have no gaps, never over-repaid")
    func parallelRepayments() async throws {
        try await WriteSide.run { side in
            let loan = try await side.activeLoan()
            // 30 payments of 4,000.00 (120,000.00) against 100,000.00 plus interest: more than is owed.
            let results = await withTaskGroup(of: Bool.self) { group in
                for n in 0..<30 {
                    group.addTask {
                        let id = EntityID(String(format: "00000000-0000-4000-8000-%012d", 500 + n))!
                        let pay = WriteSide.repayment(id, "4000.00")
                        return (try? await side.service.execute(side.request(.loan(loan, pay)))) != nil
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            let accepted = results.filter { $0 }.count
            #expect(accepted == 30, "conflicting writers are re-decided, not refused")
            let received = try await side.scalar("SELECT count(*)::int8 FROM loan_event WHERE loan_id = '\(loan)' AND event_type = 'repayment.received'")
            #expect(received == accepted)
            let (count, top) = (try await side.scalar("SELECT count(*)::int8 FROM loan_event WHERE loan_id = '\(loan)'"),
                                try await side.scalar("SELECT max(version)::int8 FROM loan_event WHERE loan_id = '\(loan)'"))
            #expect(count == top)
            #expect(try await side.scalar("SELECT count(*)::int8 FROM outbox") == (try await side.scalar("SELECT count(*)::int8 FROM loan_event")) + 1)
            #expect(try await side.scalar("SELECT coalesce(sum(amount_minor), 0)::int8 FROM journal_line") == 0)
            // Never over-repaid: no receivable goes below zero; what is not owed waits as customer excess.
            let lowestReceivable = try await side.scalar("""
                SELECT coalesce(min(balance), 0)::int8 FROM (SELECT sum(amount_minor) AS balance FROM journal_line
                 WHERE account LIKE '11%' GROUP BY account) b
                """)
            #expect(lowestReceivable >= 0)
            let excess = try await side.scalar("SELECT (-sum(amount_minor))::int8 FROM journal_line WHERE account = '2100_customer_excess_suspense'")
            #expect(excess == 12_000_000, "nothing was due yet: all 120,000.00 is held as excess")
        }
    }
}
