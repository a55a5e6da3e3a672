import Foundation

/// Everything one accepted command writes: its events, journal entries, outbox rows and the
/// response stored under its idempotency key. ``EventStoreTransaction/write(_:)`` inserts it all
/// with one statement.
public struct CommandWrites: Sendable {
    public var kind: StreamKind
    /// The stream's version before these events (0 for a new stream).
    public var expectedVersion: Int
    public var events: [StoredEvent]
    public var journal: [JournalEntryRecord]
    public var outbox: [OutboxRecord]
    public var response: StoredResponse
    public var idempotencyScope: String
    public var idempotencyKey: String
    /// The loan the key belongs to, for loan streams.
    public var loanID: UUID?
    /// How long the response is replayed for the key.
    public var retention: Duration

    public init(kind: StreamKind, expectedVersion: Int, events: [StoredEvent], journal: [JournalEntryRecord],
                outbox: [OutboxRecord], response: StoredResponse, idempotencyScope: String, idempotencyKey: String,
                loanID: UUID?, retention: Duration) {
        self.kind = kind
        self.expectedVersion = expectedVersion
        self.events = events
        self.journal = journal
        self.outbox = outbox
        self.response = response
        self.idempotencyScope = idempotencyScope
        self.idempotencyKey = idempotencyKey
        self.loanID = loanID
        self.retention = retention
    }
}
