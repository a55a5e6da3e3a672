import Foundation

/// An event as the store keeps it: the envelope's columns plus the whole event JSON.
public struct StoredEvent: Sendable, Hashable {
    public var streamID: UUID
    public var version: Int
    public var eventID: UUID
    public var eventType: String
    public var schemaVersion: Int
    /// Recorded time: when the store wrote it.
    public var occurredAt: Date
    /// Business time: when it happened for the books.
    public var effectiveAt: Date
    /// The complete event JSON (envelope and `data`), exactly as validated and published.
    public var json: String

    public init(streamID: UUID, version: Int, eventID: UUID, eventType: String, schemaVersion: Int,
                occurredAt: Date, effectiveAt: Date, json: String) {
        self.streamID = streamID
        self.version = version
        self.eventID = eventID
        self.eventType = eventType
        self.schemaVersion = schemaVersion
        self.occurredAt = occurredAt
        self.effectiveAt = effectiveAt
        self.json = json
    }
}

/// One balanced journal entry: debits positive, credits negative, in minor units of one currency.
public struct JournalEntryRecord: Sendable, Hashable {
    public struct Line: Sendable, Hashable {
        public var account: String
        public var amountMinor: Int64
        public init(account: String, amountMinor: Int64) {
            self.account = account
            self.amountMinor = amountMinor
        }
    }

    public var entryID: UUID
    public var loanID: UUID
    /// The event that caused the entry.
    public var eventID: UUID
    public var currency: String
    /// Business date, `yyyy-MM-dd`.
    public var effectiveDate: String
    public var description: String
    /// Set on a reversing entry: the entry it cancels.
    public var reversesEntryID: UUID?
    public var lines: [Line]

    public init(entryID: UUID, loanID: UUID, eventID: UUID, currency: String, effectiveDate: String,
                description: String, reversesEntryID: UUID? = nil, lines: [Line]) {
        self.entryID = entryID
        self.loanID = loanID
        self.eventID = eventID
        self.currency = currency
        self.effectiveDate = effectiveDate
        self.description = description
        self.reversesEntryID = reversesEntryID
        self.lines = lines
    }
}

/// A message the relay will publish: written in the same transaction as the events it carries.
public struct OutboxRecord: Sendable, Hashable {
    public var topic: String
    public var key: String
    public var headers: [String: String]
    public var payload: String

    public init(topic: String, key: String, headers: [String: String], payload: String) {
        self.topic = topic
        self.key = key
        self.headers = headers
        self.payload = payload
    }
}

/// The response stored under an idempotency key, replayed for a retried request.
public struct StoredResponse: Sendable, Hashable {
    public var requestHash: String
    public var statusCode: Int
    public var body: [UInt8]
    public var contentType: String

    public init(requestHash: String, statusCode: Int, body: [UInt8], contentType: String) {
        self.requestHash = requestHash
        self.statusCode = statusCode
        self.body = body
        self.contentType = contentType
    }
}
