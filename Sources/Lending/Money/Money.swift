/// An amount of one currency in integer minor units (paise, cents, fils).
///
/// The domain computes on `Int64` minor units inside one loan (a loan has one currency) and
/// uses `Money` at its edges: commands, events and the ledger. On the wire it is
/// `{"amount": "1250.00", "currency": "INR"}` with exactly the currency's minor digits.
public struct Money: Hashable, Sendable, CustomStringConvertible {
    /// The amount in minor units; negative only where a field is documented as signed.
    public let minorUnits: Int64
    /// The currency.
    public let currency: Currency

    /// The largest magnitude accepted: 10^15 minor units keeps every sum of a loan's amounts
    /// far from `Int64` overflow while covering any real loan (10 trillion rupees).
    public static let maxMinorUnits: Int64 = 1_000_000_000_000_000

    /// Creates an amount.
    ///
    /// - Parameters:
    ///   - minorUnits: The amount in minor units.
    ///   - currency: The currency.
    public init(minorUnits: Int64, currency: Currency) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// Zero in a currency.
    public static func zero(_ currency: Currency) -> Money { Money(minorUnits: 0, currency: currency) }

    /// Whether the amount is zero.
    public var isZero: Bool { minorUnits == 0 }

    /// The amount as a decimal string with exactly the currency's minor digits, e.g. `1250.00`,
    /// `1250` (JPY), `1.250` (KWD), `-0.05`.
    public var decimalString: String {
        let digits = currency.minorDigits
        let magnitude = minorUnits.magnitude
        let sign = minorUnits < 0 ? "-" : ""
        guard digits > 0 else { return sign + String(magnitude) }
        let factor = UInt64(currency.minorPerMajor)
        let fraction = String(magnitude % factor)
        let padded = String(repeating: "0", count: digits - fraction.count) + fraction
        return "\(sign)\(magnitude / factor).\(padded)"
    }

    public var description: String { "\(decimalString) \(currency.code)" }
}
