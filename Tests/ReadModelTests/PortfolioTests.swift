import EventSchemas
import Foundation
import Lending
import Testing

@Suite("portfolio_daily and borrower_view for a small known book")
struct PortfolioTests {
    @Test("counts by status, outstanding, buckets, PAR, disbursed, collected and due match the hand-computed book")
    func knownBook() async throws {
        try await ReadModelHarness.run { h in
            let book = try await Book.open(h)
            try await h.projectAll(batchSize: 31)
            let (x, _, _) = try await h.fold(book.x)
            let (y, _, _) = try await h.fold(book.y)
            // The hand computation assumes monthly schedules from the disbursement dates.
            #expect(x.installments.first?.dueDate == ReadModelHarness.date("2026-02-15"))
            #expect(y.installments.first?.dueDate == ReadModelHarness.date("2026-03-10"))

            func row(_ date: String) async throws -> JSONValue {
                try #require(try await h.json("""
                    SELECT to_jsonb(p)::text FROM portfolio_daily p
                     WHERE business_date = '\(date)' AND product_code = 'PL' AND currency = 'INR'
                    """))
            }
            func int(_ value: JSONValue?) -> Int64? { value?.numberValue?.int64 }
            let last = try await row("2026-03-20")
            #expect(int(last["loans_active"]) == 2 && int(last["loans_declined"]) == 1)
            #expect(int(last["loans_draft"]) == 0 && int(last["loans_closed"]) == 0)
            // Nothing repaid principal: X paid nothing, Y's 100.00 went to interest first.
            #expect(int(last["outstanding_principal_minor"]) == 15_000_000)
            // X is 33 days past due (unpaid since 2026-02-15), Y 10 (since 2026-03-10).
            #expect(int(last["bucket_31_60_count"]) == 1 && int(last["bucket_31_60_minor"]) == 10_000_000)
            #expect(int(last["bucket_1_30_count"]) == 1 && int(last["bucket_1_30_minor"]) == 5_000_000)
            #expect(int(last["bucket_current_count"]) == 0)
            #expect(int(last["par30_minor"]) == 10_000_000 && int(last["par60_minor"]) == 0)
            #expect(last["par30"]?.numberValue?.double == 0.666667, "PAR30 = 100,000 / 150,000, rounded to 6 places")
            #expect(last["par60"]?.numberValue?.double == 0)

            let first = try await row("2026-01-15")
            #expect(int(first["disbursed_count"]) == 1 && int(first["disbursed_minor"]) == 10_000_000)
            #expect(int(first["loans_active"]) == 1 && int(first["outstanding_principal_minor"]) == 10_000_000)
            let declined = try await row("2026-01-20")
            #expect(int(declined["loans_declined"]) == 1 && int(declined["loans_active"]) == 1)
            #expect(int(declined["disbursed_minor"]) == 0, "flows belong to their own day")
            let second = try await row("2026-02-10")
            #expect(int(second["disbursed_minor"]) == 5_000_000 && int(second["outstanding_principal_minor"]) == 15_000_000)

            let xFirstDue = try await row("2026-02-15")
            #expect(int(xFirstDue["due_minor"]) == x.installments[0].scheduled.total)
            #expect(int(xFirstDue["bucket_current_count"]) == 2, "due today is not yet past due")
            let yFirstDue = try await row("2026-03-10")
            #expect(int(yFirstDue["due_minor"]) == y.installments[0].scheduled.total)
            let paid = try await row("2026-03-15")
            #expect(int(paid["collected_minor"]) == 10_000)
            #expect(int(paid["due_minor"]) == x.installments[1].scheduled.total)
            let efficiency = Double(10_000) / Double(x.installments[1].scheduled.total)
            #expect(abs((paid["collection_efficiency"]?.numberValue?.double ?? -1) - efficiency) < 0.000_001)
            #expect(paid["par30"]?.numberValue?.double == 0, "on 2026-03-15 X is 28 days past due")
        }
    }

    @Test("borrower_view: the borrower's loans, exposure per currency and worst days past due")
    func borrowers() async throws {
        try await ReadModelHarness.run { h in
            let book = try await Book.open(h)
            try await h.projectAll(batchSize: 9)
            let (x, _, _) = try await h.fold(book.x)
            let (y, _, _) = try await h.fold(book.y)
            let asha = try #require(try await h.json("SELECT to_jsonb(b)::text FROM borrower_view b WHERE borrower_id = '\(book.asha)'"))
            #expect(asha["full_name"]?.stringValue == "Asha Rao" && asha["kyc_completed"]?.boolValue == true)
            #expect(asha["version"]?.numberValue?.int64 == 2)
            #expect(asha["loan_count"]?.numberValue?.int64 == 2 && asha["active_loan_count"]?.numberValue?.int64 == 2)
            #expect(asha["exposure"]?["INR"]?.numberValue?.int64 == x.outstanding.total + y.outstanding.total)
            #expect(asha["worst_days_past_due"]?.numberValue?.int64 == 33)
            let ravi = try #require(try await h.json("SELECT to_jsonb(b)::text FROM borrower_view b WHERE borrower_id = '\(book.ravi)'"))
            #expect(ravi["loan_count"]?.numberValue?.int64 == 1 && ravi["active_loan_count"]?.numberValue?.int64 == 0)
            #expect(ravi["exposure"]?["INR"]?.numberValue?.int64 == 0 && ravi["kyc_completed"]?.boolValue == false)
        }
    }
}
