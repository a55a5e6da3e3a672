/// Where the ``OperationsServer`` listens.
public struct OperationsSettings: Sendable, Equatable {
    /// The interface (`LOANSTREAM_METRICS_HOST`). Default `127.0.0.1`.
    public var host: String = "127.0.0.1"
    /// The port (`LOANSTREAM_METRICS_PORT`). Default 9464 (the usual Prometheus exporter port).
    public var port: Int = 9464

    /// Creates settings with the documented defaults.
    public init() {}

    /// Reads `LOANSTREAM_METRICS_HOST` and `LOANSTREAM_METRICS_PORT`, keeping the defaults for unset ones.
    ///
    /// - Parameter environment: The process environment.
    /// - Throws: ``TelemetryError`` naming the variable when the port is not 0…65535 or the host is empty.
    public init(environment: [String: String]) throws(TelemetryError) {
        if let host = environment["LOANSTREAM_METRICS_HOST"] {
            guard !host.isEmpty else { throw TelemetryError(.configuration, "LOANSTREAM_METRICS_HOST must not be empty") }
            self.host = host
        }
        if let text = environment["LOANSTREAM_METRICS_PORT"] {
            guard let port = Int(text), (0...65_535).contains(port) else {
                throw TelemetryError(.configuration, "LOANSTREAM_METRICS_PORT must be a port number 0…65535, got \"\(text)\"")
            }
            self.port = port
        }
    }
}
