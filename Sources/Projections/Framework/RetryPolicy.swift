/// How transient failures (database unavailable, deadlock, timeout, broker unreachable) are
/// retried: the seeds' policy, exponential backoff from 100 ms doubling, capped at 30 s, at most
/// 10 attempts in all.
public struct RetryPolicy: Sendable, Equatable {
    /// The wait after the first failed attempt.
    public var initialDelay: Duration
    /// The longest wait between two attempts.
    public var maximumDelay: Duration
    /// Attempts in all, the first included.
    public var maxAttempts: Int

    public init(initialDelay: Duration = .milliseconds(100), maximumDelay: Duration = .seconds(30), maxAttempts: Int = 10) {
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
        self.maxAttempts = maxAttempts
    }

    /// The seeds' policy.
    public static let seeds = RetryPolicy()

    /// The wait after attempt `attempt` (1-based) failed, or `nil` when no attempt is left.
    public func delay(afterAttempt attempt: Int) -> Duration? {
        guard attempt >= 1, attempt < maxAttempts else { return nil }
        var delay = initialDelay
        for _ in 1..<attempt {
            delay *= 2
            if delay >= maximumDelay { return maximumDelay }
        }
        return min(delay, maximumDelay)
    }
}
