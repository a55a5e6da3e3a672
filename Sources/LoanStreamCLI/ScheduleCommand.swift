import ArgumentParser
import Foundation
import Lending

/// `loanstream schedule`: previews a product's repayment schedule as JSON.
///
/// A loan officer runs it to show a borrower what they will pay. Every option is read as
/// text and validated here so a bad value gets one sentence naming the option and exit
/// code 2, the same for every mistake (argument-parser's own usage errors exit 64).
struct ScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Print a loan's repayment schedule as JSON.",
        discussion: """
            Example: loanstream schedule --principal 100000.00 --currency INR --annual-rate 0.12 \
            --tenure 12 --frequency monthly --method emi --start 2026-01-15
            """)

    @Option(help: "Amount lent, a decimal in the currency's minor digits (e.g. 100000.00).")
    var principal: String?
    @Option(help: "ISO 4217 currency code (INR, USD, EUR, GBP, JPY, KWD, BHD, …).")
    var currency: String?
    @Option(name: .customLong("annual-rate"), help: "Nominal annual rate as a fraction (0.12 for 12 %).")
    var annualRate: String?
    @Option(help: "Number of amortising installments.")
    var tenure: String?
    @Option(help: "monthly, fortnightly or weekly.")
    var frequency: String = "monthly"
    @Option(help: "emi (declining balance) or flat.")
    var method: String = "emi"
    @Option(help: "Disbursement date, YYYY-MM-DD; the first installment is one period later.")
    var start: String?
    @Option(name: .customLong("day-count"), help: "act365f, act360 or 30_360 (used with --interest-basis day_count).")
    var dayCount: String = "act365f"
    @Option(name: .customLong("interest-basis"), help: "periodic (rate ÷ periods per year) or day_count (actual period length).")
    var interestBasis: String = "periodic"
    @Option(name: .customLong("grace-periods"), help: "Interest-only periods before amortisation.")
    var gracePeriods: String = "0"
    @Option(help: "half_even, half_up, down or up.")
    var rounding: String = "half_even"

    func run() throws {
        do {
            let output = try schedule()
            print(String(decoding: output, as: UTF8.self))
        } catch {
            let option = error.field.map { "--" + $0.replacingOccurrences(of: "_", with: "-") + ": " } ?? ""
            FileHandle.standardError.write(Data("error: \(option)\(error.reason)\n".utf8))
            throw ExitCode(2)
        }
    }

    /// Builds the schedule JSON from the options.
    func schedule() throws(LendingError) -> Data {
        let currency = try Currency(code: try present(self.currency, "currency"))
        let amount = try Money.parse(try present(principal, "principal"), currency: currency, field: "principal")
        let rate = try Rate.parse(try present(annualRate, "annual_rate"), field: "annual_rate")
        let tenure = try integer(try present(self.tenure, "tenure"), "tenure")
        let grace = try integer(gracePeriods, "grace_periods")
        guard let startDate = LocalDate(try present(start, "start")) else {
            throw LendingError(.invalidValue, "'\(start ?? "")' is not a date in the form YYYY-MM-DD", field: "start")
        }
        let terms = LoanProduct(
            code: "preview", currency: currency, annualRate: rate, tenure: tenure,
            frequency: try choice(frequency, "frequency"), interestMethod: try choice(method, "method"),
            interestBasis: try choice(interestBasis, "interest_basis"), dayCount: try choice(dayCount, "day_count"),
            gracePeriods: grace, rounding: try choice(rounding, "rounding"))
        let builder = ScheduleBuilder(terms: terms)
        let rows = try builder.schedule(principal: amount.minorUnits, start: startDate)
        return try SchedulePreview(terms: terms, principal: amount, rows: rows,
                                   installmentAmount: builder.installmentAmount(balance: amount.minorUnits, count: tenure)).json()
    }

    private func present(_ value: String?, _ field: String) throws(LendingError) -> String {
        guard let value, !value.isEmpty else {
            throw LendingError(.invalidValue, "is required", field: field)
        }
        return value
    }

    private func integer(_ text: String, _ field: String) throws(LendingError) -> Int {
        guard let value = Int(text), value >= 0 else {
            throw LendingError(.invalidValue, "'\(text)' is not a whole number", field: field)
        }
        return value
    }

    private func choice<T: RawRepresentable & CaseIterable>(_ text: String, _ field: String) throws(LendingError) -> T
        where T.RawValue == String {
        guard let value = T(rawValue: text) else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw LendingError(.invalidValue, "'\(text)' is not one of \(allowed)", field: field)
        }
        return value
    }
}
