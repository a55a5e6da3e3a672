import Foundation
import Kafka

/// A Kafka message copied out of its consumer batch (whose buffers are only valid during the
/// batch), or read back from the parked/waiting tables.
public struct RawMessage: Sendable, Hashable {
    public var topic: String
    public var partition: Int32
    public var offset: Int64
    public var key: [UInt8]?
    public var value: [UInt8]?
    public var headers: [KafkaHeader]

    public init(topic: String, partition: Int32, offset: Int64, key: [UInt8]?, value: [UInt8]?, headers: [KafkaHeader]) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.key = key
        self.value = value
        self.headers = headers
    }

    /// Copies a consumed message.
    public init(_ message: KafkaMessage) {
        self.init(topic: message.topic, partition: message.partition, offset: message.offset,
                  key: message.key.map(Array.init), value: message.value.map(Array.init), headers: message.headers)
    }

    /// The partition it came from.
    public var topicPartition: KafkaTopicPartition { KafkaTopicPartition(topic: topic, partition: partition) }

    /// The first header named `name` as UTF-8 text, if present and not null.
    public func header(_ name: String) -> String? { headers.text(named: name) }
}

extension RawMessage {
    /// The W3C trace id of the message's `traceparent` header (the HTTP request that caused the
    /// event), so the projector's log lines about it join the request's trace.
    public var traceID: String? { header("traceparent").flatMap(Self.traceID(fromTraceparent:)) }

    /// The trace id of a W3C `traceparent` value (`00-<32 hex>-<16 hex>-<2 hex>`), if it has one.
    public static func traceID(fromTraceparent traceparent: String) -> String? {
        let parts = traceparent.split(separator: "-")
        guard parts.count == 4, parts[1].count == 32, parts[1].allSatisfy(\.isHexDigit) else { return nil }
        return String(parts[1])
    }
}
