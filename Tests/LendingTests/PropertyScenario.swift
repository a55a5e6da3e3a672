import Foundation
import PropertyBased
@testable import Lending

/// A random product and payment history for property tests.
struct Scenario: Sendable, CustomStringConvertible {
    var terms: LoanProduct
    var principal: Int64
    /// (days after disbursement, amount in minor units), in recording order.
    var payments: [(day: Int, amount: Int64)]
    /// Which payment the backdating property records late, and how many days late.
    var backdatedIndex: Int
    var delay: Int

    static let start = d("2026-01-15")
    /// Day-end runs through this many days after disbursement in every history.
    static let horizon = 200

    var description: String {
        "\(terms.currency.code) \(principal) at \(terms.annualRate) \(terms.interestMethod.rawValue) \(terms.frequency.rawValue)"
            + " x\(terms.tenure) grace \(terms.gracePeriods) \(terms.allocation.strategy.rawValue) \(terms.allocation.order)"
            + " late \(terms.lateFee != nil) penalty \(terms.penaltyRate) payments \(payments) backdate #\(backdatedIndex)+\(delay)d"
    }

    /// Builds a scenario from generator draws.
    init(options: Int, principal: Int64, draws: [Int], backdate: Int, delay: Int) {
        var seed = options
        func pick<T>(_ values: [T]) -> T {
            defer { seed /= values.count }
            return values[seed % values.count]
        }
        let currency = pick([Currency.INR, .USD, .JPY, .KWD])
        var terms = LoanProduct(code: "PROP", currency: currency, annualRate: Rate(Decimal(pick([0, 5, 12, 18, 24, 36])) / 100),
                                tenure: pick([3, 4, 6, 12, 18]))
        terms.frequency = pick(RepaymentFrequency.allCases)
        terms.interestMethod = pick(InterestMethod.allCases)
        terms.interestBasis = pick(InterestBasis.allCases)
        terms.dayCount = pick(DayCount.allCases)
        terms.gracePeriods = pick([0, 0, 1])
        terms.rounding = pick([RoundingRule.halfEven, .halfEven, .halfUp, .down])
        terms.allocation = AllocationPolicy(order: pick([[.penalty, .fees, .interest, .principal],
                                                         [.interest, .principal, .penalty, .fees],
                                                         [.fees, .penalty, .principal, .interest]]),
                                            strategy: pick([.installmentFirst, .componentFirst]))
        terms.penaltyRate = Rate(Decimal(pick([0, 12, 24, 36])) / 100)
        let flatFee = Money(minorUnits: 5 * currency.minorPerMajor, currency: currency)
        terms.lateFee = pick([nil, LateFeeRule(fee: .flat(flatFee), graceDays: pick([0, 3, 7])),
                              LateFeeRule(fee: .percent(Rate(Decimal(2) / 100)), graceDays: 5)])
        terms.processingFee = pick([.percent(.zero), .percent(Rate(Decimal(1) / 100))])
        terms.processingFeeCollection = pick(FeeCollection.allCases)
        terms.prepayment = pick(PrepaymentOption.allCases)
        terms.excessApplication = pick([ExcessApplication.holdForInstallments, .holdForInstallments, .prepayImmediately])
        self.terms = terms
        self.principal = principal

        // Payments are sized against the EMI but kept below 90 % of everything scheduled, so a
        // history never repays the loan before its last payment (a closed loan refuses money).
        let rows = (try? ScheduleBuilder(terms: terms).schedule(principal: principal, start: Scenario.start)) ?? []
        let budget = rows.reduce(0) { $0 + $1.total } * 9 / 10
        let emi = rows.last?.total ?? principal
        var spent: Int64 = 0
        var payments: [(day: Int, amount: Int64)] = []
        for pair in stride(from: 0, to: draws.count - 1, by: 2) {
            let amount = max(emi * Int64(draws[pair + 1]) / 100, 1)
            guard spent + amount <= budget else { break }
            spent += amount
            payments.append((day: draws[pair] % 150, amount: amount))
        }
        self.payments = payments.sorted { $0.day < $1.day }
        backdatedIndex = payments.isEmpty ? 0 : backdate % payments.count
        self.delay = delay
    }

    static var generator: Generator<Scenario, AnySequence<Any>> {
        zip(Gen.int(in: 0...Int(Int32.max)), Gen.int64(in: 50_000...20_000_000), Gen.int(in: 0...300).array(of: 0...16),
            Gen.int(in: 0...100), Gen.int(in: 1...60))
            .map { Scenario(options: $0, principal: $1, draws: $2, backdate: $3, delay: $4) }
            .eraseToAny()
    }

    /// Runs the history with every payment recorded on its own date, then day-end to the horizon.
    func onTime(skipping skipped: Int? = nil) throws -> Book {
        let money = { (units: Int64) in Money(minorUnits: units, currency: terms.currency) }
        var book = try Book.active(principal: money(principal), terms: terms, start: Scenario.start)
        for (index, payment) in payments.enumerated() where index != skipped {
            book.today = Scenario.start.adding(days: payment.day)
            try book.run(.recordRepayment(paymentId: testID(500 + index), amount: money(payment.amount),
                                          effectiveDate: book.today, channel: "upi"))
        }
        return book
    }

    /// Closes the book through the horizon.
    func finish(_ book: inout Book) throws {
        book.today = Scenario.start.adding(days: Scenario.horizon)
        try book.run(.closeBusinessDay(book.today))
    }
}
