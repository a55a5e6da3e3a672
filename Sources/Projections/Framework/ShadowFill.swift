import Foundation
import Logging
import PostgresNIO

/// The shadow side of a rebuild: which version of each stream the shadow tables hold, and
/// applying batches there with the projection's own `apply`.
struct ShadowFill: Sendable {
    let rebuild: ProjectionRebuild
    /// The live projector's versions: the shadow applies no further than these.
    var live: [UUID: Int]
    private(set) var states: [UUID: StreamState] = [:]
    private(set) var applied = 0
    private(set) var skipped = 0

    init(rebuild: ProjectionRebuild, live: [UUID: Int]) {
        self.rebuild = rebuild
        self.live = live
    }

    /// Applies what of `messages` the live projector had applied, in one transaction on the shadow
    /// tables (or inside `connection`'s transaction during the swap).
    mutating func add(_ messages: [RawMessage], connection: PostgresConnection?) async throws {
        let decoded = messages.map(rebuild.decoder.decode).filter { message in
            guard let stream = message.streamID, let version = message.version else { return false }
            return version <= (live[stream] ?? 0)
        }
        guard !decoded.isEmpty else { return }
        let logger = rebuild.logger
        if let connection {
            try await apply(decoded, connection: connection)
            try await connection.query("RESET search_path", logger: logger)
        } else {
            let before = self
            self = try await ProjectorStore.transaction(rebuild.client, logger: logger) { connection in
                var inner = before
                try await inner.apply(decoded, connection: connection)
                return inner
            }
        }
    }

    private mutating func apply(_ decoded: [DecodedMessage], connection: PostgresConnection) async throws {
        try await connection.query(PostgresQuery(unsafeSQL: "SET LOCAL search_path TO \(rebuild.shadow), public"), logger: rebuild.logger)
        let processor = BatchProcessor(projection: rebuild.projection, client: rebuild.client, decoder: rebuild.decoder,
                                       publisher: nil, logger: rebuild.logger)
        var planner = try await processor.applyPlan(connection, states: states) { planner in
            for message in decoded { planner.add(message) }
        }
        applied += planner.accepted.count
        // What the live projector applied but the shadow refuses was discarded there: skip it the same way.
        while let refused = planner.parked.first(where: { $0.streamID != nil && $0.version != nil }) {
            skipped += planner.parked.count
            let carried = planner.states
            let parked = planner.parked.compactMap { message -> (UUID, Int)? in
                guard let stream = message.streamID, let version = message.version else { return nil }
                return (stream, version)
            }
            _ = refused
            planner = try await processor.applyPlan(connection, states: carried) { planner in
                for (stream, version) in parked { planner.skip(stream: stream, version: version) }
            }
            applied += planner.accepted.count
        }
        states = planner.states
    }
}
