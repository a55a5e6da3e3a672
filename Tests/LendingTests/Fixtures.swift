import Foundation
import Testing
@testable import Lending

/// Date literal helper: `d("2026-01-15")`.
func d(_ text: String) -> LocalDate {
    guard let date = LocalDate(text) else { preconditionFailure("bad test date \(text)") }
    return date
}

/// Money literal helper in a currency.
func money(_ text: String, _ currency: Currency = .INR) -> Money {
    do { return try Money.parse(text, currency: currency) } catch { preconditionFailure("bad test amount \(text)") }
}

/// Rate literal helper: `rate("0.12")`.
func rate(_ text: String) -> Rate {
    do { return try Rate.parse(text) } catch { preconditionFailure("bad test rate \(text)") }
}

/// Deterministic ids for tests: the n-th id of a counter.
func testID(_ n: Int) -> EntityID {
    EntityID(String(format: "00000000-0000-4000-8000-%012d", n))!
}

/// A loan under test: runs commands through `Loan.decide`, keeps every event, the folded
/// state and the journal, the way the write side would.
struct Book {
    var events: [LoanEvent] = []
    var state = LoanState()
    var journal: [JournalEntry] = []
    var today: LocalDate
    private var nextID = 1000

    init(today: LocalDate) { self.today = today }

    /// Decides and appends; returns the new events.
    @discardableResult
    mutating func run(_ command: LoanCommand) throws(LendingError) -> [LoanEvent] {
        let counter = Counter(start: nextID)
        let context = DecisionContext(today: today, makeID: { counter.next() })
        let new = try Loan.decide(command, state: state, context: context)
        nextID = counter.value
        for event in new {
            state.apply(event)
            if let entry = Posting.entry(for: event) { journal.append(entry) }
        }
        events += new
        return new
    }

    var trialBalance: TrialBalance {
        var tb = TrialBalance()
        for entry in journal { tb.post(entry) }
        return tb
    }

    /// Creates, approves, sanctions and disburses a loan of `principal` on `start`.
    static func active(principal: Money, terms: LoanProduct, start: LocalDate) throws(LendingError) -> Book {
        var book = Book(today: start)
        try book.run(.createApplication(borrowerId: testID(1), productCode: terms.code, requestedAmount: principal,
                                        requestedTenure: terms.tenure))
        try book.run(.submitApplication(submittedBy: "officer-7"))
        try book.run(.approve(amount: principal, decidedBy: "credit-2", reason: "within policy"))
        try book.run(.issueSanction(amount: principal, terms: terms, validUntil: start.adding(days: 30)))
        try book.run(.createDisbursement(disbursementId: testID(2), amount: principal))
        try book.run(.executeDisbursement(disbursementId: testID(2), valueDate: start, bankReference: "UTR0001"))
        return book
    }
}

/// A thread-safe counter for deterministic ids inside `@Sendable` closures.
final class Counter: @unchecked Sendable {
    // Guarded by `lock`; the only mutable state and only touched through next()/value.
    private var current: Int
    private let lock = NSLock()
    init(start: Int) { current = start }
    func next() -> EntityID {
        lock.lock(); defer { lock.unlock() }
        current += 1
        return testID(current)
    }
    var value: Int {
        lock.lock(); defer { lock.unlock() }
        return current
    }
}

/// The standard test product: INR, 12 % EMI, monthly.
func product(tenure: Int = 12, rate annual: String = "0.12", currency: Currency = .INR,
             configure: (inout LoanProduct) -> Void = { _ in }) -> LoanProduct {
    var terms = LoanProduct(code: "PL-TEST", currency: currency, annualRate: rate(annual), tenure: tenure)
    configure(&terms)
    return terms
}
