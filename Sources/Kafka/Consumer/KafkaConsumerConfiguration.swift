/// Settings of a ``KafkaConsumer``.
public struct KafkaConsumerConfiguration: Sendable {
    /// What to do when a partition has no valid start offset (none committed, or the requested one is
    /// outside the log).
    public struct OffsetReset: Hashable, Sendable {
        let value: String
        /// Start from the oldest message.
        public static let earliest = OffsetReset(value: "earliest")
        /// Start after the newest message.
        public static let latest = OffsetReset(value: "latest")
        /// Fail: the message sequence throws ``KafkaError/Code/offsetOutOfRange``. For consumers whose
        /// offsets live elsewhere (PostgreSQL) and must stop loudly rather than skip or replay silently.
        public static let error = OffsetReset(value: "error")
    }

    /// The consumer-group partition assignment protocol.
    public struct RebalanceProtocol: Hashable, Sendable {
        let strategy: String
        /// Eager (`range,roundrobin`): every rebalance revokes all partitions, then assigns afresh.
        public static let eager = RebalanceProtocol(strategy: "range,roundrobin")
        /// Cooperative (`cooperative-sticky`): only the partitions that move are revoked or assigned.
        public static let cooperative = RebalanceProtocol(strategy: "cooperative-sticky")
    }

    /// Comma-separated `host:port` list of bootstrap brokers (`bootstrap.servers`). No default.
    public var bootstrapServers: String
    /// The consumer group (`group.id`); `nil` (the default) for a consumer that only uses manual
    /// assignment and never commits.
    public var groupID: String?
    /// Client id reported to the brokers (`client.id`). Default `"loanstream"`.
    public var clientID: String = "loanstream"
    /// `auto.offset.reset`. Default ``OffsetReset/error``: a lender's projector must not silently skip.
    public var autoOffsetReset: OffsetReset = .error
    /// Whether librdkafka commits consumed offsets in the background (`enable.auto.commit`). Default
    /// `false`: our projectors keep offsets in PostgreSQL and commit explicitly if at all.
    public var enableAutoCommit: Bool = false
    /// The group assignment protocol (`partition.assignment.strategy`). Default ``RebalanceProtocol/cooperative``.
    public var rebalanceProtocol: RebalanceProtocol = .cooperative
    /// `session.timeout.ms`. Default 45 s (librdkafka's default). Tansu holds a group join for about half
    /// of it, so dev and tests use 6 s.
    public var sessionTimeout: Duration = .seconds(45)
    /// `heartbeat.interval.ms`. Default 3 s (librdkafka's default); keep it well under ``sessionTimeout``.
    public var heartbeatInterval: Duration = .seconds(3)
    /// `max.poll.interval.ms`: the longest gap between two reads of ``KafkaConsumer/events`` before the
    /// member is considered stuck and leaves the group. Default 300 s (librdkafka's default).
    public var maxPollInterval: Duration = .seconds(300)
    /// The most messages one ``KafkaConsumerEvent/messages(_:)`` batch holds. Default 1,000: each batch
    /// costs a thread hand-off, so larger batches read faster; a projector commits one transaction per batch.
    public var maxBatchSize: Int = 1000
    /// How long a read waits for its first message; the rest of the batch is what is already queued (no
    /// further wait). Default 100 ms.
    public var maxBatchWait: Duration = .milliseconds(100)
    /// The longest the broker holds a fetch while it has no new data (`fetch.wait.max.ms`). Default
    /// 500 ms (librdkafka's default). A broker that answers a held fetch only when the wait ends (Tansu)
    /// adds up to this much to the delivery of a message produced meanwhile.
    public var fetchWait: Duration = .milliseconds(500)
    /// Extra raw librdkafka properties, applied last. Default empty.
    public var extraProperties: [String: String] = [:]

    /// Creates a configuration with the documented defaults.
    ///
    /// - Parameters:
    ///   - bootstrapServers: Comma-separated `host:port` list.
    ///   - groupID: The consumer group, or `nil` for manual assignment only.
    public init(bootstrapServers: String, groupID: String?) {
        self.bootstrapServers = bootstrapServers
        self.groupID = groupID
    }

    /// The librdkafka properties this configuration stands for.
    var properties: [String: String] {
        var properties: [String: String] = [
            "bootstrap.servers": bootstrapServers,
            "client.id": clientID,
            "auto.offset.reset": autoOffsetReset.value,
            "enable.auto.commit": enableAutoCommit ? "true" : "false",
            "partition.assignment.strategy": rebalanceProtocol.strategy,
            "session.timeout.ms": String(sessionTimeout.milliseconds),
            "heartbeat.interval.ms": String(heartbeatInterval.milliseconds),
            "max.poll.interval.ms": String(maxPollInterval.milliseconds),
            "enable.partition.eof": "false",
            "fetch.wait.max.ms": String(fetchWait.milliseconds),
        ]
        // librdkafka requires a group.id even for a consumer that only assigns manually; a unique throwaway
        // one keeps such consumers from ever joining or committing to a real group.
        properties["group.id"] = groupID ?? "loanstream-manual-\(UInt64.random(in: 0...UInt64.max))"
        properties.merge(extraProperties) { _, extra in extra }
        return properties
    }
}
