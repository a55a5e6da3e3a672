import Kafka
import Logging
import Synchronization

/// Reads a few messages of one partition at a time with a manually assigned consumer (no group, never
/// commits): the timestamp of the message at an offset, and the true end of a partition's log.
///
/// One consumer serves every probe, one probe at a time (the actor serialises them).
actor PartitionProbe {
    private let consumer: KafkaConsumer
    private let timeout: Duration

    /// Creates the probe's consumer.
    ///
    /// - Parameters:
    ///   - bootstrapServers: The brokers.
    ///   - timeout: How long one probe may read.
    ///   - logger: Receives librdkafka's log lines.
    init(bootstrapServers: String, timeout: Duration, logger: Logger) throws {
        var configuration = KafkaConsumerConfiguration(bootstrapServers: bootstrapServers, groupID: nil)
        configuration.clientID = "loanstream-lag-exporter"
        configuration.autoOffsetReset = .earliest  // a checkpoint below the retained log reads the oldest message
        configuration.maxBatchWait = .milliseconds(50)
        configuration.maxBatchSize = 500
        consumer = try KafkaConsumer(configuration: configuration, logger: logger)
        self.timeout = timeout
    }

    /// The timestamp (ms since the epoch) of the first message at or after `offset`, or `nil` if none
    /// arrived within the timeout.
    func timestamp(of partition: KafkaTopicPartition, at offset: Int64) async throws -> Int64? {
        let messages = try await read(partition, from: offset, settle: .zero)
        return messages.first { $0.offset >= offset }?.timestampMilliseconds
    }

    /// The offset after the last message of `partition`, reading its last record batch from just below the
    /// broker's reported high watermark (at most the true end; Tansu reports the base offset of the last
    /// batch + 1). Returns `reportedHigh` for an empty log or when nothing could be read.
    func logEnd(of partition: KafkaTopicPartition, reportedHigh: Int64) async throws -> Int64 {
        guard reportedHigh > 0 else { return reportedHigh }
        let messages = try await read(partition, from: reportedHigh - 1, settle: .milliseconds(300))
        return max(reportedHigh, (messages.map(\.offset).max() ?? -1) + 1)
    }

    /// Reads `partition` from `offset` until `settle` has passed since the first message arrived, or the
    /// timeout, whichever is first; returns that partition's messages.
    private func read(_ partition: KafkaTopicPartition, from offset: Int64, settle: Duration) async throws -> [KafkaMessage] {
        try await consumer.assign([partition: KafkaOffset(offset)])
        let inbox = Inbox()
        let consumer = consumer
        let timeout = timeout
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for try await event in consumer.events {
                    guard case .messages(let batch) = event else { continue }
                    inbox.add(batch.filter { $0.topicPartition == partition && $0.offset >= offset })
                }
            }
            group.addTask {
                let deadline = ContinuousClock.now + timeout
                while ContinuousClock.now < deadline {
                    if let first = inbox.firstArrival, ContinuousClock.now >= first + settle { return }
                    try await Task.sleep(for: .milliseconds(20))
                }
            }
            defer { group.cancelAll() }
            _ = try await group.next()
        }
        return inbox.messages
    }

    /// Stops the consumer.
    func close() async {
        try? await consumer.close()
    }
}

/// What a probe read collected, shared between the reading task and the waiting one.
private final class Inbox: Sendable {
    private let state = Mutex<(messages: [KafkaMessage], first: ContinuousClock.Instant?)>(([], nil))

    func add(_ batch: [KafkaMessage]) {
        guard !batch.isEmpty else { return }
        state.withLock { state in
            state.messages.append(contentsOf: batch)
            if state.first == nil { state.first = .now }
        }
    }

    var firstArrival: ContinuousClock.Instant? { state.withLock { $0.first } }
    var messages: [KafkaMessage] { state.withLock { $0.messages } }
}
