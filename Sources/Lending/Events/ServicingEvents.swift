/// What an accrual is for.
public enum AccrualType: String, Hashable, Sendable, Codable {
    /// Contractual interest of an installment, recognised day by day.
    case interest
    /// Penalty interest on an installment's overdue principal and interest.
    case penaltyInterest = "penalty_interest"
}

/// `accrual.posted`: income recognised for one business date and installment.
public struct AccrualPosted: Hashable, Sendable, Codable {
    public var businessDate: LocalDate
    public var accrualType: AccrualType
    public var installmentNumber: Int
    public var amount: Money
}

/// `accrual.reversed`: a compensating entry for an earlier accrual (history is not edited).
public struct AccrualReversed: Hashable, Sendable, Codable {
    public var businessDate: LocalDate
    public var accrualType: AccrualType
    public var installmentNumber: Int
    public var amount: Money
    public var reason: String
}

/// `repayment.received`: money arrived from the borrower; it sits unapplied until allocated.
public struct RepaymentReceived: Hashable, Sendable, Codable {
    public var paymentId: EntityID
    public var amount: Money
    public var receivedOn: LocalDate
    public var channel: String
}

/// Where allocated money came from.
public enum AllocationSource: String, Hashable, Sendable, Codable {
    /// A repayment just received (with any excess already held).
    case payment
    /// Excess held from earlier payments, applied when an installment fell due.
    case excess
}

/// One line of an allocation: an amount applied to one component of one installment.
public struct AllocationLine: Hashable, Sendable, Codable {
    public var installmentNumber: Int
    public var component: Component
    public var amount: Money
}

/// `repayment.allocated`: unapplied money applied to what is due, by the product's waterfall.
public struct RepaymentAllocated: Hashable, Sendable, Codable {
    public var source: AllocationSource
    public var paymentId: EntityID?
    public var allocationDate: LocalDate
    public var lines: [AllocationLine]
    public var total: Money
    /// Unapplied money still held after this allocation.
    public var excessAfter: Money
}

/// `repayment.allocation.reversed`: an earlier allocation undone so it can be re-derived
/// (a backdated payment changed what was due); the money returns to unapplied.
public struct RepaymentAllocationReversed: Hashable, Sendable, Codable {
    public var source: AllocationSource
    public var paymentId: EntityID?
    public var allocationDate: LocalDate
    public var lines: [AllocationLine]
    public var total: Money
    public var reason: String
}

/// `prepayment.applied`: excess applied to principal and the future schedule re-derived.
public struct PrepaymentApplied: Hashable, Sendable, Codable {
    public var amount: Money
    public var option: PrepaymentOption
    public var installments: [InstallmentData]
}

/// `excess.refunded`: unapplied money paid back to the borrower.
public struct ExcessRefunded: Hashable, Sendable, Codable {
    public var amount: Money
    public var reason: String
}
