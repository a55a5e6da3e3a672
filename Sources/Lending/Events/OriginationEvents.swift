/// `application.created`: a borrower asked for a loan.
public struct ApplicationCreated: Hashable, Sendable, Codable {
    /// The borrower applying.
    public var borrowerId: EntityID
    /// The catalogue product applied for.
    public var productCode: String
    /// Amount asked for.
    public var requestedAmount: Money
    /// Installments asked for.
    public var requestedTenure: Int
}

/// `application.submitted`: the application is complete and goes to underwriting.
public struct ApplicationSubmitted: Hashable, Sendable, Codable {
    /// Who submitted it (user id).
    public var submittedBy: String
}

/// `decision.approved`: underwriting approved an amount.
public struct DecisionApproved: Hashable, Sendable, Codable {
    /// Amount approved (at most the amount requested).
    public var approvedAmount: Money
    /// Who decided (user id).
    public var decidedBy: String
    /// Why, in words a person can act on.
    public var reason: String
}

/// `decision.declined`: underwriting declined; the loan goes no further.
public struct DecisionDeclined: Hashable, Sendable, Codable {
    /// Who decided (user id).
    public var decidedBy: String
    /// Why, in words a person can act on.
    public var reason: String
}

/// `decision.referred`: underwriting referred the case to a higher authority.
public struct DecisionReferred: Hashable, Sendable, Codable {
    /// Who decided (user id).
    public var decidedBy: String
    /// Why, in words a person can act on.
    public var reason: String
}

/// `sanction.issued`: the terms are fixed; from here the loan's money follows `terms`.
public struct SanctionIssued: Hashable, Sendable, Codable {
    /// Amount sanctioned (at most the amount approved).
    public var sanctionedAmount: Money
    /// The product terms fixed for the loan's life.
    public var terms: LoanProduct
    /// Last date the sanction may be disbursed.
    public var validUntil: LocalDate
}

/// `disbursement.created`: a payout instruction was raised.
public struct DisbursementCreated: Hashable, Sendable, Codable {
    /// The payout instruction.
    public var disbursementId: EntityID
    /// The amount.
    public var amount: Money
}

/// `disbursement.executed`: the bank paid out; the loan receivable exists from now.
public struct DisbursementExecuted: Hashable, Sendable, Codable {
    /// The payout instruction.
    public var disbursementId: EntityID
    /// Principal lent (the receivable).
    public var amount: Money
    /// Processing fee charged at disbursement.
    public var processingFee: Money
    /// Cash paid to the borrower: amount − fee when the fee is deducted, else amount.
    public var netAmount: Money
    /// Date the bank paid out: interest runs from here.
    public var valueDate: LocalDate
    /// The bank's reference (UTR).
    public var bankReference: String
}

/// `disbursement.failed`: the payout bounced; the sanction stands and may be disbursed again.
public struct DisbursementFailed: Hashable, Sendable, Codable {
    /// The payout instruction.
    public var disbursementId: EntityID
    /// Why, in words a person can act on.
    public var reason: String
}

/// `loan.activated`: servicing starts with this schedule.
public struct LoanActivated: Hashable, Sendable, Codable {
    /// Principal.
    public var principal: Money
    /// Due date of installment 1.
    public var firstDueDate: LocalDate
    /// Due date of the last installment.
    public var maturityDate: LocalDate
    /// The EMI (or flat installment) before rounding absorption in the last row.
    public var installmentAmount: Money
    /// The schedule rows.
    public var installments: [InstallmentData]
}
