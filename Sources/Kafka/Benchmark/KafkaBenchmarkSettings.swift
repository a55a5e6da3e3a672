/// What `loanstream bench kafka` measures and with which client settings (applied to both clients).
public struct KafkaBenchmarkSettings: Sendable {
    /// The broker to measure against. No default.
    public var bootstrapServers: String
    /// Messages per run. Default 200,000.
    public var messageCount: Int = 200_000
    /// Payload sizes in bytes, one pair of runs each. Default 100 and 1,024.
    public var messageSizes: [Int] = [100, 1024]
    /// Runs per size and client; the median rate is reported. Default 3.
    public var repetitions: Int = 3
    /// Partitions of each fresh topic. Default 3.
    public var partitions: Int = 3
    /// `linger.ms`. Default 5 ms.
    public var linger: Duration = .milliseconds(5)
    /// `batch.size` in bytes. Default 1,000,000.
    public var batchSizeBytes: Int = 1_000_000
    /// `batch.num.messages`. Default 10,000.
    public var batchMessageCount: Int = 10_000
    /// `queue.buffering.max.messages`. Default 100,000.
    public var queueMaxMessages: Int = 100_000
    /// Our consumer's batch size (``KafkaConsumerConfiguration/maxBatchSize``). Default 1,000, the library default.
    public var consumerBatchSize: Int = 1000
    /// The C client to compare with, looked up on `PATH`. Default `rdkafka_performance`.
    public var cClientExecutable: String = "rdkafka_performance"

    /// Creates settings with the documented defaults.
    ///
    /// - Parameter bootstrapServers: The broker list.
    public init(bootstrapServers: String) {
        self.bootstrapServers = bootstrapServers
    }

    /// The librdkafka properties both clients' producers get (idempotence and `acks=all` included).
    var producerProperties: [String: String] {
        [
            "enable.idempotence": "true",
            "acks": "all",
            "partitioner": "murmur2_random",
            "linger.ms": String(linger.milliseconds),
            "batch.size": String(batchSizeBytes),
            "batch.num.messages": String(batchMessageCount),
            "queue.buffering.max.messages": String(queueMaxMessages),
        ]
    }
}

/// One message size's results, in messages per second.
public struct KafkaBenchmarkResult: Sendable {
    /// The payload size in bytes.
    public var messageSize: Int
    /// Messages per run.
    public var messageCount: Int
    /// Our producer's rate.
    public var swiftProduceRate: Double
    /// `rdkafka_performance -P`'s rate.
    public var cProduceRate: Double
    /// Our consumer's rate.
    public var swiftConsumeRate: Double
    /// `rdkafka_performance -C`'s rate.
    public var cConsumeRate: Double

    /// Swift ÷ C for producing.
    public var produceRatio: Double { cProduceRate > 0 ? swiftProduceRate / cProduceRate : 0 }
    /// Swift ÷ C for consuming.
    public var consumeRatio: Double { cConsumeRate > 0 ? swiftConsumeRate / cConsumeRate : 0 }
}
