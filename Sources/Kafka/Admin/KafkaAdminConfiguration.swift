/// Settings of a ``KafkaAdmin`` client.
public struct KafkaAdminConfiguration: Sendable {
    /// Comma-separated `host:port` list of bootstrap brokers. No default.
    public var bootstrapServers: String
    /// Client id reported to the brokers. Default `"loanstream-admin"`.
    public var clientID: String = "loanstream-admin"
    /// How long one admin or metadata request may take. Default 30 s.
    public var requestTimeout: Duration = .seconds(30)
    /// Extra raw librdkafka properties (e.g. security settings). Default empty.
    public var extraProperties: [String: String] = [:]

    /// Creates a configuration with the documented defaults.
    ///
    /// - Parameter bootstrapServers: Comma-separated `host:port` list.
    public init(bootstrapServers: String) {
        self.bootstrapServers = bootstrapServers
    }

    var properties: [String: String] {
        var properties = ["bootstrap.servers": bootstrapServers, "client.id": clientID]
        properties.merge(extraProperties) { _, extra in extra }
        return properties
    }
}
