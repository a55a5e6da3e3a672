/// `application.created`: a borrower asked for a loan.
public struct ApplicationCreated: Hashable, Sendable, Codable {
    public var borrowerId: EntityID
    public var productCode: String
    public var requestedAmount: Money
    public var requestedTenure: Int
}

/// `application.submitted`: the application is complete and goes to underwriting.
public struct ApplicationSubmitted: Hashable, Sendable, Codable {
    public var submittedBy: String
}

/// `decision.approved`: underwriting approved an amount.
public struct DecisionApproved: Hashable, Sendable, Codable {
    public var approvedAmount: Money
    public var decidedBy: String
    public var reason: String
}

/// `decision.declined`: underwriting declined; the loan goes no further.
public struct DecisionDeclined: Hashable, Sendable, Codable {
    public var decidedBy: String
    public var reason: String
}

/// `decision.referred`: underwriting referred the case to a higher authority.
public struct DecisionReferred: Hashable, Sendable, Codable {
    public var decidedBy: String
    public var reason: String
}

/// `sanction.issued`: the terms are fixed; from here the loan's money follows `terms`.
public struct SanctionIssued: Hashable, Sendable, Codable {
    public var sanctionedAmount: Money
    public var terms: LoanProduct
    public var validUntil: LocalDate
}

/// `disbursement.created`: a payout instruction was raised.
public struct DisbursementCreated: Hashable, Sendable, Codable {
    public var disbursementId: EntityID
    public var amount: Money
}

/// `disbursement.executed`: the bank paid out; the loan receivable exists from now.
public struct DisbursementExecuted: Hashable, Sendable, Codable {
    public var disbursementId: EntityID
    /// Principal lent (the receivable).
    public var amount: Money
    /// Processing fee charged at disbursement.
    public var processingFee: Money
    /// Cash paid to the borrower: amount − fee when the fee is deducted, else amount.
    public var netAmount: Money
    public var valueDate: LocalDate
    /// The bank's reference (UTR).
    public var bankReference: String
}

/// `disbursement.failed`: the payout bounced; the sanction stands and may be disbursed again.
public struct DisbursementFailed: Hashable, Sendable, Codable {
    public var disbursementId: EntityID
    public var reason: String
}

/// `loan.activated`: servicing starts with this schedule.
public struct LoanActivated: Hashable, Sendable, Codable {
    public var principal: Money
    public var firstDueDate: LocalDate
    public var maturityDate: LocalDate
    public var installmentAmount: Money
    public var installments: [InstallmentData]
}
