import Foundation
import Kafka
import Logging
import Metrics
import PostgresNIO
import ServiceLifecycle

/// Exports consumer-group lag in kafka-lag-exporter's names and labels, polling every
/// ``LagExporterSettings/interval``.
///
/// Groups are the configured ``WatchedGroup``s plus every projector found in `projection_checkpoint`
/// (group `loanstream.<projector>`). A group's offset on a partition is its PostgreSQL checkpoint when
/// there is one (projectors keep their offsets there), otherwise its Kafka commit; both raw values are
/// also exported with a `source` label. See ``LagMetrics`` for the metric names.
public final class LagExporter: Service, Sendable {
    let settings: LagExporterSettings
    let admin: KafkaAdmin
    let checkpoints: CheckpointReader?
    let probe: PartitionProbe
    let metrics: LagMetrics
    let state: LagExporterState
    let logger: Logger

    /// Creates the exporter (its probe consumer connects lazily).
    ///
    /// - Parameters:
    ///   - settings: Groups, interval, cluster name.
    ///   - bootstrapServers: The brokers, for the probe consumer.
    ///   - admin: Reads watermarks and group offsets.
    ///   - postgres: Reads `projection_checkpoint`; `nil` to report Kafka groups only.
    ///   - logger: Receives poll failures.
    /// - Throws: ``KafkaError`` if the probe consumer cannot be created.
    public init(
        settings: LagExporterSettings, bootstrapServers: String, admin: KafkaAdmin, postgres: PostgresClient?,
        logger: Logger = Logger(label: "loanstream.lag-exporter")
    ) throws {
        self.settings = settings
        self.admin = admin
        checkpoints = postgres.map(CheckpointReader.init(client:))
        probe = try PartitionProbe(bootstrapServers: bootstrapServers, timeout: settings.probeTimeout, logger: logger)
        metrics = LagMetrics(clusterName: settings.clusterName)
        state = LagExporterState()
        self.logger = logger
    }

    /// Polls until cancelled or shut down gracefully; a failed poll is logged and counted
    /// (`loanstream_exporter_poll_errors_total{exporter="lag"}`), and the next one tried.
    public func run() async throws {
        let errors = Counter(label: "loanstream_exporter_poll_errors_total", dimensions: [("exporter", "lag")])
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    _ = try await self.poll()
                } catch {
                    errors.increment()
                    self.logger.error("lag poll failed", metadata: ["error": "\(String(reflecting: error))"])
                }
                try? await Task.sleep(for: self.settings.interval)
            }
        }
        await probe.close()
    }

    /// Polls once: reads offsets and watermarks, publishes the metrics, and returns what it saw.
    ///
    /// - Returns: The snapshot the metrics were set from.
    /// - Throws: ``KafkaError`` or a PostgreSQL error if a source cannot be read.
    public func poll() async throws -> LagSnapshot {
        let stored = try await checkpoints?.checkpoints() ?? [:]
        var topicsByGroup: [String: Set<String>] = [:]
        for watched in settings.groups { topicsByGroup[watched.group, default: []].formUnion(watched.topics) }
        for (group, offsets) in stored { topicsByGroup[group, default: []].formUnion(offsets.keys.map(\.topic)) }

        let described = Dictionary(try await admin.listTopics().map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var watermarks: [KafkaTopicPartition: KafkaWatermarks] = [:]
        for topic in Set(topicsByGroup.values.joined()).sorted() {
            guard let description = described[topic] else {
                logger.warning("lag exporter: topic \(topic) does not exist")
                continue
            }
            for partition in description.partitions {
                let tp = KafkaTopicPartition(topic: topic, partition: partition.id)
                watermarks[tp] = try await correctedWatermarks(tp)
            }
        }
        let now = Int64((Date().timeIntervalSince1970 * 1000).rounded())
        var rows: [PartitionLag] = []
        for (group, topics) in topicsByGroup.sorted(by: { $0.key < $1.key }) {
            let partitions = watermarks.keys.filter { topics.contains($0.topic) }
                .sorted { ($0.topic, $0.partition) < ($1.topic, $1.partition) }
            guard !partitions.isEmpty else { continue }
            let committed = try await admin.committedOffsets(group: group, partitions: partitions)
            for tp in partitions {
                var bySource: [OffsetSource: Int64] = [:]
                if let offset = stored[group]?[tp] { bySource[.postgres] = offset }
                if let offset = committed[tp] ?? nil { bySource[.kafka] = offset }
                let source: OffsetSource? = bySource[.postgres] != nil ? .postgres : bySource[.kafka] != nil ? .kafka : nil
                let offset = source.flatMap { bySource[$0] }
                let end = watermarks[tp]?.high ?? 0
                var seconds: Double?
                if let offset {
                    let lag = max(0, end - offset)
                    var produced: Int64?
                    if lag > 0 { produced = try await timestamp(tp, at: offset) }
                    seconds = PartitionLag.lagSeconds(lag: lag, firstUnconsumedTimestampMilliseconds: produced, nowMilliseconds: now)
                }
                rows.append(PartitionLag(group: group, partition: tp, committed: offset, source: source,
                                         offsetsBySource: bySource, logEnd: end, lagSeconds: seconds))
            }
        }
        state.prune(keeping: rows)
        let snapshot = LagSnapshot(partitions: rows, watermarks: watermarks)
        metrics.publish(snapshot)
        return snapshot
    }

    /// The partition's watermarks with the high one corrected by a probe read when configured (cached per
    /// reported value: a new batch always moves the reported value).
    private func correctedWatermarks(_ tp: KafkaTopicPartition) async throws -> KafkaWatermarks {
        var marks = try await admin.watermarks(of: tp)
        guard settings.probeLogEnd else { return marks }
        if let known = state.logEnd(tp, reported: marks.high) {
            marks.high = known
        } else {
            let end = try await probe.logEnd(of: tp, reportedHigh: marks.high)
            state.remember(tp, reported: marks.high, end: end)
            marks.high = end
        }
        return marks
    }

    /// The timestamp of the message at `offset` (cached: a message's timestamp never changes).
    private func timestamp(_ tp: KafkaTopicPartition, at offset: Int64) async throws -> Int64? {
        if let known = state.timestamp(tp, offset) { return known }
        let read = try await probe.timestamp(of: tp, at: offset)
        if let read { state.remember(tp, offset, timestamp: read) }
        return read
    }
}
