import EventSchemas
import Foundation
import Logging
import PostgresNIO

/// One event as a projector hands it to a projection: decoded from a Kafka message of an event
/// topic, validated against `Schemas/` (tolerant reader), deduplicated and in stream order.
public struct ProjectedEvent: Sendable {
    /// `loan_id` or `borrower_id`: the Kafka key and the stream the version counts in.
    public var streamID: UUID
    public var version: Int
    public var eventID: UUID
    public var eventType: String
    public var schemaVersion: Int
    /// Recorded time (`occurred_at`).
    public var occurredAt: Date
    /// Business time (`effective_at`).
    public var effectiveAt: Date
    /// The whole envelope (docs/EVENTS.md); the event's own fields are under `data`.
    ///
    /// Parsed from ``payload`` when read, unless the decoder already had the tree: most events are proven
    /// valid without one, and projections that do not read the envelope never pay for it.
    public var envelope: JSONValue {
        get { parsedEnvelope ?? (try? JSONValue(parsing: payload)) ?? .null }
        set { parsedEnvelope = newValue }
    }
    private var parsedEnvelope: JSONValue?
    /// The envelope exactly as it arrived, for decoders that read JSON bytes.
    public var payload: [UInt8]
    /// W3C `traceparent` header of the message, when it had one.
    public var traceparent: String?
    /// Where the event came from.
    public var topic: String
    public var partition: Int
    public var offset: Int64

    public init(streamID: UUID, version: Int, eventID: UUID, eventType: String, schemaVersion: Int,
                occurredAt: Date, effectiveAt: Date, envelope: JSONValue, payload: [UInt8], traceparent: String?,
                topic: String, partition: Int, offset: Int64) {
        self.init(streamID: streamID, version: version, eventID: eventID, eventType: eventType, schemaVersion: schemaVersion,
                  occurredAt: occurredAt, effectiveAt: effectiveAt, parsedEnvelope: envelope, payload: payload,
                  traceparent: traceparent, topic: topic, partition: partition, offset: offset)
    }

    /// - Parameter parsedEnvelope: The envelope's tree, or `nil` to parse ``payload`` when ``envelope`` is read.
    init(streamID: UUID, version: Int, eventID: UUID, eventType: String, schemaVersion: Int,
         occurredAt: Date, effectiveAt: Date, parsedEnvelope: JSONValue?, payload: [UInt8], traceparent: String?,
         topic: String, partition: Int, offset: Int64) {
        self.streamID = streamID
        self.version = version
        self.eventID = eventID
        self.eventType = eventType
        self.schemaVersion = schemaVersion
        self.occurredAt = occurredAt
        self.effectiveAt = effectiveAt
        self.parsedEnvelope = parsedEnvelope
        self.payload = payload
        self.traceparent = traceparent
        self.topic = topic
        self.partition = partition
        self.offset = offset
    }
}

/// A read model maintained by a projector.
///
/// The framework guarantees that `apply` sees each stream's events exactly once, in version
/// order and without gaps, inside the PostgreSQL transaction that also stores the batch's
/// checkpoints. A projection writes only through `connection`, with unqualified table names: a
/// rebuild runs the same code with `search_path` pointing at shadow tables.
public protocol Projection: Sendable {
    /// Stable name: the key of its checkpoints and stream versions, and `loanstream.<name>` is
    /// its consumer group.
    var name: String { get }
    /// The topics it consumes.
    var topics: [String] { get }
    /// The tables it owns, in creation order: what a rebuild recreates and swaps in.
    var tables: [String] { get }
    /// Applies one batch, in order. Throw `ProjectionFailure.permanent` naming the event that
    /// cannot ever be applied (the framework parks it and its stream and applies the rest);
    /// any other error is treated as transient and the batch is retried.
    func apply(_ events: [ProjectedEvent], connection: PostgresConnection, logger: Logger) async throws
    /// Whether the rows depend on where events sat in Kafka (topic, partition, offset): such a
    /// projection can only be rebuilt from the topics. Has a default (`false`).
    var dependsOnKafkaPositions: Bool { get }
}

/// Why a projection refused an event for good.
public enum ProjectionFailure: Error, Sendable, CustomStringConvertible {
    /// The event can never be applied (undecodable data, an impossible transition).
    case permanent(eventID: UUID, errorClass: String, message: String)

    public var description: String {
        switch self {
        case let .permanent(eventID, errorClass, message): "event \(eventID) refused (\(errorClass)): \(message)"
        }
    }
}

extension Projection {
    /// By default a projection does not depend on Kafka positions.
    public var dependsOnKafkaPositions: Bool { false }
}
