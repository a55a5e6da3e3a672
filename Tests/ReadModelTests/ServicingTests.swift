import EventSchemas
import Foundation
import Lending
import Testing

@Suite("Read models through every kind of money movement")
struct ServicingTests {
    /// Late fees after 5 days, 24 % penalty interest, write-off from 30 days past due.
    static func terms(_ terms: inout LoanProduct) {
        terms.lateFee = LateFeeRule(fee: .flat(ReadModelHarness.money("500.00")), graceDays: 5)
        terms.penaltyRate = try! Rate.parse("0.24")
        terms.writeOff = WriteOffRule(minDaysPastDue: 30, requiresNpa: false)
    }

    /// Loan S: a late fee and penalty reversed by a backdated payment, a bounce fee partly waived, a part payment, a
    /// prepayment. Loan T: written off at 30 days past due, a recovery, closed. Both on product PL-PLUS (``terms(_:)``).
    static func everyMovementBook(_ h: ReadModelHarness) async throws -> (s: UUID, t: UUID) {
        let d = ReadModelHarness.date
        let borrower = try await h.borrower("Meera Iyer", on: d("2026-01-10"))
        let s = try await h.activeLoan(borrower: borrower, amount: "100000.00", on: d("2026-01-15"), product: "PL-PLUS",
                                       configure: Self.terms)
        try await h.closeDay(s, d("2026-02-22"))
        #expect(try await h.int("SELECT count(*)::int8 FROM loan_event WHERE loan_id = '\(s)' AND event_type = 'charge.applied'") == 1)
        // Paid on the due date after all: the late fee and penalty are reversed.
        try await h.repay(s, "8884.88", on: d("2026-02-15"), today: d("2026-02-22"))
        let bounce = EntityID.random()
        try await h.execute(.loan(s, .applyCharge(chargeId: bounce, type: .bounceFee, installmentNumber: 2,
                                                  amount: ReadModelHarness.money("250.00"), reason: "NACH bounce")),
                            today: d("2026-02-23"))
        try await h.execute(.loan(s, .waiveCharge(chargeId: bounce, amount: ReadModelHarness.money("100.00"), reason: "goodwill")),
                            today: d("2026-02-24"))
        try await h.repay(s, "40000.00", on: d("2026-03-01"))
        try await h.execute(.loan(s, .applyPrepayment(amount: ReadModelHarness.money("30000.00"))), today: d("2026-03-01"))
        try await h.closeDay(s, d("2026-03-05"))

        let t = try await h.activeLoan(borrower: borrower, amount: "20000.00", on: d("2026-01-15"), product: "PL-PLUS",
                                       configure: Self.terms)
        try await h.closeDay(t, d("2026-03-20"))
        try await h.execute(.loan(t, .writeOff(reason: "uncontactable")), today: d("2026-03-20"))
        try await h.execute(.loan(t, .recordRecovery(recoveryId: EntityID.random(), amount: ReadModelHarness.money("2500.00"),
                                                     receivedOn: d("2026-03-20"))), today: d("2026-03-20"))
        try await h.execute(.loan(t, .closeWrittenOff), today: d("2026-03-20"))
        return (s, t)
    }

    @Test("late fees, penalty, backdated payment, charges and waivers, prepayment, write-off, recovery, closure")
    func everyMovement() async throws {
        try await ReadModelHarness.run { h in
            let (s, t) = try await Self.everyMovementBook(h)

            let types = try await h.int("SELECT count(DISTINCT event_type)::int8 FROM loan_event")
            #expect(types >= 17, "the scenario covers most loan event types")
            let events = try await h.outboxEvents()
            try await h.project(events, batchSize: 13)
            for loan in [s, t] {
                try await h.expectLoanViewMatchesFold(loan)
                try await h.expectStatementAgreesWithLedger(loan)
            }
            try await h.expectBookTotalsAgreeWithJournal()
            let closed = try #require(try await h.json("SELECT to_jsonb(v)::text FROM loan_view v WHERE loan_id = '\(t)'"))
            #expect(closed["status"] == "closed" && closed["outstanding_total_minor"]?.numberValue?.int64 == 0)
            #expect(closed["recovered_minor"]?.numberValue?.int64 == 250_000)
            #expect((closed["written_off_minor"]?.numberValue?.int64 ?? 0) > 2_000_000)
            let last = try #require(try await h.json("""
                SELECT to_jsonb(p)::text FROM portfolio_daily p WHERE product_code = 'PL-PLUS' ORDER BY business_date DESC LIMIT 1
                """))
            #expect(last["loans_closed"]?.numberValue?.int64 == 1 && last["loans_active"]?.numberValue?.int64 == 1)
            #expect(last["outstanding_principal_minor"]?.numberValue?.int64
                    == (try await h.fold(s)).state.outstanding.principal)

            // Incremental in small batches equals one event per batch equals everything at once.
            let incremental = try await h.readModelDigest()
            try await h.truncateReadModels()
            try await h.project(events, batchSize: 1)
            #expect(try await h.readModelDigest() == incremental)
            try await h.truncateReadModels()
            try await h.project(events, batchSize: events.count)
            #expect(try await h.readModelDigest() == incremental)
        }
    }
}
