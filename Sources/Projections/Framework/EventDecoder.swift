import EventSchemas
import Foundation

/// Turns Kafka messages into ``ProjectedEvent``s: parses the envelope, validates it against
/// `Schemas/` as a tolerant reader, and classifies what cannot be used as a permanent failure.
public struct EventDecoder: Sendable {
    let schemas: SchemaRegistry

    public init(schemas: SchemaRegistry) {
        self.schemas = schemas
    }

    /// Decodes one message. Never throws: refusals are in the result, with as much identity
    /// (stream, version, event id) as could be recovered from the envelope, headers or key.
    public func decode(_ raw: RawMessage) -> DecodedMessage {
        let headerStream = Self.streamHint(raw)
        var decoded = DecodedMessage(
            raw: raw, streamID: headerStream, version: raw.header("version").flatMap { Int($0) },
            eventID: raw.header("event_id").flatMap(UUID.init(uuidString:)), eventType: raw.header("event_type"),
            result: .failure(EventRejection(errorClass: EventRejection.undecodable, message: "no value")))
        guard let value = raw.value else { return decoded }
        let envelope: JSONValue
        do {
            envelope = try JSONValue(parsing: value)
        } catch {
            decoded.result = .failure(EventRejection(errorClass: EventRejection.undecodable, message: "not JSON: \(error)"))
            return decoded
        }
        if let type = envelope["event_type"]?.stringValue { decoded.eventType = type }
        if let id = envelope["event_id"]?.stringValue.flatMap(UUID.init(uuidString:)) { decoded.eventID = id }
        if let stream = (envelope["loan_id"] ?? envelope["borrower_id"])?.stringValue.flatMap(UUID.init(uuidString:)) {
            decoded.streamID = stream
        }
        if let version = envelope["version"]?.numberValue?.int64 { decoded.version = Int(version) }
        decoded.result = event(envelope, raw: raw, identity: decoded)
        return decoded
    }

    /// The stream a message belongs to by its headers or key, without parsing the value.
    public static func streamHint(_ raw: RawMessage) -> UUID? {
        (raw.header("loan_id") ?? raw.header("borrower_id")).flatMap(UUID.init(uuidString:))
            ?? raw.key.flatMap { UUID(uuidString: String(decoding: $0, as: UTF8.self)) }
    }

    private func event(_ envelope: JSONValue, raw: RawMessage, identity: DecodedMessage) -> Result<ProjectedEvent, EventRejection> {
        guard let eventType = identity.eventType else { return .failure(invalid("event_type is missing")) }
        let writerVersion = envelope["schema_version"]?.numberValue?.int64.map { Int($0) }
            ?? raw.header("schema_version").flatMap { Int($0) }
        do {
            let validation = try schemas.validate(envelope, eventType: eventType, writerVersion: writerVersion, maxErrors: 5)
            guard validation.isValid else {
                let errors = validation.errors.map(\.description).joined(separator: "; ")
                return .failure(EventRejection(errorClass: EventRejection.schemaMismatch, message: "\(eventType): \(errors)"))
            }
        } catch {
            return .failure(EventRejection(errorClass: EventRejection.unknownEventType, message: "\(error)"))
        }
        guard let streamID = identity.streamID else { return .failure(invalid("loan_id/borrower_id is missing")) }
        guard let version = identity.version, version >= 1 else { return .failure(invalid("version is missing")) }
        guard let eventID = identity.eventID else { return .failure(invalid("event_id is missing")) }
        guard let occurredAt = envelope["occurred_at"]?.stringValue.flatMap(Self.date) else {
            return .failure(invalid("occurred_at is not a date-time"))
        }
        guard let effectiveAt = envelope["effective_at"]?.stringValue.flatMap(Self.date) else {
            return .failure(invalid("effective_at is not a date-time"))
        }
        if let headerVersion = raw.header("version").flatMap({ Int($0) }), headerVersion != version {
            return .failure(invalid("header version \(headerVersion) differs from the envelope's \(version)"))
        }
        return .success(ProjectedEvent(
            streamID: streamID, version: version, eventID: eventID, eventType: eventType,
            schemaVersion: writerVersion ?? 0, occurredAt: occurredAt, effectiveAt: effectiveAt,
            envelope: envelope, payload: raw.value ?? [], traceparent: raw.header("traceparent"),
            topic: raw.topic, partition: Int(raw.partition), offset: raw.offset))
    }

    private func invalid(_ message: String) -> EventRejection {
        EventRejection(errorClass: EventRejection.invalidEnvelope, message: message)
    }

    /// Parses an RFC 3339 date-time, with or without fractional seconds.
    static func date(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return date }
        return try? Date(text, strategy: Date.ISO8601FormatStyle())
    }
}
