import Foundation
import Testing
@testable import Lending

@Suite("Repayment schedules")
struct ScheduleTests {
    @Test("₹1,00,000 at 12 % over 12 months: EMI ₹8,884.88, last installment absorbs rounding")
    func emiSchedule() throws {
        let rows = try ScheduleBuilder(terms: product()).schedule(principal: 10_000_000, start: d("2026-01-31"))
        #expect(rows.count == 12)
        #expect(rows[0].interest == 100_000 && rows[0].principal == 788_488)
        #expect(rows[1].interest == 92_115 && rows[1].principal == 796_373)
        #expect(rows[0..<11].allSatisfy { $0.total == 888_488 })
        #expect(rows[11].principal == 879_688 && rows[11].interest == 8_797 && rows[11].total == 888_485)
        #expect(rows.reduce(0) { $0 + $1.principal } == 10_000_000)
        #expect(rows.reduce(0) { $0 + $1.interest } == 661_853)
        // Month-end anchor: 31 Jan → 28 Feb → 31 Mar.
        #expect(rows[0].dueDate == d("2026-02-28") && rows[1].dueDate == d("2026-03-31") && rows[11].dueDate == d("2027-01-31"))
        #expect(rows[1].periodStart == rows[0].dueDate)
        #expect(rows[11].closingBalance == 0)
    }

    @Test func flatInterestIsOnTheOriginalPrincipal() throws {
        let terms = product(rate: "0.10") { $0.interestMethod = .flat }
        let rows = try ScheduleBuilder(terms: terms).schedule(principal: 12_000_000, start: d("2026-01-15"))
        #expect(rows.allSatisfy { $0.principal == 1_000_000 && $0.interest == 100_000 })
        #expect(rows.reduce(0) { $0 + $1.interest } == 1_200_000)
    }

    @Test func weeklyJPYWithAGracePeriod() throws {
        let terms = product(tenure: 4, rate: "0.05", currency: .JPY) { $0.frequency = .weekly; $0.gracePeriods = 1 }
        let rows = try ScheduleBuilder(terms: terms).schedule(principal: 500_000, start: d("2026-03-02"))
        #expect(rows.map(\.dueDate) == [d("2026-03-09"), d("2026-03-16"), d("2026-03-23"), d("2026-03-30"), d("2026-04-06")])
        #expect(rows[0].principal == 0 && rows[0].interest == 481)
        #expect(rows[1].total == 125_301 && rows[4].total == 125_300)
        #expect(rows.reduce(0) { $0 + $1.principal } == 500_000)
    }

    @Test func fortnightlyDatesStepFourteenDays() throws {
        let terms = product(tenure: 3) { $0.frequency = .fortnightly }
        let rows = try ScheduleBuilder(terms: terms).schedule(principal: 300_000, start: d("2026-12-25"))
        #expect(rows.map(\.dueDate) == [d("2027-01-08"), d("2027-01-22"), d("2027-02-05")])
    }

    @Test func dayCountBasisChargesLongMonthsMore() throws {
        let terms = product(tenure: 3) { $0.interestBasis = .dayCount; $0.dayCount = .act365f }
        let rows = try ScheduleBuilder(terms: terms).schedule(principal: 10_000_000, start: d("2026-01-31"))
        // 28 days of February on ₹1,00,000 at 12 %: 100000 × 0.12 × 28/365 = 920.55
        #expect(rows[0].interest == 92_055)
        #expect(rows.reduce(0) { $0 + $1.principal } == 10_000_000)
    }

    @Test func zeroRateSplitsPrincipalEvenly() throws {
        let rows = try ScheduleBuilder(terms: product(tenure: 7, rate: "0")).schedule(principal: 10_000_000, start: d("2026-01-15"))
        #expect(rows[0].principal == 1_428_571 && rows[6].principal == 1_428_574)
        #expect(rows.allSatisfy { $0.interest == 0 })
    }

    @Test func badTermsNameTheField() {
        do {
            _ = try ScheduleBuilder(terms: product(tenure: 0)).schedule(principal: 100, start: d("2026-01-15"))
            Issue.record("tenure 0 accepted")
        } catch {
            #expect(error.code == .invalidTerms && error.field == "tenure")
        }
        #expect(throws: LendingError.self) {
            try ScheduleBuilder(terms: product()).schedule(principal: 0, start: d("2026-01-15"))
        }
        #expect(throws: LendingError(.invalidValue, "the start date must be between 1970 and 2200", field: "start")) {
            try ScheduleBuilder(terms: product(tenure: 600)).schedule(principal: 100, start: d("9999-12-01"))
        }
    }

    @Test("the preview a loan officer prints carries totals and money as strings")
    func previewJSON() throws {
        let terms = product()
        let builder = ScheduleBuilder(terms: terms)
        let rows = try builder.schedule(principal: 10_000_000, start: d("2026-01-15"))
        let preview = SchedulePreview(terms: terms, principal: money("100000.00"), rows: rows,
                                      installmentAmount: builder.installmentAmount(balance: 10_000_000, count: 12))
        let object = try #require(JSONSerialization.jsonObject(with: try preview.json()) as? [String: Any])
        #expect((object["installment_amount"] as? [String: String]) == ["amount": "8884.88", "currency": "INR"])
        #expect((object["total_interest"] as? [String: String])?["amount"] == "6618.53")
        #expect((object["total_payable"] as? [String: String])?["amount"] == "106618.53")
        let first = try #require((object["installments"] as? [[String: Any]])?.first)
        #expect(first["due_date"] as? String == "2026-02-15")
        #expect((first["interest"] as? [String: String])?["amount"] == "1000.00")
    }
}
