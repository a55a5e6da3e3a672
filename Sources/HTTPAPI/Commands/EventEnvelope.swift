import EventSchemas
import EventStore
import Foundation

/// Wraps a domain event's `data` in the envelope of docs/EVENTS.md and prepares what the store,
/// the journal and the outbox need from it.
struct EventEnvelope: Sendable {
    var kind: StreamKind
    var streamID: UUID
    var version: Int
    var eventID: UUID
    var eventType: String
    var schemaVersion: Int
    var occurredAt: Date
    var effectiveAt: Date
    var traceID: String
    var idempotencyKey: String
    var data: JSONValue

    private static let timestamp = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    /// The complete event as JSON, the value validated, stored and published.
    var json: JSONValue {
        .object([
            "event_id": .string(eventID.uuidString.lowercased()),
            "event_type": .string(eventType),
            "schema_version": .number(JSONNumber(schemaVersion)),
            kind == .loan ? "loan_id" : "borrower_id": .string(streamID.uuidString.lowercased()),
            "version": .number(JSONNumber(version)),
            "occurred_at": .string(Self.timestamp.format(occurredAt)),
            "effective_at": .string(Self.timestamp.format(effectiveAt)),
            "metadata": .object(["trace_id": .string(traceID), "idempotency_key": .string(idempotencyKey)]),
            "data": data,
        ])
    }

    func stored(json text: String) -> StoredEvent {
        StoredEvent(streamID: streamID, version: version, eventID: eventID, eventType: eventType, schemaVersion: schemaVersion,
                    occurredAt: occurredAt, effectiveAt: effectiveAt, json: text)
    }

    /// The Kafka message: key = stream id, headers for routing and dedupe without a JSON parse.
    func outbox(topic: String, json text: String) -> OutboxRecord {
        let id = streamID.uuidString.lowercased()
        var headers = [
            "event_id": eventID.uuidString.lowercased(), "event_type": eventType, "schema_version": String(schemaVersion),
            "version": String(version), "traceparent": Self.traceparent(traceID: traceID, eventID: eventID),
        ]
        headers[kind == .loan ? "loan_id" : "borrower_id"] = id
        return OutboxRecord(topic: topic, key: id, headers: headers, payload: text)
    }

    /// A W3C traceparent whose span id is derived from the event id (one span per event).
    static func traceparent(traceID: String, eventID: UUID) -> String {
        let uuid = eventID.uuid
        let span = Hex.lowercase([uuid.0, uuid.1, uuid.2, uuid.3, uuid.4, uuid.5, uuid.6, uuid.7])
        return "00-\(traceID)-\(span)-01"
    }
}
