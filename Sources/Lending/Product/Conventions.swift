/// How often installments fall due.
public enum RepaymentFrequency: String, Sendable, Codable, CaseIterable {
    case monthly, fortnightly, weekly

    /// Periods in a year: the divisor that turns an annual rate into a periodic one.
    public var periodsPerYear: Int {
        switch self {
        case .monthly: 12
        case .fortnightly: 26
        case .weekly: 52
        }
    }

    /// The due date of period `index` (1-based) for a loan whose periods start on `start`.
    ///
    /// Monthly dates keep the start's day-of-month, clamped to short months (15 Jan → 15 Feb;
    /// 31 Jan → 28 Feb → 31 Mar). Fortnightly and weekly dates are exact day steps.
    public func dueDate(period index: Int, from start: LocalDate) -> LocalDate {
        switch self {
        case .monthly: start.adding(months: index, anchorDay: start.components.day)
        case .fortnightly: start.adding(days: 14 * index)
        case .weekly: start.adding(days: 7 * index)
        }
    }
}

/// How interest is computed over the life of the loan.
public enum InterestMethod: String, Sendable, Codable, CaseIterable {
    /// Equated installments; interest on the declining balance each period.
    case emi
    /// Interest on the original principal for the whole tenure, spread evenly.
    case flat
}

/// What an installment's interest is computed on.
public enum InterestBasis: String, Sendable, Codable, CaseIterable {
    /// Annual rate ÷ periods per year: the textbook EMI every calculator (and
    /// numpy-financial) uses, identical for every period.
    case periodic
    /// Annual rate × the day-count fraction of the actual period (a 31-day month earns more
    /// than a 28-day one), with the installment amount still fixed by the EMI formula.
    case dayCount = "day_count"
}

/// What happens to money a borrower prepays from excess.
public enum PrepaymentOption: String, Sendable, Codable, CaseIterable {
    /// Keep the installment amount; finish earlier.
    case reduceTenure = "reduce_tenure"
    /// Keep the number of installments; lower each one.
    case reduceInstallment = "reduce_installment"
}

/// When the processing fee is collected.
public enum FeeCollection: String, Sendable, Codable, CaseIterable {
    /// Netted from the amount paid out: the borrower receives principal − fee.
    case deductedFromDisbursement = "deducted_from_disbursement"
    /// Added to the first installment as a fee due.
    case addedToFirstInstallment = "added_to_first_installment"
}

/// What happens to money paid beyond what is due.
public enum ExcessApplication: String, Sendable, Codable, CaseIterable {
    /// Hold it (customer excess) and settle installments as they fall due; it goes to
    /// principal only when the borrower asks (`applyPrepayment`).
    case holdForInstallments = "hold_for_installments"
    /// Apply it to principal at once, per the product's prepayment option.
    case prepayImmediately = "prepay_immediately"
}
