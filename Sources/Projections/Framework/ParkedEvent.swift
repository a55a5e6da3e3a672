import Foundation

/// A row of `projection_parked`: a message a projector refused, with its error and origin.
public struct ParkedEvent: Sendable, Equatable {
    public var id: Int64
    public var projector: String
    public var streamID: UUID?
    public var version: Int?
    public var eventID: UUID?
    public var eventType: String?
    public var errorClass: String
    public var errorMessage: String
    public var topic: String
    public var partition: Int32
    public var offset: Int64
    public var parkedAt: Date
    public var replayAttempts: Int
    public var resolution: String?
    public var resolvedBy: String?
    public var resolvedAt: Date?
}

/// Which parked event a `dlq` command means: its event id, or its row id (for messages too
/// broken to have an event id).
public enum ParkedReference: Sendable, Hashable, CustomStringConvertible {
    case eventID(UUID)
    case id(Int64)

    /// Parses a UUID or a row number.
    public init?(_ text: String) {
        if let uuid = UUID(uuidString: text) {
            self = .eventID(uuid)
        } else if let id = Int64(text) {
            self = .id(id)
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .eventID(let id): "event \(id)"
        case .id(let id): "parked row \(id)"
        }
    }
}

/// What a replay or a discard did.
public struct ResolutionOutcome: Sendable, Equatable {
    /// The parked event is resolved (replayed and applied, or discarded).
    public var resolved: Bool
    /// The error it still fails with, when it stays parked.
    public var error: String?
    /// Events applied (the parked one and the successors that waited behind it).
    public var applied: Int
}
