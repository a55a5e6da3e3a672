import Foundation
import NIOCore
import PostgresNIO

extension EventStoreTransaction {
    /// Serialises requests that share an idempotency key until this transaction ends, so two
    /// concurrent duplicates produce one set of events: the second waits, then finds the stored response.
    public func lockIdempotencyKey(scope: String, key: String) async throws {
        try await connection.query(
            "SELECT pg_advisory_xact_lock(hashtextextended(\(scope) || E'\\x1f' || \(key), 0))", logger: logger)
    }

    /// The response stored under `key`, if a request with that key already committed.
    public func storedResponse(scope: String, key: String) async throws -> StoredResponse? {
        let rows = try await connection.query("""
            SELECT request_hash, status_code, response_body, content_type FROM idempotency_key
             WHERE scope = \(scope) AND key = \(key) AND expires_at > now()
            """, logger: logger)
        for try await (hash, status, body, contentType) in rows.decode((String, Int, ByteBuffer, String).self) {
            return StoredResponse(requestHash: hash, statusCode: status, body: Array(body.readableBytesView), contentType: contentType)
        }
        return nil
    }

    /// Stores the response of the request made with `key`, kept for `retention` (24 hours by default,
    /// longer than any client retries a payment).
    public func storeResponse(_ response: StoredResponse, scope: String, key: String, loanID: UUID?,
                              retention: Duration = .seconds(86_400)) async throws {
        let seconds = Int(retention.components.seconds)
        try await connection.query("""
            INSERT INTO idempotency_key (scope, key, request_hash, status_code, response_body, content_type, loan_id, expires_at)
            VALUES (\(scope), \(key), \(response.requestHash), \(response.statusCode), \(ByteBuffer(bytes: response.body)), \(response.contentType),
                    \(loanID), now() + make_interval(secs => \(seconds)))
            \(unescaped: Self.replaceClaimedOrExpired)
            """, logger: logger)
    }

    /// The conflict clause of storing a response: it replaces this transaction's placeholder
    /// (status 0) or an expired response, never a live one.
    static let replaceClaimedOrExpired = """
        ON CONFLICT (scope, key) DO UPDATE
           SET request_hash = EXCLUDED.request_hash, status_code = EXCLUDED.status_code,
               response_body = EXCLUDED.response_body, content_type = EXCLUDED.content_type,
               loan_id = EXCLUDED.loan_id, created_at = now(), expires_at = EXCLUDED.expires_at
         WHERE idempotency_key.expires_at <= now() OR idempotency_key.status_code = 0
        """
}
