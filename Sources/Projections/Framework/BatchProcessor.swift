import Foundation
import Kafka
import Logging
import PostgresNIO

/// Applies batches of messages to one projection: one PostgreSQL transaction per batch holding
/// the read-model writes, the streams' versions, the parked and waiting events and the partition
/// checkpoints; transient failures retried with the ``RetryPolicy``.
public struct BatchProcessor: Sendable {
    let projection: any Projection
    let client: PostgresClient
    let decoder: EventDecoder
    let publisher: DeadLetterPublisher?
    let retry: RetryPolicy
    let metrics: ProjectorMetrics
    let store: ProjectorStore
    /// Versions of the streams this processor committed, checked against the checkpoints each batch locks.
    let versions = StreamVersionCache()
    let logger: Logger

    /// - Parameters:
    ///   - publisher: Where parked messages go; `nil` only where nothing can be parked anew.
    public init(projection: any Projection, client: PostgresClient, decoder: EventDecoder, publisher: DeadLetterPublisher?,
                retry: RetryPolicy = .seeds, logger: Logger) {
        self.projection = projection
        self.client = client
        self.decoder = decoder
        self.publisher = publisher
        self.retry = retry
        self.logger = logger
        metrics = ProjectorMetrics(projector: projection.name)
        store = ProjectorStore(projector: projection.name, logger: logger)
    }

    /// Processes one consumed batch (messages of a partition in offset order), retrying transient
    /// failures per the policy.
    ///
    /// - Throws: ``ProjectorError/retriesExhausted(attempts:lastError:)`` once the policy gives up,
    ///   or `CancellationError` when the task is cancelled while waiting.
    @discardableResult
    public func process(_ messages: [RawMessage]) async throws -> BatchOutcome {
        guard !messages.isEmpty else { return BatchOutcome() }
        // Parsing and validating run beside the transaction's first statements (lock, checkpoints,
        // stream state), which only need offsets and the stream ids in the headers.
        let decoder = decoder
        let decoding = Task { messages.map(decoder.decode) }
        return try await process(messages) { await decoding.value }
    }

    /// Processes one batch that was already decoded (see ``consume(_:onRebalance:afterBatch:)``), retrying
    /// transient failures per the policy.
    ///
    /// - Throws: As ``process(_:)-([RawMessage])``.
    @discardableResult
    public func process(_ batch: DecodedBatch) async throws -> BatchOutcome {
        guard !batch.messages.isEmpty else { return BatchOutcome() }
        return try await process(batch.messages) { batch.decoded }
    }

    private func process(_ messages: [RawMessage], decoded: () async -> [DecodedMessage]) async throws -> BatchOutcome {
        let start = ContinuousClock.now
        defer { metrics.batch.record(duration: ContinuousClock.now - start) }
        return try await retrying { attempt in
            // A refusal rolls the batch back (no savepoint on the common path); it is tried again at once with the
            // refused event parked, which is no transient failure.
            var refused: [UUID: EventRejection] = [:]
            while true {
                do {
                    var outcome = try await attemptBatch(messages, decoded: decoded, refused: refused)
                    outcome.attempts = attempt
                    return outcome
                } catch let refusal as ProjectionRefusal {
                    refused[refusal.eventID] = refusal.rejection
                }
            }
        }
    }

