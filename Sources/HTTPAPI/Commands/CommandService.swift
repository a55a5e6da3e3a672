import EventSchemas
import EventStore
import Foundation
import Lending
import Logging

/// The write side: decides a command against the stream's current state and commits its events,
/// journal entries, outbox rows and idempotency record in one transaction (guarantees 1, 2, 3, 6).
public struct CommandService: Sendable {
    let store: EventStore
    let schemas: SchemaRegistry
    let topics: TopicCatalog
    let logger: Logger
    /// Folded loan states from earlier commands of this process.
    let loanStates = LoanStateCache()
    /// How often a command is re-decided after losing a race for the stream's next version.
    var maxAttempts: Int = 5
    /// How long a stored response is replayed for its idempotency key.
    var idempotencyRetention: Duration = .seconds(86_400)

    /// - Parameters:
    ///   - store: the event store.
    ///   - schemas: every event is validated against its schema before commit.
    ///   - topics: which topic carries each event type.
    ///   - logger: where refusals of produced events (bugs) are logged in full.
    public init(store: EventStore, schemas: SchemaRegistry, topics: TopicCatalog, logger: Logger) {
        self.store = store
        self.schemas = schemas
        self.topics = topics
        self.logger = logger
    }

    /// Executes a command exactly once per idempotency key.
    ///
    /// - Returns: the reply, replayed byte for byte when the key was used before with the same request.
    /// - Throws: `LendingError` when the domain refuses the command, ``CommandError`` otherwise; in every
    ///   error case nothing is written.
    public func execute(_ request: CommandRequest) async throws -> CommandReply {
        if let reply = try await executeOptimistically(request) { return reply }
        var attempt = 1
        while true {
            do {
                let (reply, committed) = try await store.transaction { try await attemptOnce(request, $0) }
                remember(committed)
                return reply
            } catch let error as EventStoreError where error.code == .versionConflict {
                // Re-decided under the lock: an If-Match request then fails its check with the version the stream is at.
                guard attempt < maxAttempts else {
                    throw CommandError(.conflictRetriesExhausted, "the stream kept changing; retry the request with the same Idempotency-Key")
                }
                attempt += 1
            }
        }
    }

    /// One attempt on the locking path; returns the reply and, unless it was a replay, the decision (to cache
    /// its result after commit).
    private func attemptOnce(_ request: CommandRequest, _ tx: EventStoreTransaction) async throws -> (CommandReply, Decision?) {
        if let stored = try await tx.claimIdempotencyKey(scope: request.idempotencyScope, key: request.idempotencyKey,
                                                          requestHash: request.requestHash, retention: idempotencyRetention) {
            return (try replay(stored, of: request), nil)
        }
        let decision = try await decide(request) { id, kind, afterVersion in
            try await tx.lockAndLoadStream(id, kind: kind, afterVersion: afterVersion)
        }
        let (reply, writes) = try prepare(request, decision)
        try await tx.write(writes)
        return (reply, decision)
    }

    /// The stored reply of an earlier request with the same key, or a refusal when the requests differ.
    func replay(_ stored: StoredResponse, of request: CommandRequest) throws -> CommandReply {
        guard stored.requestHash == request.requestHash else {
            throw CommandError(.idempotencyKeyReused, "this Idempotency-Key was already used for a different request")
        }
        return CommandReply(status: stored.statusCode, body: stored.body, replayed: true)
    }

    /// The reply and every row a decided command writes: validated events, outbox rows, journal, stored response.
    func prepare(_ request: CommandRequest, _ decision: Decision) throws -> (CommandReply, CommandWrites) {
        let envelopes = try decision.envelopes(request: request, now: Date())
        var stored: [StoredEvent] = []
        var outbox: [OutboxRecord] = []
        for envelope in envelopes {
            let json = try validated(envelope)
            guard let topic = topics.topic(forEventType: envelope.eventType) else {
                throw invalid(envelope, "no topic in Topics/ carries \(envelope.eventType)")
            }
            stored.append(envelope.stored(json: json))
            outbox.append(envelope.outbox(topic: topic.name, json: json))
        }
        let result = CommandResult(streamType: decision.kind == .loan ? .loan : .borrower, streamID: decision.streamID,
                                   version: decision.currentVersion + envelopes.count,
                                   eventIDs: envelopes.map(\.eventID), eventTypes: envelopes.map(\.eventType))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let reply = CommandReply(status: decision.isNew ? 201 : 200, body: Array(try encoder.encode(result)), replayed: false)
        let writes = CommandWrites(
            kind: decision.kind, expectedVersion: decision.currentVersion, events: stored, journal: decision.journal(envelopes),
            outbox: outbox,
            response: StoredResponse(requestHash: request.requestHash, statusCode: reply.status, body: reply.body, contentType: "application/json"),
            idempotencyScope: request.idempotencyScope, idempotencyKey: request.idempotencyKey,
            loanID: decision.kind == .loan ? decision.streamID : nil, retention: idempotencyRetention)
        return (reply, writes)
    }

    /// Caches the loan state a committed decision left, so the next command on the loan reads only newer events.
    func remember(_ committed: Decision?) {
        if let committed, let after = committed.loanStateAfter {
            loanStates.put(committed.streamID, version: after.version, state: after.state)
        }
    }

    /// Validates the event against its schema; a refusal is a bug in the domain, never the client's fault.
    private func validated(_ envelope: EventEnvelope) throws -> String {
        let json = envelope.json
        let errors: [ValidationError]
        do {
            errors = try schemas.validate(json, eventType: envelope.eventType, exactVersion: envelope.schemaVersion)
        } catch {
            throw invalid(envelope, String(describing: error))
        }
        guard errors.isEmpty else { throw invalid(envelope, errors.map(\.description).joined(separator: "; ")) }
        return json.serialized(sortedKeys: true)
    }

    private func invalid(_ envelope: EventEnvelope, _ detail: String) -> CommandError {
        let errorID = UUID().uuidString.lowercased()
        logger.error("produced event refused by its schema; nothing written", metadata: [
            "error_id": "\(errorID)", "event_type": "\(envelope.eventType)", "event_id": "\(envelope.eventID)",
            "stream_id": "\(envelope.streamID)", "problems": "\(detail)",
        ])
        return CommandError(.invalidEvent(errorID: errorID), "an internal error stopped this command; nothing was written (error id \(errorID))")
    }
}
