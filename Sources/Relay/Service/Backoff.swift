/// Exponential backoff with jitter between failed relay rounds.
struct Backoff: Sendable {
    let initial: Duration
    let maximum: Duration

    /// The wait after `failures` consecutive failures (1 = the first): `initial · 2^(failures−1)`, capped
    /// at `maximum`, less up to a fifth at random so several relays do not retry in step.
    func delay(afterFailures failures: Int) -> Duration {
        let exponent = min(max(failures - 1, 0), 20)
        let base = min(initial * (1 << exponent), maximum)
        return base - base * Double.random(in: 0...0.2)
    }
}
