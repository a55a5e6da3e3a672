/// Namespace for facts about the Kafka client library itself.
public enum Kafka {
    /// The version of the linked librdkafka, e.g. `"2.8.0"` (same as ``Librdkafka/version``).
    ///
    /// Worth logging at start-up: librdkafka before 2.3 cannot talk to current brokers (see ARCHITECTURE.md).
    public static var librdkafkaVersion: String { Librdkafka.version }
}
