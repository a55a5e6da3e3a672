extension Money {
    /// Parses a decimal string in a currency, refusing anything that is not exact.
    ///
    /// `"1250.5"` is accepted for INR as 125050 paise; `"1250.555"` is refused for INR
    /// because it cannot be represented without rounding, and rounding someone's money on
    /// input is a decision the caller has to make, not the parser.
    ///
    /// - Parameters:
    ///   - text: Digits with an optional `.` and fraction, optionally signed with `-`.
    ///   - currency: The currency whose minor digits apply.
    ///   - field: The field name to report on failure.
    /// - Returns: The amount.
    /// - Throws: `LendingError.Code.invalidValue` when the text is not an exact amount.
    public static func parse(_ text: String, currency: Currency, field: String = "amount") throws(LendingError) -> Money {
        var body = Substring(text)
        let negative = body.hasPrefix("-")
        if negative { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        let whole = parts[0]
        let fraction = parts.count == 2 ? parts[1] : ""
        let isDigits: (Substring) -> Bool = { $0.allSatisfy { $0.isASCII && $0.isNumber } }
        guard parts.count <= 2, !whole.isEmpty, isDigits(whole), isDigits(fraction),
              parts.count == 1 || !fraction.isEmpty, whole.count <= 16 else {
            throw LendingError(.invalidValue, "'\(text)' is not a decimal amount such as 1250.00", field: field)
        }
        guard fraction.count <= currency.minorDigits else {
            throw LendingError(.invalidValue,
                               "'\(text)' has more than \(currency.minorDigits) decimal places, the minor unit of \(currency.code)",
                               field: field)
        }
        let padded = fraction + String(repeating: "0", count: currency.minorDigits - fraction.count)
        guard let units = Int64(whole + padded), units <= maxMinorUnits else {
            throw LendingError(.invalidValue, "'\(text)' is too large", field: field)
        }
        return Money(minorUnits: negative ? -units : units, currency: currency)
    }
}

extension Money: Codable {
    private enum CodingKeys: String, CodingKey { case amount, currency }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let currency = try container.decode(Currency.self, forKey: .currency)
        let text = try container.decode(String.self, forKey: .amount)
        do { self = try Money.parse(text, currency: currency) } catch {
            throw DecodingError.dataCorruptedError(forKey: .amount, in: container, debugDescription: error.reason)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(decimalString, forKey: .amount)
        try container.encode(currency, forKey: .currency)
    }
}
