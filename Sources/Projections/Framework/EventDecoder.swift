import EventSchemas
import Foundation
import Kafka

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
        let headers = Headers(raw.headers)
        let headerStream = Self.stream(headers.loanID ?? headers.borrowerID, key: raw.key)
        var decoded = DecodedMessage(
            raw: raw, streamID: headerStream, version: headers.version.flatMap { Int($0) },
            eventID: headers.eventID.flatMap(EnvelopeText.uuid), eventType: headers.eventType,
            result: .failure(EventRejection(errorClass: EventRejection.undecodable, message: "no value")))
        guard let value = raw.value else { return decoded }
        // Nearly every event is read from its top-level fields and proven valid in one pass, without a tree.
        var triedProof = false
        if let proven = provenEvent(value, raw: raw, headers: headers, identity: decoded, triedProof: &triedProof) {
            return proven
        }
        let envelope: JSONValue
        do {
            envelope = try JSONValue(parsing: value)
        } catch {
            decoded.result = .failure(EventRejection(errorClass: EventRejection.undecodable, message: "not JSON: \(error)"))
            return decoded
        }
        if let type = envelope["event_type"]?.stringValue { decoded.eventType = type }
        if let id = envelope["event_id"]?.stringValue.flatMap(EnvelopeText.uuid) { decoded.eventID = id }
        if let stream = (envelope["loan_id"] ?? envelope["borrower_id"])?.stringValue.flatMap(EnvelopeText.uuid) {
            decoded.streamID = stream
        }
        if let version = envelope["version"]?.numberValue?.int64 { decoded.version = Int(version) }
        decoded.result = event(envelope, raw: raw, headers: headers, identity: decoded, tryProof: !triedProof)
        return decoded
    }

    /// The decoded message when its envelope's fields read plainly from the text (``EnvelopeFields``) and the
    /// payload is proven valid against the writer's exact schema; `nil` otherwise, and the tree decides.
    ///
    /// - Parameter triedProof: Set when the proof ran (and so failed, when `nil` is returned).
    private func provenEvent(_ value: [UInt8], raw: RawMessage, headers: Headers, identity: DecodedMessage,
                             triedProof: inout Bool) -> DecodedMessage? {
        guard let fields = value.withUnsafeBufferPointer(EnvelopeFields.init(utf8:)) else { return nil }
        var decoded = identity
        if let type = fields.eventType { decoded.eventType = type }
        if let id = fields.eventID.flatMap(EnvelopeText.uuid) { decoded.eventID = id }
        if let stream = fields.streamID.flatMap(EnvelopeText.uuid) { decoded.streamID = stream }
        if let version = fields.version { decoded.version = Int(version) }
        guard let eventType = decoded.eventType,
              let writerVersion = fields.schemaVersion.map({ Int($0) }) ?? headers.schemaVersion.flatMap({ Int($0) })
        else { return nil }
        triedProof = true
        guard value.withUnsafeBufferPointer({ schemas.proves(utf8: $0, eventType: eventType, exactVersion: writerVersion) }) else {
            return nil
        }
        decoded.result = assemble(identity: decoded, eventType: eventType, writerVersion: writerVersion,
                                  occurredAt: fields.occurredAt, effectiveAt: fields.effectiveAt, envelope: nil, raw: raw, headers: headers)
        return decoded
    }

    /// The headers the decoder reads, gathered in one pass (the first of each name that is not null).
    struct Headers {
        var version: String?
        var eventID: String?
        var eventType: String?
        var loanID: String?
        var borrowerID: String?
        var schemaVersion: String?
        var traceparent: String?

        init(_ headers: [KafkaHeader]) {
            for header in headers {
                guard let bytes = header.value else { continue }
                func take(_ field: inout String?) { if field == nil { field = String(decoding: bytes, as: UTF8.self) } }
                switch header.name {
                case "version": take(&version)
                case "event_id": take(&eventID)
                case "event_type": take(&eventType)
                case "loan_id": take(&loanID)
                case "borrower_id": take(&borrowerID)
                case "schema_version": take(&schemaVersion)
                case "traceparent": take(&traceparent)
                default: continue
                }
            }
        }
    }

    /// The stream a message belongs to by its headers or key, without parsing the value.
    public static func streamHint(_ raw: RawMessage) -> UUID? {
        stream(raw.header("loan_id") ?? raw.header("borrower_id"), key: raw.key)
    }

    /// The stream named by the `loan_id`/`borrower_id` header, else by the key.
    private static func stream(_ header: String?, key: [UInt8]?) -> UUID? {
        header.flatMap(EnvelopeText.uuid) ?? key.flatMap { EnvelopeText.uuid(String(decoding: $0, as: UTF8.self)) }
    }

    private func event(_ envelope: JSONValue, raw: RawMessage, headers: Headers, identity: DecodedMessage,
                       tryProof: Bool) -> Result<ProjectedEvent, EventRejection> {
        guard let eventType = identity.eventType else { return .failure(invalid("event_type is missing")) }
        let writerVersion = envelope["schema_version"]?.numberValue?.int64.map { Int($0) }
            ?? headers.schemaVersion.flatMap { Int($0) }
        do {
            // An event proven valid in one pass over its bytes needs no validation on the tree.
            if !tryProof || !proven(raw, eventType: eventType, writerVersion: writerVersion) {
                let validation = try schemas.validate(envelope, eventType: eventType, writerVersion: writerVersion, maxErrors: 5)
                guard validation.isValid else {
                    let errors = validation.errors.map(\.description).joined(separator: "; ")
                    return .failure(EventRejection(errorClass: EventRejection.schemaMismatch, message: "\(eventType): \(errors)"))
                }
            }
        } catch {
            return .failure(EventRejection(errorClass: EventRejection.unknownEventType, message: "\(error)"))
        }
        return assemble(identity: identity, eventType: eventType, writerVersion: writerVersion,
                        occurredAt: envelope["occurred_at"]?.stringValue, effectiveAt: envelope["effective_at"]?.stringValue,
                        envelope: envelope, raw: raw, headers: headers)
    }

    /// The event of a valid envelope, once its identity and times are known; refuses what is missing.
    ///
    /// - Parameter envelope: The tree when it was parsed; `nil` leaves it to be parsed when a projection reads it.
    private func assemble(identity: DecodedMessage, eventType: String, writerVersion: Int?, occurredAt: String?,
                          effectiveAt: String?, envelope: JSONValue?, raw: RawMessage,
                          headers: Headers) -> Result<ProjectedEvent, EventRejection> {
        guard let streamID = identity.streamID else { return .failure(invalid("loan_id/borrower_id is missing")) }
        guard let version = identity.version, version >= 1 else { return .failure(invalid("version is missing")) }
        guard let eventID = identity.eventID else { return .failure(invalid("event_id is missing")) }
        guard let occurredAt = occurredAt.flatMap(EnvelopeText.date) else {
            return .failure(invalid("occurred_at is not a date-time"))
        }
        guard let effectiveAt = effectiveAt.flatMap(EnvelopeText.date) else {
            return .failure(invalid("effective_at is not a date-time"))
        }
        if let headerVersion = headers.version.flatMap({ Int($0) }), headerVersion != version {
            return .failure(invalid("header version \(headerVersion) differs from the envelope's \(version)"))
        }
        return .success(ProjectedEvent(
            streamID: streamID, version: version, eventID: eventID, eventType: eventType,
            schemaVersion: writerVersion ?? 0, occurredAt: occurredAt, effectiveAt: effectiveAt,
            parsedEnvelope: envelope, payload: raw.value ?? [], traceparent: headers.traceparent,
            topic: raw.topic, partition: Int(raw.partition), offset: raw.offset))
    }

    /// Whether the payload is proven valid against the writer's exact version without its tree.
    private func proven(_ raw: RawMessage, eventType: String, writerVersion: Int?) -> Bool {
        guard let writerVersion, let value = raw.value else { return false }
        return value.withUnsafeBufferPointer { schemas.proves(utf8: $0, eventType: eventType, exactVersion: writerVersion) }
    }

    private func invalid(_ message: String) -> EventRejection {
        EventRejection(errorClass: EventRejection.invalidEnvelope, message: message)
    }
}
