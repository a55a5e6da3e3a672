/// A permission a bearer token grants, from its space-separated `scope` claim.
public struct Scope: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    /// Borrowers, applications, decisions, sanctions and disbursements.
    public static let originationsWrite = Scope(rawValue: "originations:write")
    /// Repayments.
    public static let repaymentsWrite = Scope(rawValue: "repayments:write")
    /// Charges, waivers, prepayments, foreclosure, write-off, recoveries, closure, day-end.
    public static let servicingWrite = Scope(rawValue: "servicing:write")
    /// Loan events and state.
    public static let loansRead = Scope(rawValue: "loans:read")
    /// Everything.
    public static let admin = Scope(rawValue: "admin")

    /// Every scope the API knows, for the development token command.
    public static let all: [Scope] = [.originationsWrite, .repaymentsWrite, .servicingWrite, .loansRead, .admin]
}

/// The authenticated caller of a request.
public struct Principal: Sendable, Hashable {
    /// The token's `sub`: the caller's identity, which also scopes its idempotency keys.
    public var subject: String
    /// The scopes the token grants.
    public var scopes: Set<Scope>

    public init(subject: String, scopes: Set<Scope>) {
        self.subject = subject
        self.scopes = scopes
    }

    /// Whether the caller may use an operation that needs `scope` (`admin` may use every one).
    public func isAllowed(_ scope: Scope) -> Bool {
        scopes.contains(scope) || scopes.contains(.admin)
    }
}
