import ArgumentParser
import EventSchemas
import EventStore
import Foundation
import Kafka
import Logging
import PostgresNIO
import Relay

/// `loanstream bench relay`: outbox → Kafka events per second beside the raw produce rate of the same messages.
struct BenchRelayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "relay",
        abstract: "Events/s the relay drains from a pre-filled outbox vs raw KafkaProducer.sendBatch of the same messages.",
        discussion: """
            Creates a scratch database bench_<timestamp> on the POSTGRES_* server (dropped afterwards), fills its \
            outbox with repayment.received events of many loans, produces the same messages raw to a fresh topic, \
            then drains the outbox with the relay (read, validate against Schemas/, publish, delete) into another \
            fresh topic of KAFKA_BROKERS. Build in release mode for meaningful figures.
            """)

    @Option(help: "Events per run.")
    var events = 100_000

    @Option(help: "Events per loan.")
    var eventsPerLoan = 20

    @Option(help: "Runs; the median is reported.")
    var repetitions = 3

    @Option(help: "Partitions per fresh topic.")
    var partitions = 3

    @Option(help: "Rows per relay round (LOANSTREAM_RELAY_BATCH_SIZE overrides the default too).")
    var batchSize: Int?

    @Option(help: "The Schemas directory (default: Schemas/ in the repository).")
    var schemasDir: String?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let database = try DatabaseSettings(environment: environment)
        var relay = try RelaySettings(environment: environment)
        if let batchSize { relay.batchSize = batchSize }
        let schemas = try SchemaRegistry.load(directory: URL(
            fileURLWithPath: schemasDir ?? SchemasValidateCommand.defaultSchemasDirectory(), isDirectory: true))
        var settings = RelayBenchmark.Settings(relay: relay)
        settings.events = events
        settings.eventsPerLoan = eventsPerLoan
        settings.repetitions = repetitions
        settings.partitions = partitions
        let logger: Logger = {
            var logger = Logger(label: "bench.relay")
            logger.logLevel = .warning
            return logger
        }()
        print("librdkafka \(Kafka.librdkafkaVersion), \(events) events per run (\(eventsPerLoan) per loan), median of "
              + "\(repetitions), \(partitions) partitions, relay batch \(relay.batchSize), idempotent, acks=all")
        let benchmark = RelayBenchmark(settings: settings, schemas: schemas, logger: logger)
        let result = try await BenchDatabase.with(admin: database, logger: logger) { scratch in
            try await PostgresClient.withClient(scratch.scoped, logger: logger) { client in
                try await benchmark.run(client: client)
            }
        }
        print(String(format: "mean payload %d B | relay %.0f events/s | raw sendBatch %.0f msg/s | ratio %.0f %%",
                     result.meanPayloadBytes, result.relayRate, result.rawRate, result.ratio * 100))
        print("(target: relay ≥ 20,000 events/s and ≥ 50 % of raw)")
    }
}
