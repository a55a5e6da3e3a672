import Testing
@testable import Lending

@Suite("Accrual and day counts")
struct AccrualTests {
    @Test("one day's penalty on ₹8,884.88 overdue at 24 % depends on the day count", arguments: [
        (DayCount.act365f, "2026-03-10", Int64(584)),   // 2132.37 ÷ 365
        (DayCount.act360, "2026-03-10", 592),           // 2132.37 ÷ 360
        (DayCount.thirty360, "2026-03-10", 592),        // one 30/360 day
        (DayCount.thirty360, "2026-02-28", 1_777),      // 28 Feb → 1 Mar counts 3 days
        (DayCount.thirty360, "2026-03-30", 0),          // 30 → 31 Mar counts none
    ])
    func penaltyPerDay(dayCount: DayCount, date: String, expected: Int64) {
        let terms = product { $0.penaltyRate = rate("0.24"); $0.dayCount = dayCount }
        #expect(AccrualCalculator(terms: terms).penalty(onOverdue: 888_488, for: d(date)) == expected)
    }

    @Test("contractual interest is earned pro rata and complete the day before the due date")
    func earnedInterest() throws {
        let rows = try ScheduleBuilder(terms: product()).schedule(principal: 10_000_000, start: d("2026-01-15"))
        let calc = AccrualCalculator(terms: product())
        #expect(calc.interestEarned(by: rows[0], through: d("2026-01-14")) == 0)
        #expect(calc.interestEarned(by: rows[0], through: d("2026-01-15")) == 3_226)   // 1000.00 × 1/31
        #expect(calc.interestEarned(by: rows[0], through: d("2026-01-30")) == 51_613)  // 16/31
        #expect(calc.interestEarned(by: rows[0], through: d("2026-02-14")) == 100_000)
        #expect(calc.interestEarned(by: rows[0], through: d("2026-03-01")) == 100_000)
        let thirty = AccrualCalculator(terms: product { $0.dayCount = .thirty360 })
        #expect(thirty.interestEarned(by: rows[0], through: d("2026-01-29")) == 50_000) // 15 of 30 days
    }

    @Test("delinquency buckets and the NPA line", arguments: [
        (0, "current", false), (1, "1-30", false), (30, "1-30", false), (31, "31-60", false),
        (90, "61-90", false), (91, "90+", true), (400, "90+", true),
    ])
    func buckets(days: Int, bucket: String, npa: Bool) {
        let policy = DelinquencyPolicy.standard
        #expect(policy.bucket(daysPastDue: days) == bucket)
        #expect((days >= policy.npaFromDays) == npa)
    }
}
