import Testing
@testable import Lending

@Suite("Servicing: accrual, allocation, late fees, delinquency")
struct ServicingTests {
    /// ₹1,00,000 at 12 % for 12 months from 15 Jan 2026, ₹500 late fee after 5 days, 24 % penalty.
    static let terms = product {
        $0.lateFee = LateFeeRule(fee: .flat(money("500.00")), graceDays: 5)
        $0.penaltyRate = rate("0.24")
    }

    static func loan() throws -> Book {
        try Book.active(principal: money("100000.00"), terms: terms, start: d("2026-01-15"))
    }

    func accruals(_ events: [LoanEvent], _ type: AccrualType) -> [AccrualPosted] {
        events.compactMap { if case .accrualPosted(let a) = $0.payload, a.accrualType == type { a } else { nil } }
    }

    @Test("daily accrual sums to the installment's interest by its due date and is idempotent per date")
    func dailyAccrual() throws {
        var book = try Self.loan()
        book.today = d("2026-02-14")
        let posted = try book.run(.closeBusinessDay(d("2026-02-14")))
        let interest = accruals(posted, .interest)
        #expect(interest.count == 31)
        #expect(interest.allSatisfy { $0.installmentNumber == 1 })
        #expect(interest.reduce(0) { $0 + $1.amount.minorUnits } == 100_000)
        #expect(interest.first?.amount == money("32.26")) // 1000 × 1/31
        #expect(try book.run(.closeBusinessDay(d("2026-02-14"))).isEmpty)
        #expect(try book.run(.closeBusinessDay(d("2026-02-10"))).isEmpty)
        #expect(book.trialBalance[.interestReceivable] == 100_000)
        #expect(book.trialBalance[.interestIncome] == -100_000)
    }

