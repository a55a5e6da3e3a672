/// Kinds of charge a loan can carry.
public enum ChargeType: String, Hashable, Sendable, Codable, CaseIterable {
    case lateFee = "late_fee"
    case bounceFee = "bounce_fee"
    case other
}

/// `charge.applied`: a fee was charged against an installment.
public struct ChargeApplied: Hashable, Sendable, Codable {
    /// The charge.
    public var chargeId: EntityID
    /// Kind of charge.
    public var chargeType: ChargeType
    /// The installment it belongs to.
    public var installmentNumber: Int
    /// The amount.
    public var amount: Money
    /// Why, in words a person can act on.
    public var reason: String
}

/// `charge.waived`: some or all of a charge's unpaid amount was forgiven.
public struct ChargeWaived: Hashable, Sendable, Codable {
    /// The charge.
    public var chargeId: EntityID
    /// The amount.
    public var amount: Money
    /// Why, in words a person can act on.
    public var reason: String
}

/// `charge.reversed`: a charge cancelled because re-derivation shows it should not exist.
public struct ChargeReversed: Hashable, Sendable, Codable {
    /// The charge.
    public var chargeId: EntityID
    /// The amount.
    public var amount: Money
    /// Why, in words a person can act on.
    public var reason: String
}

/// `classification.changed`: the delinquency bucket moved.
public struct ClassificationChanged: Hashable, Sendable, Codable {
    /// Bucket before.
    public var fromBucket: String
    /// Bucket after.
    public var toBucket: String
    /// Days since the oldest unpaid installment fell due.
    public var daysPastDue: Int
    /// Whether the loan is now non-performing.
    public var npa: Bool
    /// The business date of the classification.
    public var asOf: LocalDate
}

/// `writeoff.applied`: the outstanding balance moved to write-off expense.
public struct WriteoffApplied: Hashable, Sendable, Codable {
    /// Principal.
    public var principal: Money
    /// Interest.
    public var interest: Money
    /// Fees.
    public var fees: Money
    /// Penalty interest.
    public var penalty: Money
    /// Sum of the lines.
    public var total: Money
    /// Why, in words a person can act on.
    public var reason: String
}

/// `recovery.received`: money recovered on a written-off loan.
public struct RecoveryReceived: Hashable, Sendable, Codable {
    /// The recovery's identifier.
    public var recoveryId: EntityID
    /// The amount.
    public var amount: Money
    /// The date the money was effective.
    public var receivedOn: LocalDate
}

/// Why a loan closed.
public enum ClosureReason: String, Hashable, Sendable, Codable {
    case repaid
    case writtenOff = "written_off"
}

/// `loan.closed`: nothing more is owed (or the written-off account is closed).
public struct LoanClosed: Hashable, Sendable, Codable {
    /// Why, in words a person can act on.
    public var reason: ClosureReason
    /// The business date of closure.
    public var closedOn: LocalDate
}
