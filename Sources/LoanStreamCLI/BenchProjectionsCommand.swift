import ArgumentParser
import EventStore
import Foundation
import Kafka
import Logging
import PostgresNIO
import Projections
import EventSchemas

/// `loanstream bench projections`: the projector's events/s into the read models beside a raw
/// batched upsert of the same rows into the same PostgreSQL, in the same run.
struct BenchProjectionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "projections",
        abstract: "Projector events/s from a pre-filled topic vs a raw batched upsert of the same rows.",
        discussion: """
            Pre-fills a fresh topic with valid repayment.received envelopes spread over many loans, then, in a fresh \
            database migrated with every migration: (1) the raw ceiling, the same event_index rows inserted with \
            INSERT ... SELECT unnest(...) ON CONFLICT DO UPDATE, one transaction per batch; (2) one projector instance \
            (the batch path: copy, decode, validate, dedupe against projection_stream, apply, checkpoint, commit) \
            reading the topic from offset 0 to the end with a manually assigned consumer (no group join in the timing). \
            Each repetition runs both in a fresh database; each run's figures and the medians are printed. \
            Build in release mode for meaningful figures.
            """)

    @Option(help: "Events to produce.")
    var events: Int = 200_000

    @Option(help: "Distinct loans (streams) the events are spread over.")
    var loans: Int = 20_000

    @Option(help: "Partitions of the fresh topic.")
    var partitions: Int = 12

    @Option(help: "Events per batch (one transaction), for both sides.")
    var batch: Int = 1000

    @Option(help: "Runs, each in a fresh database; medians are reported (the ceiling alone varies by half between runs here).")
    var repetitions: Int = 3

    @Option(help: "Bootstrap servers; defaults to $KAFKA_BROKERS.")
    var brokers: String?

    @OptionGroup var contracts: ProjectContracts

    func run() async throws {
        let brokers = try TopicsCluster.brokersFromEnvironment(brokers)
        let database = try DatabaseSettings(environment: ProcessInfo.processInfo.environment)
        let (schemas, _) = try contracts.load()
        let logger: Logger = {
            var logger = Logger(label: "loanstream.bench.projections")
            logger.logLevel = .warning
            return logger
        }()
        let admin = try KafkaAdmin(configuration: KafkaAdminConfiguration(bootstrapServers: brokers))
        let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        let topic = "bench.projections.\(suffix)"
        let dlq = topic + ".dlq"
        _ = try await admin.createTopics([TopicSpec(name: topic, partitions: partitions, replicationFactor: 1),
                                          TopicSpec(name: dlq, partitions: 1, replicationFactor: 1)])
        let streams = (0..<max(1, loans)).map { _ in UUID() }
        print("producing \(events) events over \(streams.count) loans to \(topic) (\(partitions) partitions)…")
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(bootstrapServers: brokers), logger: logger)
        var versions = [Int](repeating: 0, count: streams.count)
        var produced = 0
        while produced < events {
            let chunk = (produced..<min(events, produced + 10_000)).map { index in
                let loan = index % streams.count
                versions[loan] += 1
                return SyntheticEvents.repayment(topic: topic, loanID: streams[loan], version: versions[loan])
            }
            _ = try await producer.sendBatch(chunk)
            produced += chunk.count
        }
        try await producer.close()

        var runs: [(raw: Double, projected: Double)] = []
        for repetition in 1...max(1, repetitions) {
            let name = "bench_projections_\(suffix)_\(repetition)"
            try await PostgresClient.withClient(database, logger: logger) { client in
                try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: logger)
            }
            var scoped = database
            scoped.database = name
            do {
                let run = try await Self.measure(scoped, brokers: brokers, topic: topic, dlq: dlq, total: events, batch: batch,
                                                 schemas: schemas, logger: logger)
                runs.append(run)
                print(String(format: "run %ld: ceiling %9.0f events/s, projector %9.0f events/s, ratio %5.1f %%", repetition,
                             Double(events) / run.raw, Double(events) / run.projected, 100 * run.raw / run.projected))
            } catch {
                _ = try? await Self.drop(name, database, logger: logger)
                throw error
            }
            try await Self.drop(name, database, logger: logger)
        }
        await admin.deleteScratchTopics([topic, dlq], logger: logger)  // every client is closed by now
        let median = { (values: [Double]) in values.sorted()[values.count / 2] }
        let raw = median(runs.map(\.raw)), projected = median(runs.map(\.projected))
        print(String(format: "raw batched upsert (ceiling): %9.0f events/s  (median of %ld runs, %ld events, batch %ld)",
                     Double(events) / raw, runs.count, events, batch))
        print(String(format: "projector (event_index):     %9.0f events/s  (median of %ld runs)", Double(events) / projected, runs.count))
        print(String(format: "ratio projector / ceiling:   %9.1f %%  (median of the runs' ratios)",
                     100 * median(runs.map { $0.raw / $0.projected })))
    }

    private static func drop(_ name: String, _ database: DatabaseSettings, logger: Logger) async throws {
        try await PostgresClient.withClient(database, logger: logger) { client in
            try await client.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"), logger: logger)
        }
    }

    /// One run in a fresh database: the ceiling, then the projector over the same events.
    ///
    /// - Returns: The seconds each took.
    private static func measure(_ scoped: DatabaseSettings, brokers: String, topic: String, dlq: String, total: Int, batch: Int,
                                schemas: SchemaRegistry, logger: Logger) async throws -> (raw: Double, projected: Double) {
        try await PostgresClient.withClient(scoped, logger: logger) { client in
            _ = try await MigrationRunner(client: client, migrations: Migration.platform, logger: logger).migrate()
            let raw = try await Self.rawUpsert(client: client, brokers: brokers, topic: topic, count: total, batch: batch, logger: logger)
            let projected = try await Self.projector(client: client, brokers: brokers, topic: topic, dlq: dlq, count: total,
                                                     batch: batch, schemas: schemas, logger: logger)
            let rows = try await client.query("SELECT count(*)::int8 FROM event_index", logger: logger)
            var count = 0
            for try await value in rows.decode(Int.self) { count = value }
            guard count == total else { throw ValidationError("event_index holds \(count) rows, expected \(total)") }
            return (raw, projected)
        }
    }

    /// Reads the topic once into memory, then times inserting the same rows with a raw upsert.
    static func rawUpsert(client: PostgresClient, brokers: String, topic: String, count: Int, batch: Int, logger: Logger) async throws -> Double {
        var rows: [ProjectedEvent] = []
        let decoderless = try await readAll(brokers: brokers, topic: topic, count: count, batch: batch, logger: logger)
        for message in decoderless {
            guard let value = message.value, let header = message.header("version"), let version = Int(header),
                  let stream = message.header("loan_id").flatMap(UUID.init(uuidString:)),
                  let id = message.header("event_id").flatMap(UUID.init(uuidString:)) else { continue }
            rows.append(ProjectedEvent(streamID: stream, version: version, eventID: id, eventType: "repayment.received", schemaVersion: 1,
                                       occurredAt: Date(), effectiveAt: Date(), envelope: .null, payload: value, traceparent: nil,
                                       topic: message.topic, partition: Int(message.partition), offset: message.offset))
        }
        try await client.query("CREATE TABLE bench_raw (LIKE event_index INCLUDING ALL)", logger: logger)
        let start = ContinuousClock.now
        var index = 0
        while index < rows.count {
            let chunk = rows[index..<min(rows.count, index + batch)]
            index += chunk.count
            let streams = chunk.map(\.streamID)
            let versions = chunk.map { Int32($0.version) }
            try await client.query("""
                INSERT INTO bench_raw (stream_id, version, event_id, event_type, topic, partition, kafka_offset, effective_at)
                SELECT * FROM unnest(\(streams)::uuid[], \(versions)::int4[], \(chunk.map(\.eventID))::uuid[],
                                     \(chunk.map(\.eventType))::text[], \(chunk.map(\.topic))::text[],
                                     \(chunk.map { Int32($0.partition) })::int4[], \(chunk.map(\.offset))::int8[],
                                     \(chunk.map(\.effectiveAt))::timestamptz[])
                ON CONFLICT (stream_id, version) DO UPDATE SET event_id = EXCLUDED.event_id, event_type = EXCLUDED.event_type,
                    topic = EXCLUDED.topic, partition = EXCLUDED.partition, kafka_offset = EXCLUDED.kafka_offset,
                    effective_at = EXCLUDED.effective_at
                """, logger: logger)
        }
        return (ContinuousClock.now - start) / .seconds(1)
    }

    /// Times one projector's batch path over the whole topic, from the start of consumption to the last batch.
    static func projector(client: PostgresClient, brokers: String, topic: String, dlq: String, count: Int, batch: Int,
                          schemas: SchemaRegistry, logger: Logger) async throws -> Double {
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(bootstrapServers: brokers), logger: logger)
        let processor = BatchProcessor(projection: EventIndexProjection(), client: client, decoder: EventDecoder(schemas: schemas),
                                       publisher: DeadLetterPublisher(producer: producer, routes: [topic: dlq], projector: "event_index"),
                                       logger: logger)
        let consumer = try await consumer(brokers: brokers, topic: topic, batch: batch, logger: logger)
        // Timed from the start of consumption (the first fetch counts); the next batch is read and decoded while
        // one is applied, as in a projector.
        let start = ContinuousClock.now
        var seen = 0
        try await processor.consume(consumer.events, afterBatch: { messages, _ in
            seen += messages
            return seen < count
        })
        let elapsed = (ContinuousClock.now - start) / .seconds(1)
        try await consumer.close()
        try await producer.close()
        return elapsed
    }

    private static func readAll(brokers: String, topic: String, count: Int, batch: Int, logger: Logger) async throws -> [RawMessage] {
        let consumer = try await consumer(brokers: brokers, topic: topic, batch: batch, logger: logger)
        var messages: [RawMessage] = []
        for try await event in consumer.events {
            guard case .messages(let batch) = event else { continue }
            messages += batch.map(RawMessage.init)
            if messages.count >= count { break }
        }
        try await consumer.close()
        return messages
    }

    /// A consumer assigned to every partition of `topic` from the beginning (counting, not
    /// watermarks, tells when it is done: Tansu under-reports high watermarks).
    private static func consumer(brokers: String, topic: String, batch: Int, logger: Logger) async throws -> KafkaConsumer {
        let admin = try KafkaAdmin(configuration: KafkaAdminConfiguration(bootstrapServers: brokers))
        var targets: [KafkaTopicPartition: Int64] = [:]
        for (partition, marks) in try await admin.watermarks(ofTopic: topic) {
            targets[KafkaTopicPartition(topic: topic, partition: partition)] = marks.high
        }
        var configuration = KafkaConsumerConfiguration(bootstrapServers: brokers, groupID: nil)
        configuration.maxBatchSize = batch
        configuration.maxBatchWait = .milliseconds(100)
        let consumer = try KafkaConsumer(configuration: configuration, logger: logger)
        try await consumer.assign(targets.mapValues { _ in KafkaOffset.beginning })
        return consumer
    }
}
