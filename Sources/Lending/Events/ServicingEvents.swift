/// What an accrual is for.
public enum AccrualType: String, Hashable, Sendable, Codable {
    /// Contractual interest of an installment, recognised day by day.
    case interest
    /// Penalty interest on an installment's overdue principal and interest.
    case penaltyInterest = "penalty_interest"
}

/// `accrual.posted`: income recognised for one business date and installment.
public struct AccrualPosted: Hashable, Sendable, Codable {
    /// The business date the amount is for.
    public var businessDate: LocalDate
    /// Contractual or penalty interest.
    public var accrualType: AccrualType
    /// The installment it belongs to.
    public var installmentNumber: Int
    /// The amount.
    public var amount: Money
}

/// `accrual.reversed`: a compensating entry for an earlier accrual (history is not edited).
public struct AccrualReversed: Hashable, Sendable, Codable {
    /// The business date the amount is for.
    public var businessDate: LocalDate
    /// Contractual or penalty interest.
    public var accrualType: AccrualType
    /// The installment it belongs to.
    public var installmentNumber: Int
    /// The amount.
    public var amount: Money
    /// Why, in words a person can act on.
    public var reason: String
}

/// `repayment.received`: money arrived from the borrower; it sits unapplied until allocated.
public struct RepaymentReceived: Hashable, Sendable, Codable {
    /// The payment's identifier (idempotent per loan).
    public var paymentId: EntityID
    /// The amount.
    public var amount: Money
    /// The date the money was effective.
    public var receivedOn: LocalDate
    /// How it was paid (upi, nach, neft, cash, …).
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
    /// The installment it belongs to.
    public var installmentNumber: Int
    /// The component paid.
    public var component: Component
    /// The amount.
    public var amount: Money
}

/// `repayment.allocated`: unapplied money applied to what is due, by the product's waterfall.
public struct RepaymentAllocated: Hashable, Sendable, Codable {
    /// Whether a fresh payment or held excess funded it.
    public var source: AllocationSource
    /// The payment's identifier (idempotent per loan).
    public var paymentId: EntityID?
    /// The business date of the allocation.
    public var allocationDate: LocalDate
    /// What was applied where, in waterfall order.
    public var lines: [AllocationLine]
    /// Sum of the lines.
    public var total: Money
    /// Unapplied money still held after this allocation.
    public var excessAfter: Money
}

/// `repayment.allocation.reversed`: an earlier allocation undone so it can be re-derived
/// (a backdated payment changed what was due); the money returns to unapplied.
public struct RepaymentAllocationReversed: Hashable, Sendable, Codable {
    /// Whether a fresh payment or held excess funded it.
    public var source: AllocationSource
    /// The payment's identifier (idempotent per loan).
    public var paymentId: EntityID?
    /// The business date of the allocation.
    public var allocationDate: LocalDate
    /// What was applied where, in waterfall order.
    public var lines: [AllocationLine]
    /// Sum of the lines.
    public var total: Money
    /// Why, in words a person can act on.
    public var reason: String
}

/// How a `prepayment.applied` re-derived the schedule.
public enum PrepaymentKind: String, Hashable, Sendable, Codable {
    /// Installment amount kept, loan ends sooner.
    case reduceTenure = "reduce_tenure"
    /// Installment count kept, each one lower.
    case reduceInstallment = "reduce_installment"
    /// Everything falls due today with interest only to date; the loan closes when paid.
    case foreclosure

    init(_ option: PrepaymentOption) {
        switch option {
        case .reduceTenure: self = .reduceTenure
        case .reduceInstallment: self = .reduceInstallment
        }
    }
}

/// `prepayment.applied`: excess applied to principal and the future schedule re-derived.
public struct PrepaymentApplied: Hashable, Sendable, Codable {
    /// The amount.
    public var amount: Money
    /// How the schedule was re-derived.
    public var option: PrepaymentKind
    /// The schedule rows.
    public var installments: [InstallmentData]
}

/// `excess.refunded`: unapplied money paid back to the borrower.
public struct ExcessRefunded: Hashable, Sendable, Codable {
    /// The amount.
    public var amount: Money
    /// Why, in words a person can act on.
    public var reason: String
}
