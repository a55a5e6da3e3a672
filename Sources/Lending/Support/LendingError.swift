/// The one error type of the `Lending` module.
///
/// Every refusal carries a stable machine-readable ``Code`` (the HTTP layer maps it to a
/// problem+json `type`), a human `reason` a loan officer can act on, and the name of the
/// offending field (in the snake_case spelling the API and the event schemas use) when one
/// field is to blame.
///
/// Suggested HTTP mapping for problem+json: `invalid_transition`, `duplicate` and
/// `date_out_of_order` are conflicts with the loan's current state (409); `unknown_reference`
/// is 404 when the path named it, else 422; everything else is a validation failure (422).
public struct LendingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Stable identifiers for every way the domain refuses a command or an input.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// A value is malformed (bad decimal string, unknown currency, bad date).
        public static let invalidValue = Code(rawValue: "invalid_value")
        /// An amount is zero or negative where a positive amount is required.
        public static let nonPositiveAmount = Code(rawValue: "non_positive_amount")
        /// Two amounts in different currencies were combined.
        public static let currencyMismatch = Code(rawValue: "currency_mismatch")
        /// A product or term is outside what the domain supports.
        public static let invalidTerms = Code(rawValue: "invalid_terms")
        /// The command is not allowed in the loan's current lifecycle state.
        public static let invalidTransition = Code(rawValue: "invalid_transition")
        /// A disbursement would exceed the sanctioned amount.
        public static let exceedsSanction = Code(rawValue: "exceeds_sanction")
        /// A reference (charge, disbursement, installment) does not exist on the loan.
        public static let unknownReference = Code(rawValue: "unknown_reference")
        /// The same business identifier was already used on this loan.
        public static let duplicate = Code(rawValue: "duplicate")
        /// A date is out of the order the loan's history requires.
        public static let dateOutOfOrder = Code(rawValue: "date_out_of_order")
        /// A write-off rule (days past due, classification) is not met.
        public static let writeOffNotAllowed = Code(rawValue: "write_off_not_allowed")
        /// An arithmetic result does not fit the supported range.
        public static let overflow = Code(rawValue: "overflow")
    }

    /// The stable code.
    public var code: Code
    /// A sentence for a person: what is wrong and, where it helps, what would be accepted.
    public var reason: String
    /// The offending field, snake_case, or `nil` when the whole command is refused.
    public var field: String?

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: The stable code.
    ///   - reason: A human explanation.
    ///   - field: The offending field, if one is to blame.
    public init(_ code: Code, _ reason: String, field: String? = nil) {
        self.code = code
        self.reason = reason
        self.field = field
    }

    public var description: String {
        if let field { return "\(code) (\(field)): \(reason)" }
        return "\(code): \(reason)"
    }
}
