/// Kinds of charge a loan can carry.
public enum ChargeType: String, Hashable, Sendable, Codable, CaseIterable {
    case lateFee = "late_fee"
    case bounceFee = "bounce_fee"
    case other
}

/// `charge.applied`: a fee was charged against an installment.
public struct ChargeApplied: Hashable, Sendable, Codable {
    public var chargeId: EntityID
    public var chargeType: ChargeType
    public var installmentNumber: Int
    public var amount: Money
    public var reason: String
}

/// `charge.waived`: some or all of a charge's unpaid amount was forgiven.
public struct ChargeWaived: Hashable, Sendable, Codable {
    public var chargeId: EntityID
    public var amount: Money
    public var reason: String
}

/// `charge.reversed`: a charge cancelled because re-derivation shows it should not exist.
public struct ChargeReversed: Hashable, Sendable, Codable {
    public var chargeId: EntityID
    public var amount: Money
    public var reason: String
}

/// `classification.changed`: the delinquency bucket moved.
public struct ClassificationChanged: Hashable, Sendable, Codable {
    public var fromBucket: String
    public var toBucket: String
    public var daysPastDue: Int
    public var npa: Bool
    public var asOf: LocalDate
}

/// `writeoff.applied`: the outstanding balance moved to write-off expense.
public struct WriteoffApplied: Hashable, Sendable, Codable {
    public var principal: Money
    public var interest: Money
    public var fees: Money
    public var penalty: Money
    public var total: Money
    public var reason: String
}

/// `recovery.received`: money recovered on a written-off loan.
public struct RecoveryReceived: Hashable, Sendable, Codable {
    public var recoveryId: EntityID
    public var amount: Money
    public var receivedOn: LocalDate
}

/// Why a loan closed.
public enum ClosureReason: String, Hashable, Sendable, Codable {
    case repaid
    case writtenOff = "written_off"
}

/// `loan.closed`: nothing more is owed (or the written-off account is closed).
public struct LoanClosed: Hashable, Sendable, Codable {
    public var reason: ClosureReason
    public var closedOn: LocalDate
}
