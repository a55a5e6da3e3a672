import EventStore

extension Migration {
    /// Loan snapshots are kept as the JSON text the projector wrote, not as `jsonb`. Version 8.
    ///
    /// Nothing queries inside a snapshot: the projector reads it back whole and decodes it itself. As `jsonb`
    /// every upsert parsed each snapshot (about 12 kB of JSON for a loan with a year of repayments) and every
    /// read printed it back; parsing was most of PostgreSQL's work in a batch of repayments (in psql, 278
    /// snapshots upserted in 66–73 ms as `jsonb`, 8 ms as `text`).
    static let snapshotsAsText = Migration(version: 8, name: "loan snapshots as text", sql: #"""
    ALTER TABLE loan_snapshot ALTER COLUMN snapshot TYPE text USING snapshot::text;
    """#)
}
