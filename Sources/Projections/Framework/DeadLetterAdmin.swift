import EventSchemas
import Foundation
import Logging
import PostgresNIO

/// What `loanstream dlq` does: lists parked events, replays them (re-validated and applied, then
/// the events that waited behind them), or discards them (their version counts as skipped so the
/// successors flow). Each runs in one transaction holding the projector's exclusive lock.
public struct DeadLetterAdmin: Sendable {
    let client: PostgresClient
    let schemas: SchemaRegistry
    let catalog: ProjectionCatalog
    /// Where successors that fail while draining are sent; `nil` makes such a drain fail.
    let publisher: @Sendable (String) -> DeadLetterPublisher?
    let logger: Logger

    public init(client: PostgresClient, schemas: SchemaRegistry, catalog: ProjectionCatalog = .standard,
                publisher: @escaping @Sendable (String) -> DeadLetterPublisher?, logger: Logger) {
        self.client = client
        self.schemas = schemas
        self.catalog = catalog
        self.publisher = publisher
        self.logger = logger
    }

    private static let columns = """
        id, projector, stream_id, version, event_id, event_type, error_class, error_message, topic, partition, kafka_offset,
        parked_at, replay_attempts, resolution, resolved_by, resolved_at
        """

    /// Parked events, oldest first; only unresolved ones unless `includeResolved`.
    public func list(projector: String? = nil, includeResolved: Bool = false) async throws -> [ParkedEvent] {
        let rows = try await client.query("""
            SELECT \(unescaped: Self.columns) FROM projection_parked
            WHERE (\(projector)::text IS NULL OR projector = \(projector)) AND (\(includeResolved) OR resolved_at IS NULL)
            ORDER BY id
            """, logger: logger)
        var parked: [ParkedEvent] = []
        for try await row in rows.decode(Row.self) { parked.append(Self.event(row)) }
        return parked
    }

    /// Replays one parked event.
    public func replay(_ reference: ParkedReference, by actor: String) async throws -> ResolutionOutcome {
        try await resolve(reference, actor: actor, discard: false)
    }

    /// Replays every unresolved parked event (of one projector, or all), oldest first.
    public func replayAll(projector: String?, by actor: String) async throws -> [(ParkedEvent, ResolutionOutcome)] {
        var results: [(ParkedEvent, ResolutionOutcome)] = []
        for event in try await list(projector: projector) {
            results.append((event, try await resolve(.id(event.id), actor: actor, discard: false)))
        }
        return results
    }

    /// Gives up on one parked event: it is never applied, its version counts as skipped and the
    /// events that waited behind it are applied. For a `version_gap` it is the missing versions
    /// that are given up on: the parked event itself is then applied.
    public func discard(_ reference: ParkedReference, by actor: String) async throws -> ResolutionOutcome {
        try await resolve(reference, actor: actor, discard: true)
    }

    private func resolve(_ reference: ParkedReference, actor: String, discard: Bool) async throws -> ResolutionOutcome {
        let target = try await find(reference)
        let projection = try catalog.make(target.projector)
        let processor = BatchProcessor(projection: projection, client: client, decoder: EventDecoder(schemas: schemas),
                                       publisher: publisher(target.projector), logger: logger)
        return try await ProjectorStore.transaction(client, logger: logger) { connection in
            try await processor.store.lock(connection, exclusive: true)
            let rows = try await connection.query("""
                SELECT \(unescaped: Self.columns), encode(message_key, 'base64'), headers::text, encode(payload, 'base64')
                FROM projection_parked WHERE id = \(target.id) AND resolved_at IS NULL FOR UPDATE
                """, logger: logger)
            var found: (ParkedEvent, RawMessage)?
            for try await row in rows.decode(RowWithMessage.self) {
                let event = Self.event((row.0, row.1, row.2, row.3, row.4, row.5, row.6, row.7, row.8, row.9, row.10, row.11,
                                        row.12, row.13, row.14, row.15))
                found = (event, ProjectorStore.raw(topic: event.topic, partition: event.partition, offset: event.offset,
                                                   key: row.16, headers: row.17, payload: row.18))
            }
            guard let (parked, raw) = found else { throw ProjectorError.notFound("\(reference) is not parked (or already resolved)") }
            return try await resolve(parked, raw: raw, discard: discard, actor: actor, processor: processor, connection: connection)
        }
    }

