import EventStore

/// Settings of the read routes.
public struct ReadModelSettings: Sendable {
    /// How long a read with `?min_version=N` waits for the projection to reach version N before
    /// answering 409 `not-ready` with `Retry-After`. Default 2 s.
    public var minVersionWait: Duration = .seconds(2)
    /// How often it looks again while waiting. Default 25 ms.
    public var pollInterval: Duration = .milliseconds(25)

    public init() {}

    /// Reads `LOANSTREAM_READ_MIN_VERSION_WAIT_MS` (0 to 30000).
    ///
    /// - Parameter environment: usually `ProcessInfo.processInfo.environment`.
    /// - Throws: `SettingsError` naming a malformed variable.
    public init(environment: [String: String]) throws(SettingsError) {
        if let raw = environment["LOANSTREAM_READ_MIN_VERSION_WAIT_MS"], !raw.isEmpty {
            guard let millis = Int(raw), (0...30_000).contains(millis) else {
                throw SettingsError(variable: "LOANSTREAM_READ_MIN_VERSION_WAIT_MS",
                                    reason: "must be 0 to 30000 milliseconds, got \"\(raw)\"")
            }
            minVersionWait = .milliseconds(millis)
        }
    }
}
