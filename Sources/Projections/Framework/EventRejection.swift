import Foundation

/// Why the framework (or a projection) refused an event for good: it is parked and sent to the DLQ.
public struct EventRejection: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable, snake-case class: the `dlq.error_class` header and a metric dimension.
    public var errorClass: String
    /// A human explanation: the `dlq.error_message` header.
    public var message: String

    public init(errorClass: String, message: String) {
        self.errorClass = errorClass
        self.message = message
    }

    public var description: String { "\(errorClass): \(message)" }

    /// The value is not JSON (or missing).
    public static let undecodable = "undecodable_envelope"
    /// JSON, but without a usable envelope (`event_id`, `event_type`, `version`, stream id, times).
    public static let invalidEnvelope = "invalid_envelope"
    /// No schema of this event type is known to this consumer.
    public static let unknownEventType = "unknown_event_type"
    /// The payload does not match its schema.
    public static let schemaMismatch = "schema_mismatch"
    /// Earlier versions of the stream never arrived within the gap timeout.
    public static let versionGap = "version_gap"
}

/// A message after decoding: who it belongs to (as far as that could be told) and either the
/// event or why it was refused.
public struct DecodedMessage: Sendable {
    public var raw: RawMessage
    /// `loan_id`/`borrower_id`, from the envelope, else the headers, else the key.
    public var streamID: UUID?
    public var version: Int?
    public var eventID: UUID?
    public var eventType: String?
    public var result: Result<ProjectedEvent, EventRejection>

    public init(raw: RawMessage, streamID: UUID?, version: Int?, eventID: UUID?, eventType: String?,
                result: Result<ProjectedEvent, EventRejection>) {
        self.raw = raw
        self.streamID = streamID
        self.version = version
        self.eventID = eventID
        self.eventType = eventType
        self.result = result
    }

    /// The refusal, when it was refused.
    public var rejection: EventRejection? {
        if case .failure(let rejection) = result { return rejection }
        return nil
    }

    /// The same message refused with `rejection` (a projection refused it during `apply`).
    func refused(_ rejection: EventRejection) -> DecodedMessage {
        var copy = self
        copy.result = .failure(rejection)
        return copy
    }
}
