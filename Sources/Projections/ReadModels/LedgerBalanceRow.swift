import Foundation

/// A row of `ledger_balance`: one account of one loan (debit-positive minor units), the running
/// sum of the journal lines `Lending.Posting` books for the loan's events.
struct LedgerBalanceRow: Encodable, Sendable, Equatable {
    static let table = "ledger_balance"
    static let columns = ["loan_id", "account", "currency", "balance_minor"]
    static let key = ["loan_id", "account"]

    var loanId: UUID
    var account: String
    var currency: String
    var balanceMinor: Int64

    /// Every account the loan has posted to, in account order.
    static func rows(loanID: UUID, snapshot: LoanSnapshot) -> [LedgerBalanceRow] {
        guard let currency = snapshot.state.currency else { return [] }
        return snapshot.ledger.keys.sorted().map {
            LedgerBalanceRow(loanId: loanID, account: $0, currency: currency.code, balanceMinor: snapshot.ledger[$0] ?? 0)
        }
    }
}
