import Foundation

/// How an exact decimal result becomes a whole number of minor units.
///
/// Half-even (banker's rounding) is the default because it does not bias a portfolio's
/// totals upward; a product may choose another rule where a regulator or contract says so.
public enum RoundingRule: String, Sendable, Codable, CaseIterable {
    /// Ties go to the even neighbour: 0.125 → 0.12, 0.135 → 0.14.
    case halfEven = "half_even"
    /// Ties go away from zero: 0.125 → 0.13.
    case halfUp = "half_up"
    /// Always toward zero (truncate).
    case down
    /// Always away from zero.
    case up

    var foundationMode: NSDecimalNumber.RoundingMode {
        switch self {
        case .halfEven: .bankers
        case .halfUp: .plain
        case .down: .down
        case .up: .up
        }
    }
}

extension Decimal {
    /// Rounds to `scale` decimal places with a rule.
    ///
    /// - Parameters:
    ///   - scale: Decimal places to keep.
    ///   - rule: The rounding rule.
    /// - Returns: The rounded value.
    func rounded(scale: Int, _ rule: RoundingRule) -> Decimal {
        var source = self
        var result = Decimal()
        // NSDecimalNumber's .down/.up round toward -∞/+∞; mirror negatives so the rule means
        // "toward/away from zero" for signed amounts too.
        if self < 0, rule == .down || rule == .up {
            source = -self
            NSDecimalRound(&result, &source, scale, rule.foundationMode)
            return -result
        }
        NSDecimalRound(&result, &source, scale, rule.foundationMode)
        return result
    }

    /// Rounds a value in major units to whole minor units of a currency.
    ///
    /// - Parameters:
    ///   - currency: Supplies the exponent.
    ///   - rule: The rounding rule.
    /// - Returns: Minor units.
    func minorUnits(of currency: Currency, _ rule: RoundingRule) -> Int64 {
        (self * Decimal(currency.minorPerMajor)).wholeUnits(rule)
    }

    /// Rounds to an integer with a rule and converts it exactly.
    ///
    /// - Parameter rule: The rounding rule.
    /// - Returns: The integer; values beyond `Money.maxMinorUnits` clamp, which only an
    ///   absurd rate could produce and the product validation refuses first.
    func wholeUnits(_ rule: RoundingRule) -> Int64 {
        let whole = rounded(scale: 0, rule)
        // Decimal's description of an integral value is plain digits; parsing it is exact,
        // unlike any route through Double.
        guard let value = Int64(whole.description) else {
            return whole < 0 ? -Money.maxMinorUnits : Money.maxMinorUnits
        }
        return value
    }
}
