import Foundation
import PropertyBased
import Testing
@testable import Lending

/// Invariants an accountant relies on, over random products and payment histories.
@Suite("Ledger and servicing properties")
struct PropertyTests {
    @Test("every journal entry balances and allocations, prepayments and excess add up to the money received")
    func journalsBalanceAndAllocationsSum() async {
        await propertyCheck(count: 60, input: Scenario.generator) { scenario in
            var book = try scenario.onTime()
            try scenario.finish(&book)
            for entry in book.journal {
                #expect(entry.imbalance == 0, "\(entry.eventType) on \(entry.date) does not balance")
                #expect(entry.lines.allSatisfy { $0.amount != 0 })
            }
            var allocated: Int64 = 0, received: Int64 = 0
            for event in book.events {
                switch event.payload {
                case .repaymentReceived(let r): received += r.amount.minorUnits
                case .repaymentAllocated(let a):
                    #expect(a.lines.reduce(0) { $0 + $1.amount.minorUnits } == a.total.minorUnits)
                    #expect(a.lines.allSatisfy { $0.amount.minorUnits > 0 })
                    allocated += a.total.minorUnits
                case .repaymentAllocationReversed(let a): allocated -= a.total.minorUnits
                case .prepaymentApplied(let p): allocated += p.amount.minorUnits
                case .excessRefunded(let r): allocated += r.amount.minorUnits
                default: break
                }
            }
            #expect(received == scenario.payments.reduce(0) { $0 + $1.amount })
            #expect(allocated + book.state.excess == received, "\(scenario)")
        }
    }

    @Test("ledger receivables equal the loan's outstanding amounts")
    func ledgerMatchesState() async {
        await propertyCheck(count: 60, input: Scenario.generator) { scenario in
            var book = try scenario.onTime()
            try scenario.finish(&book)
            let tb = book.trialBalance, outstanding = book.state.outstanding
            #expect(tb[.loansReceivable] == outstanding.principal, "\(scenario)")
            #expect(tb[.interestReceivable] == outstanding.interest, "\(scenario)")
            #expect(tb[.feesReceivable] == outstanding.fees, "\(scenario)")
            #expect(tb[.penaltyReceivable] == outstanding.penalty, "\(scenario)")
            #expect(tb[.customerExcess] == -book.state.excess, "\(scenario)")
            #expect(book.state.installments.allSatisfy { $0.paid.principal <= $0.scheduled.principal })
        }
    }

    @Test("folding the stored events again gives the same state")
    func refoldIsIdentical() async {
        await propertyCheck(count: 40, input: Scenario.generator) { scenario in
            var book = try scenario.onTime()
            try scenario.finish(&book)
            let stored = try book.events.map { ($0.type, try $0.encodedData(), $0.effectiveAt) }
            let reread = try stored.map { try LoanEvent.decode(type: $0.0, data: $0.1, effectiveAt: $0.2) }
            #expect(reread == book.events)
            #expect(LoanState.fold(reread) == book.state)
        }
    }

    @Test("a backdated payment ends in the same state as the same payment made on time")
    func backdatingMatchesOnTime() async {
        await propertyCheck(count: 60, input: Scenario.generator) { scenario in
            guard !scenario.payments.isEmpty else { return }
            var onTime = try scenario.onTime()
            try scenario.finish(&onTime)

            let k = scenario.backdatedIndex
            let late = scenario.payments[k]
            var backdated = try scenario.onTime(skipping: k)
            let lastDay = scenario.payments.map(\.day).max() ?? 0
            backdated.today = Scenario.start.adding(days: min(max(lastDay, late.day + scenario.delay), Scenario.horizon))
            try backdated.run(.closeBusinessDay(backdated.today))
            let history = backdated.events
            let effective = Scenario.start.adding(days: late.day)
            let command = LoanCommand.recordRepayment(paymentId: testID(500 + k),
                                                      amount: Money(minorUnits: late.amount, currency: scenario.terms.currency),
                                                      effectiveDate: effective, channel: "upi")
            // Backdating across a prepayment that re-derived the schedule is refused by design,
            // and so is one that would itself trigger an automatic prepayment of installments
            // that have already accrued.
            if backdated.state.rescheduledOn.contains(where: { $0 >= effective }) {
                #expect(throws: LendingError.self) { try backdated.run(command) }
                return
            }
            do {
                try backdated.run(command)
            } catch let error as LendingError where error.code == .dateOutOfOrder && scenario.terms.excessApplication == .prepayImmediately {
                return
            }
            #expect(Array(backdated.events.prefix(history.count)) == history)
            try scenario.finish(&backdated)

            #expect(backdated.state.installments == onTime.state.installments, "\(scenario)")
            #expect(backdated.state.excess == onTime.state.excess)
            #expect(backdated.state.bucket == onTime.state.bucket)
            #expect(backdated.state.status == onTime.state.status)
            #expect(backdated.trialBalance == onTime.trialBalance, "\(scenario)")
        }
    }
}
