import Foundation

/// A loan event as the domain emits it: a type, a schema version, a business date and a
/// payload. The write side wraps it in the envelope of docs/EVENTS.md (event id, loan id,
/// version, recorded time, metadata); the domain never sees that envelope.
public struct LoanEvent: Hashable, Sendable {
    /// The type-specific payload.
    public var payload: Payload
    /// The business date the event is effective for.
    public var effectiveDate: LocalDate

    /// Creates an event.
    public init(_ payload: Payload, on effectiveDate: LocalDate) {
        self.payload = payload
        self.effectiveDate = effectiveDate
    }

    /// The event type name, e.g. `repayment.received`.
    public var type: String { payload.type }
    /// The `v<N>` of the schema the payload follows.
    public var schemaVersion: Int { 1 }
    /// Business time: midnight UTC of `effectiveDate`.
    public var effectiveAt: Date { effectiveDate.startOfDayUTC }

    /// Every loan event payload.
    public enum Payload: Hashable, Sendable {
        case applicationCreated(ApplicationCreated)
        case applicationSubmitted(ApplicationSubmitted)
        case decisionApproved(DecisionApproved)
        case decisionDeclined(DecisionDeclined)
        case decisionReferred(DecisionReferred)
        case sanctionIssued(SanctionIssued)
        case disbursementCreated(DisbursementCreated)
        case disbursementExecuted(DisbursementExecuted)
        case disbursementFailed(DisbursementFailed)
        case loanActivated(LoanActivated)
        case accrualPosted(AccrualPosted)
        case accrualReversed(AccrualReversed)
        case repaymentReceived(RepaymentReceived)
        case repaymentAllocated(RepaymentAllocated)
        case repaymentAllocationReversed(RepaymentAllocationReversed)
        case prepaymentApplied(PrepaymentApplied)
        case excessRefunded(ExcessRefunded)
        case chargeApplied(ChargeApplied)
        case chargeWaived(ChargeWaived)
        case chargeReversed(ChargeReversed)
        case classificationChanged(ClassificationChanged)
        case writeoffApplied(WriteoffApplied)
        case recoveryReceived(RecoveryReceived)
        case loanClosed(LoanClosed)
    }

    /// Every loan event type name, in lifecycle order: the folders of `Schemas/`.
    public static let allTypes: [String] = [
        "application.created", "application.submitted", "decision.approved", "decision.declined",
        "decision.referred", "sanction.issued", "disbursement.created", "disbursement.executed",
        "disbursement.failed", "loan.activated", "accrual.posted", "accrual.reversed",
        "repayment.received", "repayment.allocated", "repayment.allocation.reversed",
        "prepayment.applied", "excess.refunded", "charge.applied", "charge.waived",
        "charge.reversed", "classification.changed", "writeoff.applied", "recovery.received",
        "loan.closed",
    ]
}

extension LoanEvent.Payload {
    /// The event type name.
    public var type: String {
        switch self {
        case .applicationCreated: "application.created"
        case .applicationSubmitted: "application.submitted"
        case .decisionApproved: "decision.approved"
        case .decisionDeclined: "decision.declined"
        case .decisionReferred: "decision.referred"
        case .sanctionIssued: "sanction.issued"
        case .disbursementCreated: "disbursement.created"
        case .disbursementExecuted: "disbursement.executed"
        case .disbursementFailed: "disbursement.failed"
        case .loanActivated: "loan.activated"
        case .accrualPosted: "accrual.posted"
        case .accrualReversed: "accrual.reversed"
        case .repaymentReceived: "repayment.received"
        case .repaymentAllocated: "repayment.allocated"
        case .repaymentAllocationReversed: "repayment.allocation.reversed"
        case .prepaymentApplied: "prepayment.applied"
        case .excessRefunded: "excess.refunded"
        case .chargeApplied: "charge.applied"
        case .chargeWaived: "charge.waived"
        case .chargeReversed: "charge.reversed"
        case .classificationChanged: "classification.changed"
        case .writeoffApplied: "writeoff.applied"
        case .recoveryReceived: "recovery.received"
        case .loanClosed: "loan.closed"
        }
    }
}
