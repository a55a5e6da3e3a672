import Testing
@testable import Lending

@Suite("Allocation waterfall")
struct AllocationTests {
    /// Two overdue installments: each ₹100 principal, ₹10 interest, ₹5 fees, ₹2 penalty;
    /// a third not yet due.
    static var installments: [InstallmentState] {
        (1...3).map { n in
            let row = ScheduledInstallment(number: n, dueDate: d("2026-01-15").adding(months: n), periodStart: d("2026-01-15"),
                                           principal: 10_000, interest: 1_000, fees: 0, closingBalance: 0)
            var inst = InstallmentState(row)
            inst.charged = Components(principal: 10_000, interest: 1_000, fees: 500, penalty: 200)
            return inst
        }
    }

    func lines(_ policy: AllocationPolicy, _ amount: Int64) -> [String] {
        Waterfall(policy: policy).allocate(amount, over: Self.installments, on: d("2026-04-01"))
            .map { "\($0.installment):\($0.component.rawValue):\($0.amount)" }
    }

    @Test func installmentFirstSettlesTheOldestInstallmentCompletely() {
        #expect(lines(.standard, 12_000) == ["1:penalty:200", "1:fees:500", "1:interest:1000", "1:principal:10000",
                                             "2:penalty:200", "2:fees:100"])
    }

    @Test func componentFirstTakesEachComponentAcrossInstallments() {
        let policy = AllocationPolicy(order: [.penalty, .fees, .interest, .principal], strategy: .componentFirst)
        #expect(lines(policy, 3_000) == ["1:penalty:200", "2:penalty:200", "1:fees:500", "2:fees:500",
                                         "1:interest:1000", "2:interest:600"])
    }

    @Test func nothingIsTakenFromInstallmentsNotYetDueAndTheRestIsLeftOver() {
        let taken = Waterfall(policy: .standard).allocate(1_000_000, over: Self.installments, on: d("2026-04-01"))
        #expect(taken.allSatisfy { $0.installment <= 2 })
        #expect(taken.reduce(0) { $0 + $1.amount } == 2 * 11_700)
    }

    @Test func aPaymentSmallerThanThePenaltyPaysPenaltyOnly() {
        #expect(lines(.standard, 150) == ["1:penalty:150"])
        #expect(lines(.standard, 0).isEmpty)
    }

    @Test func backdatingAcrossAPrepaymentIsRefused() throws {
        var book = try Book.active(principal: money("100000.00"), terms: product(), start: d("2026-01-15"))
        book.today = d("2026-02-15")
        try book.run(.recordRepayment(paymentId: testID(40), amount: money("20000.00"), effectiveDate: d("2026-02-15"),
                                      channel: "neft"))
        book.today = d("2026-02-20")
        try book.run(.applyPrepayment(amount: money("10000.00")))
        do {
            try book.run(.recordRepayment(paymentId: testID(41), amount: money("100.00"), effectiveDate: d("2026-02-16"),
                                          channel: "neft"))
            Issue.record("backdating across a prepayment was accepted")
        } catch {
            #expect(error.code == .dateOutOfOrder && error.field == "effective_date")
        }
    }
}
