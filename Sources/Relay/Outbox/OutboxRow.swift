import NIOCore

/// One row of an outbox table as the relay reads it.
///
/// The `headers` and `payload` columns stay the bytes PostgreSQL sent (slices of the received buffer):
/// the relay checks them and copies them into Kafka messages without making strings of them first.
struct OutboxRow: Sendable {
    /// The identity column; orders the rows of one key (a key's later row always has a larger id).
    var id: Int64
    /// The topic the writer chose (before ``RelaySource/topicMapping``).
    var topic: String
    /// The Kafka key (`loan_id`, `borrower_id`, or a read model's row key).
    var key: String
    /// The `headers` column (text since migration 7): a JSON object of string values, unpacked by ``RowCheck``.
    var headers: ByteBuffer
    /// The JSON value to publish, as UTF-8 text.
    var payload: ByteBuffer

    /// Creates a row from its columns' bytes.
    init(id: Int64, topic: String, key: String, headers: ByteBuffer, payload: ByteBuffer) {
        self.id = id
        self.topic = topic
        self.key = key
        self.headers = headers
        self.payload = payload
    }

    /// Creates a row from text (tests and tools).
    init(id: Int64, topic: String, key: String, headers: String, payload: String) {
        self.init(id: id, topic: topic, key: key, headers: ByteBuffer(string: headers), payload: ByteBuffer(string: payload))
    }
}
