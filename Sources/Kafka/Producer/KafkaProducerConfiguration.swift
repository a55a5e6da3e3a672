/// Settings of a ``KafkaProducer``.
///
/// Idempotence (`enable.idempotence=true`), `acks=all` and the Java-compatible `murmur2_random`
/// partitioner are not options: per-loan ordering and cross-language partitioning depend on them.
public struct KafkaProducerConfiguration: Sendable {
    /// Comma-separated `host:port` list of bootstrap brokers (librdkafka `bootstrap.servers`). No default.
    public var bootstrapServers: String
    /// Client id reported to the brokers (`client.id`). Default `"loanstream"`.
    public var clientID: String = "loanstream"
    /// How long to wait for more messages before sending a batch (`linger.ms`). Default 5 ms,
    /// librdkafka's own default: a good latency/throughput balance for a relay.
    public var linger: Duration = .milliseconds(5)
    /// Maximum bytes per partition batch (`batch.size`). Default 1,000,000 (librdkafka's default).
    public var batchSizeBytes: Int = 1_000_000
    /// Maximum messages per partition batch (`batch.num.messages`). Default 10,000 (librdkafka's default).
    public var batchMessageCount: Int = 10_000
    /// Maximum messages waiting in the local queue (`queue.buffering.max.messages`). Default 100,000.
    /// When full, `send` waits for deliveries to drain instead of failing or dropping.
    public var queueMaxMessages: Int = 100_000
    /// How long librdkafka keeps retrying a message before reporting it failed (`message.timeout.ms`,
    /// a.k.a. `delivery.timeout.ms`). Default 300 s (librdkafka's default).
    public var deliveryTimeout: Duration = .seconds(300)
    /// Compression codec (`compression.codec`): `none`, `gzip`, `snappy`, `lz4` or `zstd`. Default `none`.
    public var compression: String = "none"
    /// Extra raw librdkafka properties (e.g. security settings), applied last so they can override
    /// anything above except idempotence, acks and the partitioner. Default empty.
    public var extraProperties: [String: String] = [:]

    /// Creates a configuration with the documented defaults.
    ///
    /// - Parameter bootstrapServers: Comma-separated `host:port` list.
    public init(bootstrapServers: String) {
        self.bootstrapServers = bootstrapServers
    }

    /// The librdkafka properties this configuration stands for.
    var properties: [String: String] {
        var properties: [String: String] = [
            "bootstrap.servers": bootstrapServers,
            "client.id": clientID,
            "linger.ms": String(linger.milliseconds),
            "batch.size": String(batchSizeBytes),
            "batch.num.messages": String(batchMessageCount),
            "queue.buffering.max.messages": String(queueMaxMessages),
            "message.timeout.ms": String(deliveryTimeout.milliseconds),
            "compression.codec": compression,
        ]
        properties.merge(extraProperties) { _, extra in extra }
        // Guarantees, not preferences: applied after the extras so they cannot be overridden by accident.
        properties["enable.idempotence"] = "true"
        properties["acks"] = "all"
        properties["partitioner"] = "murmur2_random"
        return properties
    }
}
