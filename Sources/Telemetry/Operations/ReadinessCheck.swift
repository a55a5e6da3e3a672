/// One named condition `/readyz` verifies, e.g. "postgres" or "kafka".
///
/// The check passes when `probe` returns and fails when it throws; the error's description becomes the
/// failure reason in the `/readyz` body (so it should not carry secrets).
public struct ReadinessCheck: Sendable {
    /// The name shown in the `/readyz` body.
    public var name: String
    /// Throws when the condition does not hold.
    public var probe: @Sendable () async throws -> Void

    /// Creates a check.
    ///
    /// - Parameters:
    ///   - name: The name shown in the `/readyz` body.
    ///   - probe: Throws when the condition does not hold.
    public init(_ name: String, probe: @escaping @Sendable () async throws -> Void) {
        self.name = name
        self.probe = probe
    }
}

/// A readiness probe's failure with a human reason (for checks that fail without an underlying error).
public struct ReadinessFailure: Error, Sendable, CustomStringConvertible {
    /// Why the check failed.
    public var reason: String

    /// Creates a failure.
    ///
    /// - Parameter reason: Why the check failed.
    public init(_ reason: String) { self.reason = reason }

    public var description: String { reason }
}
