extension Migration {
    /// The CDC outbox the projectors write (same shape as `outbox`, drained by the same relay) and
    /// the rows the relay parked because they failed validation, kept with their error.
    static let cdcOutboxAndParking = Migration(version: 4, name: "cdc outbox and parked outbox rows", sql: #"""
    CREATE TABLE cdc_outbox (
        id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        topic      text        NOT NULL,
        key        text        NOT NULL,
        headers    jsonb       NOT NULL DEFAULT '{}',
        payload    text        NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
    );
    CREATE INDEX cdc_outbox_key ON cdc_outbox (key, id);

    CREATE TABLE outbox_parked (
        source_table text        NOT NULL,
        id           bigint      NOT NULL,
        topic        text        NOT NULL,
        key          text        NOT NULL,
        headers      jsonb       NOT NULL,
        payload      text        NOT NULL,
        created_at   timestamptz NOT NULL,
        parked_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
        error        text        NOT NULL,
        PRIMARY KEY (source_table, id)
    );
    CREATE INDEX outbox_parked_key ON outbox_parked (source_table, key);
    """#)
}
