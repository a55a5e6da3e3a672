/// Decides which installments get a late fee on a business date.
public struct LateFeeAssessor: Sendable {
    /// The loan's terms.
    public var terms: LoanProduct

    /// Creates an assessor.
    public init(terms: LoanProduct) { self.terms = terms }

    /// Late fees due at the end of `date`.
    ///
    /// An installment is charged once, on the first date more than `graceDays` after its due
    /// date on which principal or interest is still unpaid; a fee once assessed (even if
    /// later waived) is never charged again.
    ///
    /// - Parameters:
    ///   - installments: The loan's installments.
    ///   - date: The business date.
    /// - Returns: `(installment, fee)` pairs with positive fees.
    public func fees(for installments: [InstallmentState], on date: LocalDate) -> [(installment: Int, amount: Int64)] {
        guard let rule = terms.lateFee else { return [] }
        return installments.compactMap { inst in
            guard !inst.lateFeeAssessed, inst.overdueBase > 0, inst.dueDate.days(until: date) > rule.graceDays else { return nil }
            let fee = rule.fee.fee(on: inst.overdueBase, currency: terms.currency, rounding: terms.rounding)
            return fee > 0 ? (inst.number, fee) : nil
        }
    }
}
