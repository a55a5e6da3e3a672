import Foundation

/// What a projector knows about one stream at the start of a batch.
public struct StreamState: Sendable, Equatable {
    /// The last applied version (0 before the first).
    public var applied: Int
    /// An unresolved parked event holds the stream: later versions wait.
    public var blocked: Bool
    /// Event ids of the stream's unresolved parked events (a redelivery of one is a duplicate).
    public var parkedEventIDs: Set<UUID>
    /// Events held back by version (behind a gap or a parked event); `persisted` when already
    /// stored in `projection_waiting`.
    public var waiting: [Int: WaitingEvent]

    public init(applied: Int = 0, blocked: Bool = false, parkedEventIDs: Set<UUID> = [], waiting: [Int: WaitingEvent] = [:]) {
        self.applied = applied
        self.blocked = blocked
        self.parkedEventIDs = parkedEventIDs
        self.waiting = waiting
    }
}

/// An event held back in `projection_waiting`, or about to be.
public struct WaitingEvent: Sendable, Equatable {
    public var raw: RawMessage
    public var eventID: UUID?
    public var persisted: Bool

    public init(raw: RawMessage, eventID: UUID?, persisted: Bool) {
        self.raw = raw
        self.eventID = eventID
        self.persisted = persisted
    }
}
