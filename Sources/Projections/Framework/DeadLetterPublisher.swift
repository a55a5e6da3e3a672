import Foundation
import Kafka

/// Produces parked messages to the DLQ topic of their source topic: the original key, value and
/// headers, plus `dlq.*` headers saying where the message came from and why it was parked.
public struct DeadLetterPublisher: Sendable {
    let producer: KafkaProducer
    /// Source topic → DLQ topic.
    let routes: [String: String]
    let projector: String

    public init(producer: KafkaProducer, routes: [String: String], projector: String) {
        self.producer = producer
        self.routes = routes
        self.projector = projector
    }

    /// Sends the messages and waits until the broker acknowledged every one.
    ///
    /// - Throws: ``KafkaError`` when one was not delivered, or ``ProjectorError`` when a source
    ///   topic has no DLQ topic.
    public func publish(_ parked: [DecodedMessage], at date: Date = Date()) async throws {
        guard !parked.isEmpty else { return }
        let parkedAt = date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        let messages = try parked.map { message in
            guard let topic = routes[message.raw.topic] else {
                throw ProjectorError.configuration("no DLQ topic for \(message.raw.topic)")
            }
            let rejection = message.rejection ?? EventRejection(errorClass: "unknown", message: "")
            let raw = message.raw
            let headers = raw.headers + [
                KafkaHeader(name: "dlq.original_topic", string: raw.topic),
                KafkaHeader(name: "dlq.original_partition", string: String(raw.partition)),
                KafkaHeader(name: "dlq.original_offset", string: String(raw.offset)),
                KafkaHeader(name: "dlq.error_class", string: rejection.errorClass),
                KafkaHeader(name: "dlq.error_message", string: String(rejection.message.prefix(4000))),
                KafkaHeader(name: "dlq.projector", string: projector),
                KafkaHeader(name: "dlq.parked_at", string: parkedAt),
            ]
            return KafkaProducerMessage(topic: topic, key: raw.key, value: raw.value, headers: headers)
        }
        _ = try await producer.sendBatch(messages)
    }
}

/// Failures that stop a projector.
public enum ProjectorError: Error, Sendable, CustomStringConvertible {
    /// A setting or the topic catalog does not allow the projector to run.
    case configuration(String)
    /// A transient failure outlasted the retry policy.
    case retriesExhausted(attempts: Int, lastError: String)
    /// A `dlq` or `rebuild` request named something that does not exist.
    case notFound(String)

    public var description: String {
        switch self {
        case .configuration(let message): "projector configuration: \(message)"
        case let .retriesExhausted(attempts, lastError):
            "gave up after \(attempts) attempts (transient failures outlasted the retry policy); last error: \(lastError)"
        case .notFound(let message): message
        }
    }
}
