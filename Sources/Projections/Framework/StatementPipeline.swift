import Logging
import NIOCore
import PostgresNIO

/// Statements written to one connection back to back, without waiting for each answer before sending the next.
///
/// PostgreSQL still runs them one at a time, in the order they were sent, inside the connection's transaction. What
/// is saved is the wait between them: postgres-nio starts the next statement from its event loop as soon as the
/// previous one is answered, instead of after the awaiting task was resumed on a cooperative thread that, under load,
/// is busy with other work. For statements whose rows are not needed (writes), e.g. a read-model batch's dozen
/// upserts and change captures.
///
/// A failing statement aborts the transaction, so the ones after it fail too; ``finish()`` reports the first failure.
public struct StatementPipeline: Sendable {
    private let connection: PostgresConnection
    private let logger: Logger
    private var sent: [EventLoopFuture<PostgresQueryResult>] = []

    public init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    /// Sends `query` now (after the statements sent before it).
    public mutating func send(_ query: PostgresQuery) {
        sent.append(connection.query(query, logger: logger))
    }

    /// How many statements were sent.
    public var count: Int { sent.count }

    /// Waits until every statement sent was answered.
    ///
    /// - Throws: The first statement's error in the order they were sent (the later ones then failed only because
    ///   the transaction was aborted); every statement has been answered by then.
    public func finish() async throws {
        var failure: (any Error)?
        for statement in sent {
            do {
                _ = try await statement.get()
            } catch {
                if failure == nil { failure = error }
            }
        }
        if let failure { throw failure }
    }
}
