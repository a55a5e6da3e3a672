import Foundation
import Lending

/// A row of `loan_view`: a loan's position as of its business date (``LoanSnapshot/asOf``).
struct LoanViewRow: Encodable, Sendable, Equatable {
    static let table = "loan_view"
    static let columns = [
        "loan_id", "borrower_id", "product_code", "currency", "status", "requested_amount_minor",
        "approved_amount_minor", "sanctioned_amount_minor", "principal_minor", "installment_amount_minor",
        "outstanding_principal_minor", "outstanding_interest_minor", "outstanding_fees_minor",
        "outstanding_penalty_minor", "outstanding_total_minor", "overdue_minor", "excess_minor", "written_off_minor",
        "recovered_minor", "days_past_due", "bucket", "npa", "as_of_date", "installments_total",
        "installments_settled", "next_due_date", "next_due_minor", "last_payment_id", "last_payment_date",
        "last_payment_minor", "disbursed_on", "closed_on", "opened_at", "updated_at", "version",
    ]
    static let key = ["loan_id"]

    var loanId: UUID
    var borrowerId: String?
    var productCode: String
    var currency: String
    var status: String
    var requestedAmountMinor: Int64
    var approvedAmountMinor: Int64
    var sanctionedAmountMinor: Int64
    /// Principal disbursed.
    var principalMinor: Int64
    var installmentAmountMinor: Int64
    var outstandingPrincipalMinor: Int64
    var outstandingInterestMinor: Int64
    var outstandingFeesMinor: Int64
    var outstandingPenaltyMinor: Int64
    var outstandingTotalMinor: Int64
    /// Unpaid amounts of installments due before the business date.
    var overdueMinor: Int64
    var excessMinor: Int64
    var writtenOffMinor: Int64
    var recoveredMinor: Int64
    var daysPastDue: Int
    var bucket: String
    var npa: Bool
    var asOfDate: LocalDate?
    var installmentsTotal: Int
    var installmentsSettled: Int
    var nextDueDate: LocalDate?
    var nextDueMinor: Int64?
    var lastPaymentId: String?
    var lastPaymentDate: LocalDate?
    var lastPaymentMinor: Int64?
    var disbursedOn: LocalDate?
    var closedOn: LocalDate?
    var openedAt: String
    var updatedAt: String
    var version: Int

    init(loanID: UUID, snapshot: LoanSnapshot) {
        let state = snapshot.state
        let outstanding = state.outstanding
        let classification = snapshot.classification
        loanId = loanID
        borrowerId = state.borrowerId?.description
        productCode = state.productCode
        currency = state.currency?.code ?? "XXX"
        status = state.status.rawValue
        requestedAmountMinor = state.requestedAmount
        approvedAmountMinor = state.approvedAmount
        sanctionedAmountMinor = state.sanctionedAmount
        principalMinor = state.disbursedAmount
        installmentAmountMinor = state.installmentAmount
        outstandingPrincipalMinor = outstanding.principal
        outstandingInterestMinor = outstanding.interest
        outstandingFeesMinor = outstanding.fees
        outstandingPenaltyMinor = outstanding.penalty
        outstandingTotalMinor = outstanding.total
        let asOf = snapshot.asOf
        overdueMinor = state.installments.filter { asOf.map($0.dueDate.lessThan) ?? false }
            .reduce(0) { $0 + $1.outstanding.total }
        excessMinor = state.excess
        writtenOffMinor = state.writtenOffTotal
        recoveredMinor = state.recovered
        daysPastDue = classification.daysPastDue
        bucket = classification.bucket
        npa = classification.npa
        asOfDate = asOf
        installmentsTotal = state.installments.count
        installmentsSettled = state.installments.filter(\.isSettled).count
        if let next = state.installments.filter({ !$0.isSettled && (asOf.map($0.dueDate.notBefore) ?? true) })
            .min(by: { $0.dueDate < $1.dueDate }) {
            nextDueDate = next.dueDate
            nextDueMinor = next.remainingToPay
        }
        if let payment = state.repayments.last {
            lastPaymentId = payment.id.description
            lastPaymentDate = payment.effectiveDate
            lastPaymentMinor = payment.amount
        }
        disbursedOn = state.disbursedOn
        closedOn = state.closedOn
        openedAt = RowWriter.timestamp(snapshot.openedAt ?? Date(timeIntervalSince1970: 0))
        updatedAt = RowWriter.timestamp(snapshot.updatedAt ?? Date(timeIntervalSince1970: 0))
        version = snapshot.version
    }
}

extension InstallmentState {
    /// What the borrower still pays for this installment: the schedule's interest even before it
    /// has all accrued, plus principal, fees and penalty, less what was paid or written off.
    var remainingToPay: Int64 {
        let interest = max(charged.interest, scheduled.interest)
        return charged.principal + interest + charged.fees + charged.penalty - paid.total - writtenOff.total
    }
}

extension LocalDate {
    /// `self < other`, as a function to map over an optional.
    fileprivate func lessThan(_ other: LocalDate) -> Bool { self < other }
    /// `self >= other`.
    fileprivate func notBefore(_ other: LocalDate) -> Bool { self >= other }
}
