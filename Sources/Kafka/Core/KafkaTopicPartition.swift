/// A partition of a topic.
public struct KafkaTopicPartition: Hashable, Sendable, CustomStringConvertible {
    /// The topic name.
    public var topic: String
    /// The partition number, from 0.
    public var partition: Int32

    /// Creates a topic-partition.
    ///
    /// - Parameters:
    ///   - topic: The topic name.
    ///   - partition: The partition number.
    public init(topic: String, partition: Int32) {
        self.topic = topic
        self.partition = partition
    }

    public var description: String { "\(topic)[\(partition)]" }
}

/// Where a consumer starts reading a partition: a concrete offset or one of librdkafka's logical offsets.
public struct KafkaOffset: Hashable, Sendable, CustomStringConvertible {
    /// The raw value handed to librdkafka (logical offsets are negative).
    public let rawValue: Int64

    /// A concrete offset: the next message to read is the one at `offset`.
    ///
    /// - Parameter offset: A non-negative log offset.
    public init(_ offset: Int64) { self.rawValue = offset }

    private init(logical: Int64) { self.rawValue = logical }

    /// The oldest message still in the log.
    public static let beginning = KafkaOffset(logical: -2)
    /// After the newest message: only messages produced from now on.
    public static let end = KafkaOffset(logical: -1)
    /// The group's committed offset, falling back to `auto.offset.reset` when there is none.
    public static let committed = KafkaOffset(logical: -1001)

    public var description: String {
        switch rawValue {
        case -2: "beginning"
        case -1: "end"
        case -1001: "committed"
        default: String(rawValue)
        }
    }
}

/// A message header: a name and arbitrary bytes (or no value at all).
public struct KafkaHeader: Hashable, Sendable {
    /// The header name.
    public var name: String
    /// The header value; `nil` is a header with a null value, distinct from an empty one.
    public var value: [UInt8]?

    /// Creates a header from bytes.
    ///
    /// - Parameters:
    ///   - name: The header name.
    ///   - value: The header bytes, or `nil` for a null value.
    public init(name: String, value: [UInt8]?) {
        self.name = name
        self.value = value
    }

    /// Creates a header holding the UTF-8 bytes of a string.
    ///
    /// - Parameters:
    ///   - name: The header name.
    ///   - string: The header value.
    public init(name: String, string: String) {
        self.init(name: name, value: Array(string.utf8))
    }
}
