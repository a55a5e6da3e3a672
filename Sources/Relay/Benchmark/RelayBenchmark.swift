import EventSchemas
import EventStore
import Foundation
import Kafka
import Logging
import PostgresNIO

/// `loanstream bench relay`: events per second drained from a pre-filled outbox into the broker, beside
/// the raw produce rate of the same messages through ``KafkaProducer/sendBatch(_:)`` in the same run.
///
/// Each repetition fills the outbox with realistic `repayment.received` events of many loans, produces
/// them raw to a fresh topic (timed from the first send to the last acknowledgement), then runs the
/// relay's pump over the table into another fresh topic (timed from the first read until the table is
/// empty: reading, validation against `Schemas/`, publishing and deleting all count).
public struct RelayBenchmark: Sendable {
    /// What to run.
    public struct Settings: Sendable {
        /// Events per repetition. Default 100,000.
        public var events = 100_000
        /// Events per loan (loans = events ÷ this). Default 20.
        public var eventsPerLoan = 20
        /// Partitions of each fresh topic. Default 3.
        public var partitions = 3
        /// Repetitions; the median is reported. Default 3.
        public var repetitions = 3
        /// The relay's settings (brokers, batch size, …).
        public var relay: RelaySettings

        /// Creates settings with the documented defaults.
        public init(relay: RelaySettings) { self.relay = relay }
    }

    /// The medians of the runs.
    public struct Result: Sendable {
        public var events: Int
        public var meanPayloadBytes: Int
        public var relayRate: Double
        public var rawRate: Double
        public var ratio: Double { rawRate > 0 ? relayRate / rawRate : 0 }
    }

    private let settings: Settings
    private let schemas: SchemaRegistry
    private let logger: Logger

    /// Creates a benchmark.
    public init(settings: Settings, schemas: SchemaRegistry, logger: Logger) {
        self.settings = settings
        self.schemas = schemas
        self.logger = logger
    }

    /// Runs the benchmark against `client`'s database, whose `outbox` table must be empty.
    ///
    /// - Parameter client: A running client of a scratch database migrated to the event store's schema.
    /// - Returns: The median rates.
    /// - Throws: ``RelayError`` `benchmark` when a run is incomplete, or the Kafka/PostgreSQL error.
    public func run(client: PostgresClient) async throws -> Result {
        let admin = try KafkaAdmin(configuration: KafkaAdminConfiguration(bootstrapServers: settings.relay.brokers), logger: logger)
        var relayRates: [Double] = [], rawRates: [Double] = []
        var payloadBytes = 0
        var topics: [String] = []
        for repetition in 1...max(1, settings.repetitions) {
            let events = Self.events(count: settings.events, perLoan: settings.eventsPerLoan)
            payloadBytes = events.reduce(0) { $0 + $1.payload.utf8.count } / max(1, events.count)
            try await fill(client: client, events: events)
            let rawTopic = try await freshTopic("raw", admin: admin)
            let relayTopic = try await freshTopic("relay", admin: admin)
            topics += [rawTopic, relayTopic]
            let rawRate = try await produceRaw(events.map { $0.message(topic: rawTopic) })
            let relayRate = try await drain(client: client, topic: relayTopic)
            rawRates.append(rawRate)
            relayRates.append(relayRate)
            logger.info("relay benchmark run", metadata: [
                "run": "\(repetition)", "raw": "\(Int(rawRates.last ?? 0))", "relay": "\(Int(relayRates.last ?? 0))"])
        }
        await admin.deleteScratchTopics(topics, logger: logger)  // every producer is closed by now
        return Result(events: settings.events, meanPayloadBytes: payloadBytes,
                      relayRate: Self.median(relayRates), rawRate: Self.median(rawRates))
    }

    /// `count` events spread over `count ÷ perLoan` loans, interleaved as concurrent commands would write them.
    static func events(count: Int, perLoan: Int) -> [OutboxRecord] {
        let loans = (0..<max(1, count / max(1, perLoan))).map { _ in UUID() }
        var versions = [Int](repeating: 0, count: loans.count)
        return (0..<count).map { index in
            let loan = index % loans.count
            versions[loan] += 1
            return OutboxRecord.repaymentReceived(loanID: loans[loan], version: versions[loan])
        }
    }

    private func fill(client: PostgresClient, events: [OutboxRecord]) async throws {
        for start in stride(from: 0, to: events.count, by: 5_000) {
            let chunk = events[start..<min(start + 5_000, events.count)]
            try await client.query("""
                INSERT INTO outbox (topic, key, headers, payload)
                SELECT t, k, h, p FROM unnest(\(chunk.map(\.topic))::text[], \(chunk.map(\.key))::text[],
                                                    \(chunk.map(\.headersJSON))::text[], \(chunk.map(\.payload))::text[]) AS x(t, k, h, p)
                """, logger: logger)
        }
        try await client.query("VACUUM ANALYZE outbox", logger: logger)
    }

    private func produceRaw(_ messages: [KafkaProducerMessage]) async throws -> Double {
        let producer = try KafkaProducer(configuration: OutboxRelay.producerConfiguration(settings.relay), logger: logger)
        let clock = ContinuousClock()
        let start = clock.now
        let reports = try await producer.sendBatch(messages)
        let elapsed = clock.now - start
        try await producer.close()
        guard reports.count == messages.count else { throw RelayError(.benchmark, "raw: \(reports.count) of \(messages.count) delivered") }
        return Double(messages.count) / elapsed.secondsValue
    }

    private func drain(client: PostgresClient, topic: String) async throws -> Double {
        let source = RelaySource(table: "outbox", topicMapping: ["lending.loan-events": topic])
        let metrics = RelayMetrics(table: "outbox")
        let pump = TablePump(
            table: OutboxTable(source: source, client: client, logger: logger),
            check: RowCheck(schemas: schemas, maxMessageBytes: settings.relay.maxMessageBytes),
            metrics: metrics, settings: settings.relay, logger: logger)
        let producer = try KafkaProducer(configuration: OutboxRelay.producerConfiguration(settings.relay), logger: logger)
        var failures = 0
        let clock = ContinuousClock()
        let start = clock.now
        try await pump.drain(producer: producer, failures: &failures, untilEmpty: true)
        let elapsed = clock.now - start
        try await producer.close()
        let counts = metrics.snapshot
        guard counts.published == settings.events, counts.parked == 0 else {
            throw RelayError(.benchmark, "relay published \(counts.published) and parked \(counts.parked) of \(settings.events)")
        }
        return Double(counts.published) / elapsed.secondsValue
    }

    private func freshTopic(_ kind: String, admin: KafkaAdmin) async throws -> String {
        let name = "bench.relay.\(kind).\(UInt32.random(in: 0...UInt32.max))"
        _ = try await admin.createTopics([TopicSpec(name: name, partitions: settings.partitions, replicationFactor: 1)])
        return name
    }

    private static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }
}

extension Duration {
    /// The duration in (fractional) seconds.
    var secondsValue: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
