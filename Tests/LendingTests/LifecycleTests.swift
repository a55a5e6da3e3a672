import Testing
@testable import Lending

@Suite("Loan lifecycle")
struct LifecycleTests {
    static let feeProduct = product { $0.processingFee = .percent(rate("0.01")) }

    @Test("origination to activation emits the taxonomy's events and books the disbursement")
    func originationToActivation() throws {
        let book = try Book.active(principal: money("100000.00"), terms: Self.feeProduct, start: d("2026-01-15"))
        #expect(book.events.map(\.type) == ["application.created", "application.submitted", "decision.approved",
                                            "sanction.issued", "disbursement.created", "disbursement.executed",
                                            "loan.activated"])
        guard case .disbursementExecuted(let paid) = book.events[5].payload else { Issue.record("no execution"); return }
        #expect(paid.netAmount == money("99000.00") && paid.processingFee == money("1000.00"))
        #expect(book.state.status == .active)
        #expect(book.state.installments.count == 12)
        #expect(book.state.installments[0].dueDate == d("2026-02-15"))
        let entry = try #require(book.journal.first)
        #expect(entry.lines == [JournalLine(.loansReceivable, 10_000_000), JournalLine(.cash, -9_900_000),
                                JournalLine(.feeIncome, -100_000)])
    }

    @Test func declineIsFinal() throws {
        var book = Book(today: d("2026-01-10"))
        try book.run(.createApplication(borrowerId: testID(1), productCode: "PL", requestedAmount: money("5000.00"),
                                        requestedTenure: 6))
        try book.run(.submitApplication(submittedBy: "officer-7"))
        try book.run(.refer(decidedBy: "credit-1", reason: "income unverified"))
        try book.run(.decline(decidedBy: "credit-head", reason: "income unverified"))
        #expect(book.state.status == .declined)
        #expect(throws: LendingError(.invalidTransition, "cannot decide on a loan that is declined")) {
            try book.run(.approve(amount: money("5000.00"), decidedBy: "credit-head", reason: "appeal"))
        }
    }

    @Test func disbursingMoreThanSanctionedIsRefused() throws {
        var book = Book(today: d("2026-01-10"))
        try book.run(.createApplication(borrowerId: testID(1), productCode: "PL", requestedAmount: money("5000.00"),
                                        requestedTenure: 6))
        try book.run(.submitApplication(submittedBy: "officer-7"))
        try book.run(.approve(amount: money("4000.00"), decidedBy: "credit-1", reason: "ok"))
        try book.run(.issueSanction(amount: money("4000.00"), terms: product(tenure: 6), validUntil: d("2026-02-10")))
        do {
            try book.run(.createDisbursement(disbursementId: testID(9), amount: money("4000.01")))
            Issue.record("over-disbursement accepted")
        } catch {
            #expect(error.code == .exceedsSanction && error.field == "amount")
        }
        #expect(throws: LendingError.self) { try book.run(.createDisbursement(disbursementId: testID(9), amount: money("0.00"))) }
        #expect(throws: LendingError.self) {
            try book.run(.createDisbursement(disbursementId: testID(9), amount: money("10.00", .USD)))
        }
        try book.run(.createDisbursement(disbursementId: testID(9), amount: money("4000.00")))
        #expect(throws: LendingError.self) {
            try book.run(.executeDisbursement(disbursementId: testID(9), valueDate: d("2026-01-09"), bankReference: "UTR1"))
        }
        try book.run(.failDisbursement(disbursementId: testID(9), reason: "beneficiary account closed"))
        #expect(book.state.status == .sanctioned)
        #expect(throws: LendingError.self) { try book.run(.createDisbursement(disbursementId: testID(9), amount: money("4000.00"))) }
        book.today = d("2026-02-11")
        #expect(throws: LendingError(.invalidTransition, "the sanction expired on 2026-02-10; issue a new sanction")) {
            try book.run(.createDisbursement(disbursementId: testID(10), amount: money("4000.00")))
        }
    }

    @Test func repayingBeforeActivationOrAfterClosureIsRefused() throws {
        var book = Book(today: d("2026-01-10"))
        do {
            try book.run(.recordRepayment(paymentId: testID(5), amount: money("10.00"), effectiveDate: d("2026-01-10"),
                                          channel: "upi"))
            Issue.record("repayment on a non-existent loan accepted")
        } catch {
            #expect(error.code == .invalidTransition)
        }
        var loan = try Book.active(principal: money("1000.00"), terms: product(tenure: 1, rate: "0"), start: d("2026-01-15"))
        loan.today = d("2026-02-15")
        try loan.run(.recordRepayment(paymentId: testID(5), amount: money("1000.00"), effectiveDate: d("2026-02-15"),
                                      channel: "upi"))
        #expect(loan.state.status == .closed)
        #expect(loan.events.last?.type == "loan.closed")
        do {
            try loan.run(.recordRepayment(paymentId: testID(6), amount: money("1.00"), effectiveDate: d("2026-02-15"),
                                          channel: "upi"))
            Issue.record("repayment on a closed loan accepted")
        } catch {
            #expect(error.code == .invalidTransition)
            #expect(error.reason == "cannot service a loan that is closed")
        }
    }

    @Test func borrowerStream() throws {
        let context = DecisionContext(today: d("2026-01-10"))
        var state = BorrowerState()
        let registered = try Borrower.decide(.register(fullName: "Asha Rao", dateOfBirth: d("1990-04-02"), mobile: "+919800000001",
                                                       email: "asha@example.com"), state: state, context: context)
        registered.forEach { state.apply($0) }
        #expect(registered.map(\.type) == ["borrower.registered"])
        #expect(throws: LendingError.self) {
            try Borrower.decide(.register(fullName: "Asha Rao", dateOfBirth: d("1990-04-02"), mobile: "+919800000001",
                                          email: nil), state: state, context: context)
        }
        let kyc = try Borrower.decide(.completeKYC(method: "ckyc", reference: "CKYC-1", verifiedOn: d("2026-01-10")),
                                      state: state, context: context)
        #expect(kyc.map(\.type) == ["kyc.individual.completed"])
        do {
            _ = try Borrower.decide(.register(fullName: "Minor", dateOfBirth: d("2010-01-01"), mobile: "9800000001", email: nil),
                                    state: BorrowerState(), context: context)
            Issue.record("a minor was registered")
        } catch {
            #expect(error.field == "date_of_birth")
        }
    }
}
