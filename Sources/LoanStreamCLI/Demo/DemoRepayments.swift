import EventSchemas
import Foundation
import Lending

/// The servicing months of one demo loan: day-end runs, repayments in the loan's behaviour, fees,
/// and how the loan ends (prepayment, foreclosure, write-off and recovery).
struct DemoRepayments: Sendable {
    let loan: DemoLoan
    let path: String

    private var today: LocalDate { loan.today }
    private var currency: Currency { loan.product.currency }

    func run() async throws {
        let (installment, dueDates) = try await schedule()
        for (number, due) in dueDates.enumerated().map({ ($0.offset + 1, $0.element) }) where due <= today {
            try await month(number, due: due, installment: installment)
        }
        try await ending()
        if ![.foreclosure, .defaulter].contains(loan.behaviour) { try await dayEnd(through: today) }
    }

    private func month(_ number: Int, due: LocalDate, installment: Int64) async throws {
        switch loan.behaviour {
        case .onTime, .early, .foreclosure:
            try await pay(installment, on: due, closingFirst: due.adding(days: -1))
        case .late:
            let paid = due.adding(days: 20)
            guard paid <= today else { return }
            if number == 2 { try await bounceFee(installment: number, on: due.adding(days: 3)) }
            // Enough for the installment, its late fee and penalty interest; the rest is held.
            try await pay(installment + installment / 20, on: paid, closingFirst: paid.adding(days: -1))
        case .partial:
            try await pay(installment / 2, on: due, closingFirst: due.adding(days: -1))
        case .backdated:
            let closed = due.adding(days: 10)
            guard closed <= today else { return }
            try await pay(installment, on: due.adding(days: 3), closingFirst: closed)
        case .defaulter:
            if number == 1 { try await pay(installment, on: due, closingFirst: due.adding(days: -1)) }
        case .declined:
            return
        }
    }

    private func ending() async throws {
        switch loan.behaviour {
        case .early:
            try await dayEnd(through: today.adding(days: -1))
            // A lump sum arrives (held as excess), then the borrower asks to prepay with it.
            let principal = try await outstanding("principal")
            try await pay(principal / 4, on: today, closingFirst: nil)
            let held = try units(try await state()["excess"])
            if held > 0 { try await loan.attempt("prepayment", "\(path)/prepayments", ["amount": money(held)], on: today) }
        case .foreclosure:
            try await dayEnd(through: today.adding(days: -1))
            let total = try await outstanding("total")
            // Pay what is outstanding plus this month's interest; foreclosure settles from what is held.
            try await pay(total + total / 50, on: today, closingFirst: nil)
            try await loan.attempt("foreclosure", "\(path)/foreclosure", [:], on: today)
        case .defaulter:
            try await dayEnd(through: today)
            guard try await loan.attempt("write-off", "\(path)/write-off", ["reason": "90+ days past due, collections exhausted"], on: today) else { return }
            let recovery = try await writtenOff() / 10
            if recovery > 0 {
                try await loan.attempt("recovery", "\(path)/recoveries", [
                    "recovery_id": .string(UUID().uuidString.lowercased()), "amount": money(recovery), "received_on": .string(today.description),
                ], on: today)
            }
        default:
            return
        }
    }

    private func pay(_ amount: Int64, on date: LocalDate, closingFirst closed: LocalDate?) async throws {
        if let closed { try await dayEnd(through: closed) }
        try await loan.attempt("repayment", "\(path)/repayments", [
            "payment_id": .string(UUID().uuidString.lowercased()), "amount": money(amount),
            "effective_date": .string(date.description), "channel": loan.index % 3 == 0 ? "nach" : "upi",
        ], on: max(date, closed ?? date))
    }

    private func dayEnd(through date: LocalDate) async throws {
        guard date >= loan.disbursedOn else { return }
        try await loan.attempt("day-end", "\(path)/day-end", ["business_date": .string(date.description)], on: date)
    }

    private func bounceFee(installment: Int, on date: LocalDate) async throws {
        let charge = UUID().uuidString.lowercased()
        let fee = Money(minorUnits: currency == .USD ? 1_000 : 50_000, currency: currency)
        try await loan.attempt("charge", "\(path)/charges", [
            "charge_id": .string(charge), "charge_type": "bounce_fee", "installment_number": .number(JSONNumber(installment)),
            "amount": DemoProduct.money(fee), "reason": "NACH mandate bounced",
        ], on: date)
        if loan.index % 2 == 1 {
            try await loan.attempt("waiver", "\(path)/charges/\(charge)/waivers", ["amount": DemoProduct.money(fee), "reason": "first bounce, goodwill"],
                                 on: date)
        }
    }

    private func money(_ units: Int64) -> JSONValue {
        DemoProduct.money(Money(minorUnits: max(units, 1), currency: currency))
    }

    // MARK: reading the loan

    private func state() async throws -> JSONValue {
        let answer = try await loan.api.get("\(path)/state")
        guard answer.ok, let body = answer.body else {
            loan.tally.refused("read-state", answer)
            throw DemoLoan.Refused()
        }
        return body
    }

    private func units(_ value: JSONValue?) throws -> Int64 {
        guard let text = value?["amount"]?.stringValue else { throw DemoLoan.Refused() }
        return try Money.parse(text, currency: currency).minorUnits
    }

    private func schedule() async throws -> (installment: Int64, dueDates: [LocalDate]) {
        let body = try await state()
        let installments = body["installments"]?.arrayValue ?? []
        let dueDates = installments.compactMap { $0["due_date"]?.stringValue.flatMap(LocalDate.init) }
        return (try units(body["installment_amount"]), dueDates)
    }

    private func outstanding(_ component: String) async throws -> Int64 {
        try units(try await state()["outstanding"]?[component])
    }

    private func writtenOff() async throws -> Int64 {
        let events = try await loan.api.get("\(path)/events")
        let writeOff = events.body?["events"]?.arrayValue?.last { $0["event_type"]?.stringValue == "writeoff.applied" }
        return (try? units(writeOff?["data"]?["total"])) ?? 0
    }
}
