/// One row of a repayment schedule, in minor units of the loan's currency.
public struct ScheduledInstallment: Hashable, Sendable, Codable {
    /// 1-based position in the schedule.
    public var number: Int
    /// The date it falls due.
    public var dueDate: LocalDate
    /// First day of the period whose interest this installment carries.
    public var periodStart: LocalDate
    /// Principal repaid.
    public var principal: Int64
    /// Interest for the period.
    public var interest: Int64
    /// Fees scheduled with it (e.g. a processing fee added to the first installment).
    public var fees: Int64
    /// Principal outstanding after this installment is paid.
    public var closingBalance: Int64

    /// What the borrower pays on the due date.
    public var total: Int64 { principal + interest + fees }

    /// Creates a row.
    public init(number: Int, dueDate: LocalDate, periodStart: LocalDate, principal: Int64,
                interest: Int64, fees: Int64, closingBalance: Int64) {
        self.number = number
        self.dueDate = dueDate
        self.periodStart = periodStart
        self.principal = principal
        self.interest = interest
        self.fees = fees
        self.closingBalance = closingBalance
    }
}

/// The wire form of a schedule row inside `loan.activated` and `prepayment.applied`.
public struct InstallmentData: Hashable, Sendable, Codable {
    public var number: Int
    public var dueDate: LocalDate
    public var periodStart: LocalDate
    public var principal: Money
    public var interest: Money
    public var fees: Money
    public var total: Money
    public var closingBalance: Money

    /// Converts a schedule row to its wire form.
    ///
    /// - Parameters:
    ///   - row: The row.
    ///   - currency: The loan currency.
    public init(_ row: ScheduledInstallment, currency: Currency) {
        number = row.number
        dueDate = row.dueDate
        periodStart = row.periodStart
        principal = Money(minorUnits: row.principal, currency: currency)
        interest = Money(minorUnits: row.interest, currency: currency)
        fees = Money(minorUnits: row.fees, currency: currency)
        total = Money(minorUnits: row.total, currency: currency)
        closingBalance = Money(minorUnits: row.closingBalance, currency: currency)
    }

    /// The row in minor units.
    public var row: ScheduledInstallment {
        ScheduledInstallment(number: number, dueDate: dueDate, periodStart: periodStart,
                             principal: principal.minorUnits, interest: interest.minorUnits,
                             fees: fees.minorUnits, closingBalance: closingBalance.minorUnits)
    }
}
