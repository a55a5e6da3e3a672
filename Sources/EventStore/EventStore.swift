import Logging
import PostgresNIO

/// The PostgreSQL event store: the source of truth of every loan.
public struct EventStore: Sendable {
    let client: PostgresClient
    let logger: Logger

    /// - Parameters:
    ///   - client: a running client (a `Service` in the process's `ServiceGroup`).
    ///   - logger: where the store logs.
    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// Runs `body` on one connection without a transaction block: each statement commits on its own.
    ///
    /// For the optimistic path of a command, whose writes are one statement (``EventStoreTransaction/write(_:mode:)``
    /// with ``WriteMode/unclaimed``), so they are still all-or-nothing.
    ///
    /// - Parameter body: the unit of work.
    /// - Returns: what `body` returns.
    public func autocommit<Result: Sendable>(_ body: (EventStoreTransaction) async throws -> Result) async throws -> Result {
        let logger = self.logger
        return try await client.withConnection { connection in
            try await body(EventStoreTransaction(connection: connection, logger: logger))
        }
    }

    /// Runs `body` in one database transaction: it commits when `body` returns and rolls back when it throws.
    ///
    /// - Parameter body: the unit of work.
    /// - Returns: what `body` returns.
    /// - Throws: what `body` throws, or the commit's error (for example an unbalanced journal entry).
    public func transaction<Result: Sendable>(_ body: (EventStoreTransaction) async throws -> Result) async throws -> Result {
        let logger = self.logger
        do {
            return try await client.withTransaction(logger: logger) { connection in
                try await body(EventStoreTransaction(connection: connection, logger: logger))
            }
        } catch let error as PostgresTransactionError {
            // The work's own error (a version conflict, a domain refusal) matters more than the wrapper:
            // the transaction was rolled back either way.
            if let inner = error.closureError { throw inner }
            throw error
        }
    }
}
