import Foundation
import PostgresNIO

extension EventStoreTransaction {
    /// Claims `key` for this transaction with a placeholder row (status 0, never committed as such:
    /// ``write(_:)`` or ``storeResponse(_:scope:key:loanID:retention:)`` replaces it before commit).
    ///
    /// One round trip does what ``lockIdempotencyKey(scope:key:)`` and ``storedResponse(scope:key:)``
    /// do in two on the common path: a concurrent request with the same key blocks on the row's
    /// index entry until this transaction ends, then finds the stored response (or claims the key
    /// itself if this one rolled back). An expired response is claimed like a new key.
    ///
    /// - Returns: `nil` when the key is now this transaction's; otherwise the response a committed
    ///   request stored under it.
    public func claimIdempotencyKey(scope: String, key: String, requestHash: String,
                                    retention: Duration = .seconds(86_400)) async throws -> StoredResponse? {
        let seconds = Int(retention.components.seconds)
        let rows = try await connection.query("""
            INSERT INTO idempotency_key (scope, key, request_hash, status_code, response_body, content_type, expires_at)
            VALUES (\(scope), \(key), \(requestHash), 0, ''::bytea, '', now() + make_interval(secs => \(seconds)))
            ON CONFLICT (scope, key) DO UPDATE
               SET request_hash = EXCLUDED.request_hash, status_code = 0, response_body = ''::bytea, content_type = '',
                   loan_id = NULL, created_at = now(), expires_at = EXCLUDED.expires_at
             WHERE idempotency_key.expires_at <= now()
            RETURNING true
            """, logger: logger)
        for try await _ in rows.decode(Bool.self) { return nil }
        // Another request committed under this key; this new statement sees it: replay or refuse.
        guard let stored = try await storedResponse(scope: scope, key: key) else {
            throw EventStoreError(.versionConflict, "idempotency key \(key) changed hands while it was claimed; retry")
        }
        return stored
    }
}
