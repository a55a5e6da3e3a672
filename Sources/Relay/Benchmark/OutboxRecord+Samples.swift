import EventStore
import Foundation
import Kafka

/// Realistic `repayment.received` outbox rows for the relay benchmark and tests: the envelope, headers
/// and key the command service writes (see HTTPAPI's `EventEnvelope`).
extension OutboxRecord {
    /// The event of version `version` of loan `loanID`, valid against `Schemas/repayment.received/v1.json`.
    ///
    /// - Parameters:
    ///   - loanID: The loan.
    ///   - version: The loan's event version (1-based).
    ///   - topic: The row's topic column. Default `lending.loan-events`.
    /// - Returns: The event.
    public static func repaymentReceived(loanID: UUID, version: Int, topic: String = "lending.loan-events") -> OutboxRecord {
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
        return OutboxRecord(topic: topic, key: loan, headers: headers, payload: payload)
    }

    /// The Kafka message the relay publishes for this row, sent to `topic`.
    public func message(topic: String) -> KafkaProducerMessage {
        KafkaProducerMessage(
            topic: topic, key: key, value: Array(payload.utf8),
            headers: headers.sorted { $0.key < $1.key }.map { KafkaHeader(name: $0.key, value: Array($0.value.utf8)) })
    }
}
