import Foundation

/// Daily interest recognition under the product's day count.
///
/// Contractual interest is recognised cumulatively: through business date `d` an
/// installment has earned `round(I × days(periodStart, d+1) ÷ days(periodStart, dueDate))`,
/// counted with the day-count convention, and each day posts the increase. Working from
/// the cumulative figure (not a rounded daily amount) means the accruals of a period sum
/// to exactly the installment's interest on its due date and re-running a date posts
/// nothing: accrual is idempotent per business date.
public struct AccrualCalculator: Sendable {
    /// The loan's terms.
    public var terms: LoanProduct

    /// Creates a calculator.
    public init(terms: LoanProduct) { self.terms = terms }

    /// Contractual interest earned by an installment through the end of `date`.
    ///
    /// - Parameters:
    ///   - row: The scheduled installment.
    ///   - date: The business date (inclusive).
    /// - Returns: Cumulative interest, minor units, between 0 and the row's interest.
    public func interestEarned(by row: ScheduledInstallment, through date: LocalDate) -> Int64 {
        let next = date.adding(days: 1)
        if next >= row.dueDate { return row.interest }
        if next <= row.periodStart { return 0 }
        let whole = terms.dayCount.days(from: row.periodStart, to: row.dueDate)
        let elapsed = terms.dayCount.days(from: row.periodStart, to: next)
        guard whole > 0 else { return row.interest }
        let earned = (Decimal(row.interest) * Decimal(min(max(elapsed, 0), whole)) / Decimal(whole))
            .wholeUnits(terms.rounding)
        return min(earned, row.interest)
    }

    /// Penalty interest for one business date on an overdue amount.
    ///
    /// - Parameters:
    ///   - overdue: Unpaid principal and interest past due, minor units.
    ///   - date: The business date the day's penalty is for.
    /// - Returns: `round(overdue × penalty rate × year fraction of the day)`.
    public func penalty(onOverdue overdue: Int64, for date: LocalDate) -> Int64 {
        guard overdue > 0, terms.penaltyRate.value > 0 else { return 0 }
        let days = terms.dayCount.days(from: date, to: date.adding(days: 1))
        return (Decimal(overdue) * terms.penaltyRate.value * Decimal(days) / Decimal(terms.dayCount.yearDays))
            .wholeUnits(terms.rounding)
    }
}
