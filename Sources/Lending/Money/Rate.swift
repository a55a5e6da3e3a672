import Foundation

/// An interest rate as an exact decimal fraction: `0.1250` is 12.5 % a year.
///
/// Backed by Foundation `Decimal` (38 significant digits, base 10), so `0.1` is exactly one
/// tenth and no binary floating point touches a rate. Encoded as a decimal string.
///
/// Why `Decimal` rather than a home-made fixed point over `Int128`: the annuity formula needs
/// `(1 + r)^n` and division at full precision, which `Decimal` provides (`pow`, 38 digits,
/// banker's and other rounding modes) with no scale bookkeeping; every result is rounded to
/// integer minor units immediately, and products multiply before they divide so exact
/// half-unit ties stay ties.
public struct Rate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The fraction per year (or per period, where a name says so).
    public let value: Decimal

    /// Wraps a decimal.
    ///
    /// - Parameter value: The fraction, e.g. 0.12.
    public init(_ value: Decimal) { self.value = value }

    /// Zero.
    public static let zero = Rate(0)

    /// Parses a decimal string such as `"0.12"`.
    ///
    /// - Parameters:
    ///   - text: Digits with an optional fraction, at most 10 decimal places.
    ///   - field: The field name to report on failure.
    /// - Throws: `LendingError.Code.invalidValue` when the text is not a rate between 0 and 10.
    public static func parse(_ text: String, field: String = "annual_rate") throws(LendingError) -> Rate {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let digitsOnly = parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
        guard (1...2).contains(parts.count), digitsOnly, parts.count == 1 || parts[1].count <= 10,
              let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")),
              value >= 0, value <= 10 else {
            throw LendingError(.invalidValue,
                               "'\(text)' is not a rate; give a decimal fraction such as 0.12 for 12 % (at most 10 places)",
                               field: field)
        }
        return Rate(value)
    }

    public var description: String { "\(value)" }

    public static func < (lhs: Rate, rhs: Rate) -> Bool { lhs.value < rhs.value }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { self = try Rate.parse(text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.reason))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
