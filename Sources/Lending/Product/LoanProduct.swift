/// The terms of a loan product, fixed into a loan by `sanction.issued`.
///
/// Everything that changes how money moves is here, so a loan's behaviour is reproducible
/// from its own events even after the product catalogue changes.
public struct LoanProduct: Hashable, Sendable, Codable {
    /// The product's code in the catalogue, e.g. `PL-36M`.
    public var code: String
    /// The loan currency.
    public var currency: Currency
    /// Nominal annual interest rate.
    public var annualRate: Rate
    /// Declining-balance EMI or flat.
    public var interestMethod: InterestMethod
    /// What installment interest is computed on.
    public var interestBasis: InterestBasis
    /// Day count for daily accrual, penalty interest and the day-count interest basis.
    public var dayCount: DayCount
    /// Installment frequency.
    public var frequency: RepaymentFrequency
    /// Number of amortising installments.
    public var tenure: Int
    /// Interest-only periods before amortisation starts (a principal moratorium).
    public var gracePeriods: Int
    /// Rounding of every computed amount.
    public var rounding: RoundingRule
    /// Processing fee on the disbursed amount.
    public var processingFee: FeeRule
    /// When the processing fee is collected.
    public var processingFeeCollection: FeeCollection
    /// Late fee, if the product charges one.
    public var lateFee: LateFeeRule?
    /// Annual penalty interest on overdue principal and interest (zero for none).
    public var penaltyRate: Rate
    /// Repayment waterfall.
    public var allocation: AllocationPolicy
    /// What prepaid excess does to the schedule.
    public var prepayment: PrepaymentOption
    /// Whether overpayments wait for installments or prepay principal at once.
    public var excessApplication: ExcessApplication
    /// Buckets and NPA threshold.
    public var delinquency: DelinquencyPolicy
    /// Write-off eligibility.
    public var writeOff: WriteOffRule

    /// Creates a product; defaults follow the common retail term loan.
    public init(code: String, currency: Currency, annualRate: Rate, tenure: Int,
                frequency: RepaymentFrequency = .monthly, interestMethod: InterestMethod = .emi,
                interestBasis: InterestBasis = .periodic, dayCount: DayCount = .act365f,
                gracePeriods: Int = 0, rounding: RoundingRule = .halfEven,
                processingFee: FeeRule = .percent(.zero),
                processingFeeCollection: FeeCollection = .deductedFromDisbursement,
                lateFee: LateFeeRule? = nil, penaltyRate: Rate = .zero,
                allocation: AllocationPolicy = .standard, prepayment: PrepaymentOption = .reduceTenure,
                excessApplication: ExcessApplication = .holdForInstallments,
                delinquency: DelinquencyPolicy = .standard,
                writeOff: WriteOffRule = WriteOffRule(minDaysPastDue: 180, requiresNpa: true)) {
        self.code = code
        self.currency = currency
        self.annualRate = annualRate
        self.interestMethod = interestMethod
        self.interestBasis = interestBasis
        self.dayCount = dayCount
        self.frequency = frequency
        self.tenure = tenure
        self.gracePeriods = gracePeriods
        self.rounding = rounding
        self.processingFee = processingFee
        self.processingFeeCollection = processingFeeCollection
        self.lateFee = lateFee
        self.penaltyRate = penaltyRate
        self.allocation = allocation
        self.prepayment = prepayment
        self.excessApplication = excessApplication
        self.delinquency = delinquency
        self.writeOff = writeOff
    }

    /// Checks the terms for values the domain cannot honour.
    ///
    /// - Throws: `LendingError.Code.invalidTerms` naming the first offending field.
    public func validate() throws(LendingError) {
        guard !code.isEmpty else {
            throw LendingError(.invalidTerms, "the product code must not be empty", field: "code")
        }
        guard (1...600).contains(tenure) else {
            throw LendingError(.invalidTerms, "tenure must be 1 to 600 installments", field: "tenure")
        }
        guard (0...24).contains(gracePeriods) else {
            throw LendingError(.invalidTerms, "grace periods must be 0 to 24", field: "grace_periods")
        }
        guard annualRate.value <= 1 else {
            throw LendingError(.invalidTerms, "annual rate above 100 % is refused", field: "annual_rate")
        }
        guard penaltyRate.value <= 1 else {
            throw LendingError(.invalidTerms, "penalty rate above 100 % is refused", field: "penalty_rate")
        }
        try processingFee.validate(currency: currency, field: "processing_fee")
        if let lateFee {
            try lateFee.fee.validate(currency: currency, field: "late_fee")
            guard (0...365).contains(lateFee.graceDays) else {
                throw LendingError(.invalidTerms, "late-fee grace days must be 0 to 365", field: "late_fee.grace_days")
            }
        }
        guard Set(allocation.order) == Set(Component.allCases), allocation.order.count == Component.allCases.count else {
            throw LendingError(.invalidTerms, "allocation order must name penalty, fees, interest and principal once each",
                               field: "allocation.order")
        }
        let starts = delinquency.buckets.map(\.fromDays)
        guard starts.first == 0, zip(starts, starts.dropFirst()).allSatisfy({ $0 < $1 }), delinquency.npaFromDays > 0,
              delinquency.buckets.allSatisfy({ !$0.name.isEmpty }) else {
            throw LendingError(.invalidTerms, "delinquency buckets must start at 0 days and ascend",
                               field: "delinquency.buckets")
        }
        guard writeOff.minDaysPastDue >= 0 else {
            throw LendingError(.invalidTerms, "write-off days must not be negative", field: "write_off.min_days_past_due")
        }
    }
}
