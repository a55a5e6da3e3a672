import Kafka

/// A consumed batch copied out of the consumer and decoded, ready for ``BatchProcessor/process(_:)-(DecodedBatch)``.
public struct DecodedBatch: Sendable {
    /// The messages, in the order they were consumed.
    public let messages: [RawMessage]
    /// One decoding per message, in the same order.
    public let decoded: [DecodedMessage]

    /// Copies and decodes a consumed batch.
    ///
    /// - Parameters:
    ///   - messages: The batch as the consumer delivered it.
    ///   - decoder: Parses and validates each message.
    public init(_ messages: [KafkaMessage], decoder: EventDecoder) {
        self.messages = messages.map(RawMessage.init)
        decoded = self.messages.map(decoder.decode)
    }
}
