import Kafka
import Testing

@Suite("Idempotent producer under injected broker faults (librdkafka mock cluster, 3 brokers)")
struct MockClusterFaultTests {
    /// `perKey` numbered messages for each of `keys` keys, interleaved so many keys are in flight at once.
    private static func messages(topic: String, keys: Int, perKey: Int, from first: Int = 0) -> [KafkaProducerMessage] {
        (first..<(first + perKey)).flatMap { sequence in
            (0..<keys).map { KafkaProducerMessage(topic: topic, key: "loan-\($0)", value: KafkaTestSupport.bytes("\(sequence)")) }
        }
    }

    private static func producer(_ cluster: KafkaMockCluster, extra: [String: String] = [:]) throws -> KafkaProducer {
        try KafkaTestSupport.producer(brokers: cluster.bootstrapServers) {
            $0.extraProperties = ["retry.backoff.ms": "20"].merging(extra) { _, new in new }
        }
    }

    /// Reads the whole topic back and checks every key's numbers are exactly `0..<perKey`, in order: nothing
    /// lost, nothing duplicated. With `toleratingRedelivery`, a key's numbers may repeat, but the first
    /// occurrences must still be exactly `0..<perKey` in order (at-least-once, as consumers dedupe by version).
    private static func verify(
        cluster: KafkaMockCluster, topic: String, partitions: Int, keys: Int, perKey: Int,
        toleratingRedelivery: Bool = false
    ) async throws {
        let consumer = try KafkaConsumer(configuration: KafkaTestSupport.consumerConfiguration(
            brokers: cluster.bootstrapServers, group: nil))
        try await consumer.assign(Dictionary(uniqueKeysWithValues: (0..<partitions).map {
            (KafkaTopicPartition(topic: topic, partition: Int32($0)), KafkaOffset.beginning)
        }))
        // Ask for more than was sent and wait the full time, so duplicates would be seen too (with
        // redelivery allowed there may be many more than one extra, so read until the time is up).
        let wanted = toleratingRedelivery ? Int.max : keys * perKey + 1
        let consumed = try await KafkaTestSupport.collect(wanted, from: consumer, timeout: .seconds(6))
        try await consumer.close()

        if !toleratingRedelivery {
            #expect(consumed.count == keys * perKey, "lost or duplicated: read \(consumed.count) of \(keys * perKey)")
        }
        var sequences: [String: [Int]] = [:]
        for message in consumed {
            sequences[String(decoding: message.key ?? [], as: UTF8.self), default: []]
                .append(Int(String(decoding: message.value ?? [], as: UTF8.self)) ?? -1)
        }
        for key in 0..<keys {
            var seen = Set<Int>()
            let read = sequences["loan-\(key)"] ?? []
            let firstOccurrences = toleratingRedelivery ? read.filter { seen.insert($0).inserted } : read
            #expect(firstOccurrences == Array(0..<perKey), "loan-\(key): \(read)")
        }
    }

    @Test("retriable Produce errors (NOT_ENOUGH_REPLICAS, REQUEST_TIMED_OUT, …) lose and duplicate nothing")
    func retriableProduceErrors() async throws {
        let cluster = try KafkaMockCluster(brokers: 3)
        let topic = "mock.loan-events"
        try cluster.createTopic(topic, partitions: 4, replicationFactor: 3)
        let injected: [KafkaMockCluster.BrokerError] = [
            .notEnoughReplicas, .notEnoughReplicas, .requestTimedOut, .notEnoughReplicasAfterAppend,
            .requestTimedOut, .leaderNotAvailable, .notLeaderOrFollower, .notEnoughReplicas,
        ]
        try cluster.failNextRequests(.produce, with: injected)
        try cluster.startTrackingRequests()
        let producer = try Self.producer(cluster)
        let reports = try await producer.sendBatch(Self.messages(topic: topic, keys: 40, perKey: 50))
        try await producer.close()
        #expect(reports.count == 2000)
        // Every injected error cost one rejected Produce request, so retries must have happened.
        #expect(try cluster.requestCount(.produce) > injected.count)
        try await Self.verify(cluster: cluster, topic: topic, partitions: 4, keys: 40, perKey: 50)
    }

    /// Finding (librdkafka 2.8 mock cluster): when Produce responses arrive after the client's request
    /// timeout, librdkafka drains and resends the timed-out batches with the same producer id, epoch and
    /// sequence numbers ("drain before retrying"), yet the mock broker appends them a second time (Apache
    /// Kafka's broker recognises resends of its last five batches per producer). So this test asserts what holds everywhere:
    /// nothing is lost and each key's first occurrences are in order; the projectors' (loan_id, version)
    /// dedupe absorbs the repeats.
    @Test("a broker slower than the request timeout loses nothing and keeps per-key order (mock re-appends resends)")
    func timeoutsAfterAppendDoNotDuplicate() async throws {
        let cluster = try KafkaMockCluster(brokers: 3)
        let topic = "mock.slow"
        try cluster.createTopic(topic, partitions: 3, replicationFactor: 3)
        let producer = try Self.producer(cluster, extra: ["request.timeout.ms": "1000", "socket.timeout.ms": "1000"])
        // Connect and produce normally first, so the slowness hits Produce requests, not the connection setup.
        _ = try await producer.sendBatch(Self.messages(topic: topic, keys: 12, perKey: 10))
        try cluster.startTrackingRequests()
        // Every broker now appends but answers late, so the producer times requests out and resends them.
        for broker in Int32(1)...3 { try cluster.setRoundTripTime(.milliseconds(3000), broker: broker) }
        async let slowBatch = producer.sendBatch(Self.messages(topic: topic, keys: 12, perKey: 20, from: 10))
        try await Task.sleep(for: .seconds(7))
        for broker in Int32(1)...3 { try cluster.setRoundTripTime(.zero, broker: broker) }
        let reports = try await slowBatch
        try await producer.close()
        #expect(reports.count == 240)
        let produceRequests = try cluster.requestCount(.produce)
        #expect(produceRequests > 3, "expected resent Produce requests, saw \(produceRequests)")
        try await Self.verify(cluster: cluster, topic: topic, partitions: 3, keys: 12, perKey: 30, toleratingRedelivery: true)
    }
}
