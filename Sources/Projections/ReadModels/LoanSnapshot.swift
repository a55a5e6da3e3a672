import Foundation
import Lending

/// What the read models keep per loan between batches, in `loan_snapshot`: the folded domain
/// state plus what the views need that the domain does not track.
///
/// The projection never re-reads Kafka or the event store: the next batch continues from this.
struct LoanSnapshot: Codable, Sendable, Equatable {
    /// The domain state folded from every event applied so far.
    var state = LoanState()
    /// The version of the last event applied (0: none yet).
    var version = 0
    /// The loan's business date: the newest effective date (or accrual business date) of its
    /// events. Days past due, buckets, "next due" and dues are computed as of this date.
    var asOf: LocalDate?
    /// Statement lines written so far (the last `line_no`).
    var lines = 0
    /// Recorded time of the first event (the application).
    var openedAt: Date?
    /// Recorded time of the last event.
    var updatedAt: Date?
    /// Ledger balances of the loan per account code (debit-positive), from `Lending.Posting`.
    var ledger: [String: Int64] = [:]

    /// Days past due, bucket and NPA as of ``asOf``, by the product's delinquency policy.
    var classification: DelinquencyClassifier.Classification {
        let policy = state.terms?.delinquency ?? .standard
        return DelinquencyClassifier(policy: policy).classify(state.installments, on: asOf ?? LocalDate(daysSinceEpoch: 0))
    }

    /// Balance of a ledger account (debit-positive).
    func balance(_ account: Account) -> Int64 { ledger[account.rawValue] ?? 0 }

    /// Receivable balances per component, from the ledger.
    var receivables: Components {
        Components(principal: balance(.loansReceivable), interest: balance(.interestReceivable),
                   fees: balance(.feesReceivable), penalty: balance(.penaltyReceivable))
    }

    /// Money held for the borrower (the credit balance of the customer excess account).
    var excessHeld: Int64 { -balance(.customerExcess) }
}

extension LoanSnapshot {
    /// Plain JSON (no key strategy: account codes are dictionary keys and must survive as they are).
    static func decode(_ text: String) throws -> LoanSnapshot {
        try JSONDecoder().decode(LoanSnapshot.self, from: Data(text.utf8))
    }

    /// The JSON stored in `loan_snapshot.snapshot`: what `JSONEncoder` would write, in a single pass
    /// (``StreamingJSONEncoder``; members in declaration order, dictionaries in their own order).
    func encoded() throws -> String {
        try StreamingJSONEncoder.encode(self)
    }
}
