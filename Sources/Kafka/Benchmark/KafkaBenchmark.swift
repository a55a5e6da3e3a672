import Logging

/// Measures our producer and consumer against librdkafka's own C client on the same broker and settings.
///
/// Each client writes to and reads from its own fresh topic, so neither reads the other's data or warm
/// caches. Produce rates run from the first send until every message is acknowledged; consume rates from
/// the first message received until the last (connection set-up excluded, as rdkafka_performance does).
public struct KafkaBenchmark: Sendable {
    private let settings: KafkaBenchmarkSettings
    private let logger: Logger

    /// Creates a benchmark.
    ///
    /// - Parameters:
    ///   - settings: Broker, sizes, counts and client settings.
    ///   - logger: Progress and librdkafka logs.
    public init(settings: KafkaBenchmarkSettings, logger: Logger = Logger(label: "kafka.benchmark")) {
        self.settings = settings
        self.logger = logger
    }

    /// Runs every message size.
    ///
    /// - Returns: One result per size.
    /// - Throws: ``KafkaError`` if a topic cannot be created, a client fails, or a run is incomplete.
    public func run() async throws -> [KafkaBenchmarkResult] {
        let cClient = CClientRunner(settings: settings)
        var results: [KafkaBenchmarkResult] = []
        for size in settings.messageSizes {
            let count = settings.messageCount
            var rates: (swiftProduce: [Double], cProduce: [Double], swiftConsume: [Double], cConsume: [Double]) = ([], [], [], [])
            // Alternate the clients within each repetition so drift in the machine's load hits both alike.
            for repetition in 1...max(1, settings.repetitions) {
                logger.info("\(size) B, run \(repetition): \(count) messages per client")
                let admin = try KafkaAdmin(
                    configuration: KafkaAdminConfiguration(bootstrapServers: settings.bootstrapServers), logger: logger)
                let swiftTopic = try await freshTopic("swift", size: size, admin: admin)
                let cTopic = try await freshTopic("c", size: size, admin: admin)
                rates.cProduce.append(try await cClient.produce(topic: cTopic, size: size, count: count))
                rates.swiftProduce.append(try await produce(topic: swiftTopic, size: size, count: count))
                rates.cConsume.append(try await cClient.consume(topic: cTopic, partitions: settings.partitions, count: count))
                rates.swiftConsume.append(try await consume(topic: swiftTopic, count: count))
                // Topics are kept: deleting them while clients run crashed librdkafka 2.8 here (a use-after-free
                // in its metadata cache, cf. upstream issues #4778 and #4964). Tansu's memory storage frees them
                // on restart.
            }
            results.append(KafkaBenchmarkResult(
                messageSize: size, messageCount: count, swiftProduceRate: Self.median(rates.swiftProduce),
                cProduceRate: Self.median(rates.cProduce), swiftConsumeRate: Self.median(rates.swiftConsume),
                cConsumeRate: Self.median(rates.cConsume)))
        }
        return results
    }

    private static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }

    private func freshTopic(_ client: String, size: Int, admin: KafkaAdmin) async throws -> String {
        let name = "bench.\(client).\(size).\(UInt32.random(in: 0...UInt32.max))"
        _ = try await admin.createTopics([TopicSpec(name: name, partitions: settings.partitions, replicationFactor: 1)])
        return name
    }

    private func produce(topic: String, size: Int, count: Int) async throws -> Double {
        var configuration = KafkaProducerConfiguration(bootstrapServers: settings.bootstrapServers)
        configuration.linger = settings.linger
        configuration.batchSizeBytes = settings.batchSizeBytes
        configuration.batchMessageCount = settings.batchMessageCount
        configuration.queueMaxMessages = settings.queueMaxMessages
        let producer = try KafkaProducer(configuration: configuration, logger: logger)
        // One shared payload buffer: copy-on-write keeps 200k messages from costing 200k allocations.
        let payload = [UInt8](repeating: 0x6c, count: size)
        let messages = [KafkaProducerMessage](
            repeating: KafkaProducerMessage(topic: topic, key: nil, value: payload), count: count)
        let clock = ContinuousClock()
        let start = clock.now
        let reports = try await producer.sendBatch(messages)
        let elapsed = clock.now - start
        try await producer.close()
        guard reports.count == count else { throw KafkaError(.benchmark, "only \(reports.count) of \(count) delivered") }
        return Double(count) / elapsed.seconds
    }

    private func consume(topic: String, count: Int) async throws -> Double {
        var configuration = KafkaConsumerConfiguration(bootstrapServers: settings.bootstrapServers, groupID: nil)
        configuration.maxBatchSize = settings.consumerBatchSize
        configuration.maxBatchWait = .milliseconds(100)
        let consumer = try KafkaConsumer(configuration: configuration, logger: logger)
        try await consumer.assign(Dictionary(uniqueKeysWithValues: (0..<settings.partitions).map {
            (KafkaTopicPartition(topic: topic, partition: Int32($0)), KafkaOffset.beginning)
        }))
        let clock = ContinuousClock()
        var first: ContinuousClock.Instant?
        var received = 0
        var bytes = 0
        for try await event in consumer.events {
            guard case .messages(let batch) = event else { continue }
            if first == nil { first = clock.now }
            received += batch.count
            bytes &+= batch.reduce(0) { $0 &+ ($1.value?.count ?? 0) }  // touch the data like a real reader
            if received >= count { break }
        }
        let elapsed = clock.now - (first ?? clock.now)
        try await consumer.close()
        guard received >= count, bytes > 0 else { throw KafkaError(.benchmark, "only \(received) of \(count) consumed") }
        return Double(received) / elapsed.seconds
    }
}

extension Duration {
    /// The duration in (fractional) seconds.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
