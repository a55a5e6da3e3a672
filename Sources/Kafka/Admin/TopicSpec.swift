/// The desired shape of a topic, as the catalog (`Topics/`) declares it.
public struct TopicSpec: Hashable, Sendable {
    /// The topic name.
    public var name: String
    /// The number of partitions.
    public var partitions: Int
    /// The replication factor.
    public var replicationFactor: Int
    /// Topic-level configuration (`cleanup.policy`, `retention.ms`, `min.insync.replicas`, …). Only
    /// these keys are compared with the cluster; others keep the broker's defaults.
    public var configs: [String: String]

    /// Creates a spec.
    ///
    /// - Parameters:
    ///   - name: The topic name.
    ///   - partitions: The number of partitions.
    ///   - replicationFactor: The replication factor.
    ///   - configs: Topic-level configuration to set and compare.
    public init(name: String, partitions: Int, replicationFactor: Int, configs: [String: String] = [:]) {
        self.name = name
        self.partitions = partitions
        self.replicationFactor = replicationFactor
        self.configs = configs
    }

    /// This spec with the replication factor capped to what a cluster of `brokerCount` brokers can hold,
    /// and `min.insync.replicas` capped to the new replication factor (a one-broker dev cluster cannot
    /// satisfy a production RF of 3).
    ///
    /// - Parameter brokerCount: The cluster's broker count (see ``KafkaAdmin/brokerCount()``).
    /// - Returns: The adjusted spec.
    public func cappingReplication(toBrokerCount brokerCount: Int) -> TopicSpec {
        var capped = self
        capped.replicationFactor = max(1, min(replicationFactor, brokerCount))
        if let minInSync = configs["min.insync.replicas"].flatMap(Int.init), minInSync > capped.replicationFactor {
            capped.configs["min.insync.replicas"] = String(capped.replicationFactor)
        }
        return capped
    }
}

/// A topic as it exists on the cluster.
public struct KafkaTopicDescription: Hashable, Sendable {
    /// One partition of the topic.
    public struct Partition: Hashable, Sendable {
        /// The partition number.
        public var id: Int32
        /// The leader broker id (-1 when there is none).
        public var leader: Int32
        /// The replica broker ids.
        public var replicas: [Int32]
        /// The in-sync replica broker ids.
        public var inSyncReplicas: [Int32]

        /// Creates a partition description.
        public init(id: Int32, leader: Int32, replicas: [Int32], inSyncReplicas: [Int32]) {
            self.id = id
            self.leader = leader
            self.replicas = replicas
            self.inSyncReplicas = inSyncReplicas
        }
    }

    /// The topic name.
    public var name: String
    /// The partitions, ordered by id.
    public var partitions: [Partition]

    /// Creates a topic description.
    public init(name: String, partitions: [Partition]) {
        self.name = name
        self.partitions = partitions
    }

    /// The replication factor, as the replica count of the first partition.
    public var replicationFactor: Int { partitions.first?.replicas.count ?? 0 }
}

/// The low and high watermark of a partition.
public struct KafkaWatermarks: Hashable, Sendable {
    /// The oldest offset still in the log.
    public var low: Int64
    /// The offset the next produced message will get (one past the newest).
    public var high: Int64

    /// Creates watermarks.
    public init(low: Int64, high: Int64) {
        self.low = low
        self.high = high
    }
}
