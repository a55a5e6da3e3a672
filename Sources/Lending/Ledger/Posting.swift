/// Turns money-moving events into journal entries.
///
/// Corrections never edit an entry: `accrual.reversed`, `charge.reversed`, `charge.waived`
/// and `repayment.allocation.reversed` produce entries that mirror the original.
public enum Posting {
    /// The journal entry for an event, or `nil` for events that move no money.
    ///
    /// - Parameter event: A loan event.
    /// - Returns: A balanced entry with no zero lines, or `nil`.
    public static func entry(for event: LoanEvent) -> JournalEntry? {
        var lines: [JournalLine] = []
        var currency: Currency?
        func line(_ account: Account, _ money: Money) {
            currency = money.currency
            lines.append(JournalLine(account, money.minorUnits))
        }
        func credit(_ account: Account, _ money: Money) { line(account, Money(minorUnits: -money.minorUnits, currency: money.currency)) }
        switch event.payload {
        case .disbursementExecuted(let e):
            line(.loansReceivable, e.amount)
            if e.netAmount.minorUnits + e.processingFee.minorUnits != e.amount.minorUnits {
                line(.feesReceivable, e.processingFee) // fee added to the first installment
            }
            credit(.cash, e.netAmount)
            credit(.feeIncome, e.processingFee)
        case .accrualPosted(let e):
            line(e.accrualType == .interest ? .interestReceivable : .penaltyReceivable, e.amount)
            credit(e.accrualType == .interest ? .interestIncome : .penaltyIncome, e.amount)
        case .accrualReversed(let e):
            line(e.accrualType == .interest ? .interestIncome : .penaltyIncome, e.amount)
            credit(e.accrualType == .interest ? .interestReceivable : .penaltyReceivable, e.amount)
        case .repaymentReceived(let e):
            line(.cash, e.amount)
            credit(.customerExcess, e.amount)
        case .repaymentAllocated(let e):
            line(.customerExcess, e.total)
            for l in e.lines { credit(.receivable(l.component), l.amount) }
        case .repaymentAllocationReversed(let e):
            for l in e.lines { line(.receivable(l.component), l.amount) }
            credit(.customerExcess, e.total)
        case .prepaymentApplied(let e):
            line(.customerExcess, e.amount)
            credit(.loansReceivable, e.amount)
        case .excessRefunded(let e):
            line(.customerExcess, e.amount)
            credit(.cash, e.amount)
        case .chargeApplied(let e):
            line(.feesReceivable, e.amount)
            credit(.feeIncome, e.amount)
        case .chargeWaived(let e):
            line(.feeIncome, e.amount)
            credit(.feesReceivable, e.amount)
        case .chargeReversed(let e):
            line(.feeIncome, e.amount)
            credit(.feesReceivable, e.amount)
        case .writeoffApplied(let e):
            line(.writeOffExpense, e.total)
            credit(.loansReceivable, e.principal)
            credit(.interestReceivable, e.interest)
            credit(.feesReceivable, e.fees)
            credit(.penaltyReceivable, e.penalty)
        case .recoveryReceived(let e):
            line(.cash, e.amount)
            credit(.recoveries, e.amount)
        default:
            return nil
        }
        lines.removeAll { $0.amount == 0 }
        guard let currency, !lines.isEmpty else { return nil }
        return JournalEntry(eventType: event.type, date: event.effectiveDate, currency: currency, lines: lines)
    }
}

/// Account balances from a sequence of entries (debit-positive).
public struct TrialBalance: Hashable, Sendable {
    /// Signed balance per account.
    public private(set) var balances: [Account: Int64] = [:]

    /// An empty trial balance.
    public init() {}

    /// Posts an entry.
    public mutating func post(_ entry: JournalEntry) {
        for line in entry.lines {
            let balance = (balances[line.account] ?? 0) + line.amount
            // Zero balances are dropped so two books with the same positions compare equal.
            balances[line.account] = balance == 0 ? nil : balance
        }
    }

    /// The balance of an account (debit-positive).
    public subscript(account: Account) -> Int64 { balances[account] ?? 0 }
}
