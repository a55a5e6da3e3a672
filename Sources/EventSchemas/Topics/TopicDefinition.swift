/// One Kafka topic as declared in `Topics/<name>.json`.
///
/// The replication factor and `min.insync.replicas` are production values; the admin layer
/// caps them to the cluster's broker count (`effectiveReplicationFactor(brokers:)`), so a
/// single-node development broker accepts the same catalog.
public struct TopicDefinition: Sendable, Hashable {
    /// What a topic carries.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Domain events validated against `Schemas/`; `eventTypes` lists them.
        case events
        /// Dead letters of `sourceTopic`: the failed message plus the error, for an operator.
        case dlq
        /// Change-data-capture rows of a read-model `table`, for the warehouse.
        case cdc
    }

    /// Kafka `cleanup.policy`.
    public enum CleanupPolicy: String, Sendable, Hashable, CaseIterable {
        case delete
        case compact
        case compactDelete = "compact,delete"
    }

    public var name: String
    public var kind: Kind
    public var description: String
    public var partitions: Int
    /// Production replication factor.
    public var replicationFactor: Int
    /// Production `min.insync.replicas`.
    public var minInsyncReplicas: Int
    public var cleanupPolicy: CleanupPolicy
    /// `retention.ms`; nil keeps messages forever (`-1`).
    public var retentionMs: Int64?
    /// The message-key field(s); one for domain events (`loan_id`), the primary key's columns for CDC.
    public var keyFields: [String]
    /// Event types this topic carries (kind `events` only).
    public var eventTypes: [String]
    /// The topic whose failures this DLQ holds (kind `dlq` only).
    public var sourceTopic: String?
    /// The read-model table whose rows this CDC topic carries (kind `cdc` only).
    public var table: String?
    /// Schema-evolution mode for `eventTypes`.
    public var compatibility: CompatibilityMode
    /// The file the definition came from, relative to the repository (for messages).
    public var file: String

    /// The message key as written in the file (`loan_id`, or `business_date,product_code`).
    public var key: String { keyFields.joined(separator: ",") }

    /// The replication factor to create the topic with on a cluster of `brokers` brokers.
    public func effectiveReplicationFactor(brokers: Int) -> Int {
        max(1, min(replicationFactor, brokers))
    }

    /// `min.insync.replicas` for a cluster of `brokers` brokers: never above the effective
    /// replication factor, or no write could ever be acknowledged.
    public func effectiveMinInsyncReplicas(brokers: Int) -> Int {
        max(1, min(minInsyncReplicas, effectiveReplicationFactor(brokers: brokers)))
    }

    /// Topic-level Kafka configs for a cluster of `brokers` brokers.
    public func kafkaConfigs(brokers: Int) -> [String: String] {
        [
            "cleanup.policy": cleanupPolicy.rawValue,
            "retention.ms": retentionMs.map(String.init) ?? "-1",
            "min.insync.replicas": String(effectiveMinInsyncReplicas(brokers: brokers)),
        ]
    }
}