    /// Runs `body` until it succeeds or the policy gives up.
    func retrying<T: Sendable>(_ body: (Int) async throws -> T) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await body(attempt)
            } catch let error as ProjectorError {
                throw error
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                guard let delay = retry.delay(afterAttempt: attempt) else {
                    throw ProjectorError.retriesExhausted(attempts: attempt, lastError: String(reflecting: error))
                }
                logger.warning("projector batch failed; retrying", metadata: [
                    "projector": "\(projection.name)", "attempt": "\(attempt)", "delay": "\(delay)", "error": "\(String(reflecting: error))",
                ])
                try await Task.sleep(for: delay)
                attempt += 1
            }
        }
    }

    private func attemptBatch(_ messages: [RawMessage], decoded: () async -> [DecodedMessage],
                              refused: [UUID: EventRejection]) async throws -> BatchOutcome {
        var committed: (checkpoints: [KafkaTopicPartition: Int64], streams: [(UUID, KafkaTopicPartition, StreamState)])?
        let outcome = try await ProjectorStore.transaction(client, logger: logger) { connection in
            let partitions = Array(Set(messages.map(\.topicPartition)))
            let stored = try await store.lockCheckpoints(connection, partitions)  // after the projector's shared lock
            // Offsets below the checkpoint were applied by an earlier batch (a redelivery, a seek back,
            // or another member that held the partition): skip them.
            let isFresh = { (raw: RawMessage) in raw.offset >= (stored[raw.topicPartition] ?? 0) }
            var hinted: [UUID: KafkaTopicPartition] = [:]
            for raw in messages where isFresh(raw) {
                if let stream = EventDecoder.streamHint(raw) { hinted[stream] = raw.topicPartition }
            }
            // Streams this processor committed last, in partitions nobody else has moved since, are not read back.
            var states = versions.versions(of: hinted, stored: stored).mapValues { StreamState(applied: $0) }
            let unknown = hinted.keys.filter { states[$0] == nil }
            if !unknown.isEmpty { states.merge(try await store.states(connection, streams: unknown)) { old, _ in old } }
            let fresh = await decoded().filter { isFresh($0.raw) }
            let unseen = Set(fresh.compactMap(\.streamID)).subtracting(states.keys)
            if !unseen.isEmpty { states.merge(try await store.states(connection, streams: Array(unseen))) { old, _ in old } }
            var outcome = BatchOutcome()
            outcome.duplicates = messages.count - fresh.count
            var offsets: [KafkaTopicPartition: Int64] = [:]
            for message in fresh { offsets[message.raw.topicPartition] = max(offsets[message.raw.topicPartition] ?? 0, message.raw.offset + 1) }
            let planner = try await applyPlan(connection, states: states, refused: refused, savepoint: false) { planner in
                for message in fresh { planner.add(message) }
            }
            try await persist(planner, connection: connection, offsets: offsets)
            var partitionOf: [UUID: KafkaTopicPartition] = [:]
            for message in fresh { if let stream = message.streamID { partitionOf[stream] = message.raw.topicPartition } }
            committed = (stored.merging(offsets, uniquingKeysWith: max), partitionOf.compactMap { stream, partition in
                planner.states[stream].map { (stream, partition, $0) }
            })
            outcome.applied = planner.accepted.count
            outcome.duplicates += planner.duplicates
            outcome.parked = planner.parked.count
            outcome.held = planner.held
            metrics.applied.increment(by: outcome.applied)
            metrics.duplicate.increment(by: outcome.duplicates)
            metrics.parked.increment(by: outcome.parked)
            metrics.waiting.increment(by: max(0, outcome.held))
            return outcome
        }
        // Only once COMMIT returned: a batch that rolled back, or whose commit is in doubt, leaves the cache as it
        // was, and a commit that did happen shows as a moved checkpoint to the next batch.
        if let committed { versions.remember(checkpoints: committed.checkpoints, streams: committed.streams) }
        return outcome
    }

    /// Plans with `fill` and applies the accepted events; when the projection refuses an event for
    /// good, rolls its writes back to a savepoint and plans again with that event parked.
    ///
    /// - Parameters:
    ///   - refused: Events refused by an earlier try of the same batch: parked, not applied.
    ///   - savepoint: `false` applies without a savepoint (two statements fewer per batch) and throws
    ///     ``ProjectionRefusal`` on a refusal instead: the caller's transaction must then be rolled back and
    ///     the batch tried again with that event in `refused`.
    func applyPlan(_ connection: PostgresConnection, states: [UUID: StreamState], refused: [UUID: EventRejection] = [:],
                   savepoint: Bool = true, fill: (inout BatchPlanner) -> Void) async throws -> BatchPlanner {
        var refused = refused
        let decoder = decoder
        while true {
            var planner = BatchPlanner(states: states, refused: refused) { decoder.decode($0) }
            fill(&planner)
            guard !planner.accepted.isEmpty else { return planner }
            if savepoint { try await connection.query("SAVEPOINT projection_apply", logger: logger) }
            let spans = EventSpans(projector: projection.name, events: planner.accepted)
            do {
                try await projection.apply(planner.accepted, connection: connection, logger: logger)
                if savepoint { try await connection.query("RELEASE SAVEPOINT projection_apply", logger: logger) }
                spans.end()
                return planner
            } catch let ProjectionFailure.permanent(eventID, errorClass, message)
                where refused[eventID] == nil && planner.accepted.contains(where: { $0.eventID == eventID }) {
                spans.end(failing: eventID, ProjectionFailure.permanent(eventID: eventID, errorClass: errorClass, message: message))
                let traceparent = planner.accepted.first { $0.eventID == eventID }?.traceparent
                logger.warning("projection refused an event; parking it", metadata: [
                    "projector": "\(projection.name)", "event_id": "\(eventID)", "error_class": "\(errorClass)",
                    "trace_id": "\(traceparent.flatMap(RawMessage.traceID(fromTraceparent:)) ?? "none")"])
                let rejection = EventRejection(errorClass: errorClass, message: message)
                guard savepoint else { throw ProjectionRefusal(eventID: eventID, rejection: rejection) }
                try await connection.query("ROLLBACK TO SAVEPOINT projection_apply", logger: logger)
                refused[eventID] = rejection
            } catch {
                spans.end(failing: nil, error)
                throw error
            }
        }
    }

    /// Stores the plan's bookkeeping and sends its parked messages to the DLQ (before the caller
    /// commits: a crash in between sends a dead letter twice, never loses one).
    func persist(_ planner: BatchPlanner, connection: PostgresConnection, offsets: [KafkaTopicPartition: Int64],
                 except replayed: RawMessage? = nil) async throws {
        let parked = planner.parked.filter { $0.raw != replayed }
        for message in parked { try await store.park(connection, message) }
        for (stream, version, event) in planner.newWaiting where event.raw != replayed { try await store.hold(connection, stream: stream, version: version, event) }
        try await store.release(connection, planner.drained)
        if !planner.versions.isEmpty || !offsets.isEmpty {
            try await store.advance(connection, versions: planner.versions, offsets: offsets)
        }
        if !parked.isEmpty {
            guard let publisher else { throw ProjectorError.configuration("no DLQ publisher to park \(parked.count) messages") }
            try await publisher.publish(parked)
            for message in parked {
                metrics.deadLettered(message.rejection?.errorClass ?? "unknown")
                logger.warning("event sent to the dead-letter topic", metadata: [
                    "projector": "\(projection.name)", "topic": "\(message.raw.topic)", "partition": "\(message.raw.partition)",
                    "offset": "\(message.raw.offset)", "event_id": "\(message.raw.header("event_id") ?? "unknown")",
                    "error_class": "\(message.rejection?.errorClass ?? "unknown")", "trace_id": "\(message.raw.traceID ?? "none")"])
            }
        }
    }
}

/// A projection refused an event while applying without a savepoint: the transaction must be rolled back
/// and the batch planned again with the event parked.
struct ProjectionRefusal: Error {
    let eventID: UUID
    let rejection: EventRejection
}
