import Foundation
import Testing
@testable import Lending

@Suite("Money and rates")
struct MoneyTests {
    @Test("amounts keep exactly the currency's minor digits", arguments: [
        ("1250.00", Currency.INR, Int64(125_000), "1250.00"),
        ("1250.5", Currency.USD, 125_050, "1250.50"),
        ("1250", Currency.JPY, 1_250, "1250"),
        ("1.25", Currency.KWD, 1_250, "1.250"),
        ("0.005", Currency.BHD, 5, "0.005"),
        ("-0.05", Currency.EUR, -5, "-0.05"),
        ("7", Currency.GBP, 700, "7.00"),
    ])
    func parseAndFormat(text: String, currency: Currency, minor: Int64, formatted: String) throws {
        let amount = try Money.parse(text, currency: currency)
        #expect(amount.minorUnits == minor)
        #expect(amount.decimalString == formatted)
    }

    @Test("amounts that would need rounding or are not decimals are refused", arguments: [
        ("1250.555", Currency.INR), ("1.5", Currency.JPY), ("1.2345", Currency.KWD), ("", Currency.INR),
        ("1e3", Currency.INR), ("12.", Currency.USD), (".5", Currency.USD), ("1,000.00", Currency.INR),
        ("99999999999999999", Currency.INR),
    ])
    func refuses(text: String, currency: Currency) {
        #expect(throws: LendingError.self) { try Money.parse(text, currency: currency) }
    }

    @Test func unknownCurrencyNamesTheField() {
        do {
            _ = try Currency(code: "XYZ")
            Issue.record("XYZ was accepted")
        } catch {
            #expect(error.code == .invalidValue)
            #expect(error.field == "currency")
        }
    }

    @Test func moneyEncodesAsStringObject() throws {
        let data = try JSONEncoder().encode(money("1.250", .KWD))
        let object = try #require(JSONSerialization.jsonObject(with: data) as? [String: String])
        #expect(object == ["amount": "1.250", "currency": "KWD"])
        #expect(try JSONDecoder().decode(Money.self, from: data) == money("1.250", .KWD))
    }

    @Test("rounding rules on ties", arguments: [
        ("0.125", RoundingRule.halfEven, "0.12"), ("0.135", .halfEven, "0.14"), ("0.125", .halfUp, "0.13"),
        ("0.129", .down, "0.12"), ("0.121", .up, "0.13"), ("-0.125", .halfEven, "-0.12"), ("-0.129", .down, "-0.12"),
    ])
    func rounding(value: String, rule: RoundingRule, expected: String) throws {
        let decimal = try #require(Decimal(string: value))
        #expect(decimal.rounded(scale: 2, rule) == Decimal(string: expected))
    }

    @Test func ratesAreExactDecimals() throws {
        let rate = try Rate.parse("0.1")
        #expect(rate.value * 3 == Decimal(string: "0.3"))
        #expect(throws: LendingError.self) { try Rate.parse("-0.1") }
        #expect(throws: LendingError.self) { try Rate.parse("12%") }
    }

    @Test func localDatesRoundTripAndClampMonths() {
        #expect(d("2024-02-29").description == "2024-02-29")
        #expect(d("1901-01-05").description == "1901-01-05")
        #expect(LocalDate(daysSinceEpoch: 0).description == "1970-01-01")
        #expect(LocalDate("2023-02-29") == nil)
        #expect(d("2026-01-31").adding(months: 1) == d("2026-02-28"))
        #expect(d("2026-01-31").adding(months: 2, anchorDay: 31) == d("2026-03-31"))
        #expect(d("2026-01-01").days(until: d("2027-01-01")) == 365)
        #expect(DayCount.thirty360.days(from: d("2026-01-31"), to: d("2026-02-28")) == 28)
        #expect(DayCount.thirty360.days(from: d("2026-01-15"), to: d("2026-02-15")) == 30)
    }
}
