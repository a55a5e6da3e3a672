/// What one batch did.
public struct BatchOutcome: Sendable, Equatable {
    public var applied = 0
    public var duplicates = 0
    public var parked = 0
    public var held = 0
    /// Attempts the batch took (more than 1 after transient failures).
    public var attempts = 1

    public init() {}
}
