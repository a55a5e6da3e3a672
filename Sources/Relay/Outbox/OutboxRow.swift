import Kafka

/// One row of an outbox table as the relay reads it.
struct OutboxRow: Sendable {
    /// The identity column; orders the rows of one key (a key's later row always has a larger id).
    var id: Int64
    /// The topic the writer chose (before ``RelaySource/topicMapping``).
    var topic: String
    /// The Kafka key (`loan_id`, `borrower_id`, or a read model's row key).
    var key: String
    /// Header names and values, sorted by name.
    var headers: [(name: String, value: String)]
    /// The JSON value to publish.
    var payload: String
    /// False when the `headers` column is not a JSON object (the row is parked).
    var headersAreObject: Bool

    /// The first header named `name`.
    func header(_ name: String) -> String? {
        headers.first { $0.name == name }?.value
    }

    /// The Kafka message for this row.
    func message(topic: String) -> KafkaProducerMessage {
        KafkaProducerMessage(
            topic: topic, key: key, value: Array(payload.utf8),
            headers: headers.map { KafkaHeader(name: $0.name, value: Array($0.value.utf8)) })
    }
}
