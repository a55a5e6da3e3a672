/// Dead letters per DLQ topic and error class, as the ``DLQExporter`` last published them.
public struct DLQSnapshot: Sendable, Hashable {
    /// One DLQ topic and error class.
    public struct Row: Sendable, Hashable {
        /// The DLQ topic.
        public var topic: String
        /// The `dlq.error_class` header (`"unknown"` when absent).
        public var errorClass: String
        /// Messages retained in the topic with this class.
        public var depth: Int
        /// Age of the oldest of them, from its message timestamp; `nil` if none had a timestamp.
        public var oldestAgeSeconds: Double?
    }

    /// The rows, sorted by topic then class; a class with no retained message has no row.
    public var rows: [Row]

    /// The row of `topic` and `errorClass`, if any.
    public func row(topic: String, errorClass: String) -> Row? {
        rows.first { $0.topic == topic && $0.errorClass == errorClass }
    }
}
