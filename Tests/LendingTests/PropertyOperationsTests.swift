import Foundation
import PropertyBased
import Testing
@testable import Lending

/// The accounting invariants again, with the rarer operations mixed in: manual charges,
/// waivers, prepayments and write-off. Commands the domain refuses (a prepayment while
/// something is overdue, a write-off before the rule allows it) are part of the history a
/// real loan sees; only `LendingError` refusals are tolerated.
@Suite("Ledger properties with charges, waivers, prepayment, foreclosure and write-off")
struct PropertyOperationsTests {
    static func runWithOperations(_ scenario: Scenario) throws -> (book: Book, refused: Int) {
        let currency = scenario.terms.currency
        let m = { (units: Int64) in Money(minorUnits: units, currency: currency) }
        var book = try scenario.onTime()
        var refused = 0
        func attempt(_ command: LoanCommand) {
            do { try book.run(command) } catch { refused += 1 }
        }
        let mid = Scenario.start.adding(days: 20 + scenario.delay)
        book.today = max(book.today, mid)
        attempt(.closeBusinessDay(book.today))
        attempt(.applyCharge(chargeId: testID(900), type: .bounceFee, installmentNumber: 1,
                             amount: m(3 * currency.minorPerMajor), reason: "NACH bounce"))
        for (id, charge) in book.state.charges.sorted(by: { $0.key < $1.key }) where charge.net > 1 {
            attempt(.waiveCharge(chargeId: id, amount: m(charge.net / 2), reason: "goodwill"))
        }
        attempt(.recordRepayment(paymentId: testID(901), amount: m(scenario.principal / 3), effectiveDate: book.today,
                                 channel: "neft"))
        book.today = book.today.adding(days: 1)
        if book.state.excess > 0 { attempt(.applyPrepayment(amount: m(max(book.state.excess / 2, 1)))) }
        if scenario.backdatedIndex % 3 == 1 {
            book.today = book.today.adding(days: 3)
            attempt(.recordRepayment(paymentId: testID(902), amount: m(scenario.principal * 2), effectiveDate: book.today,
                                     channel: "neft"))
            attempt(.foreclose)
        }
        book.today = Scenario.start.adding(days: Scenario.horizon)
        attempt(.closeBusinessDay(book.today))
        if scenario.backdatedIndex % 2 == 0 { attempt(.writeOff(reason: "uncollectable")) }
        return (book, refused)
    }

    @Test("journals balance and receivables equal the loan's outstanding amounts")
    func invariantsHold() async {
        await propertyCheck(count: 60, input: Scenario.generator) { scenario in
            let (book, _) = try Self.runWithOperations(scenario)
            #expect(book.journal.allSatisfy { $0.imbalance == 0 && !$0.lines.isEmpty })
            let tb = book.trialBalance, outstanding = book.state.outstanding
            #expect(tb[.loansReceivable] == outstanding.principal, "\(scenario)")
            #expect(tb[.interestReceivable] == outstanding.interest, "\(scenario)")
            #expect(tb[.feesReceivable] == outstanding.fees, "\(scenario)")
            #expect(tb[.penaltyReceivable] == outstanding.penalty, "\(scenario)")
            #expect(tb[.customerExcess] == -book.state.excess, "\(scenario)")
            // Principal lent is accounted for: repaid, prepaid, written off or still owed.
            let prepaid = book.events.reduce(Int64(0)) {
                if case .prepaymentApplied(let p) = $1.payload { $0 + p.amount.minorUnits } else { $0 }
            }
            let paid = book.state.installments.reduce(Int64(0)) { $0 + $1.paid.principal + $1.writtenOff.principal }
            #expect(paid + prepaid + outstanding.principal == scenario.principal, "\(scenario)")
            #expect(LoanState.fold(book.events) == book.state)
            if book.events.contains(where: { if case .prepaymentApplied(let p) = $0.payload { p.option == .foreclosure } else { false } }) {
                #expect(book.state.status == .closed && outstanding.total == 0 && book.state.excess == 0, "\(scenario)")
            }
            if book.state.status == .writtenOff {
                #expect(outstanding.total == 0)
                #expect(tb[.writeOffExpense] == book.state.writtenOffTotal)
            }
        }
    }
}