    @Test("an on-time EMI settles interest then principal")
    func onTimePayment() throws {
        var book = try Self.loan()
        book.today = d("2026-02-15")
        let events = try book.run(.recordRepayment(paymentId: testID(50), amount: money("8884.88"),
                                                   effectiveDate: d("2026-02-15"), channel: "nach"))
        guard case .repaymentAllocated(let allocation) = events.last(where: { $0.type == "repayment.allocated" })?.payload else {
            Issue.record("no allocation"); return
        }
        #expect(allocation.lines == [
            AllocationLine(installmentNumber: 1, component: .interest, amount: money("1000.00")),
            AllocationLine(installmentNumber: 1, component: .principal, amount: money("7884.88")),
        ])
        #expect(allocation.excessAfter == money("0.00"))
        #expect(book.state.outstanding.principal == 9_211_512)
        #expect(book.trialBalance[.loansReceivable] == 9_211_512)
    }

    @Test("a missed EMI: bucket 1-30 the next day, ₹500 late fee once on day 6, penalty daily")
    func missedInstallment() throws {
        var book = try Self.loan()
        book.today = d("2026-03-10")
        let events = try book.run(.closeBusinessDay(d("2026-03-10")))
        let changes = events.compactMap { if case .classificationChanged(let c) = $0.payload { c } else { nil } }
        #expect(changes == [ClassificationChanged(fromBucket: "current", toBucket: "1-30", daysPastDue: 1, npa: false,
                                                  asOf: d("2026-02-16"))])
        let fees = events.compactMap { if case .chargeApplied(let c) = $0.payload { c } else { nil } }
        #expect(fees.count == 1)
        #expect(fees.first?.amount == money("500.00") && fees.first?.installmentNumber == 1)
        #expect(events.first { if case .chargeApplied = $0.payload { true } else { false } }?.effectiveDate == d("2026-02-21"))
        let penalty = accruals(events, .penaltyInterest)
        // 8884.88 × 24 % ÷ 365 = 5.84 a day, from 16 Feb to 10 Mar (23 days).
        #expect(penalty.count == 23 && penalty.allSatisfy { $0.amount == money("5.84") })
    }

    @Test("a late partial payment follows penalty → fees → interest → principal; excess waits for the next due date")
    func latePaymentWaterfallAndExcess() throws {
        var book = try Self.loan()
        book.today = d("2026-02-25")
        let events = try book.run(.recordRepayment(paymentId: testID(51), amount: money("10000.00"),
                                                   effectiveDate: d("2026-02-25"), channel: "upi"))
        guard case .repaymentAllocated(let allocation) = events.last(where: { $0.type == "repayment.allocated" })?.payload else {
            Issue.record("no allocation"); return
        }
        #expect(allocation.lines.map(\.component) == [.penalty, .fees, .interest, .principal])
        #expect(allocation.lines.map(\.amount) == [money("52.56"), money("500.00"), money("1000.00"), money("7884.88")])
        #expect(allocation.total.minorUnits + allocation.excessAfter.minorUnits == 1_000_000)
        #expect(book.state.excess == 56_256)
        #expect(book.state.bucket == "current")
        #expect(events.last?.type == "classification.changed")
        #expect(book.trialBalance[.customerExcess] == -56_256)
        book.today = d("2026-03-15")
        let later = try book.run(.closeBusinessDay(d("2026-03-15")))
        guard case .repaymentAllocated(let fromExcess) = later.first(where: { $0.type == "repayment.allocated" })?.payload else {
            Issue.record("excess not applied"); return
        }
        #expect(fromExcess.source == .excess && fromExcess.allocationDate == d("2026-03-15"))
        #expect(fromExcess.lines.first == AllocationLine(installmentNumber: 2, component: .interest, amount: money("562.56")))
        #expect(book.state.excess == 0)
    }

    @Test("a backdated payment reverses the late fee and penalty and restores the bucket, with new events only")
    func backdatedPayment() throws {
        var late = try Self.loan()
        late.today = d("2026-02-28")
        try late.run(.closeBusinessDay(d("2026-02-28")))
        let history = late.events
        let compensating = try late.run(.recordRepayment(paymentId: testID(52), amount: money("8884.88"),
                                                         effectiveDate: d("2026-02-15"), channel: "cheque"))
        #expect(Array(late.events.prefix(history.count)) == history) // appended, never edited
        let types = Set(compensating.map(\.type))
        #expect(types.isSuperset(of: ["charge.reversed", "accrual.reversed", "repayment.received", "repayment.allocated",
                                      "classification.changed"]))
        #expect(late.state.bucket == "current" && late.state.installments[0].outstanding.total == 0)
        #expect(late.state.installments[0].charged.fees == 0 && late.state.installments[0].charged.penalty == 0)

        var onTime = try Self.loan()
        onTime.today = d("2026-02-28")
        try onTime.run(.recordRepayment(paymentId: testID(52), amount: money("8884.88"), effectiveDate: d("2026-02-15"),
                                        channel: "cheque"))
        try onTime.run(.closeBusinessDay(d("2026-02-28")))
        #expect(late.state.installments == onTime.state.installments)
        #expect(late.trialBalance == onTime.trialBalance)
    }

    @Test func waiverForgivesOnlyWhatIsUnpaid() throws {
        var book = try Self.loan()
        book.today = d("2026-02-22")
        let events = try book.run(.closeBusinessDay(d("2026-02-22")))
        guard case .chargeApplied(let fee) = events.first(where: { $0.type == "charge.applied" })?.payload else {
            Issue.record("no late fee"); return
        }
        #expect(throws: LendingError.self) {
            try book.run(.waiveCharge(chargeId: fee.chargeId, amount: money("500.01"), reason: "goodwill"))
        }
        try book.run(.waiveCharge(chargeId: fee.chargeId, amount: money("500.00"), reason: "goodwill"))
        #expect(book.state.installments[0].outstanding.fees == 0)
        #expect(book.trialBalance[.feesReceivable] == 0)
        book.today = d("2026-03-01")
        let later = try book.run(.closeBusinessDay(d("2026-03-01")))
        #expect(!later.contains { $0.type == "charge.applied" }) // at most once per installment
    }

    @Test("prepayment: reduce tenure keeps the EMI, reduce installment keeps the count",
          arguments: [PrepaymentOption.reduceTenure, .reduceInstallment])
    func prepayment(option: PrepaymentOption) throws {
        var terms = Self.terms
        terms.prepayment = option
        var book = try Book.active(principal: money("100000.00"), terms: terms, start: d("2026-01-15"))
        book.today = d("2026-02-15")
        try book.run(.recordRepayment(paymentId: testID(53), amount: money("38884.88"), effectiveDate: d("2026-02-15"),
                                      channel: "neft"))
        #expect(book.state.excess == 3_000_000)
        book.today = d("2026-02-20")
        let events = try book.run(.applyPrepayment(amount: money("30000.00")))
        guard case .prepaymentApplied(let applied) = events.last?.payload else { Issue.record("no prepayment"); return }
        let rows = applied.installments.map(\.row)
        #expect(rows.first?.number == 2 && rows.first?.interest == 92_115) // interest in progress unchanged
        #expect(rows.reduce(0) { $0 + $1.principal } == 9_211_512 - 3_000_000)
        switch option {
        case .reduceTenure:
            #expect(rows.dropLast().allSatisfy { $0.total == 888_488 })
            #expect(rows.count < 11)
        case .reduceInstallment:
            #expect(rows.count == 11)
            #expect(rows[1].total < 888_488)
        }
        #expect(book.state.outstanding.principal == 6_211_512)
        #expect(book.trialBalance[.loansReceivable] == 6_211_512)
        #expect(book.state.excess == 0)
    }

    @Test("write-off after 180 days past due moves receivables to expense; recoveries are income")
    func writeOffAndRecovery() throws {
        var book = try Self.loan()
        book.today = d("2026-08-10")
        #expect(throws: LendingError.self) { try book.run(.writeOff(reason: "uncontactable")) }
        book.today = d("2026-08-15")
        try book.run(.writeOff(reason: "uncontactable"))
        #expect(book.state.status == .writtenOff)
        let tb = book.trialBalance
        #expect(tb[.loansReceivable] == 0 && tb[.interestReceivable] == 0 && tb[.feesReceivable] == 0 && tb[.penaltyReceivable] == 0)
        #expect(tb[.writeOffExpense] == book.state.writtenOffTotal)
        #expect(book.state.bucket == "90+" && book.state.npa)
        try book.run(.recordRecovery(recoveryId: testID(60), amount: money("2500.00"), receivedOn: d("2026-08-15")))
        #expect(book.trialBalance[.recoveries] == -250_000)
        try book.run(.closeWrittenOff)
        #expect(book.state.status == .closed)
    }

    @Test("a product that prepays immediately puts an overpayment on principal the same day")
    func automaticPrepayment() throws {
        var terms = Self.terms
        terms.excessApplication = .prepayImmediately
        terms.prepayment = .reduceInstallment
        var book = try Book.active(principal: money("100000.00"), terms: terms, start: d("2026-01-15"))
        book.today = d("2026-02-15")
        let events = try book.run(.recordRepayment(paymentId: testID(54), amount: money("18884.88"),
                                                   effectiveDate: d("2026-02-15"), channel: "neft"))
        #expect(events.map(\.type).suffix(2) == ["repayment.allocated", "prepayment.applied"])
        #expect(book.state.excess == 0)
        #expect(book.state.outstanding.principal == 9_211_512 - 1_000_000)
        #expect(book.state.installments.count == 12)
        #expect(book.state.installments[2].scheduled.total < 888_488)
        #expect(book.trialBalance[.loansReceivable] == 8_211_512)
    }

    @Test("a backdated payment that repays the loan closes it on its own date and refunds what came after")
    func backdatedPaymentClosesTheLoan() throws {
        var book = try Book.active(principal: money("1000.00"), terms: product(tenure: 1, rate: "0"), start: d("2026-01-15"))
        book.today = d("2026-02-16")
        try book.run(.recordRepayment(paymentId: testID(61), amount: money("300.00"), effectiveDate: d("2026-02-15"),
                                      channel: "upi"))
        try book.run(.recordRepayment(paymentId: testID(62), amount: money("300.00"), effectiveDate: d("2026-02-16"),
                                      channel: "upi"))
        let events = try book.run(.recordRepayment(paymentId: testID(63), amount: money("800.00"),
                                                   effectiveDate: d("2026-02-15"), channel: "cheque"))
        let refunds = events.compactMap { if case .excessRefunded(let r) = $0.payload { (r.amount, $0.effectiveDate) } else { nil } }
        #expect(refunds.map(\.0) == [money("100.00"), money("300.00")])
        #expect(refunds.map(\.1) == [d("2026-02-15"), d("2026-02-16")])
        #expect(book.state.status == .closed && book.state.closedOn == d("2026-02-15"))
        #expect(book.state.excess == 0)
        #expect(book.trialBalance[.cash] == -100_000 + 140_000 - 40_000)
        #expect(book.trialBalance[.loansReceivable] == 0 && book.trialBalance[.customerExcess] == 0)
    }

    @Test("foreclosure mid-period charges interest only to date and closes the loan")
    func foreclosure() throws {
        var book = try Self.loan()
        book.today = d("2026-02-15")
        try book.run(.recordRepayment(paymentId: testID(64), amount: money("8884.88"), effectiveDate: d("2026-02-15"),
                                      channel: "nach"))
        book.today = d("2026-03-01")
        try book.run(.recordRepayment(paymentId: testID(65), amount: money("92000.00"), effectiveDate: d("2026-03-01"),
                                      channel: "neft"))
        #expect(throws: LendingError(.invalidValue, "foreclosing today needs 92575.70 INR; 92000.00 INR is held", field: "amount")) {
            try book.run(.foreclose)
        }
        try book.run(.recordRepayment(paymentId: testID(66), amount: money("1000.00"), effectiveDate: d("2026-03-01"),
                                      channel: "neft"))
        do {
            try book.run(.foreclose)
        } catch {
            Issue.record("foreclosure refused: \(error)")
        }
        // Interest on ₹92,115.12 for 14 of 28 days of the ₹921.15 period: 460.58 (half, rounded half-even).
        guard case .prepaymentApplied(let p) = book.events.first(where: { $0.type == "prepayment.applied" })?.payload else {
            Issue.record("no foreclosure event"); return
        }
        #expect(p.option == .foreclosure && p.installments.count == 1)
        #expect(p.installments[0].dueDate == d("2026-03-01") && p.installments[0].interest == money("460.58"))
        #expect(p.installments[0].principal == money("92115.12"))
        #expect(book.state.status == .closed && book.state.closedOn == d("2026-03-01"))
        guard case .excessRefunded(let refund) = book.events.first(where: { $0.type == "excess.refunded" })?.payload else {
            Issue.record("no refund"); return
        }
        #expect(refund.amount == money("424.30")) // 93,000.00 − 92,115.12 − 460.58
        let tb = book.trialBalance
        #expect(tb[.loansReceivable] == 0 && tb[.interestReceivable] == 0 && tb[.customerExcess] == 0)
    }
}
