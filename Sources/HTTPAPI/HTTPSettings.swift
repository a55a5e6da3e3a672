import EventStore

/// Settings of the HTTP server.
public struct HTTPSettings: Sendable {
    /// Address to bind. Default `127.0.0.1` (loopback only, as the local stack is).
    public var host: String = "127.0.0.1"
    /// Port to bind. Default `8080`.
    public var port: Int = 8080
    /// Largest request body accepted, in bytes; larger ones get 413 before they are read.
    /// Default 64 KiB: the largest command (a sanction with its terms) is about 2 KiB.
    public var bodyLimit: Int = 64 * 1024
    /// Whether commands may name their business date (`Business-Date` header). Default off: every
    /// command is decided on today's date. On for back-office replays, tests and the demo.
    public var businessDateOverride = false

    public init() {}

    /// Reads `LOANSTREAM_HTTP_HOST`, `LOANSTREAM_HTTP_PORT`, `LOANSTREAM_HTTP_BODY_LIMIT` (bytes) and
    /// `LOANSTREAM_HTTP_BUSINESS_DATE_OVERRIDE` (`true` or `false`).
    ///
    /// - Parameter environment: usually `ProcessInfo.processInfo.environment`.
    /// - Throws: `SettingsError` naming a malformed variable.
    public init(environment: [String: String]) throws(SettingsError) {
        if let host = environment["LOANSTREAM_HTTP_HOST"], !host.isEmpty { self.host = host }
        if let raw = environment["LOANSTREAM_HTTP_PORT"], !raw.isEmpty {
            guard let port = Int(raw), (0...65_535).contains(port) else {
                throw SettingsError(variable: "LOANSTREAM_HTTP_PORT", reason: "must be a TCP port number, got \"\(raw)\"")
            }
            self.port = port
        }
        if let raw = environment["LOANSTREAM_HTTP_BODY_LIMIT"], !raw.isEmpty {
            guard let limit = Int(raw), (1_024...16 * 1_024 * 1_024).contains(limit) else {
                throw SettingsError(variable: "LOANSTREAM_HTTP_BODY_LIMIT", reason: "must be 1024 to 16777216 bytes, got \"\(raw)\"")
            }
            bodyLimit = limit
        }
        if let raw = environment["LOANSTREAM_HTTP_BUSINESS_DATE_OVERRIDE"], !raw.isEmpty {
            guard let allowed = Bool(raw) else {
                throw SettingsError(variable: "LOANSTREAM_HTTP_BUSINESS_DATE_OVERRIDE", reason: "must be true or false, got \"\(raw)\"")
            }
            businessDateOverride = allowed
        }
    }
}
