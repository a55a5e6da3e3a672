/// An ISO 4217 currency with its number of minor-unit digits.
///
/// The set is closed on purpose: an amount in an unknown currency cannot be stored in minor
/// units without knowing its exponent, so it is refused at the edge rather than guessed.
public struct Currency: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The three-letter ISO 4217 code, e.g. `INR`.
    public let code: String
    /// ISO 4217 minor-unit exponent: 0 for JPY, 2 for INR, 3 for KWD.
    public let minorDigits: Int

    private init(code: String, minorDigits: Int) {
        self.code = code
        self.minorDigits = minorDigits
    }

    /// Looks up a currency by code.
    ///
    /// - Parameter code: Three upper-case letters.
    /// - Throws: `LendingError.Code.invalidValue` for a code the domain does not know.
    public init(code: String) throws(LendingError) {
        guard let known = Currency.known[code] else {
            throw LendingError(.invalidValue,
                               "unsupported currency '\(code)'; expected an ISO 4217 code such as INR, USD, JPY or KWD",
                               field: "currency")
        }
        self = known
    }

    /// 10^minorDigits: minor units in one major unit.
    public var minorPerMajor: Int64 {
        var factor: Int64 = 1
        for _ in 0..<minorDigits { factor *= 10 }
        return factor
    }

    public var description: String { code }

    // Exponents from the ISO 4217 list (amendment 177). Kept to currencies a lender here books.
    private static let table: [(String, Int)] = [
        ("INR", 2), ("USD", 2), ("EUR", 2), ("GBP", 2), ("AUD", 2), ("CAD", 2), ("CHF", 2),
        ("SGD", 2), ("AED", 2), ("ZAR", 2), ("NZD", 2), ("HKD", 2), ("CNY", 2), ("SAR", 2),
        ("JPY", 0), ("KRW", 0), ("VND", 0), ("CLP", 0), ("ISK", 0),
        ("KWD", 3), ("BHD", 3), ("OMR", 3), ("JOD", 3), ("TND", 3), ("LYD", 3), ("IQD", 3),
    ]
    static let known: [String: Currency] = Dictionary(
        uniqueKeysWithValues: table.map { ($0.0, Currency(code: $0.0, minorDigits: $0.1)) })

    /// Every currency the domain supports, sorted by code.
    public static var all: [Currency] { known.values.sorted { $0.code < $1.code } }

    public static let INR = Currency(code: "INR", minorDigits: 2)
    public static let USD = Currency(code: "USD", minorDigits: 2)
    public static let EUR = Currency(code: "EUR", minorDigits: 2)
    public static let GBP = Currency(code: "GBP", minorDigits: 2)
    public static let JPY = Currency(code: "JPY", minorDigits: 0)
    public static let KWD = Currency(code: "KWD", minorDigits: 3)
    public static let BHD = Currency(code: "BHD", minorDigits: 3)

    public init(from decoder: any Decoder) throws {
        let code = try decoder.singleValueContainer().decode(String.self)
        do { self = try Currency(code: code) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.reason))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}
