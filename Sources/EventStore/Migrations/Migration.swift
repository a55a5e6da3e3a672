/// One versioned, immutable step of the database schema.
///
/// A migration's SQL must never change once it has been applied anywhere: the runner stores a
/// checksum of it and refuses to start when an applied migration's text differs. Fix forward
/// with a new migration instead.
public struct Migration: Sendable, Hashable {
    /// Position in the sequence, starting at 1, without gaps.
    public var version: Int
    /// A short name, for people reading `schema_migration`.
    public var name: String
    /// The SQL, run in one transaction.
    public var sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }
}

extension Migration {
    /// Every migration of the LoanStream database, in order.
    public static let all: [Migration] = [
        .eventStore,
        .ledger,
        .idempotencyAndOutbox,
        .cdcOutboxAndParking,
        .projectionCheckpoints,
        .outboxHeadersAsText,
    ]
}
