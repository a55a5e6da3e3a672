/// One row of an outbox table as the relay reads it.
struct OutboxRow: Sendable {
    /// The identity column; orders the rows of one key (a key's later row always has a larger id).
    var id: Int64
    /// The topic the writer chose (before ``RelaySource/topicMapping``).
    var topic: String
    /// The Kafka key (`loan_id`, `borrower_id`, or a read model's row key).
    var key: String
    /// The `headers` jsonb column as text: a JSON object of string values, unpacked by ``RowCheck``.
    var headers: String
    /// The JSON value to publish.
    var payload: String
}