    private func resolve(_ parked: ParkedEvent, raw: RawMessage, discard: Bool, actor: String, processor: BatchProcessor,
                         connection: PostgresConnection) async throws -> ResolutionOutcome {
        var decoded = processor.decoder.decode(raw)
        if let stream = parked.streamID { decoded.streamID = stream }
        if let version = parked.version { decoded.version = version }
        guard let stream = decoded.streamID, let version = decoded.version else {
            if discard {
                try await mark(parked, resolution: "discarded", actor: actor, connection: connection)
                return ResolutionOutcome(resolved: true, error: nil, applied: 0)
            }
            let error = decoded.rejection?.description ?? "the stream of this message cannot be told"
            try await stillParked(parked, error: decoded.rejection, connection: connection)
            return ResolutionOutcome(resolved: false, error: error, applied: 0)
        }
        var state = try await processor.store.states(connection, streams: [stream])[stream] ?? StreamState()
        try await connection.query("""
            UPDATE projection_parked SET resolved_at = clock_timestamp(), resolution = \(discard ? "discarded" : "replayed"),
                   resolved_by = \(actor) WHERE id = \(parked.id)
            """, logger: logger)
        if let id = parked.eventID { state.parkedEventIDs.remove(id) }
        state.blocked = !state.parkedEventIDs.isEmpty
        let skipsItself = discard && parked.errorClass != EventRejection.versionGap
        if skipsItself {
            state.applied = max(state.applied, version)
        } else {
            if discard { state.applied = max(state.applied, version - 1) }
            if version > state.applied { state.waiting[version] = WaitingEvent(raw: raw, eventID: decoded.eventID, persisted: false) }
        }
        let planner = try await processor.applyPlan(connection, states: [stream: state]) { $0.drain(stream: stream) }
        try await processor.persist(planner, connection: connection, offsets: [:], except: raw)
        let applied = planner.states[stream]?.applied ?? state.applied
        if applied > 0 { try await processor.store.advance(connection, versions: [stream: applied], offsets: [:]) }
        let done = skipsItself || applied >= version
        if !done {
            let rejection = planner.parked.first { $0.raw == raw }?.rejection
                ?? EventRejection(errorClass: EventRejection.versionGap,
                                  message: "version \(applied + 1) of stream \(stream) is still missing; this is version \(version)")
            try await stillParked(parked, error: rejection, connection: connection)
            return ResolutionOutcome(resolved: false, error: rejection.description, applied: planner.accepted.count)
        }
        return ResolutionOutcome(resolved: true, error: nil, applied: planner.accepted.count)
    }

    private func mark(_ parked: ParkedEvent, resolution: String, actor: String, connection: PostgresConnection) async throws {
        try await connection.query("""
            UPDATE projection_parked SET resolved_at = clock_timestamp(), resolution = \(resolution), resolved_by = \(actor)
            WHERE id = \(parked.id)
            """, logger: logger)
    }

    private func stillParked(_ parked: ParkedEvent, error: EventRejection?, connection: PostgresConnection) async throws {
        let error = error ?? EventRejection(errorClass: parked.errorClass, message: parked.errorMessage)
        try await connection.query("""
            UPDATE projection_parked SET resolved_at = NULL, resolution = NULL, resolved_by = NULL,
                   error_class = \(error.errorClass), error_message = \(error.message), replay_attempts = replay_attempts + 1
            WHERE id = \(parked.id)
            """, logger: logger)
    }

    private func find(_ reference: ParkedReference) async throws -> ParkedEvent {
        let rows: PostgresRowSequence
        switch reference {
        case .id(let id):
            rows = try await client.query("SELECT \(unescaped: Self.columns) FROM projection_parked WHERE id = \(id) AND resolved_at IS NULL", logger: logger)
        case .eventID(let eventID):
            rows = try await client.query("""
                SELECT \(unescaped: Self.columns) FROM projection_parked WHERE event_id = \(eventID) AND resolved_at IS NULL ORDER BY id LIMIT 1
                """, logger: logger)
        }
        for try await row in rows.decode(Row.self) { return Self.event(row) }
        throw ProjectorError.notFound("\(reference) is not parked (or already resolved)")
    }

    typealias Row = (Int64, String, UUID?, Int?, UUID?, String?, String, String, String, Int32, Int64, Date, Int, String?, String?, Date?)
    typealias RowWithMessage = (Int64, String, UUID?, Int?, UUID?, String?, String, String, String, Int32, Int64, Date, Int, String?, String?,
                                Date?, String?, String, String?)

    private static func event(_ row: Row) -> ParkedEvent {
        ParkedEvent(id: row.0, projector: row.1, streamID: row.2, version: row.3, eventID: row.4, eventType: row.5, errorClass: row.6,
                    errorMessage: row.7, topic: row.8, partition: row.9, offset: row.10, parkedAt: row.11, replayAttempts: row.12,
                    resolution: row.13, resolvedBy: row.14, resolvedAt: row.15)
    }
}
