import CRdKafka
import Logging

/// An in-process Kafka cluster (librdkafka's mock cluster) for fault-injection tests.
///
/// Point producers and consumers at ``bootstrapServers``; then make brokers answer requests with errors
/// or slowly, and check what the code under test does. Not for production use. The mock's API is
/// thread-safe, so the cluster may be shared between tasks.
public final class KafkaMockCluster: Sendable {
    /// A kind of Kafka protocol request (its API key).
    public struct RequestKind: Hashable, Sendable {
        let apiKey: Int16
        /// Produce (API key 0).
        public static let produce = RequestKind(apiKey: 0)
        /// Fetch (API key 1).
        public static let fetch = RequestKind(apiKey: 1)
        /// Metadata (API key 3).
        public static let metadata = RequestKind(apiKey: 3)
        /// OffsetCommit (API key 8).
        public static let offsetCommit = RequestKind(apiKey: 8)
        /// InitProducerId (API key 22).
        public static let initProducerID = RequestKind(apiKey: 22)
    }

    /// A broker error to inject.
    public struct BrokerError: Hashable, Sendable {
        let code: rd_kafka_resp_err_t
        /// NOT_ENOUGH_REPLICAS: the ISR is below `min.insync.replicas`; nothing was written; retriable.
        public static let notEnoughReplicas = BrokerError(code: RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS)
        /// NOT_ENOUGH_REPLICAS_AFTER_APPEND: written to the leader but not replicated in time; retriable.
        public static let notEnoughReplicasAfterAppend = BrokerError(code: RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS_AFTER_APPEND)
        /// REQUEST_TIMED_OUT: the broker gave up waiting for replication; retriable.
        public static let requestTimedOut = BrokerError(code: RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT)
        /// NOT_LEADER_OR_FOLLOWER: leadership moved; the client refreshes metadata and retries.
        public static let notLeaderOrFollower = BrokerError(code: RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION)
        /// LEADER_NOT_AVAILABLE: an election is in progress; retriable.
        public static let leaderNotAvailable = BrokerError(code: RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE)
    }

    /// The client instance hosting the cluster; it owns and frees the cluster.
    private let host: RDKafkaClient
    /// The cluster's bootstrap servers (`host:port,…` on loopback).
    public let bootstrapServers: String

    /// Starts a mock cluster.
    ///
    /// - Parameter brokers: The number of brokers.
    /// - Throws: ``KafkaError`` if the cluster cannot be created.
    public init(brokers: Int = 3) throws {
        var logger = Logger(label: "kafka.mock-cluster")
        logger.logLevel = .warning
        // The mock cluster lives inside a client instance; this one does nothing else.
        host = try RDKafkaClient(
            type: RD_KAFKA_PRODUCER, properties: ["bootstrap.servers": ""], context: RDKafkaCallbackContext(logger: logger),
            mockBrokers: brokers)
        bootstrapServers = try host.withMockCluster { String(cString: rd_kafka_mock_cluster_bootstraps($0)) }
    }

    /// Creates a topic.
    ///
    /// - Parameters:
    ///   - name: The topic name.
    ///   - partitions: The partition count.
    ///   - replicationFactor: The replication factor (at most the broker count).
    /// - Throws: ``KafkaError`` if the mock refuses.
    public func createTopic(_ name: String, partitions: Int, replicationFactor: Int) throws {
        let error = try host.withMockCluster {
            rd_kafka_mock_topic_create($0, name, Int32(clamping: partitions), Int32(clamping: replicationFactor))
        }
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR else { throw KafkaError.rdKafka(error, context: "mock topic \(name)") }
    }

    /// Makes the next requests of `kind`, on any broker, fail with `errors`, one error per request in order.
    ///
    /// - Parameters:
    ///   - kind: The request kind.
    ///   - errors: The errors to answer with.
    /// - Throws: Never in practice; ``KafkaError`` if the cluster is gone.
    public func failNextRequests(_ kind: RequestKind, with errors: [BrokerError]) throws {
        let codes = errors.map(\.code)
        try mock { cluster in
            codes.withUnsafeBufferPointer {
                rd_kafka_mock_push_request_errors_array(cluster, kind.apiKey, $0.count, $0.baseAddress)
            }
        }
    }

    /// Delays every response of one broker.
    ///
    /// - Parameters:
    ///   - rtt: The added round-trip time (zero to stop).
    ///   - broker: The broker id (1-based).
    public func setRoundTripTime(_ rtt: Duration, broker: Int32) throws {
        try mock { _ = rd_kafka_mock_broker_set_rtt($0, broker, rtt.timeoutMilliseconds) }
    }

    /// Starts recording requests, for ``requestCount(_:)``.
    public func startTrackingRequests() throws {
        try mock { rd_kafka_mock_start_request_tracking($0) }
    }

    /// How many requests of `kind` arrived since ``startTrackingRequests()``.
    ///
    /// - Parameter kind: The request kind.
    /// - Returns: The count.
    public func requestCount(_ kind: RequestKind) throws -> Int {
        try mock { cluster in
            var count = 0
            guard let requests = rd_kafka_mock_get_requests(cluster, &count) else { return 0 }
            defer { rd_kafka_mock_request_destroy_array(requests, count) }
            return (0..<count).filter { rd_kafka_mock_request_api_key(requests[$0]) == kind.apiKey }.count
        }
    }

    private func mock<T>(_ body: (OpaquePointer) -> T) throws -> T {
        try host.withMockCluster(body)
    }
}
