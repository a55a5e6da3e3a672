import EventSchemas
import Foundation
import Lending

/// Turns read-model rows (as PostgreSQL renders them with `to_jsonb`) into API bodies: every
/// `<name>_minor` column becomes `<name>` as money (`{"amount":"1250.00","currency":"INR"}`) in
/// the row's currency, nulls are left out, and internal columns are dropped.
enum ReadModelJSON {
    /// The API form of a row.
    ///
    /// - Parameters:
    ///   - row: the row object.
    ///   - dropping: columns the API does not show.
    /// - Throws: ``Problem`` 500 only for a row whose currency the domain does not know (a bug).
    static func body(_ row: JSONValue, dropping: Set<String> = []) throws -> [String: JSONValue] {
        guard let object = row.objectValue else { return [:] }
        let currency = try currency(of: object)
        var body: [String: JSONValue] = [:]
        for (name, value) in object where !value.isNull && !dropping.contains(name) {
            if name.hasSuffix("_minor"), let units = value.numberValue?.int64 {
                body[String(name.dropLast("_minor".count))] = money(units, currency)
            } else if name == "currency", let code = value.stringValue {
                body[name] = .string(code.trimmingCharacters(in: .whitespaces))
            } else {
                body[name] = value
            }
        }
        return body
    }

    /// Money as the API writes it.
    static func money(_ units: Int64, _ currency: Currency) -> JSONValue {
        ["amount": .string(Money(minorUnits: units, currency: currency).decimalString), "currency": .string(currency.code)]
    }

    private static func currency(of row: [String: JSONValue]) throws -> Currency {
        let code = (row["currency"]?.stringValue ?? "INR").trimmingCharacters(in: .whitespaces)
        guard let currency = try? Currency(code: code) else {
            throw ReadModelError(reason: "a read-model row has the unknown currency '\(code)'")
        }
        return currency
    }

    /// `{"INR": 12345, …}` (minor units per currency) as a list of money, sorted by currency.
    static func moneyList(_ perCurrency: JSONValue?) throws -> JSONValue {
        let object = perCurrency?.objectValue ?? [:]
        return .array(try object.keys.sorted().map { code in
            guard let currency = try? Currency(code: code), let units = object[code]?.numberValue?.int64 else {
                throw ReadModelError(reason: "exposure has the unknown currency '\(code)'")
            }
            return money(units, currency)
        })
    }
}

/// A read-model row the API cannot render: a bug, answered as a 500 with an error id.
struct ReadModelError: Error, CustomStringConvertible {
    var reason: String
    var description: String { reason }
}
