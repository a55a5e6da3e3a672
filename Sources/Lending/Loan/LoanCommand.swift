/// Everything that can be asked of a loan. Each case is validated by `Loan.decide`.
public enum LoanCommand: Hashable, Sendable {
    /// Open an application for a borrower.
    case createApplication(borrowerId: EntityID, productCode: String, requestedAmount: Money, requestedTenure: Int)
    /// Send the application to underwriting.
    case submitApplication(submittedBy: String)
    /// Approve an amount (at most the requested amount).
    case approve(amount: Money, decidedBy: String, reason: String)
    /// Decline the application.
    case decline(decidedBy: String, reason: String)
    /// Refer the application to a higher authority.
    case refer(decidedBy: String, reason: String)
    /// Fix the terms and the sanctioned amount (at most the approved amount).
    case issueSanction(amount: Money, terms: LoanProduct, validUntil: LocalDate)
    /// Raise a payout instruction (at most the sanctioned amount).
    case createDisbursement(disbursementId: EntityID, amount: Money)
    /// Record that the bank paid out; activates the loan with its schedule.
    case executeDisbursement(disbursementId: EntityID, valueDate: LocalDate, bankReference: String)
    /// Record that the payout failed.
    case failDisbursement(disbursementId: EntityID, reason: String)
    /// Run day-end (accrual, dues, penalty, late fees, classification) through a date.
    case closeBusinessDay(LocalDate)
    /// Record money from the borrower, effective on a date (possibly in the past).
    case recordRepayment(paymentId: EntityID, amount: Money, effectiveDate: LocalDate, channel: String)
    /// Charge a fee (bounce fee, other) against an installment.
    case applyCharge(chargeId: EntityID, type: ChargeType, installmentNumber: Int, amount: Money, reason: String)
    /// Forgive some or all of a charge's unpaid amount.
    case waiveCharge(chargeId: EntityID, amount: Money, reason: String)
    /// Apply held excess to principal today, re-deriving the schedule per the product.
    case applyPrepayment(amount: Money)
    /// Pay the loan off today from held excess: interest only to date.
    case foreclose
    /// Write the outstanding balance off.
    case writeOff(reason: String)
    /// Record money recovered after a write-off.
    case recordRecovery(recoveryId: EntityID, amount: Money, receivedOn: LocalDate)
    /// Close a written-off account.
    case closeWrittenOff
}

/// What the decider needs from outside: the business date and an id source.
public struct DecisionContext: Sendable {
    /// Today's business date: nothing may be effective after it.
    public var today: LocalDate
    /// New identifiers for charges the domain raises itself (late fees).
    public var makeID: @Sendable () -> EntityID

    /// Creates a context.
    ///
    /// - Parameters:
    ///   - today: The business date.
    ///   - makeID: Identifier source; random UUIDs by default.
    public init(today: LocalDate, makeID: @escaping @Sendable () -> EntityID = { EntityID.random() }) {
        self.today = today
        self.makeID = makeID
    }
}
