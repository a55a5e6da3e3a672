import Foundation
import Kafka

/// Valid `repayment.received` v1 messages as the relay publishes them (envelope JSON value,
/// `loan_id` key, routing headers), for benchmarks and tests.
public enum SyntheticEvents {
    /// The envelope of one repayment.
    ///
    /// - Parameters:
    ///   - loanID: The stream.
    ///   - version: Its position in the stream.
    ///   - eventID: The event id.
    ///   - amount: A decimal string with two fraction digits (INR).
    public static func repaymentReceived(loanID: UUID, version: Int, eventID: UUID, amount: String = "1250.00") -> String {
        let loan = loanID.uuidString.lowercased()
        let day = 1 + version % 28
        let date = "2026-11-\(day < 10 ? "0" : "")\(day)"
        return """
            {"event_id":"\(eventID.uuidString.lowercased())","event_type":"repayment.received","schema_version":1,\
            "loan_id":"\(loan)","version":\(version),"occurred_at":"\(date)T10:00:00.000Z","effective_at":"\(date)T00:00:00Z",\
            "metadata":{"trace_id":"4bf92f3577b34da6a3ce929d0e0e4736","idempotency_key":"bench-\(loan)-\(version)"},\
            "data":{"payment_id":"\(UUID().uuidString.lowercased())","amount":{"amount":"\(amount)","currency":"INR"},\
            "received_on":"\(date)","channel":"upi"}}
            """
    }

    /// A Kafka message carrying `value` with the headers the relay sets.
    public static func message(topic: String, loanID: UUID, version: Int, eventID: UUID, eventType: String = "repayment.received",
                               value: String) -> KafkaProducerMessage {
        let loan = loanID.uuidString.lowercased()
        return KafkaProducerMessage(topic: topic, key: loan, value: Array(value.utf8), headers: [
            KafkaHeader(name: "event_id", string: eventID.uuidString.lowercased()),
            KafkaHeader(name: "event_type", string: eventType),
            KafkaHeader(name: "schema_version", string: "1"),
            KafkaHeader(name: "loan_id", string: loan),
            KafkaHeader(name: "version", string: String(version)),
            KafkaHeader(name: "traceparent", string: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"),
        ])
    }

    /// A valid repayment message.
    public static func repayment(topic: String, loanID: UUID, version: Int, eventID: UUID = UUID()) -> KafkaProducerMessage {
        message(topic: topic, loanID: loanID, version: version, eventID: eventID,
                value: repaymentReceived(loanID: loanID, version: version, eventID: eventID))
    }
}
