import CRdKafka
import Logging

/// Cluster administration: topics, partitions, watermarks and group offsets.
///
/// Every call runs on the admin's own blocking queue and may be used concurrently from many tasks.
public final class KafkaAdmin: Sendable {
    let client: RDKafkaClient
    let blocking = BlockingExecutor(label: "librdkafka-admin")
    let timeout: Duration

    /// Creates an admin client (it connects lazily, on the first request).
    ///
    /// - Parameters:
    ///   - configuration: Brokers and request timeout.
    ///   - logger: Receives librdkafka's log lines and errors.
    /// - Throws: ``KafkaError`` when the configuration is rejected.
    public init(configuration: KafkaAdminConfiguration, logger: Logger = Logger(label: "kafka.admin")) throws {
        client = try RDKafkaClient(
            type: RD_KAFKA_PRODUCER, properties: configuration.properties, context: RDKafkaCallbackContext(logger: logger))
        timeout = configuration.requestTimeout
    }

    /// The number of brokers in the cluster, e.g. to cap replication factors on a one-node dev cluster.
    ///
    /// - Returns: The broker count from the cluster metadata.
    /// - Throws: ``KafkaError`` if the metadata request fails.
    public func brokerCount() async throws -> Int {
        try await withMetadata { Int($0.pointee.broker_cnt) }
    }

    /// Every topic on the cluster with its partitions (topics the broker reports errors for are left out).
    ///
    /// - Returns: The topics, sorted by name.
    /// - Throws: ``KafkaError`` if the metadata request fails.
    public func listTopics() async throws -> [KafkaTopicDescription] {
        try await withMetadata { metadata in
            let raw = metadata.pointee
            var topics: [KafkaTopicDescription] = []
            for index in 0..<Int(raw.topic_cnt) {
                let topic = raw.topics[index]
                guard topic.err == RD_KAFKA_RESP_ERR_NO_ERROR else { continue }
                let partitions = (0..<Int(topic.partition_cnt)).map { partitionIndex in
                    let partition = topic.partitions[partitionIndex]
                    return KafkaTopicDescription.Partition(
                        id: partition.id, leader: partition.leader,
                        replicas: Array(UnsafeBufferPointer(start: partition.replicas, count: Int(partition.replica_cnt))),
                        inSyncReplicas: Array(UnsafeBufferPointer(start: partition.isrs, count: Int(partition.isr_cnt))))
                }
                topics.append(KafkaTopicDescription(name: String(cString: topic.topic), partitions: partitions.sorted { $0.id < $1.id }))
            }
            return topics.sorted { $0.name < $1.name }
        }
    }

    /// The low and high watermark of one partition, asked from its leader.
    ///
    /// - Parameter partition: The partition.
    /// - Returns: Its watermarks.
    /// - Throws: ``KafkaError`` if the partition does not exist or its leader cannot be reached.
    public func watermarks(of partition: KafkaTopicPartition) async throws -> KafkaWatermarks {
        let client = client
        let timeout = timeout
        return try await blocking.run {
            var low: Int64 = 0
            var high: Int64 = 0
            let error = client.withHandle {
                rd_kafka_query_watermark_offsets($0, partition.topic, partition.partition, &low, &high, timeout.timeoutMilliseconds)
            }
            guard error == RD_KAFKA_RESP_ERR_NO_ERROR else { throw KafkaError.rdKafka(error, context: "watermarks of \(partition)") }
            return KafkaWatermarks(low: low, high: high)
        }
    }

    /// The watermarks of every partition of a topic.
    ///
    /// - Parameter topic: The topic name.
    /// - Returns: Watermarks by partition number.
    /// - Throws: ``KafkaError`` if the topic does not exist or a partition cannot be queried.
    public func watermarks(ofTopic topic: String) async throws -> [Int32: KafkaWatermarks] {
        guard let description = try await listTopics().first(where: { $0.name == topic }) else {
            throw KafkaError(.admin, "topic \(topic) does not exist")
        }
        var result: [Int32: KafkaWatermarks] = [:]
        for partition in description.partitions {
            result[partition.id] = try await watermarks(of: KafkaTopicPartition(topic: topic, partition: partition.id))
        }
        return result
    }

    /// Fetches cluster metadata for all topics and lends it to `body` on the blocking queue.
    func withMetadata<T: Sendable>(_ body: @escaping @Sendable (UnsafePointer<rd_kafka_metadata_t>) throws -> T) async throws -> T {
        let client = client
        let timeout = timeout
        return try await blocking.run {
            var metadata: UnsafePointer<rd_kafka_metadata_t>?
            let error = client.withHandle { rd_kafka_metadata($0, 1, nil, &metadata, timeout.timeoutMilliseconds) }
            guard error == RD_KAFKA_RESP_ERR_NO_ERROR, let metadata else {
                throw KafkaError.rdKafka(error, context: "metadata request", default: .admin)
            }
            defer { rd_kafka_metadata_destroy(metadata) }
            return try body(metadata)
        }
    }
}
