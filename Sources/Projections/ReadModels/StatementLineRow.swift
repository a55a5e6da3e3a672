import Foundation
import Lending

/// A row of `statement_line`: one money movement of a loan (one journal entry), its allocation
/// as the signed change of each receivable (+ charged, − paid or written off) and the running
/// balances after it. Balances are the loan's ledger receivables, so the statement agrees with
/// the journal by construction.
struct StatementLineRow: Encodable, Sendable, Equatable {
    static let table = "statement_line"
    static let columns = [
        "loan_id", "line_no", "version", "event_id", "event_type", "effective_date", "recorded_at", "currency",
        "amount_minor", "principal_minor", "interest_minor", "fees_minor", "penalty_minor", "excess_minor",
        "balance_principal_minor", "balance_interest_minor", "balance_fees_minor", "balance_penalty_minor",
        "balance_total_minor", "balance_excess_minor",
    ]
    static let key = ["loan_id", "line_no"]

    var loanId: UUID
    var lineNo: Int
    var version: Int
    var eventId: UUID
    var eventType: String
    var effectiveDate: LocalDate
    var recordedAt: String
    var currency: String
    /// The gross amount of the movement (the entry's debits).
    var amountMinor: Int64
    var principalMinor: Int64
    var interestMinor: Int64
    var feesMinor: Int64
    var penaltyMinor: Int64
    /// Change of the money held for the borrower (+ received and not applied, − applied or refunded).
    var excessMinor: Int64
    var balancePrincipalMinor: Int64
    var balanceInterestMinor: Int64
    var balanceFeesMinor: Int64
    var balancePenaltyMinor: Int64
    var balanceTotalMinor: Int64
    var balanceExcessMinor: Int64

    init(loanID: UUID, lineNo: Int, event: ProjectedEvent, entry: JournalEntry, change: Components,
         excessChange: Int64, balances: Components, excess: Int64) {
        loanId = loanID
        self.lineNo = lineNo
        version = event.version
        eventId = event.eventID
        eventType = event.eventType
        effectiveDate = entry.date
        recordedAt = RowWriter.timestamp(event.occurredAt)
        currency = entry.currency.code
        amountMinor = entry.debits
        principalMinor = change.principal
        interestMinor = change.interest
        feesMinor = change.fees
        penaltyMinor = change.penalty
        excessMinor = excessChange
        balancePrincipalMinor = balances.principal
        balanceInterestMinor = balances.interest
        balanceFeesMinor = balances.fees
        balancePenaltyMinor = balances.penalty
        balanceTotalMinor = balances.total
        balanceExcessMinor = excess
    }
}
