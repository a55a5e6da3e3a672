import Foundation
import Lending

/// A command as the write side receives it from any transport (HTTP, the demo, benchmarks).
public struct CommandRequest: Sendable {
    /// Which stream the command addresses.
    public enum Target: Sendable, Hashable {
        /// A new loan: the service allocates its id (an application).
        case newLoan(LoanCommand)
        /// An existing loan.
        case loan(UUID, LoanCommand)
        /// A new borrower: the service allocates its id.
        case newBorrower(BorrowerCommand)
        /// An existing borrower.
        case borrower(UUID, BorrowerCommand)
    }

    /// Scope of the idempotency key: the caller's identity and the operation, so two clients'
    /// keys never collide and one key cannot be replayed against another endpoint.
    public var idempotencyScope: String
    /// The client's `Idempotency-Key`.
    public var idempotencyKey: String
    /// A hash of the request (method, path, canonical body): the same key with another hash is refused.
    public var requestHash: String
    public var target: Target
    /// The version the client expects the stream to be at (`If-Match`); a mismatch answers 409
    /// instead of re-deciding.
    public var expectedVersion: Int?
    /// The W3C trace id to carry into the events' metadata.
    public var traceID: String
    /// The business date the command is decided on (today, UTC, unless a test pins it).
    public var businessDate: LocalDate

    public init(idempotencyScope: String, idempotencyKey: String, requestHash: String, target: Target,
                expectedVersion: Int? = nil, traceID: String, businessDate: LocalDate) {
        self.idempotencyScope = idempotencyScope
        self.idempotencyKey = idempotencyKey
        self.requestHash = requestHash
        self.target = target
        self.expectedVersion = expectedVersion
        self.traceID = traceID
        self.businessDate = businessDate
    }
}

/// The answer to an accepted command: also what is stored under its idempotency key and replayed.
///
/// Encoded as `{"loan_id" | "borrower_id": …, "version": N, "event_ids": […], "event_types": […]}`.
public struct CommandResult: Sendable, Hashable, Encodable {
    public enum StreamType: String, Sendable, Hashable { case loan, borrower }

    public var streamType: StreamType
    /// `loan_id` or `borrower_id` of the stream.
    public var streamID: UUID
    /// The stream's version after the command (unchanged when the command was a no-op).
    public var version: Int
    public var eventIDs: [UUID]
    public var eventTypes: [String]

    public init(streamType: StreamType, streamID: UUID, version: Int, eventIDs: [UUID], eventTypes: [String]) {
        self.streamType = streamType
        self.streamID = streamID
        self.version = version
        self.eventIDs = eventIDs
        self.eventTypes = eventTypes
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(streamID.uuidString.lowercased(), forKey: Key("\(streamType.rawValue)_id"))
        try container.encode(version, forKey: Key("version"))
        try container.encode(eventIDs.map { $0.uuidString.lowercased() }, forKey: Key("event_ids"))
        try container.encode(eventTypes, forKey: Key("event_types"))
    }
}

/// What the write side answers: the exact bytes are stored under the idempotency key and replayed.
public struct CommandReply: Sendable, Hashable {
    /// 201 for a new stream, 200 otherwise.
    public var status: Int
    /// `application/json` body: a ``CommandResult``.
    public var body: [UInt8]
    /// True when this is the stored answer of an earlier identical request.
    public var replayed: Bool

    public init(status: Int, body: [UInt8], replayed: Bool) {
        self.status = status
        self.body = body
        self.replayed = replayed
    }
}
