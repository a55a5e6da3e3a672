extension Migration {
    /// Outbox headers are kept as the JSON text the writer produced, not as `jsonb`. Version 7: the read
    /// models' migration (in `Projections`) is 6.
    ///
    /// The relay sends the headers as they are, after checking them itself (a row whose headers are not a
    /// JSON object is parked). As `jsonb` every row was parsed on insert and printed back on every read:
    /// printing was about a third of PostgreSQL's work in the relay's read of a backlog.
    static let outboxHeadersAsText = Migration(version: 7, name: "outbox headers as text", sql: #"""
    ALTER TABLE outbox ALTER COLUMN headers DROP DEFAULT,
                       ALTER COLUMN headers TYPE text USING headers::text,
                       ALTER COLUMN headers SET DEFAULT '{}';
    ALTER TABLE cdc_outbox ALTER COLUMN headers DROP DEFAULT,
                           ALTER COLUMN headers TYPE text USING headers::text,
                           ALTER COLUMN headers SET DEFAULT '{}';
    ALTER TABLE outbox_parked ALTER COLUMN headers TYPE text USING headers::text;
    """#)
}
