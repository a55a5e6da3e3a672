import Kafka

/// What the DLQ exporter knows about dead letters: every message read from each DLQ partition (offset,
/// error class, timestamp), so depth and oldest age can be recomputed when retention removes old ones.
///
/// A DLQ is a log: nothing is removed by replaying or discarding a dead letter, so its depth is the number
/// of messages from the earliest retained offset on. (An operator "discards" by letting retention expire
/// them, or by running a future `loanstream dlq` tool that would record its decisions elsewhere.)
struct DLQLedger: Sendable {
    /// The error class of a message without a `dlq.error_class` header.
    static let unknownClass = "unknown"

    struct Entry: Sendable, Hashable {
        var offset: Int64
        var errorClass: String
        var timestampMilliseconds: Int64?
    }

    /// One (topic, error class) row.
    struct Row: Sendable, Hashable {
        var topic: String
        var errorClass: String
        var depth: Int
        var oldestTimestampMilliseconds: Int64?
    }

    private(set) var entries: [KafkaTopicPartition: [Entry]] = [:]
    /// Per partition, the offset after the last message recorded (where to resume reading).
    private(set) var nextOffsets: [KafkaTopicPartition: Int64] = [:]

    /// Records messages read from a DLQ topic.
    ///
    /// - Returns: How many messages were recorded (offsets seen before are skipped), per topic and error class.
    mutating func record(_ messages: [KafkaMessage]) -> [DLQClassKey: Int] {
        var added: [DLQClassKey: Int] = [:]
        // A re-assignment may deliver again what was already fetched: each offset counts once.
        for message in messages where message.offset >= nextOffsets[message.topicPartition] ?? 0 {
            nextOffsets[message.topicPartition] = message.offset + 1
            let errorClass = message.headerText("dlq.error_class").flatMap { $0.isEmpty ? nil : $0 } ?? Self.unknownClass
            entries[message.topicPartition, default: []].append(
                Entry(offset: message.offset, errorClass: errorClass, timestampMilliseconds: message.timestampMilliseconds))
            added[DLQClassKey(topic: message.topic, errorClass: errorClass), default: 0] += 1
        }
        return added
    }

    /// Forgets messages below each partition's low watermark (removed by retention).
    mutating func trim(lowWatermarks: [KafkaTopicPartition: Int64]) {
        for (tp, low) in lowWatermarks {
            entries[tp]?.removeAll { $0.offset < low }
        }
    }

    /// Depth and oldest timestamp per topic and error class.
    func rows() -> [Row] {
        var rows: [DLQClassKey: Row] = [:]
        for (tp, list) in entries {
            for entry in list {
                let key = DLQClassKey(topic: tp.topic, errorClass: entry.errorClass)
                var row = rows[key] ?? Row(topic: tp.topic, errorClass: entry.errorClass, depth: 0, oldestTimestampMilliseconds: nil)
                row.depth += 1
                if let stamp = entry.timestampMilliseconds {
                    row.oldestTimestampMilliseconds = min(row.oldestTimestampMilliseconds ?? stamp, stamp)
                }
                rows[key] = row
            }
        }
        return rows.values.sorted { ($0.topic, $0.errorClass) < ($1.topic, $1.errorClass) }
    }
}

/// A DLQ topic and an error class.
struct DLQClassKey: Hashable, Sendable {
    var topic: String
    var errorClass: String
}
