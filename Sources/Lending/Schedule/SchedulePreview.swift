import Foundation

/// A schedule as a loan officer previews it: terms, totals and rows, encoded as JSON.
public struct SchedulePreview: Hashable, Sendable, Encodable {
    public var currency: Currency
    public var principal: Money
    public var annualRate: Rate
    public var method: InterestMethod
    public var interestBasis: InterestBasis
    public var dayCount: DayCount
    public var frequency: RepaymentFrequency
    public var installmentAmount: Money
    public var totalInterest: Money
    public var totalPayable: Money
    public var installments: [InstallmentData]

    /// Creates a preview.
    ///
    /// - Parameters:
    ///   - terms: The product terms.
    ///   - principal: Amount lent.
    ///   - rows: The schedule.
    ///   - installmentAmount: The EMI (or flat installment), minor units.
    public init(terms: LoanProduct, principal: Money, rows: [ScheduledInstallment], installmentAmount: Int64) {
        let m = { (units: Int64) in Money(minorUnits: units, currency: terms.currency) }
        currency = terms.currency
        self.principal = principal
        annualRate = terms.annualRate
        method = terms.interestMethod
        interestBasis = terms.interestBasis
        dayCount = terms.dayCount
        frequency = terms.frequency
        self.installmentAmount = m(installmentAmount)
        let interest = rows.reduce(0) { $0 + $1.interest }
        totalInterest = m(interest)
        totalPayable = m(rows.reduce(0) { $0 + $1.total })
        installments = rows.map { InstallmentData($0, currency: terms.currency) }
    }

    /// Pretty-printed JSON with snake_case keys.
    ///
    /// - Throws: `LendingError` if encoding fails.
    public func json() throws(LendingError) -> Data {
        let encoder = EventJSON.encoder()
        encoder.outputFormatting.insert(.prettyPrinted)
        do { return try encoder.encode(self) } catch {
            throw LendingError(.invalidValue, "cannot encode the schedule: \(error)")
        }
    }
}
