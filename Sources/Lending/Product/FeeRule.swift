import Foundation

/// An amount that is either fixed or a percentage of a base amount.
///
/// Encoded as `{"kind": "flat", "amount": {...}}` or `{"kind": "percent", "rate": "0.02"}`.
public struct FeeRule: Hashable, Sendable, Codable {
    /// Fixed or percentage.
    public enum Kind: String, Sendable, Codable { case flat, percent }

    /// Which of the two forms this is.
    public var kind: Kind
    /// The fixed amount (for `.flat`).
    public var amount: Money?
    /// The fraction of the base (for `.percent`), e.g. 0.02 for 2 %.
    public var rate: Rate?

    /// A fixed amount.
    public static func flat(_ amount: Money) -> FeeRule { FeeRule(kind: .flat, amount: amount, rate: nil) }
    /// A percentage of the base.
    public static func percent(_ rate: Rate) -> FeeRule { FeeRule(kind: .percent, amount: nil, rate: rate) }

    /// The fee on a base amount, in minor units.
    ///
    /// - Parameters:
    ///   - base: The base in minor units (principal, overdue amount).
    ///   - currency: The loan's currency.
    ///   - rounding: The product's rounding rule.
    /// - Returns: The fee in minor units.
    public func fee(on base: Int64, currency: Currency, rounding: RoundingRule) -> Int64 {
        switch kind {
        case .flat: amount?.minorUnits ?? 0
        case .percent: ((rate?.value ?? 0) * Decimal(base)).wholeUnits(rounding)
        }
    }

    func validate(currency: Currency, field: String) throws(LendingError) {
        switch kind {
        case .flat:
            guard let amount, rate == nil else {
                throw LendingError(.invalidTerms, "a flat fee needs an amount and no rate", field: field)
            }
            guard amount.currency == currency, amount.minorUnits >= 0 else {
                throw LendingError(.invalidTerms, "the fee must be a non-negative amount in \(currency.code)", field: field)
            }
        case .percent:
            guard let rate, amount == nil, rate.value <= 1 else {
                throw LendingError(.invalidTerms, "a percentage fee needs a rate between 0 and 1 and no amount", field: field)
            }
        }
    }
}

/// A late fee: charged once per installment when it is still unpaid after a grace period.
public struct LateFeeRule: Hashable, Sendable, Codable {
    /// Flat amount or a percentage of the installment's overdue principal and interest.
    public var fee: FeeRule
    /// Days after the due date before the fee applies: with 5, an installment due on the 15th
    /// and unpaid is charged on the 21st.
    public var graceDays: Int

    /// Creates a rule.
    public init(fee: FeeRule, graceDays: Int) {
        self.fee = fee
        self.graceDays = graceDays
    }
}
