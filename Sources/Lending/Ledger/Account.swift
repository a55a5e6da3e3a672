/// The chart of accounts the loan book posts to.
///
/// Asset accounts carry debit balances, liabilities and income credit balances, expense
/// debit balances. Codes are stable: read models and the warehouse group by them.
public enum Account: String, Hashable, Sendable, Codable, CaseIterable {
    /// Principal lent and not yet repaid (asset).
    case loansReceivable = "1100_loans_receivable"
    /// Interest accrued and unpaid (asset).
    case interestReceivable = "1110_interest_receivable"
    /// Fees charged and unpaid (asset).
    case feesReceivable = "1120_fees_receivable"
    /// Penalty interest accrued and unpaid (asset).
    case penaltyReceivable = "1130_penalty_receivable"
    /// Bank account money moves through (asset).
    case cash = "1000_cash_bank"
    /// Money received and not yet applied, owed back if never applied (liability).
    case customerExcess = "2100_customer_excess_suspense"
    /// Contractual interest earned (income).
    case interestIncome = "4000_interest_income"
    /// Penalty interest earned (income).
    case penaltyIncome = "4010_penalty_income"
    /// Processing, late and other fees earned, net of waivers (income).
    case feeIncome = "4100_fee_income"
    /// Recoveries on written-off loans (income).
    case recoveries = "4200_recoveries"
    /// Balances written off (expense).
    case writeOffExpense = "5100_write_off_expense"

    /// The receivable holding a component.
    public static func receivable(_ component: Component) -> Account {
        switch component {
        case .principal: .loansReceivable
        case .interest: .interestReceivable
        case .fees: .feesReceivable
        case .penalty: .penaltyReceivable
        }
    }
}

/// One line of a journal entry: positive amounts are debits, negative amounts credits.
public struct JournalLine: Hashable, Sendable {
    public var account: Account
    /// Signed minor units: debit > 0, credit < 0.
    public var amount: Int64

    /// Creates a line.
    public init(_ account: Account, _ amount: Int64) {
        self.account = account
        self.amount = amount
    }
}

/// A balanced journal entry produced by one money-moving event.
public struct JournalEntry: Hashable, Sendable {
    /// The event type that produced it.
    public var eventType: String
    /// The entry's business date.
    public var date: LocalDate
    /// The currency of every line.
    public var currency: Currency
    /// Lines; never empty, never zero, summing to zero.
    public var lines: [JournalLine]

    /// Sum of the signed lines: zero for a balanced entry.
    public var imbalance: Int64 { lines.reduce(0) { $0 + $1.amount } }
    /// Total debits.
    public var debits: Int64 { lines.filter { $0.amount > 0 }.reduce(0) { $0 + $1.amount } }
}
