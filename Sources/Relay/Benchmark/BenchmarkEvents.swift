import Foundation
import Kafka

/// Realistic `repayment.received` outbox rows for the relay benchmark and tests: the envelope, headers
/// and key the command service writes (see HTTPAPI's `EventEnvelope`).
public struct SampleEvent: Sendable {
    /// The row's topic column.
    public var topic: String
    /// The key (`loan_id`).
    public var key: String
    /// The headers, as the outbox stores them.
    public var headers: [String: String]
    /// The envelope JSON.
    public var payload: String

    /// Creates a row.
    public init(topic: String, key: String, headers: [String: String], payload: String) {
        self.topic = topic
        self.key = key
        self.headers = headers
        self.payload = payload
    }

    /// The event of version `version` of loan `loanID`, valid against `Schemas/repayment.received/v1.json`.
    ///
    /// - Parameters:
    ///   - loanID: The loan.
    ///   - version: The loan's event version (1-based).
    ///   - topic: The row's topic column. Default `lending.loan-events`.
    /// - Returns: The event.
    public static func repaymentReceived(loanID: UUID, version: Int, topic: String = "lending.loan-events") -> SampleEvent {
        let loan = loanID.uuidString.lowercased()
        let eventID = UUID().uuidString.lowercased()
        let trace = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let day = 1 + version % 28
        let payload = """
            {"event_id":"\(eventID)","event_type":"repayment.received","schema_version":1,"loan_id":"\(loan)",\
            "version":\(version),"occurred_at":"2026-11-\(day < 10 ? "0" : "")\(day)T10:15:30.123Z",\
            "effective_at":"2026-11-\(day < 10 ? "0" : "")\(day)T00:00:00.000Z",\
            "metadata":{"trace_id":"\(trace)","idempotency_key":"repay-\(loan)-\(version)"},\
            "data":{"payment_id":"\(UUID().uuidString.lowercased())","amount":{"amount":"\(1000 + version).50","currency":"INR"},\
            "received_on":"2026-11-\(day < 10 ? "0" : "")\(day)","channel":"upi"}}
            """
        let headers = [
            "event_id": eventID, "event_type": "repayment.received", "schema_version": "1", "loan_id": loan,
            "version": String(version), "traceparent": "00-\(trace)-\(eventID.replacingOccurrences(of: "-", with: "").prefix(16))-01",
        ]
        return SampleEvent(topic: topic, key: loan, headers: headers, payload: payload)
    }

    /// The headers as a JSON object (for the `headers` jsonb column).
    public var headersJSON: String {
        "{" + headers.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\"\($0.value)\"" }.joined(separator: ",") + "}"
    }

    /// The Kafka message the relay publishes for this row, sent to `topic`.
    public func message(topic: String) -> KafkaProducerMessage {
        KafkaProducerMessage(
            topic: topic, key: key, value: Array(payload.utf8),
            headers: headers.sorted { $0.key < $1.key }.map { KafkaHeader(name: $0.key, value: Array($0.value.utf8)) })
    }
}
