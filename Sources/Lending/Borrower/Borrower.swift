/// The borrower stream's state: whether the person is registered and verified.
public struct BorrowerState: Hashable, Sendable {
    public internal(set) var registered = false
    public internal(set) var kycCompleted = false
    public internal(set) var fullName = ""

    /// An empty state.
    public init() {}

    /// Applies one borrower event.
    public mutating func apply(_ event: BorrowerEvent) {
        switch event.payload {
        case .registered(let e):
            registered = true
            fullName = e.fullName
        case .kycIndividualCompleted:
            kycCompleted = true
        }
    }
}

/// Commands for the borrower stream.
public enum BorrowerCommand: Hashable, Sendable {
    case register(fullName: String, dateOfBirth: LocalDate, mobile: String, email: String?)
    case completeKYC(method: String, reference: String, verifiedOn: LocalDate)
}

/// The borrower aggregate.
public enum Borrower {
    /// Decides a borrower command.
    ///
    /// - Parameters:
    ///   - command: What is asked.
    ///   - state: The borrower's state.
    ///   - context: Business date.
    /// - Returns: The events to append.
    /// - Throws: `LendingError` for a repeated registration, KYC before registration,
    ///   an under-age borrower, or malformed contact details.
    public static func decide(_ command: BorrowerCommand, state: BorrowerState, context: DecisionContext) throws(LendingError) -> [BorrowerEvent] {
        switch command {
        case .register(let name, let dob, let mobile, let email):
            guard !state.registered else { throw LendingError(.invalidTransition, "the borrower is already registered") }
            try Loan.required(name, field: "full_name")
            // An adult on the day of registration: 18 years back from today, same day-of-month.
            guard dob <= context.today.adding(months: -18 * 12) else {
                throw LendingError(.invalidValue, "a borrower must be at least 18 years old", field: "date_of_birth")
            }
            let digits = mobile.hasPrefix("+") ? mobile.dropFirst() : Substring(mobile)
            guard (8...16).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw LendingError(.invalidValue, "mobile must be 8 to 16 digits, optionally starting with +", field: "mobile")
            }
            if let email, !email.contains("@") {
                throw LendingError(.invalidValue, "'\(email)' is not an email address", field: "email")
            }
            return [BorrowerEvent(.registered(BorrowerRegistered(fullName: name, dateOfBirth: dob, mobile: mobile, email: email)),
                                  on: context.today)]
        case .completeKYC(let method, let reference, let verifiedOn):
            guard state.registered else { throw LendingError(.invalidTransition, "the borrower is not registered") }
            guard !state.kycCompleted else { throw LendingError(.invalidTransition, "KYC is already complete") }
            try Loan.required(method, field: "method")
            try Loan.required(reference, field: "reference")
            guard verifiedOn <= context.today else {
                throw LendingError(.dateOutOfOrder, "verification date is in the future", field: "verified_on")
            }
            return [BorrowerEvent(.kycIndividualCompleted(KycIndividualCompleted(method: method, reference: reference,
                                                                                 verifiedOn: verifiedOn)), on: verifiedOn)]
        }
    }
}
