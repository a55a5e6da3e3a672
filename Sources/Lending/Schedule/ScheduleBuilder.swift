import Foundation

/// Builds repayment schedules: EMI on the declining balance, or flat.
///
/// Conventions, chosen to match what a borrower's loan agreement and every EMI calculator
/// show (and what `scripts/oracles/schedule_oracle.py` checks to the minor unit):
/// - the installment (EMI) is the annuity payment `P·r·(1+r)^n / ((1+r)^n − 1)` at the
///   periodic rate `r = annual ÷ periods per year`, rounded once to minor units;
/// - each period's interest is `round(opening balance × period rate)`, the principal is
///   the EMI minus that interest;
/// - the last installment repays the whole remaining balance, so principal sums exactly to
///   the amount lent and the last installment absorbs every rounding difference.
public struct ScheduleBuilder: Sendable {
    /// The product terms.
    public var terms: LoanProduct

    /// Creates a builder.
    public init(terms: LoanProduct) { self.terms = terms }

    /// The periodic rate: annual ÷ periods per year, exact in decimal.
    public var periodicRate: Decimal { terms.annualRate.value / Decimal(terms.frequency.periodsPerYear) }

    /// Builds the full schedule for a disbursement.
    ///
    /// - Parameters:
    ///   - principal: Amount lent, minor units.
    ///   - start: Disbursement date; the first period starts here.
    ///   - firstInstallmentFees: Fees to add to installment 1.
    /// - Returns: Grace (interest-only) rows followed by `tenure` amortising rows.
    /// - Throws: `LendingError` for a non-positive principal or invalid terms.
    public func schedule(principal: Int64, start: LocalDate, firstInstallmentFees: Int64 = 0) throws(LendingError) -> [ScheduledInstallment] {
        try terms.validate()
        guard principal > 0, principal <= Money.maxMinorUnits else {
            throw LendingError(.nonPositiveAmount, "principal must be positive", field: "principal")
        }
        // A 600-month schedule from 2200 still ends well inside the supported calendar.
        guard let earliest = LocalDate(year: 1970, month: 1, day: 1), let latest = LocalDate(year: 2200, month: 12, day: 31),
              (earliest...latest).contains(start) else {
            throw LendingError(.invalidValue, "the start date must be between 1970 and 2200", field: "start")
        }
        var rows: [ScheduledInstallment] = []
        for period in 1...max(terms.gracePeriods, 1) where terms.gracePeriods > 0 {
            let (from, due) = dates(period: period, start: start)
            rows.append(ScheduledInstallment(number: period, dueDate: due, periodStart: from, principal: 0,
                                             interest: interest(on: principal, from: from, to: due),
                                             fees: 0, closingBalance: principal))
        }
        rows += amortise(balance: principal, count: terms.tenure, firstNumber: terms.gracePeriods + 1,
                         firstPeriod: terms.gracePeriods + 1, start: start, fixedEMI: nil)
        if firstInstallmentFees > 0 { rows[0].fees += firstInstallmentFees }
        return rows
    }

    /// The installment amount for a balance over a number of periods.
    ///
    /// - Parameters:
    ///   - balance: Principal to amortise, minor units.
    ///   - count: Number of installments.
    /// - Returns: EMI (declining) or principal-plus-interest share (flat), minor units.
    public func installmentAmount(balance: Int64, count: Int) -> Int64 {
        let p = Decimal(balance)
        switch terms.interestMethod {
        case .flat:
            let interest = p * terms.annualRate.value * Decimal(count) / Decimal(terms.frequency.periodsPerYear)
            return ((p + interest) / Decimal(count)).wholeUnits(terms.rounding)
        case .emi:
            let r = periodicRate
            guard r > 0 else { return (p / Decimal(count)).wholeUnits(terms.rounding) }
            let growth = pow(1 + r, count)
            return (p * r * growth / (growth - 1)).wholeUnits(terms.rounding)
        }
    }

    /// Amortises a balance over consecutive periods.
    ///
    /// - Parameters:
    ///   - balance: Principal to amortise.
    ///   - count: Most installments to use.
    ///   - firstNumber: Installment number of the first row.
    ///   - firstPeriod: Period index (1-based from `start`) of the first row.
    ///   - start: The loan's schedule anchor (disbursement date).
    ///   - fixedEMI: Keep this installment amount (reduce tenure) instead of recomputing.
    /// - Returns: Rows whose principal sums exactly to `balance`.
    func amortise(balance: Int64, count: Int, firstNumber: Int, firstPeriod: Int,
                  start: LocalDate, fixedEMI: Int64?) -> [ScheduledInstallment] {
        let emi = fixedEMI ?? installmentAmount(balance: balance, count: count)
        let flatPrincipal = (Decimal(balance) / Decimal(count)).wholeUnits(terms.rounding)
        let flatInterest = (Decimal(balance) * terms.annualRate.value / Decimal(terms.frequency.periodsPerYear))
            .wholeUnits(terms.rounding)
        var rows: [ScheduledInstallment] = []
        var remaining = balance
        for index in 0..<count where remaining > 0 {
            let (from, due) = dates(period: firstPeriod + index, start: start)
            let interest: Int64
            var principal: Int64
            switch terms.interestMethod {
            case .flat:
                // Flat interest is fixed on the original balance; principal shares are equal.
                interest = flatInterest
                principal = fixedEMI.map { max($0 - flatInterest, 1) } ?? flatPrincipal
            case .emi:
                interest = self.interest(on: remaining, from: from, to: due)
                principal = max(emi - interest, 0)
            }
            let isLast = index == count - 1
            if isLast || principal >= remaining { principal = remaining }
            remaining -= principal
            rows.append(ScheduledInstallment(number: firstNumber + index, dueDate: due, periodStart: from,
                                             principal: principal, interest: interest, fees: 0,
                                             closingBalance: remaining))
        }
        return rows
    }

    /// Interest for one period on a balance under the product's interest basis.
    func interest(on balance: Int64, from: LocalDate, to: LocalDate) -> Int64 {
        // Multiply before dividing: balance × annual is exact, so a true half-unit tie
        // (e.g. 20,580,000 × 0.0001 ÷ 12 = 171.5) stays a tie instead of becoming
        // 171.4999… through a rounded periodic rate.
        let exact: Decimal = switch terms.interestBasis {
        case .periodic:
            Decimal(balance) * terms.annualRate.value / Decimal(terms.frequency.periodsPerYear)
        case .dayCount:
            Decimal(balance) * terms.annualRate.value * Decimal(terms.dayCount.days(from: from, to: to))
                / Decimal(terms.dayCount.yearDays)
        }
        return exact.wholeUnits(terms.rounding)
    }

    /// Start and due date of a period.
    func dates(period: Int, start: LocalDate) -> (LocalDate, LocalDate) {
        (terms.frequency.dueDate(period: period - 1, from: start), terms.frequency.dueDate(period: period, from: start))
    }
}
