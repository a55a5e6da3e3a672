@testable import Lending

/// Histories that between them emit every loan event type the domain has.
enum EventCatalogue {
    static func everyLoanEvent() throws -> [LoanEvent] {
        var events: [LoanEvent] = []
        let terms = product(tenure: 3) {
            $0.lateFee = LateFeeRule(fee: .percent(rate("0.02")), graceDays: 3)
            $0.penaltyRate = rate("0.36")
            $0.processingFee = .flat(money("250.00"))
            $0.processingFeeCollection = .addedToFirstInstallment
        }
        // Referral, a failed payout, late fee, waiver, backdating, prepayment, refund, closure.
        var book = Book(today: d("2026-01-15"))
        try book.run(.createApplication(borrowerId: testID(1), productCode: "PL", requestedAmount: money("30000.00"),
                                        requestedTenure: 3))
        try book.run(.submitApplication(submittedBy: "officer-7"))
        try book.run(.refer(decidedBy: "credit-1", reason: "thin file"))
        try book.run(.approve(amount: money("30000.00"), decidedBy: "credit-head", reason: "guarantor"))
        try book.run(.issueSanction(amount: money("30000.00"), terms: terms, validUntil: d("2026-02-15")))
        try book.run(.createDisbursement(disbursementId: testID(2), amount: money("30000.00")))
        try book.run(.failDisbursement(disbursementId: testID(2), reason: "IFSC mismatch"))
        try book.run(.createDisbursement(disbursementId: testID(3), amount: money("30000.00")))
        try book.run(.executeDisbursement(disbursementId: testID(3), valueDate: d("2026-01-15"), bankReference: "UTR9"))
        book.today = d("2026-02-25")
        try book.run(.recordRepayment(paymentId: testID(79), amount: money("1000.00"), effectiveDate: d("2026-02-20"),
                                      channel: "cash"))
        try book.run(.closeBusinessDay(d("2026-02-25")))
        try book.run(.applyCharge(chargeId: testID(70), type: .bounceFee, installmentNumber: 1, amount: money("350.00"),
                                  reason: "NACH bounce"))
        try book.run(.waiveCharge(chargeId: testID(70), amount: money("100.00"), reason: "first bounce"))
        try book.run(.recordRepayment(paymentId: testID(80), amount: money("25000.00"), effectiveDate: d("2026-02-15"),
                                      channel: "upi"))
        try book.run(.applyPrepayment(amount: money("5000.00")))
        book.today = d("2026-04-15")
        try book.run(.recordRepayment(paymentId: testID(81), amount: money("20000.00"), effectiveDate: d("2026-04-15"),
                                      channel: "upi"))
        events += book.events

        var declined = Book(today: d("2026-01-15"))
        try declined.run(.createApplication(borrowerId: testID(1), productCode: "PL", requestedAmount: money("1000.00"),
                                            requestedTenure: 3))
        try declined.run(.submitApplication(submittedBy: "officer-7"))
        try declined.run(.decline(decidedBy: "credit-1", reason: "policy"))
        events += declined.events

        var bad = try Book.active(principal: money("10000.00"), terms: terms, start: d("2026-01-15"))
        bad.today = d("2026-09-01")
        try bad.run(.writeOff(reason: "fraud"))
        try bad.run(.recordRecovery(recoveryId: testID(90), amount: money("1000.00"), receivedOn: d("2026-09-01")))
        try bad.run(.closeWrittenOff)
        events += bad.events
        return events
    }

    static func everyBorrowerEvent() -> [BorrowerEvent] {
        [BorrowerEvent(.registered(BorrowerRegistered(fullName: "Asha Rao", dateOfBirth: d("1990-04-02"), mobile: "+919800000001",
                                                      email: "asha@example.com")), on: d("2026-01-10")),
         BorrowerEvent(.kycIndividualCompleted(KycIndividualCompleted(method: "ckyc", reference: "CKYC-1",
                                                                      verifiedOn: d("2026-01-10"))), on: d("2026-01-10"))]
    }
}
