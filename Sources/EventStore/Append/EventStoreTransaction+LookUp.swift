import Foundation
import NIOCore
import PostgresNIO

/// What the optimistic path of a command reads in one statement: the idempotency key's stored response and
/// the tail of the stream the command addresses.
public struct KeyAndTail: Sendable {
    /// The live response stored under the key, if a request with it committed.
    public var stored: StoredResponse?
    /// Whether an expired response still occupies the key (it is replaced only under the claim of the locking path).
    public var expiredKey: Bool
    /// The stream's events after the requested version, in order (empty when the key has a live response).
    public var events: [StoredEvent]
}

extension EventStoreTransaction {
    /// Reads the response stored under an idempotency key and, unless one is live, the stream's events after
    /// `afterVersion` — in one statement and without locks (the optimistic path of ``write(_:mode:)``).
    ///
    /// - Parameters:
    ///   - scope: The key's scope.
    ///   - key: The idempotency key.
    ///   - stream: The stream to load (`nil` for a command that creates a new stream).
    /// - Returns: The stored response, whether an expired one occupies the key, and the stream's tail.
    public func lookUp(scope: String, key: String,
                       stream: (id: UUID, kind: StreamKind, afterVersion: Int)?) async throws -> KeyAndTail {
        let table = stream?.kind.table ?? StreamKind.loan.table
        let idColumn = stream?.kind.idColumn ?? StreamKind.loan.idColumn
        let rows = try await connection.query("""
            WITH k AS (
              SELECT request_hash, status_code, response_body, content_type, expires_at > now() AS live
                FROM idempotency_key WHERE scope = \(scope) AND key = \(key))
            SELECT k.request_hash, k.status_code, k.response_body, k.content_type, k.live,
                   e.version, e.event_id, e.event_type, e.schema_version, e.occurred_at, e.effective_at, e.payload::text
              FROM (SELECT 1) one
              LEFT JOIN k ON true
              LEFT JOIN LATERAL (
                SELECT version, event_id, event_type, schema_version, occurred_at, effective_at, payload
                  FROM \(unescaped: table)
                 WHERE \(unescaped: idColumn) = \(stream?.id) AND version > \(stream?.afterVersion ?? 0) AND k.request_hash IS NULL
                 ORDER BY version) e ON true
             ORDER BY e.version
            """, logger: logger)
        var result = KeyAndTail(stored: nil, expiredKey: false, events: [])
        for try await (hash, status, body, contentType, live, version, eventID, type, schemaVersion, occurredAt, effectiveAt, json)
            in rows.decode((String?, Int?, ByteBuffer?, String?, Bool?, Int?, UUID?, String?, Int?, Date?, Date?, String?).self) {
            if let hash, let status, let body, let contentType, let live {
                if live {
                    result.stored = StoredResponse(requestHash: hash, statusCode: status, body: Array(body.readableBytesView),
                                                   contentType: contentType)
                } else {
                    result.expiredKey = true
                }
            }
            if let stream, let event = StoredEvent(streamID: stream.id,
                                                   joined: (version, eventID, type, schemaVersion, occurredAt, effectiveAt, json)) {
                result.events.append(event)
            }
        }
        return result
    }
}
