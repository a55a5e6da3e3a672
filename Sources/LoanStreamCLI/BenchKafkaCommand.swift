import ArgumentParser
import Foundation
import Kafka
import Logging

/// `loanstream bench kafka`: our Kafka client's produce and consume rates beside librdkafka's C client.
struct BenchKafkaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kafka",
        abstract: "Produce/consume rates of the Swift Kafka client vs librdkafka's rdkafka_performance.",
        discussion: """
            Both clients use the same settings (idempotence, acks=all, linger, batch size) on fresh topics of the \
            broker in KAFKA_BROKERS (or --brokers). rdkafka_performance must be on PATH (source scripts/env.sh). \
            Build in release mode for meaningful figures.
            """)

    @Option(help: "Bootstrap servers; defaults to $KAFKA_BROKERS.")
    var brokers: String?

    @Option(help: "Messages per run.")
    var count: Int = 200_000

    @Option(help: "Comma-separated payload sizes in bytes.")
    var sizes: String = "100,1024"

    @Option(help: "Runs per size and client; the median is reported.")
    var repetitions: Int = 3

    @Option(help: "Partitions per fresh topic.")
    var partitions: Int = 3

    @Option(help: "linger.ms for both producers.")
    var lingerMs: Int = 5

    @Option(help: "batch.size (bytes) for both producers.")
    var batchSize: Int = 1_000_000

    @Option(help: "Batch size of the Swift consumer's event sequence.")
    var consumerBatch: Int = 1000

    func run() async throws {
        let brokers = try TopicsCluster.brokersFromEnvironment(brokers)
        var settings = KafkaBenchmarkSettings(bootstrapServers: brokers)
        settings.messageCount = count
        settings.messageSizes = sizes.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        settings.partitions = partitions
        settings.repetitions = repetitions
        settings.consumerBatchSize = consumerBatch
        settings.linger = .milliseconds(lingerMs)
        settings.batchSizeBytes = batchSize
        var logger = Logger(label: "bench.kafka")
        logger.logLevel = .warning
        print("librdkafka \(Kafka.librdkafkaVersion), \(count) messages per run, median of \(repetitions), \(partitions) partitions, "
              + "linger.ms=\(lingerMs), batch.size=\(batchSize), idempotent, acks=all")
        let results = try await KafkaBenchmark(settings: settings, logger: logger).run()
        print(Self.table(results))
    }

    /// Formats results as a fixed-width table.
    static func table(_ results: [KafkaBenchmarkResult]) -> String {
        func rate(_ value: Double) -> String { String(format: "%10.0f", value) }
        func ratio(_ value: Double) -> String { String(format: "%5.0f %%", value * 100) }
        var lines = ["size     | produce Swift | produce C  | ratio  | consume Swift | consume C  | ratio",
                     "---------|---------------|------------|--------|---------------|------------|-------"]
        for result in results {
            lines.append(
                "\(String(result.messageSize).padding(toLength: 6, withPad: " ", startingAt: 0)) B | "
                + "\(rate(result.swiftProduceRate))    | \(rate(result.cProduceRate)) | \(ratio(result.produceRatio)) | "
                + "\(rate(result.swiftConsumeRate))    | \(rate(result.cConsumeRate)) | \(ratio(result.consumeRatio))")
        }
        lines.append("(messages per second; ratio = Swift ÷ C; target ≥ 70 %)")
        return lines.joined(separator: "\n")
    }
}
