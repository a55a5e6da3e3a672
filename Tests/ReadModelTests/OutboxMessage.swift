import EventSchemas
import Foundation
import Projections

/// Turns an outbox row (key, headers, payload: the Kafka message the relay sends) into the
/// `ProjectedEvent` the framework hands to projections; the outbox id stands in for the offset.
enum OutboxMessage {
    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    static func projected(id: Int64, topic: String, key: String, headers: String, payload: String) throws -> ProjectedEvent {
        let header = try JSONValue(parsing: headers)
        let envelope = try JSONValue(parsing: payload)
        func text(_ name: String) throws -> String {
            guard let value = header[name]?.stringValue else { throw Malformed(description: "outbox row \(id) lacks header \(name)") }
            return value
        }
        func instant(_ name: String) throws -> Date {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            guard let text = envelope[name]?.stringValue, let date = formatter.date(from: text) else {
                throw Malformed(description: "outbox row \(id) has no \(name)")
            }
            return date
        }
        guard let streamID = UUID(uuidString: key), let version = Int(try text("version")),
              let eventID = UUID(uuidString: try text("event_id")), let schemaVersion = Int(try text("schema_version")) else {
            throw Malformed(description: "outbox row \(id) has malformed headers")
        }
        return ProjectedEvent(streamID: streamID, version: version, eventID: eventID, eventType: try text("event_type"),
                              schemaVersion: schemaVersion, occurredAt: try instant("occurred_at"),
                              effectiveAt: try instant("effective_at"), envelope: envelope, payload: Array(payload.utf8),
                              traceparent: header["traceparent"]?.stringValue, topic: topic, partition: 0, offset: id)
    }
}
